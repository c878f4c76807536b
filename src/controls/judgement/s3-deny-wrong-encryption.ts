import { actionMatches, asList, isEveryone } from '../../policy/template-values';

/** Condition keys that name the encryption of a put (lower case). */
const ENCRYPTION_KEYS = new Set(['s3:x-amz-server-side-encryption', 's3:x-amz-server-side-encryption-aws-kms-key-id']);
/** Operators that hold when the put asks for something else, or for nothing. */
const NEGATIVE_OPERATORS = /^(StringNotEquals|StringNotLike|StringNotEqualsIgnoreCase|Null)(IfExists)?$/;

/**
 * S3.DenyWrongEncryption: a bucket policy statement that refuses uploads asking for the wrong
 * server-side encryption. A Deny to everyone (`*` or `{AWS: *}`) of `s3:PutObject` (or a wildcard
 * that includes it), conditioned on `s3:x-amz-server-side-encryption` or
 * `s3:x-amz-server-side-encryption-aws-kms-key-id` with a negative operator (`StringNotEquals...`,
 * `Null`). One judgement for `CompliancePack-S3DenyWrongEncryptionPolicy` (the synthesized policy)
 * and the scanner's `s3-bucket-deny-wrong-encryption` (the live policy).
 */
export function deniesWrongEncryption(statement: any): boolean {
  return !!statement
    && statement.Effect === 'Deny'
    && isEveryone(statement.Principal)
    && asList(statement.Action).some((a) => actionMatches(a, 's3:PutObject'))
    && conditionEntries(statement).some(([operator, key]) => NEGATIVE_OPERATORS.test(operator) && ENCRYPTION_KEYS.has(key));
}

/** `[operator, key]` of every condition of a statement, keys lower-cased. */
export function conditionEntries(statement: any): Array<[string, string]> {
  const condition = statement?.Condition;
  if (!condition || typeof condition !== 'object') return [];
  return Object.entries(condition).flatMap(([operator, block]) =>
    (block && typeof block === 'object' ? Object.keys(block as object).map((key): [string, string] => [operator, key.toLowerCase()]) : []));
}
