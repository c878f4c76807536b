import { tlsOnlyVerdictOfText } from '../../../../controls/judgement/tls-only';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { missing, S3_META } from './bucket-util';

/** S3.5, judged with the same evaluator as `CompliancePack-S3TlsOnlyPolicy` (`src/controls/judgement/tls-only.ts`). */
export const s3BucketTlsOnly = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-tls-only',
    title: 'S3 bucket policies deny requests that do not use TLS',
    severity: 'MEDIUM',
    remediation: 'Add a Deny statement for Principal * on all actions when aws:SecureTransport is false.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPolicy'],
    datasets: ['s3.buckets'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['policy']);
      if (err) return err;
      const verdict = tlsOnlyVerdictOfText(b.policy, { bucket: b.name, account: inv.accountId, partition: inv.partition });
      return verdict === 'denied'
        ? pass(b.arn, 'policy denies aws:SecureTransport=false', b.region)
        : fail(b.arn, 'no policy statement denies non-TLS requests', b.region);
    }),
);
