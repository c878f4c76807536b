import { logsRejectedTraffic } from '../../../controls/judgement/flow-logs';
import { asList, isUnknown } from '../../../policy/template-values';
import { propertiesOf, stackResourcesOfType } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';
import { pointsAt } from '../shared';

/**
 * A VPC has no flow log of its rejected traffic.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #7. Compliant: an `AWS::EC2::FlowLog` in the same stack
 * whose `ResourceId` references the VPC and whose traffic type records rejected traffic (`ALL` or
 * `REJECT`, `src/controls/judgement/flow-logs.ts`, the rule the scanner's
 * `ec2-vpc-flow-logs-enabled` check applies to the live flow logs). A flow log whose traffic type
 * is a token leaves the VPC unjudged when no other flow log decides.
 */
export default defineRule({
  name: 'VpcFlowLogs',
  level: ERROR,
  resourceTypes: ['AWS::EC2::VPC'],
  info: 'The VPC has no flow log of rejected traffic.',
  explanation: 'Without flow logs there is no record of the network traffic in the VPC, for incident response or audit. Add a flow log (vpc.addFlowLog) of traffic type ALL or REJECT to an encrypted destination.',
  body: (node) => {
    const types = stackResourcesOfType(node, 'AWS::EC2::FlowLog')
      .map((flowLog) => propertiesOf(flowLog))
      .filter((p) => p && asList(p.ResourceId).some((id) => pointsAt(id, node)))
      .map((p) => p.TrafficType);
    if (types.some(logsRejectedTraffic)) {
      return COMPLIANT;
    }
    return types.some(isUnknown) ? NOT_APPLICABLE : NON_COMPLIANT;
  },
});
