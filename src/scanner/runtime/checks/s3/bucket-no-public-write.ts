import { definePublicAccessCheck, PublicAccessKind } from './bucket-util';

const PUBLIC_WRITE: PublicAccessKind = { actions: ['s3:PutObject', 's3:DeleteObject', 's3:PutBucketPolicy'], aclPermissions: new Set(['WRITE', 'WRITE_ACP', 'FULL_CONTROL']), access: 'write' };

export const s3BucketNoPublicWrite = definePublicAccessCheck({ id: 's3-bucket-no-public-write', title: 'S3 buckets do not allow public write access', severity: 'CRITICAL' }, PUBLIC_WRITE);
