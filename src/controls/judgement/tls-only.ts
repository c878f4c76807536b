import { evaluateRequest } from '../../policy/evaluate';

/** The bucket a TLS-only judgement is about. */
export interface TlsOnlyTarget {
  /** Bucket name. */
  readonly bucket: string;
  /** Account that owns the bucket; anything but 12 digits is replaced by a well-formed one. */
  readonly account: string;
  /** Partition of the bucket's ARN (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
}

/** `denied`: the policy refuses reads and writes without TLS; `unknown`: it depends on deploy-time values. */
export type TlsOnlyVerdict = 'denied' | 'not-denied' | 'unknown';

/**
 * S3.5: does the bucket policy refuse object reads and writes made without TLS? Judged the way AWS
 * evaluates the policy (src/policy): a caller of the bucket's account whose own policies allow
 * everything is denied s3:GetObject and s3:PutObject on an object of the bucket with
 * aws:SecureTransport false. Every spelling AWS accepts counts alike (`"false"`, `false`,
 * `["false"]`, `Bool` or `BoolIfExists`, `s3:*`, `*` or the actions themselves, a list or a lone
 * statement); a deny narrowed to a prefix, to some callers or to other actions does not.
 *
 * One judgement for `CompliancePack-S3TlsOnlyPolicy` (the synthesized policy, its references
 * resolved) and the scanner's `s3-bucket-tls-only` (the live policy). A document that is not a
 * policy (unparseable, `null`) denies nothing.
 */
export function tlsOnlyVerdict(document: unknown, target: TlsOnlyTarget): TlsOnlyVerdict {
  if (document === null || typeof document !== 'object') {
    return 'not-denied';
  }
  // The caller is of the bucket's own account (any account would do: the deny names everyone);
  // an account id not known (an environment-agnostic stack, a scan that could not learn it) is
  // replaced by a well-formed one.
  const account = /^\d{12}$/.test(target.account) ? target.account : '000000000000';
  const decisions = ['s3:GetObject', 's3:PutObject'].map((action) => evaluateRequest({
    principal: { role: `arn:${target.partition}:iam::${account}:role/any-caller`, account },
    action,
    resource: `arn:${target.partition}:s3:::${target.bucket}/any-object`,
    resourceAccount: account,
    context: { 'aws:SecureTransport': 'false' },
    identityPolicies: [{ name: 'a policy allowing everything', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
    resourcePolicy: { name: 'the bucket policy', document },
    mode: 'same-account',
  }).decision);
  if (decisions.every((d) => d === 'denied')) {
    return 'denied';
  }
  return decisions.some((d) => d === 'unknown') ? 'unknown' : 'not-denied';
}

/** `tlsOnlyVerdict` of a policy given as JSON text (the scanner's form); text that does not parse denies nothing. */
export function tlsOnlyVerdictOfText(policy: string | null | undefined, target: TlsOnlyTarget): TlsOnlyVerdict {
  if (!policy) {
    return 'not-denied';
  }
  try {
    return tlsOnlyVerdict(JSON.parse(policy), target);
  } catch {
    return 'not-denied';
  }
}
