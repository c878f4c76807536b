/**
 * KMS.NoKmsStar: a key policy statement allows `kms:*` (or `*`), which mixes key administration with
 * key use. The template gives the key policy as `KeyPolicy`; the account as GetKeyPolicy's `Policy`.
 * One judgement over the policy's statements for `CompliancePack-KmsKeyPolicyNoKmsStar` and the
 * scanner's `kms-key-policy-no-kms-star`. As the rule judges it, any principal counts, the account
 * root included.
 */
export function keyPolicyAllowsKmsStar(statements: readonly any[]): boolean {
  return statements.some((s) => s?.Effect === 'Allow'
    && (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a: unknown) => typeof a === 'string' && (a === '*' || a.toLowerCase() === 'kms:*')));
}
