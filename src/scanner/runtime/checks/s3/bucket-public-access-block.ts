import { defineBucketCheck } from './bucket-util';

export const s3BucketPublicAccessBlock = defineBucketCheck(
  {
    id: 's3-bucket-public-access-block',
    title: 'S3 buckets block public access with all four settings',
    severity: 'HIGH',
    remediation: 'Turn on all four Block Public Access settings for the bucket.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPublicAccessBlock'],
  },
  ['publicAccessBlock'],
  (b) => {
    const p = b.publicAccessBlock;
    const off = p
      ? (['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const).filter((k) => !p[k])
      : ['no public access block configuration'];
    return off.length === 0 ? { ok: true, reason: 'all four settings on' } : { ok: false, reason: `off: ${off.join(', ')}` };
  },
);
