import { propertiesOf, stackResourcesOfType } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';
import { asList } from '../../private/values';
import { pointsAt } from '../shared';

/**
 * A VPC has no flow log.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #7. Compliant: an `AWS::EC2::FlowLog` in the same stack
 * whose `ResourceId` references the VPC.
 */
export default defineRule({
  name: 'VpcFlowLogs',
  level: ERROR,
  resourceTypes: ['AWS::EC2::VPC'],
  info: 'The VPC has no flow log.',
  explanation: 'Without flow logs there is no record of the network traffic in the VPC, for incident response or audit. Add a flow log (vpc.addFlowLog) to an encrypted destination.',
  body: (node) => {
    const found = stackResourcesOfType(node, 'AWS::EC2::FlowLog').some((flowLog) => {
      const p = propertiesOf(flowLog);
      return p && asList(p.ResourceId).some((id) => pointsAt(id, node));
    });
    return found ? COMPLIANT : NON_COMPLIANT;
  },
});
