import { defineBucketCheck } from './bucket-util';

export const s3BucketAclsDisabled = defineBucketCheck(
  {
    id: 's3-bucket-acls-disabled',
    title: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced)',
    severity: 'MEDIUM',
    remediation: 'Set object ownership to BucketOwnerEnforced and grant access through policies.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketOwnershipControls'],
  },
  ['objectOwnership'],
  (b) => (b.objectOwnership === 'BucketOwnerEnforced'
    ? { ok: true, reason: 'ACLs disabled' }
    : { ok: false, reason: `object ownership is ${b.objectOwnership ?? 'not configured'}` }),
);
