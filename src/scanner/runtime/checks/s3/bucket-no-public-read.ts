import { definePublicAccessCheck, PublicAccessKind } from './bucket-util';

const PUBLIC_READ: PublicAccessKind = { actions: ['s3:GetObject', 's3:ListBucket'], aclPermissions: new Set(['READ', 'FULL_CONTROL']), access: 'read' };

export const s3BucketNoPublicRead = definePublicAccessCheck({ id: 's3-bucket-no-public-read', title: 'S3 buckets do not allow public read access', severity: 'CRITICAL' }, PUBLIC_READ);
