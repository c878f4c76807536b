import { arn, fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';

export const defaultSecurityGroupClosed = defineCheck(
  {
    id: 'ec2-default-security-group-closed',
    title: 'The default security group of every VPC allows no inbound or outbound traffic',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    remediation: 'Remove every inbound and outbound rule from the default security group; give resources purpose-made groups.',
    requiredActions: ['ec2:DescribeSecurityGroups'],
    datasets: ['ec2.securityGroups'],
    scope: 'regional',
  },
  (inv) =>
    (inv.securityGroups ?? []).map((sg) => {
      const id = arn(inv, 'ec2', `security-group/${sg.groupId}`);
      if (sg.groupName !== 'default') return notApplicable(id, 'not a default security group');
      const rules = sg.ingress.length + sg.egress.length;
      return rules === 0
        ? pass(id, 'default security group has no rules')
        : fail(id, `default security group has ${sg.ingress.length} inbound and ${sg.egress.length} outbound rules`);
    }),
);
