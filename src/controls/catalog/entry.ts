/** The shape of a controls catalog entry, the frameworks it maps to, and the helpers that write an entry with defaults. */

export type ControlSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

/** Framework requirements a control maps to. An empty list: no requirement of that framework. */
export interface FrameworkIds {
  /** AWS Foundational Security Best Practices control ids, `S3.5`. */
  readonly fsbp: readonly string[];
  /** CIS AWS Foundations Benchmark v3.0 recommendations, `2.1.1`. */
  readonly cis: readonly string[];
  /** NIST SP 800-53 Rev. 5 controls, `SC-8(1)`. */
  readonly nist80053r5: readonly string[];
  /** PCI DSS v3.2.1 requirements, `4.1`. */
  readonly pciDss321: readonly string[];
  /** PCI DSS v4.0.1 requirements (the revision Security Hub evaluates), `4.2.1`. */
  readonly pciDss40: readonly string[];
  /** HIPAA Security Rule sections, `164.312(e)(1)`. */
  readonly hipaa: readonly string[];
}

/** One framework: its `FrameworkIds` field and how it is named in docs and findings. */
export interface FrameworkInfo {
  readonly key: keyof FrameworkIds;
  readonly label: string;
  readonly standard: string;
  /** Put before an id to name the requirement in findings, separator included (`PCI DSS v4.0.1/`). */
  readonly prefix: string;
}

/**
 * The frameworks a control maps to, in the order they are shown: the `FrameworkIds` field, the short
 * label of the docs (RULES.md), the standard's name (OCSF `compliance.standards`) and the prefix of
 * its requirement ids in findings, spelled as Security Hub spells `RelatedRequirements`
 * (`NIST.800-53.r5 SC-8(1)`, `PCI DSS v3.2.1/3.4`, `CIS AWS Foundations Benchmark v3.0.0/3.5`).
 * The PCI DSS 4.0 ids are those of v4.0.1, the revision Security Hub's standard evaluates.
 */
export const FRAMEWORKS: readonly FrameworkInfo[] = [
  { key: 'fsbp', label: 'FSBP', standard: 'AWS Foundational Security Best Practices v1.0.0', prefix: 'FSBP ' },
  { key: 'cis', label: 'CIS', standard: 'CIS AWS Foundations Benchmark v3.0.0', prefix: 'CIS AWS Foundations Benchmark v3.0.0/' },
  { key: 'nist80053r5', label: 'NIST 800-53', standard: 'NIST SP 800-53 Rev. 5', prefix: 'NIST.800-53.r5 ' },
  { key: 'pciDss321', label: 'PCI DSS 3.2.1', standard: 'PCI DSS v3.2.1', prefix: 'PCI DSS v3.2.1/' },
  { key: 'pciDss40', label: 'PCI DSS 4.0.1', standard: 'PCI DSS v4.0.1', prefix: 'PCI DSS v4.0.1/' },
  { key: 'hipaa', label: 'HIPAA', standard: 'HIPAA Security Rule', prefix: 'HIPAA ' },
];

/** A construct of this library that enforces the control by default. */
export interface Enforcement {
  /** Construct class name, `ComplianceBucket`. */
  readonly construct: string;
  /** The prop that weakens the default (with a synth warning), if one can. */
  readonly weakenedBy?: string;
}

/** A scanner check that verifies the control in the live account. */
export interface ScannerCheckRef {
  /** Check id, `s3-bucket-tls-only`. */
  readonly id: string;
  /** What the check accepts as compliant (docs/scanner.md). */
  readonly compliantWhen: string;
}

export interface ControlEntry {
  readonly id: string;
  readonly title: string;
  readonly severity: ControlSeverity;
  readonly frameworks: FrameworkIds;
  /** Constructs that enforce it at synth time. */
  readonly enforcedBy: readonly Enforcement[];
  /** CompliancePack rules that check it (names, `S3TlsOnlyPolicy`). */
  readonly packRules: readonly string[];
  /** Stock cdk-nag rule ids that check it (`AwsSolutions-S1`). */
  readonly stockNagRules: readonly string[];
  /** Scanner checks that verify it at run time. */
  readonly scannerChecks: readonly ScannerCheckRef[];
  /** Name of the `NagControl` that acknowledges it in every pack, if there is one. */
  readonly nagControl?: string;
  /** Checkov checks (run on CloudFormation) that check it: a `NagControl` acknowledgment skips them too. */
  readonly checkovChecks?: readonly string[];
  /**
   * cfn-guard rules that check it (AWS Control Tower's proactive controls and the AWS Guard Rules
   * Registry): a `NagControl` acknowledgment suppresses them too.
   */
  readonly guardRules?: readonly string[];
}

const NO_IDS: FrameworkIds = { fsbp: [], cis: [], nist80053r5: [], pciDss321: [], pciDss40: [], hipaa: [] };

export function fw(ids: Partial<FrameworkIds>): FrameworkIds {
  return { ...NO_IDS, ...ids };
}

export function control(entry: Partial<ControlEntry> & Pick<ControlEntry, 'id' | 'title' | 'severity'>): ControlEntry {
  return { frameworks: NO_IDS, enforcedBy: [], packRules: [], stockNagRules: [], scannerChecks: [], ...entry };
}
