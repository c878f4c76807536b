import { worldDestinations } from '../../../controls/judgement/open-egress';
import { asList, isUnknown } from '../../../policy/template-values';
import { propertiesOf, stackResourcesOfType } from '../../private/context';
import { bodiesByType, COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';
import { pointsAt } from '../shared';

function isOpen(rule: any): boolean {
  return worldDestinations([rule?.CidrIp], [rule?.CidrIpv6]).length > 0;
}

/**
 * A security group allows egress to anywhere (`0.0.0.0/0` or `::/0`).
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #3. Judges inline `SecurityGroupEgress` rules and
 * `AWS::EC2::SecurityGroupEgress` resources. A group with no egress rule at all (inline or as a
 * separate resource in the stack) gets AWS's default allow-all egress and is a finding too; CDK's
 * `allowAllOutbound: false` writes a placeholder 255.255.255.255/32 rule that matches nothing and
 * is compliant.
 */
export default defineRule({
  name: 'SecurityGroupOpenEgress',
  level: ERROR,
  info: 'The security group allows outbound traffic to 0.0.0.0/0 or ::/0.',
  explanation: 'Open egress lets a compromised workload reach any host on the internet (exfiltration, command and control). Set allowAllOutbound: false and allow only the destinations needed (VPC endpoints, prefix lists, peer security groups).',
  ...bodiesByType({
    'AWS::EC2::SecurityGroup': (node, props) => {
      if (isUnknown(props.SecurityGroupEgress)) {
        return NOT_APPLICABLE;
      }
      const inline = asList(props.SecurityGroupEgress);
      if (inline.some(isOpen)) {
        return NON_COMPLIANT;
      }
      if (inline.length > 0) {
        return COMPLIANT;
      }
      const separate = stackResourcesOfType(node, 'AWS::EC2::SecurityGroupEgress')
        .some((egress) => pointsAt(propertiesOf(egress)?.GroupId, node));
      return separate ? COMPLIANT : NON_COMPLIANT;
    },
    'AWS::EC2::SecurityGroupEgress': (_node, props) => {
      if (isUnknown(props.CidrIp) || isUnknown(props.CidrIpv6)) {
        return NOT_APPLICABLE;
      }
      return isOpen(props) ? NON_COMPLIANT : COMPLIANT;
    },
  }),
});
