import { defineCheck } from '../define';
import { evaluateWorldOpenPorts } from './port-rules';

export const sgNoPublicRdp = defineCheck(
  {
    id: 'ec2-sg-no-public-rdp',
    title: 'Security groups do not allow RDP (3389) from 0.0.0.0/0 or ::/0',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    remediation: 'Restrict port 3389 to known administrative CIDRs or use Fleet Manager instead of RDP.',
    requiredActions: ['ec2:DescribeSecurityGroups'],
    datasets: ['ec2.securityGroups'],
    scope: 'regional',
  },
  (inv) => evaluateWorldOpenPorts(inv, [3389], 'any'),
);
