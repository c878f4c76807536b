import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { missing, S3_META } from './bucket-util';

export const s3BucketPublicAccessBlock = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-public-access-block',
    title: 'S3 buckets block public access with all four settings',
    severity: 'HIGH',
    remediation: 'Turn on all four Block Public Access settings for the bucket.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPublicAccessBlock'],
    datasets: ['s3.buckets'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['publicAccessBlock']);
      if (err) return err;
      const p = b.publicAccessBlock;
      const off = p
        ? (['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const).filter((k) => !p[k])
        : ['no public access block configuration'];
      return off.length === 0 ? pass(b.arn, 'all four settings on', b.region) : fail(b.arn, `off: ${off.join(', ')}`, b.region);
    }),
);
