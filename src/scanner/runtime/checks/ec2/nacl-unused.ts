import { notApplicable } from '../../model';
import { defineResourceCheck } from '../define';
import { NETWORK_ACLS } from '../resource-kinds';

export const naclUnused = defineResourceCheck(
  NETWORK_ACLS,
  {
    id: 'ec2-nacl-unused',
    title: 'Unused network ACLs are removed',
    severity: 'LOW',
    remediation: 'Delete network ACLs that are associated with no subnet.',
  },
  (acl, id) => {
    if (acl.isDefault) return notApplicable(id, 'default network ACL of its VPC cannot be deleted');
    return acl.associatedSubnets.length > 0
      ? { ok: true, reason: `associated with ${acl.associatedSubnets.length} subnet(s)` }
      : { ok: false, reason: 'associated with no subnet' };
  },
);
