import { arn, fail, pass } from '../../model';
import { defineCheck } from '../define';
import { ADMIN_PORTS, naclDecidingEntry } from './port-rules';

export const naclNoPublicAdminPorts = defineCheck(
  {
    id: 'ec2-nacl-no-public-admin-ports',
    title: 'Network ACLs do not allow ingress from the internet to remote administration ports',
    severity: 'MEDIUM',
    category: 'vpc',
    resourceType: 'AWS::EC2::NetworkAcl',
    remediation: 'Add a deny entry for 22 and 3389 from 0.0.0.0/0 and ::/0 numbered below any allow entry that covers them.',
    requiredActions: ['ec2:DescribeNetworkAcls'],
    datasets: ['ec2.networkAcls'],
    scope: 'regional',
  },
  (inv) =>
    (inv.networkAcls ?? []).map((acl) => {
      const id = arn(inv, 'ec2', `network-acl/${acl.networkAclId}`);
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
        ? pass(id, 'ports 22 and 3389 are not reachable from the internet through this ACL')
        : fail(id, offences.join('; '));
    }),
);
