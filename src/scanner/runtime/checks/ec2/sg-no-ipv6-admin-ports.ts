import { defineCheck } from '../define';
import { ADMIN_PORTS, evaluateWorldOpenPorts } from './port-rules';

export const sgNoIpv6AdminPorts = defineCheck(
  {
    id: 'ec2-sg-no-ipv6-admin-ports',
    title: 'Security groups do not allow remote administration ports from ::/0',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    remediation: 'Remove inbound rules that open 22 or 3389 (including all-traffic rules and port ranges containing them) to ::/0.',
    requiredActions: ['ec2:DescribeSecurityGroups'],
    datasets: ['ec2.securityGroups'],
    scope: 'regional',
  },
  (inv) => evaluateWorldOpenPorts(inv, ADMIN_PORTS, 'ipv6'),
);
