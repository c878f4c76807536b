import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { ALL_USERS, AUTHENTICATED_USERS, effectiveBlock, missing, publicPolicyGrants, S3_META } from './bucket-util';

const ACTIONS = ['s3:GetObject', 's3:ListBucket'];
const PERMISSIONS = new Set(['READ', 'FULL_CONTROL']);

export const s3BucketNoPublicRead = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-no-public-read',
    title: 'S3 buckets do not allow public read access',
    severity: 'CRITICAL',
    fsbp: ['S3.2'],
    cis: [],
    remediation: 'Remove grants to AllUsers/AuthenticatedUsers and Allow statements for Principal * from the bucket, and turn on Block Public Access.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPublicAccessBlock', 's3:GetAccountPublicAccessBlock', 's3:GetBucketAcl', 's3:GetBucketPolicy'],
    datasets: ['s3.buckets', 's3.accountPublicAccessBlock'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['publicAccessBlock', 'policy', 'acl']);
      if (err) return err;
      const block = effectiveBlock(b, inv.s3AccountPublicAccessBlock);
      const reasons: string[] = [];
      if (!block.ignorePublicAcls && b.objectOwnership !== 'BucketOwnerEnforced') {
        for (const g of b.acl ?? []) {
          if ((g.grantee === ALL_USERS || g.grantee === AUTHENTICATED_USERS) && PERMISSIONS.has(g.permission)) {
            reasons.push(`ACL grants ${g.permission} to ${g.grantee.split('/').pop()}`);
          }
        }
      }
      if (!block.restrictPublicBuckets) {
        const granted = publicPolicyGrants(b.policy, ACTIONS);
        if (granted.length > 0) reasons.push(`policy allows ${granted.join(', ')} to Principal *`);
      }
      return reasons.length === 0 ? pass(b.arn, 'no public read access', b.region) : fail(b.arn, reasons.join('; '), b.region);
    }),
);
