import { defineWorldOpenPortsCheck } from './port-rules';

export const sgNoPublicRdp = defineWorldOpenPortsCheck(
  {
    id: 'ec2-sg-no-public-rdp',
    title: 'Security groups do not allow RDP (3389) from 0.0.0.0/0 or ::/0',
    severity: 'HIGH',
    remediation: 'Restrict port 3389 to known administrative CIDRs or use Fleet Manager instead of RDP.',
  },
  [3389], 'any',
);
