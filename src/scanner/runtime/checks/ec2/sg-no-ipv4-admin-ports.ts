import { ADMIN_PORTS, defineWorldOpenPortsCheck } from './port-rules';

export const sgNoIpv4AdminPorts = defineWorldOpenPortsCheck(
  {
    id: 'ec2-sg-no-ipv4-admin-ports',
    title: 'Security groups do not allow remote administration ports from 0.0.0.0/0',
    severity: 'HIGH',
    remediation: 'Remove inbound rules that open 22 or 3389 (including all-traffic rules and port ranges containing them) to 0.0.0.0/0.',
  },
  ADMIN_PORTS, 'ipv4',
);
