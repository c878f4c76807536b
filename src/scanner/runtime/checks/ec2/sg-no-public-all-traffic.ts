import { defineResourceCheck } from '../define';
import { SECURITY_GROUPS } from '../resource-kinds';
import { isAllTraffic, worldSources } from './port-rules';

export const sgNoPublicAllTraffic = defineResourceCheck(
  SECURITY_GROUPS,
  {
    id: 'ec2-sg-no-public-all-traffic',
    title: 'Security groups do not allow all traffic (protocol -1) from the internet',
    severity: 'CRITICAL',
    remediation: 'Replace protocol -1 rules from 0.0.0.0/0 or ::/0 with rules for the specific ports the workload serves.',
  },
  (sg) => {
    const open = sg.ingress.filter((p) => isAllTraffic(p.protocol) && worldSources(p, 'any').length > 0);
    return open.length === 0
      ? { ok: true, reason: 'no all-traffic inbound rule from the internet' }
      : { ok: false, reason: `all traffic allowed from ${open.flatMap((p) => worldSources(p, 'any')).join(', ')}` };
  },
);
