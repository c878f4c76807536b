import { defineCheck } from '../define';
import { evaluatePublicAccess, PublicAccessKind, S3_META } from './bucket-util';

const PUBLIC_READ: PublicAccessKind = { actions: ['s3:GetObject', 's3:ListBucket'], aclPermissions: new Set(['READ', 'FULL_CONTROL']), access: 'read' };

export const s3BucketNoPublicRead = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-no-public-read',
    title: 'S3 buckets do not allow public read access',
    severity: 'CRITICAL',
    remediation: 'Remove grants to AllUsers/AuthenticatedUsers and Allow statements for Principal * from the bucket, and turn on Block Public Access.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPublicAccessBlock', 's3:GetAccountPublicAccessBlock', 's3:GetBucketAcl', 's3:GetBucketPolicy'],
    datasets: ['s3.buckets', 's3.accountPublicAccessBlock'],
  },
  (inv) => evaluatePublicAccess(inv, PUBLIC_READ),
);
