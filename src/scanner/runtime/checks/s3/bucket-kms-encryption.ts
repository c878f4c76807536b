import { defineBucketCheck } from './bucket-util';

export const s3BucketKmsEncryption = defineBucketCheck(
  {
    id: 's3-bucket-kms-encryption',
    title: 'S3 buckets encrypt objects by default with AWS KMS keys',
    severity: 'MEDIUM',
    remediation: 'Set the default encryption of the bucket to SSE-KMS with a customer managed key, with S3 Bucket Keys on.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetEncryptionConfiguration'],
  },
  ['encryption'],
  (b) => (b.encryption === 'aws:kms' || b.encryption === 'aws:kms:dsse'
    ? { ok: true, reason: `default encryption ${b.encryption}` }
    : { ok: false, reason: `default encryption is ${b.encryption ?? 'not configured'}` }),
);
