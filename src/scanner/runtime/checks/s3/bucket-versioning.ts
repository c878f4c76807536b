import { defineBucketCheck } from './bucket-util';

export const s3BucketVersioning = defineBucketCheck(
  {
    id: 's3-bucket-versioning',
    title: 'S3 buckets have versioning enabled',
    severity: 'LOW',
    remediation: 'Enable versioning on the bucket (and lifecycle rules for noncurrent versions).',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketVersioning'],
  },
  ['versioning'],
  (b) => (b.versioning === 'Enabled'
    ? { ok: true, reason: 'versioning enabled' }
    : { ok: false, reason: `versioning is ${b.versioning ?? 'never enabled'}` }),
);
