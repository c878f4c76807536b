/**
 * The control id a finding is filed under in Security Hub, OCSF and the report: the check's first
 * AWS Foundational Security Best Practices id (`S3.1`), or the check id when it maps to none. The
 * one place the mapping is made, so that a controls catalog can take over without touching the
 * output writers.
 */
export function controlIdOf(checkId: string, fsbp: readonly string[]): string {
  return fsbp[0] ?? checkId;
}

/** The standards a check's control belongs to, as names a reader recognises. */
export function standardsOf(check: { readonly fsbp: readonly string[]; readonly cis: readonly string[] }): string[] {
  return [
    ...(check.fsbp.length > 0 ? ['AWS Foundational Security Best Practices v1.0.0'] : []),
    ...(check.cis.length > 0 ? ['CIS AWS Foundations Benchmark v3.0.0'] : []),
  ];
}

/** The name and version findings are published under (OCSF product, ASFF generator prefix). */
export const PRODUCT_NAME = 'cdk-compliance-constructs scanner';
export const PRODUCT_VENDOR = 'cdk-compliance-constructs';

/** The requirements a finding answers to, framework-prefixed: `FSBP S3.1`, `CIS 2.1.1`. */
export function requirementsOf(check: { readonly fsbp: readonly string[]; readonly cis: readonly string[] }): string[] {
  return [...check.fsbp.map((id) => `FSBP ${id}`), ...check.cis.map((id) => `CIS ${id}`)];
}
