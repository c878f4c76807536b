import { worldDestinations } from '../../../../controls/judgement/open-egress';
import { arn, fail, pass } from '../../model';
import { defineCheck } from '../define';
import { describePermission } from './port-rules';

/**
 * EC2.NoOpenEgress: the run-time side of `CompliancePack-SecurityGroupOpenEgress` (AuditedVpc's and
 * BatchPipeline's groups allow no outbound traffic to the internet), the same judgement.
 */
export const sgNoOpenEgress = defineCheck(
  {
    id: 'ec2-sg-no-open-egress',
    title: 'Security groups do not allow all outbound traffic',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    remediation: 'Remove the outbound rules to 0.0.0.0/0 and ::/0 and allow only the destinations needed (VPC endpoints, prefix lists, peer security groups).',
    requiredActions: ['ec2:DescribeSecurityGroups'],
    datasets: ['ec2.securityGroups'],
    scope: 'regional',
  },
  (inv) =>
    (inv.securityGroups ?? []).map((sg) => {
      const id = arn(inv, 'ec2', `security-group/${sg.groupId}`);
      const open = sg.egress.filter((p) => worldDestinations(p.ipv4Ranges, p.ipv6Ranges).length > 0);
      return open.length === 0
        ? pass(id, 'no outbound rule to the internet')
        : fail(id, open.map((p) => `${describePermission(p)} to ${worldDestinations(p.ipv4Ranges, p.ipv6Ranges).join(', ')}`).join('; '));
    }),
);
