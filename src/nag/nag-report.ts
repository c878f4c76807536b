import { IPolicyValidationPluginBeta1, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NagPack,
  NIST80053R5Checks,
  PCIDSS321Checks,
  ServerlessChecks,
} from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CompliancePack } from './compliance-pack';
import { GuardSuppressionsHonoured } from './guard-suppressions';

/**
 * One unacknowledged cdk-nag finding on one resource.
 */
export interface NagFinding {
  /** The pack that reported it, for example `AwsSolutions`. */
  readonly pack: string;
  /** The rule id, with the finding id in brackets where the rule reports one, for example `AwsSolutions-IAM5[Action::s3:*]`. */
  readonly ruleId: string;
  /** Construct path of the resource. */
  readonly resourcePath: string;
  /** `error` or `warning`. */
  readonly severity: string;
  /** What the rule found. */
  readonly description: string;
}

/**
 * The unacknowledged findings of a set of cdk-nag packs over a construct tree.
 *
 * Packs registered with `Validations.of(app).addPlugins(...)` fail `cdk synth` on a finding; this
 * class runs the same packs directly and keeps the findings as data, for tests, dashboards and a
 * per-pack summary.
 *
 * @example
 * import { NagReport } from 'cdk-compliance-constructs';
 *
 * app.synth();
 * // Runs the stock packs and CompliancePack over the app; the summary has one line per pack,
 * // then one line per unacknowledged finding.
 * const report = NagReport.collect(app);
 * console.log(report.summary());
 */
export class NagReport {
  /**
   * The stock packs every construct of this library is held to: AwsSolutions, HIPAA.Security,
   * NIST.800.53.R5, PCI.DSS.321 and Serverless.
   */
  public static standardPacks(): NagPack[] {
    return [
      new AwsSolutionsChecks(),
      new HIPAASecurityChecks(),
      new NIST80053R5Checks(),
      new PCIDSS321Checks(),
      new ServerlessChecks(),
    ];
  }

  /**
   * The stock packs of `standardPacks()` followed by this library's `CompliancePack`.
   */
  public static allPacks(): NagPack[] {
    return [...NagReport.standardPacks(), new CompliancePack()];
  }

  /**
   * Register packs as validation plugins of a scope (normally the app), so that an unacknowledged
   * finding fails `cdk synth`. The same as `Validations.of(scope).addPlugins(...packs)`, in one call
   * that reads the same in every jsii language.
   *
   * Other policy-validation plugins can be registered with them (`validators`), for example cdklabs'
   * `CfnGuardValidator` (npm `@cdklabs/cdk-validator-cfnguard`, PyPI `cdklabs.cdk-validator-cfnguard`),
   * which checks AWS Control Tower's proactive controls with cfn-guard. Each is registered so that it honours the cfn-guard suppressions the
   * library writes (`Metadata.guard.SuppressedRules`) for its deliberate trade-offs, each with its
   * reason; a violation it reports anywhere else fails synthesis like an unacknowledged finding.
   * Leave `validators` out to run the packs only.
   *
   * @param scope the app or stage whose synthesis the packs check
   * @param packs the packs to register; when omitted, `NagReport.allPacks()` (the stock packs and CompliancePack)
   * @param validators further policy-validation plugins to register, such as `new CfnGuardValidator()`
   */
  public static enforce(scope: IConstruct, packs?: NagPack[], validators?: IPolicyValidationPluginBeta1[]): void {
    Validations.of(scope).addPlugins(...(packs ?? NagReport.allPacks()), ...NagReport.honouringSuppressions(validators ?? []));
  }

  /**
   * Policy-validation plugins that drop their violations on resources that suppress the rule
   * (`Metadata.guard.SuppressedRules`), for running them outside `enforce` (for example directly on
   * a cloud assembly's templates, as tests do).
   *
   * @param validators the plugins, such as `new CfnGuardValidator()`
   */
  public static honouringSuppressions(validators: IPolicyValidationPluginBeta1[]): IPolicyValidationPluginBeta1[] {
    return validators.map((v) => (v instanceof GuardSuppressionsHonoured ? v : new GuardSuppressionsHonoured(v)));
  }

  /**
   * Run packs over a construct tree (normally the app, after it is built) and collect the findings.
   *
   * @param scope the root of the tree to check
   * @param packs the packs to run; when omitted, `NagReport.allPacks()` (the stock packs and CompliancePack)
   */
  public static collect(scope: IConstruct, packs?: NagPack[]): NagReport {
    const used = packs ?? NagReport.allPacks();
    const findings: NagFinding[] = [];
    for (const pack of used) {
      const report = pack.validateScope(scope);
      for (const violation of report.violations) {
        for (const resource of violation.violatingResources) {
          findings.push({
            pack: pack.readPackName,
            ruleId: violation.ruleName,
            resourcePath: resource.constructPath ?? resource.resourceLogicalId ?? '(unknown)',
            severity: violation.severity ?? 'error',
            description: violation.description,
          });
        }
      }
    }
    return new NagReport(used.map((p) => p.readPackName), findings);
  }

  /** Names of the packs that ran, in order. */
  public readonly packNames: string[];
  /** Every unacknowledged finding. */
  public readonly findings: NagFinding[];

  private constructor(packNames: string[], findings: NagFinding[]) {
    this.packNames = packNames;
    this.findings = findings;
  }

  /**
   * Number of unacknowledged findings of one pack.
   *
   * @param pack the pack name, for example `AwsSolutions`
   */
  public countFor(pack: string): number {
    return this.findings.filter((f) => f.pack === pack).length;
  }

  /**
   * A plain-text table: one line per pack with its count of findings, then one line per finding.
   */
  public summary(): string {
    const width = Math.max(...this.packNames.map((p) => p.length), 'pack'.length);
    const lines = [`${'pack'.padEnd(width)}  unacknowledged findings`];
    for (const pack of this.packNames) {
      lines.push(`${pack.padEnd(width)}  ${this.countFor(pack)}`);
    }
    lines.push(`${'total'.padEnd(width)}  ${this.findings.length}`);
    for (const f of this.findings) {
      lines.push(`  ${f.severity.toUpperCase()} ${f.ruleId} at ${f.resourcePath}: ${f.description}`);
    }
    return lines.join('\n');
  }
}
