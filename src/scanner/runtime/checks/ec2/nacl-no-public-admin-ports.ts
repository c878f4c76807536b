import { defineResourceCheck } from '../define';
import { NETWORK_ACLS } from '../resource-kinds';
import { ADMIN_PORTS, naclDecidingEntry } from './port-rules';

export const naclNoPublicAdminPorts = defineResourceCheck(
  NETWORK_ACLS,
  {
    id: 'ec2-nacl-no-public-admin-ports',
    title: 'Network ACLs do not allow ingress from the internet to remote administration ports',
    severity: 'MEDIUM',
    remediation: 'Add a deny entry for 22 and 3389 from 0.0.0.0/0 and ::/0 numbered below any allow entry that covers them.',
  },
  (acl) => {
    const offences: string[] = [];
    for (const family of ['ipv4', 'ipv6'] as const) {
      for (const port of ADMIN_PORTS) {
        const e = naclDecidingEntry(acl.entries, port, family);
        if (e && e.ruleAction === 'allow') {
          offences.push(`rule ${e.ruleNumber} allows ${family === 'ipv4' ? e.cidrBlock : e.ipv6CidrBlock} to port ${port}`);
        }
      }
    }
    return offences.length === 0
      ? { ok: true, reason: 'ports 22 and 3389 are not reachable from the internet through this ACL' }
      : { ok: false, reason: offences.join('; ') };
  },
);
