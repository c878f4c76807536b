import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { missing, S3_META } from './bucket-util';

export const s3BucketKmsEncryption = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-kms-encryption',
    title: 'S3 buckets encrypt objects by default with AWS KMS keys',
    severity: 'MEDIUM',
    remediation: 'Set the default encryption of the bucket to SSE-KMS with a customer managed key, with S3 Bucket Keys on.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetEncryptionConfiguration'],
    datasets: ['s3.buckets'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['encryption']);
      if (err) return err;
      return b.encryption === 'aws:kms' || b.encryption === 'aws:kms:dsse'
        ? pass(b.arn, `default encryption ${b.encryption}`, b.region)
        : fail(b.arn, `default encryption is ${b.encryption ?? 'not configured'}`, b.region);
    }),
);
