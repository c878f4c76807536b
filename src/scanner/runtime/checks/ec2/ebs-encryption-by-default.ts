import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const ebsEncryptionByDefault = defineCheck(
  {
    id: 'ec2-ebs-encryption-by-default',
    title: 'EBS encryption by default is enabled in the region',
    severity: 'MEDIUM',
    category: 'ebs',
    resourceType: 'AWS::::Account',
    remediation: 'Enable EBS encryption by default in the EC2 console settings of the region (or `aws ec2 enable-ebs-encryption-by-default`).',
    requiredActions: ['ec2:GetEbsEncryptionByDefault'],
    datasets: ['ec2.ebsEncryptionByDefault'],
    scope: 'regional',
  },
  (inv) => {
    if (inv.ebsEncryptionByDefault === undefined) return [];
    const id = `arn:${inv.partition}:ec2:${inv.region}:${inv.accountId}:ebs-encryption-by-default`;
    return [inv.ebsEncryptionByDefault ? pass(id, 'enabled') : fail(id, 'EBS encryption by default is disabled')];
  },
);
