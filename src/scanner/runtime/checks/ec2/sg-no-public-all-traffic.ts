import { arn, fail, pass } from '../../model';
import { defineCheck } from '../define';
import { isAllTraffic, worldSources } from './port-rules';

export const sgNoPublicAllTraffic = defineCheck(
  {
    id: 'ec2-sg-no-public-all-traffic',
    title: 'Security groups do not allow all traffic (protocol -1) from the internet',
    severity: 'CRITICAL',
    category: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    remediation: 'Replace protocol -1 rules from 0.0.0.0/0 or ::/0 with rules for the specific ports the workload serves.',
    requiredActions: ['ec2:DescribeSecurityGroups'],
    datasets: ['ec2.securityGroups'],
    scope: 'regional',
  },
  (inv) =>
    (inv.securityGroups ?? []).map((sg) => {
      const id = arn(inv, 'ec2', `security-group/${sg.groupId}`);
      const open = sg.ingress.filter((p) => isAllTraffic(p.protocol) && worldSources(p, 'any').length > 0);
      return open.length === 0
        ? pass(id, 'no all-traffic inbound rule from the internet')
        : fail(id, `all traffic allowed from ${open.flatMap((p) => worldSources(p, 'any')).join(', ')}`);
    }),
);
