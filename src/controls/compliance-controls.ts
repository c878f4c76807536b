import { ControlEntry, CONTROLS } from './catalog';
import { controlById, controlForCheck, controlForRule, frameworksOf } from './index';

/**
 * The framework requirements one control maps to. An empty list: the framework has no matching
 * requirement.
 */
export interface ControlFrameworks {
  /** AWS Foundational Security Best Practices control ids, for example `S3.5`. */
  readonly fsbp: string[];
  /** CIS AWS Foundations Benchmark v3.0 recommendations, for example `2.1.1`. */
  readonly cis: string[];
  /** NIST SP 800-53 Rev. 5 controls, for example `SC-8(1)`. */
  readonly nist80053r5: string[];
  /** PCI DSS v3.2.1 requirements, for example `4.1`. */
  readonly pciDss321: string[];
  /** PCI DSS v4.0.1 requirements (the revision of v4.0 AWS Security Hub evaluates), for example `4.2.1`. */
  readonly pciDss40: string[];
  /** HIPAA Security Rule sections, for example `164.312(e)(1)`. */
  readonly hipaa: string[];
}

/**
 * A construct of this library that enforces a control by default.
 */
export interface ControlEnforcement {
  /** The construct, for example `ComplianceBucket`. */
  readonly construct: string;
  /**
   * The prop that weakens the default (the construct then adds a synth warning saying so).
   *
   * @default - no prop weakens it
   */
  readonly weakenedBy?: string;
}

/**
 * One control of the library's catalog: its id, what it asks, the frameworks it maps to, and
 * which constructs enforce it, which rules check it at synth time and which scanner checks verify
 * it in the live account.
 */
export interface ComplianceControlInfo {
  /** Id: FSBP's where FSBP has the control (`S3.9`), else `<Service>.<What>` (`Batch.JobTimeout`). */
  readonly id: string;
  /** What the control asks, one line. */
  readonly title: string;
  /** `CRITICAL`, `HIGH`, `MEDIUM` or `LOW`. */
  readonly severity: string;
  /** The framework requirements it maps to. */
  readonly frameworks: ControlFrameworks;
  /** Constructs that enforce it at synth time. */
  readonly enforcedBy: ControlEnforcement[];
  /** CompliancePack finding ids that check it (`CompliancePack-S3TlsOnlyPolicy`). */
  readonly compliancePackRules: string[];
  /** Finding ids of the stock cdk-nag packs that check it (`AwsSolutions-S10`). */
  readonly stockNagRules: string[];
  /** Ids of the ComplianceScanner checks that verify it at run time (`s3-bucket-tls-only`). */
  readonly scannerChecks: string[];
}

/**
 * The library's controls catalog: one id per control, shared by the constructs, `CompliancePack`,
 * `NagControl` and `ComplianceScanner`, with its mappings to AWS FSBP, CIS AWS Foundations,
 * NIST 800-53 Rev. 5, PCI DSS (3.2.1 and 4.0) and HIPAA. docs/controls.md is generated from it.
 *
 * @example
 * import { ComplianceControls } from 'cdk-compliance-constructs';
 *
 * const tls = ComplianceControls.byId('S3.5');
 * // tls?.frameworks.pciDss40 -> ['4.2.1']; tls?.scannerChecks -> ['s3-bucket-tls-only']
 */
export class ComplianceControls {
  /** Every control, in the catalog's order. */
  public static all(): ComplianceControlInfo[] {
    return CONTROLS.map(toInfo);
  }

  /**
   * The control with this id.
   *
   * @param id a control id such as `S3.5`
   * @returns the control, or `undefined` when the catalog has no such id
   */
  public static byId(id: string): ComplianceControlInfo | undefined {
    const entry = controlById(id);
    return entry ? toInfo(entry) : undefined;
  }

  /**
   * The control a CompliancePack rule checks.
   *
   * @param rule a rule name (`S3TlsOnlyPolicy`) or finding id (`CompliancePack-S3TlsOnlyPolicy`)
   * @returns the control, or `undefined` for a rule the catalog does not know (a custom rule)
   */
  public static forCompliancePackRule(rule: string): ComplianceControlInfo | undefined {
    const entry = controlForRule(rule);
    return entry ? toInfo(entry) : undefined;
  }

  /**
   * The control a ComplianceScanner check verifies.
   *
   * @param checkId a check id such as `s3-bucket-tls-only`
   * @returns the control, or `undefined` for an unknown check id
   */
  public static forScannerCheck(checkId: string): ComplianceControlInfo | undefined {
    const entry = controlForCheck(checkId);
    return entry ? toInfo(entry) : undefined;
  }

  private constructor() {}
}

function toInfo(entry: ControlEntry): ComplianceControlInfo {
  return {
    id: entry.id,
    title: entry.title,
    severity: entry.severity,
    frameworks: frameworksOf(entry),
    enforcedBy: entry.enforcedBy.map((e) => (e.weakenedBy ? { construct: e.construct, weakenedBy: e.weakenedBy } : { construct: e.construct })),
    compliancePackRules: entry.packRules.map((r) => `CompliancePack-${r}`),
    stockNagRules: [...entry.stockNagRules],
    scannerChecks: entry.scannerChecks.map((c) => c.id),
  };
}
