import { defineBucketCheck } from './bucket-util';
import { deniesWrongEncryption } from '../../../../controls/judgement/s3-deny-wrong-encryption';
import { parseStatements } from '../policy-util';

const sid = (s: object): string => ('Sid' in s && typeof s.Sid === 'string' ? ` (${s.Sid})` : '');

/** S3.DenyWrongEncryption: the run-time side of `CompliancePack-S3DenyWrongEncryptionPolicy` (`src/controls/judgement/s3-deny-wrong-encryption.ts`). */
export const s3BucketDenyWrongEncryption = defineBucketCheck(
  {
    id: 's3-bucket-deny-wrong-encryption',
    title: 'S3 bucket policies deny uploads encrypted with another key or algorithm',
    severity: 'HIGH',
    remediation: 'Add a Deny of s3:PutObject for Principal * when s3:x-amz-server-side-encryption (or the KMS key id) is not the bucket\'s own (StringNotEquals), as ComplianceBucket does.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPolicy'],
  },
  ['policy'],
  (b) => {
    const deny = parseStatements(b.policy).find(deniesWrongEncryption);
    return deny
      ? { ok: true, reason: `policy denies puts with another encryption${sid(deny)}` }
      : { ok: false, reason: b.policy ? 'no policy statement denies puts with another encryption' : 'no bucket policy' };
  },
);
