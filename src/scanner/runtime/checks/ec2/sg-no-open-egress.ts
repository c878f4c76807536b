import { worldDestinations } from '../../../../controls/judgement/open-egress';
import { defineResourceCheck } from '../define';
import { SECURITY_GROUPS } from '../resource-kinds';
import { describePermission } from './port-rules';

/**
 * EC2.NoOpenEgress: the run-time side of `CompliancePack-SecurityGroupOpenEgress` (AuditedVpc's and
 * BatchPipeline's groups allow no outbound traffic to the internet), the same judgement.
 */
export const sgNoOpenEgress = defineResourceCheck(
  SECURITY_GROUPS,
  {
    id: 'ec2-sg-no-open-egress',
    title: 'Security groups do not allow all outbound traffic',
    severity: 'HIGH',
    remediation: 'Remove the outbound rules to 0.0.0.0/0 and ::/0 and allow only the destinations needed (VPC endpoints, prefix lists, peer security groups).',
  },
  (sg) => {
    const open = sg.egress.filter((p) => worldDestinations(p.ipv4Ranges, p.ipv6Ranges).length > 0);
    return open.length === 0
      ? { ok: true, reason: 'no outbound rule to the internet' }
      : { ok: false, reason: open.map((p) => `${describePermission(p)} to ${worldDestinations(p.ipv4Ranges, p.ipv6Ranges).join(', ')}`).join('; ') };
  },
);
