import { defineCheck } from '../define';
import { evaluatePublicAccess, PublicAccessKind, S3_META } from './bucket-util';

const PUBLIC_WRITE: PublicAccessKind = { actions: ['s3:PutObject', 's3:DeleteObject', 's3:PutBucketPolicy'], aclPermissions: new Set(['WRITE', 'WRITE_ACP', 'FULL_CONTROL']), access: 'write' };

export const s3BucketNoPublicWrite = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-no-public-write',
    title: 'S3 buckets do not allow public write access',
    severity: 'CRITICAL',
    remediation: 'Remove grants to AllUsers/AuthenticatedUsers and Allow statements for Principal * from the bucket, and turn on Block Public Access.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPublicAccessBlock', 's3:GetAccountPublicAccessBlock', 's3:GetBucketAcl', 's3:GetBucketPolicy'],
    datasets: ['s3.buckets', 's3.accountPublicAccessBlock'],
  },
  (inv) => evaluatePublicAccess(inv, PUBLIC_WRITE),
);
