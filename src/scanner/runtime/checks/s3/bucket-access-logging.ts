import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { missing, S3_META } from './bucket-util';

export const s3BucketAccessLogging = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-access-logging',
    title: 'S3 buckets have server access logging enabled',
    severity: 'MEDIUM',
    remediation: 'Enable server access logging to a dedicated log bucket.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketLogging'],
    datasets: ['s3.buckets'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['loggingTarget']);
      if (err) return err;
      return b.loggingTarget ? pass(b.arn, `logs to ${b.loggingTarget}`, b.region) : fail(b.arn, 'server access logging is off', b.region);
    }),
);
