import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { missing, S3_META } from './bucket-util';

export const s3BucketAclsDisabled = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-acls-disabled',
    title: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced)',
    severity: 'MEDIUM',
    remediation: 'Set object ownership to BucketOwnerEnforced and grant access through policies.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketOwnershipControls'],
    datasets: ['s3.buckets'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['objectOwnership']);
      if (err) return err;
      return b.objectOwnership === 'BucketOwnerEnforced'
        ? pass(b.arn, 'ACLs disabled', b.region)
        : fail(b.arn, `object ownership is ${b.objectOwnership ?? 'not configured'}`, b.region);
    }),
);
