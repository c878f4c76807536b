import * as fs from 'fs';
import * as path from 'path';
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
import { FormatInput, toCsv, toJunit, toSarif } from './private/nag-formats';
import { observePack, ObservedRule } from './private/nag-observer';

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
  /**
   * Logical id of the resource in its stack's template.
   *
   * @default - unknown (the resource is not in a stack)
   */
  readonly logicalId?: string;
  /**
   * File name of the template the resource is in, for example `MyStack.template.json`.
   *
   * @default - unknown (the resource is not in a stack)
   */
  readonly templateFile?: string;
}

/**
 * One cdk-nag finding that is acknowledged on its resource (or an ancestor), with the reason: the
 * audit record of what was accepted, and why.
 */
export interface NagAcknowledgedFinding {
  /** The pack whose rule found it, for example `AwsSolutions`. */
  readonly pack: string;
  /** The acknowledged rule id, with the finding id in brackets where the rule reports one. */
  readonly ruleId: string;
  /** Construct path of the resource. */
  readonly resourcePath: string;
  /** `error` or `warning`: the rule's level. */
  readonly severity: string;
  /** What the rule checks. */
  readonly description: string;
  /** The reason given when it was acknowledged. */
  readonly reason: string;
  /**
   * Logical id of the resource in its stack's template.
   *
   * @default - unknown (the resource is not in a stack)
   */
  readonly logicalId?: string;
  /**
   * File name of the template the resource is in.
   *
   * @default - unknown (the resource is not in a stack)
   */
  readonly templateFile?: string;
}

/**
 * Options of the SARIF output.
 */
export interface NagSarifOptions {
  /**
   * Directory of the synthesized templates, relative to the repository root (where code scanning
   * resolves locations): results point at the resource's line in `<templateDirectory>/<template file>`.
   *
   * @default 'cdk.out'
   */
  readonly templateDirectory?: string;
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
    const acknowledged: NagAcknowledgedFinding[] = [];
    const rules: ObservedRule[] = [];
    const passed: Array<{ pack: string; ruleId: string; resourcePath: string }> = [];
    for (const pack of used) {
      const observed = observePack(pack, scope);
      rules.push(...observed.rules);
      const ruleInfo = new Map(observed.rules.map((r) => [r.id, r]));
      const where = new Map(observed.results.map((r) => [`${r.ruleId}|${r.resourcePath}`, r]));
      for (const violation of observed.report.violations) {
        for (const resource of violation.violatingResources) {
          const resourcePath = resource.constructPath ?? resource.resourceLogicalId ?? '(unknown)';
          const at = where.get(`${violation.ruleName}|${resourcePath}`);
          findings.push({
            pack: pack.readPackName,
            ruleId: violation.ruleName,
            resourcePath,
            severity: violation.severity ?? 'error',
            description: violation.description,
            ...(at?.logicalId ? { logicalId: at.logicalId } : {}),
            ...(at?.templateFile ? { templateFile: at.templateFile } : {}),
          });
        }
      }
      for (const r of observed.results) {
        if (r.outcome === 'compliant') {
          passed.push({ pack: r.pack, ruleId: r.ruleId, resourcePath: r.resourcePath });
        } else if (r.outcome === 'acknowledged') {
          const rule = ruleInfo.get(r.baseRuleId);
          acknowledged.push({
            pack: r.pack,
            ruleId: r.ruleId,
            resourcePath: r.resourcePath,
            severity: (rule?.level ?? 'error').toLowerCase(),
            description: rule?.info ?? '',
            reason: r.reason ?? '',
            ...(r.logicalId ? { logicalId: r.logicalId } : {}),
            ...(r.templateFile ? { templateFile: r.templateFile } : {}),
          });
        }
      }
    }
    return new NagReport(used.map((p) => p.readPackName), findings, acknowledged, rules, passed);
  }

  /** Names of the packs that ran, in order. */
  public readonly packNames: string[];
  /** Every unacknowledged finding. */
  public readonly findings: NagFinding[];
  /** Every acknowledged finding, with the reason it was accepted. */
  public readonly acknowledged: NagAcknowledgedFinding[];
  private readonly rules: ObservedRule[];
  private readonly passed: Array<{ pack: string; ruleId: string; resourcePath: string }>;

  private constructor(
    packNames: string[],
    findings: NagFinding[],
    acknowledged: NagAcknowledgedFinding[],
    rules: ObservedRule[],
    passed: Array<{ pack: string; ruleId: string; resourcePath: string }>,
  ) {
    this.packNames = packNames;
    this.findings = findings;
    this.acknowledged = acknowledged;
    this.rules = rules;
    this.passed = passed;
  }

  /**
   * The findings as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: the rules with
   * their help text, a result per unacknowledged finding at the resource's line in its template
   * (and its construct path), and the acknowledged findings as suppressed results with their reasons.
   *
   * @param options where the templates are
   */
  public toSarif(options: NagSarifOptions = {}): string {
    return toSarif(this.formatInput(), options.templateDirectory ?? 'cdk.out');
  }

  /**
   * JUnit XML for CI dashboards: a test suite per pack and a test case per rule and resource; an
   * unacknowledged finding fails its case, an acknowledged one is skipped with its reason.
   */
  public toJunit(): string {
    return toJunit(this.formatInput());
  }

  /**
   * CSV (RFC 4180): a row per unacknowledged finding, then a row per acknowledged one with its reason.
   */
  public toCsv(): string {
    return toCsv(this.formatInput());
  }

  /**
   * Write `toSarif(options)` to a file (its directory is created).
   *
   * @param file the file to write, for example `cdk.out/nag.sarif`
   * @param options where the templates are
   */
  public writeSarif(file: string, options: NagSarifOptions = {}): void {
    writeFile(file, this.toSarif(options));
  }

  /**
   * Write `toJunit()` to a file (its directory is created).
   *
   * @param file the file to write, for example `test-reports/nag.xml`
   */
  public writeJunit(file: string): void {
    writeFile(file, this.toJunit());
  }

  /**
   * Write `toCsv()` to a file (its directory is created).
   *
   * @param file the file to write
   */
  public writeCsv(file: string): void {
    writeFile(file, this.toCsv());
  }

  private formatInput(): FormatInput {
    const base = (ruleId: string) => ruleId.replace(/\[.*$/s, '');
    return {
      packs: this.packNames,
      rules: this.rules,
      findings: this.findings.map((f) => ({ ...f, baseRuleId: base(f.ruleId) })),
      acknowledged: this.acknowledged.map((f) => ({ ...f, baseRuleId: base(f.ruleId) })),
      passed: this.passed,
    };
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

function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
