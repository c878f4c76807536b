import { evaluateRequest } from '../../../../policy/evaluate';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { missing, S3_META } from './bucket-util';

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
      const denied = deniesWithoutTls(b.name, b.policy ?? null, inv.accountId, inv.partition);
      return denied
        ? pass(b.arn, 'policy denies aws:SecureTransport=false', b.region)
        : fail(b.arn, 'no policy statement denies non-TLS requests', b.region);
    }),
);

/**
 * True when the bucket policy refuses object reads and writes made without TLS, judged the way
 * AWS evaluates the policy (src/policy): a caller whose own policies allow everything is denied
 * s3:GetObject and s3:PutObject with aws:SecureTransport false. Every spelling AWS accepts counts
 * alike (`"false"`, `false`, `["false"]`, `Bool` or `BoolIfExists`, a list or a lone statement).
 */
function deniesWithoutTls(bucket: string, policy: string | null, accountId: string, partition: string): boolean {
  if (!policy) return false;
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return false;
  }
  // The caller is of the bucket's own account (any account would do: the deny names everyone);
  // an account id the scan could not learn is replaced by a well-formed one.
  const account = /^\d{12}$/.test(accountId) ? accountId : '000000000000';
  return ['s3:GetObject', 's3:PutObject'].every((action) => evaluateRequest({
    principal: { role: `arn:${partition}:iam::${account}:role/any-caller`, account },
    action,
    resource: `arn:${partition}:s3:::${bucket}/any-object`,
    resourceAccount: account,
    context: { 'aws:SecureTransport': 'false' },
    identityPolicies: [{ name: 'a policy allowing everything', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
    resourcePolicy: { name: 'the bucket policy', document },
    mode: 'same-account',
  }).decision === 'denied');
}
