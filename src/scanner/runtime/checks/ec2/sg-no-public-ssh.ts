import { defineWorldOpenPortsCheck } from './port-rules';

export const sgNoPublicSsh = defineWorldOpenPortsCheck(
  {
    id: 'ec2-sg-no-public-ssh',
    title: 'Security groups do not allow SSH (22) from 0.0.0.0/0 or ::/0',
    severity: 'HIGH',
    remediation: 'Restrict port 22 to known administrative CIDRs or use Session Manager instead of SSH.',
  },
  [22], 'any',
);
