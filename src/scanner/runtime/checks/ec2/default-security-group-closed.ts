import { notApplicable } from '../../model';
import { defineResourceCheck } from '../define';
import { SECURITY_GROUPS } from '../resource-kinds';

export const defaultSecurityGroupClosed = defineResourceCheck(
  SECURITY_GROUPS,
  {
    id: 'ec2-default-security-group-closed',
    title: 'The default security group of every VPC allows no inbound or outbound traffic',
    severity: 'HIGH',
    remediation: 'Remove every inbound and outbound rule from the default security group; give resources purpose-made groups.',
  },
  (sg, id) => {
    if (sg.groupName !== 'default') return notApplicable(id, 'not a default security group');
    return sg.ingress.length + sg.egress.length === 0
      ? { ok: true, reason: 'default security group has no rules' }
      : { ok: false, reason: `default security group has ${sg.ingress.length} inbound and ${sg.egress.length} outbound rules` };
  },
);
