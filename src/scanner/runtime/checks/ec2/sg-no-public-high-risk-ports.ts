import { defineCheck } from '../define';
import { HIGH_RISK_PORTS, evaluateWorldOpenPorts } from './port-rules';

export const sgNoPublicHighRiskPorts = defineCheck(
  {
    id: 'ec2-sg-no-public-high-risk-ports',
    title: 'Security groups do not allow unrestricted access to high-risk ports',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    remediation: 'Restrict database, file-sharing, mail and admin ports to the CIDRs or security groups that need them.',
    requiredActions: ['ec2:DescribeSecurityGroups'],
    datasets: ['ec2.securityGroups'],
    scope: 'regional',
  },
  (inv) => evaluateWorldOpenPorts(inv, HIGH_RISK_PORTS, 'any'),
);
