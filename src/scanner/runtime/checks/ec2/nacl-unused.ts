import { arn, fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';

export const naclUnused = defineCheck(
  {
    id: 'ec2-nacl-unused',
    title: 'Unused network ACLs are removed',
    severity: 'LOW',
    category: 'vpc',
    resourceType: 'AWS::EC2::NetworkAcl',
    remediation: 'Delete network ACLs that are associated with no subnet.',
    requiredActions: ['ec2:DescribeNetworkAcls'],
    datasets: ['ec2.networkAcls'],
    scope: 'regional',
  },
  (inv) =>
    (inv.networkAcls ?? []).map((acl) => {
      const id = arn(inv, 'ec2', `network-acl/${acl.networkAclId}`);
      if (acl.isDefault) return notApplicable(id, 'default network ACL of its VPC cannot be deleted');
      return acl.associatedSubnets.length > 0
        ? pass(id, `associated with ${acl.associatedSubnets.length} subnet(s)`)
        : fail(id, 'associated with no subnet');
    }),
);
