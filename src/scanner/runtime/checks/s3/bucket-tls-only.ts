import { asArray, fail, pass } from '../../model';
import { defineCheck } from '../define';
import { actionMatches, isEveryonePrincipal, missing, parseStatements, S3_META } from './bucket-util';

export const s3BucketTlsOnly = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-tls-only',
    title: 'S3 bucket policies deny requests that do not use TLS',
    severity: 'MEDIUM',
    fsbp: ['S3.5'],
    cis: ['2.1.1'],
    remediation: 'Add a Deny statement for Principal * on all actions when aws:SecureTransport is false.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPolicy'],
    datasets: ['s3.buckets'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['policy']);
      if (err) return err;
      const denies = parseStatements(b.policy).some((s) => {
        if (s.Effect !== 'Deny' || !isEveryonePrincipal(s.Principal)) return false;
        const actions = asArray(s.Action);
        const covers = (wanted: string) => actions.some((a) => actionMatches(a, wanted));
        if (!covers('s3:GetObject') || !covers('s3:PutObject')) return false;
        const c = JSON.stringify(s.Condition ?? {});
        return /"aws:SecureTransport":\s*("false"|false)/i.test(c);
      });
      return denies
        ? pass(b.arn, 'policy denies aws:SecureTransport=false', b.region)
        : fail(b.arn, 'no policy statement denies non-TLS requests', b.region);
    }),
);
