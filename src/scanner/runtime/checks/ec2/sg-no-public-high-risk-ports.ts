import { HIGH_RISK_PORTS, defineWorldOpenPortsCheck } from './port-rules';

export const sgNoPublicHighRiskPorts = defineWorldOpenPortsCheck(
  {
    id: 'ec2-sg-no-public-high-risk-ports',
    title: 'Security groups do not allow unrestricted access to high-risk ports',
    severity: 'HIGH',
    remediation: 'Restrict database, file-sharing, mail and admin ports to the CIDRs or security groups that need them.',
  },
  HIGH_RISK_PORTS, 'any',
);
