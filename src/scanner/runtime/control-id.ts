import { controlForCheck, FRAMEWORKS } from '../../controls';
import type { FrameworkIds } from '../../controls';

/**
 * The control id a finding is filed under in Security Hub, OCSF and the report: the controls
 * catalog's id for the check (`S3.5`, `Batch.JobTimeout`), the same id its CompliancePack rule and
 * `NagControl` carry. A check outside the catalog (none is: a test asserts it) falls back to its first
 * FSBP id, then to the check id.
 */
export function controlIdOf(checkId: string, fsbp: readonly string[]): string {
  return controlForCheck(checkId)?.id ?? fsbp[0] ?? checkId;
}

interface CheckRef {
  /** Check id: `checkId` on a finding, `id` on a check result. */
  readonly checkId?: string;
  readonly id?: string;
  readonly fsbp: readonly string[];
  readonly cis: readonly string[];
}

/** The catalog's framework ids of a check's control, or its own FSBP and CIS ids outside the catalog. */
function frameworksOf(check: CheckRef): FrameworkIds {
  const entry = controlForCheck(check.checkId ?? check.id ?? '');
  return entry?.frameworks ?? { fsbp: check.fsbp, cis: check.cis, nist80053r5: [], pciDss321: [], pciDss40: [], hipaa: [] };
}

/** The standards a check's control belongs to, as names a reader recognises. */
export function standardsOf(check: CheckRef): string[] {
  const fw = frameworksOf(check);
  return FRAMEWORKS.filter((f) => fw[f.key].length > 0).map((f) => f.standard);
}

/** The name and version findings are published under (OCSF product, ASFF generator prefix). */
export const PRODUCT_NAME = 'cdk-compliance-constructs scanner';
export const PRODUCT_VENDOR = 'cdk-compliance-constructs';

/** ASFF's limit for `Compliance.RelatedRequirements`. */
export const ASFF_MAX_REQUIREMENTS = 32;

/**
 * The requirements a finding answers to, framework-prefixed as Security Hub spells them (`FSBP S3.1`,
 * `CIS AWS Foundations Benchmark v3.0.0/2.1.1`, `NIST.800-53.r5 SC-8(1)`, `PCI DSS v3.2.1/3.4`), every
 * one of them (OCSF has no limit).
 */
export function requirementsOf(check: CheckRef): string[] {
  const fw = frameworksOf(check);
  return FRAMEWORKS.flatMap((f) => fw[f.key].map((id) => `${f.prefix}${id}`));
}

/**
 * At most `ASFF_MAX_REQUIREMENTS` of them for Security Hub. When a control maps to more (NIST lists run
 * to 26 ids), the frameworks with the fewest ids are kept whole first and NIST 800-53 is cut last, so
 * every framework the control maps to stays named.
 */
export function asffRequirementsOf(check: CheckRef): string[] {
  const fw = frameworksOf(check);
  const all = requirementsOf(check);
  if (all.length <= ASFF_MAX_REQUIREMENTS) return all;
  const bySize = [...FRAMEWORKS].sort((a, b) => fw[a.key].length - fw[b.key].length);
  const kept = new Set<string>();
  let room = ASFF_MAX_REQUIREMENTS;
  for (const [i, f] of bySize.entries()) {
    const share = Math.floor(room / (bySize.length - i));
    for (const id of fw[f.key].slice(0, share)) kept.add(`${f.prefix}${id}`);
    room -= Math.min(share, fw[f.key].length);
  }
  return all.filter((r) => kept.has(r));
}
