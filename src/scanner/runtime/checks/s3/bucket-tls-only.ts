import { defineBucketCheck } from './bucket-util';
import { tlsOnlyVerdictOfText } from '../../../../controls/judgement/tls-only';

/** S3.5, judged with the same evaluator as `CompliancePack-S3TlsOnlyPolicy` (`src/controls/judgement/tls-only.ts`). */
export const s3BucketTlsOnly = defineBucketCheck(
  {
    id: 's3-bucket-tls-only',
    title: 'S3 bucket policies deny requests that do not use TLS',
    severity: 'MEDIUM',
    remediation: 'Add a Deny statement for Principal * on all actions when aws:SecureTransport is false.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPolicy'],
  },
  ['policy'],
  (b, inv) => {
    const verdict = tlsOnlyVerdictOfText(b.policy, { bucket: b.name, account: inv.accountId, partition: inv.partition });
    return verdict === 'denied'
      ? { ok: true, reason: 'policy denies aws:SecureTransport=false' }
      : { ok: false, reason: 'no policy statement denies non-TLS requests' };
  },
);
