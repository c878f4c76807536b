import { defineCheck } from '../define';
import { evaluateWorldOpenPorts } from './port-rules';

export const sgNoPublicSsh = defineCheck(
  {
    id: 'ec2-sg-no-public-ssh',
    title: 'Security groups do not allow SSH (22) from 0.0.0.0/0 or ::/0',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    remediation: 'Restrict port 22 to known administrative CIDRs or use Session Manager instead of SSH.',
    requiredActions: ['ec2:DescribeSecurityGroups'],
    datasets: ['ec2.securityGroups'],
    scope: 'regional',
  },
  (inv) => evaluateWorldOpenPorts(inv, [22], 'any'),
);
