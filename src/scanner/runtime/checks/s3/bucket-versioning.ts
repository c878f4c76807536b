import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { missing, S3_META } from './bucket-util';

export const s3BucketVersioning = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-versioning',
    title: 'S3 buckets have versioning enabled',
    severity: 'LOW',
    remediation: 'Enable versioning on the bucket (and lifecycle rules for noncurrent versions).',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketVersioning'],
    datasets: ['s3.buckets'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['versioning']);
      if (err) return err;
      return b.versioning === 'Enabled'
        ? pass(b.arn, 'versioning enabled', b.region)
        : fail(b.arn, `versioning is ${b.versioning ?? 'never enabled'}`, b.region);
    }),
);
