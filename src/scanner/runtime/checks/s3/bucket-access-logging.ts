import { defineBucketCheck } from './bucket-util';

export const s3BucketAccessLogging = defineBucketCheck(
  {
    id: 's3-bucket-access-logging',
    title: 'S3 buckets have server access logging enabled',
    severity: 'MEDIUM',
    remediation: 'Enable server access logging to a dedicated log bucket.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketLogging'],
  },
  ['loggingTarget'],
  (b) => (b.loggingTarget ? { ok: true, reason: `logs to ${b.loggingTarget}` } : { ok: false, reason: 'server access logging is off' }),
);
