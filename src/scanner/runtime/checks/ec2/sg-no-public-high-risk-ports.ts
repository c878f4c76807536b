import { arn, fail, pass } from '../../model';
import { defineCheck } from '../define';
import { HIGH_RISK_PORTS, worldOpenPorts } from './port-rules';

export const sgNoPublicHighRiskPorts = defineCheck(
  {
    id: 'ec2-sg-no-public-high-risk-ports',
    title: 'Security groups do not allow unrestricted access to high-risk ports',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    fsbp: ['EC2.19'],
    cis: [],
    remediation: 'Restrict database, file-sharing, mail and admin ports to the CIDRs or security groups that need them.',
    requiredActions: ['ec2:DescribeSecurityGroups'],
    datasets: ['ec2.securityGroups'],
    scope: 'regional',
  },
  (inv) =>
    (inv.securityGroups ?? []).map((sg) => {
      const id = arn(inv, 'ec2', `security-group/${sg.groupId}`);
      const offences = worldOpenPorts(sg.ingress, HIGH_RISK_PORTS, 'any');
      return offences.length === 0
        ? pass(id, 'no inbound rule opens these ports to the internet')
        : fail(id, offences.join('; '));
    }),
);
