import * as fs from 'fs';
import { IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib';
import { guardSuppressedRules } from '../core/acknowledge';

/**
 * A policy-validation plugin (for example cdklabs' `CfnGuardValidator`, which runs AWS Control Tower's
 * proactive controls under cfn-guard) whose violations on a resource that suppresses the rule
 * (`Metadata.guard.SuppressedRules`, written by `NagControl.acknowledge` and the library's
 * constructs) are dropped, the way the AWS Guard Rules Registry's rules drop them themselves.
 * Control Tower's rules do not read the metadata, so without this every deliberate trade-off would
 * fail synthesis unexplained.
 */
export class GuardSuppressionsHonoured implements IPolicyValidationPluginBeta1 {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];

  constructor(private readonly inner: IPolicyValidationPluginBeta1) {
    this.name = inner.name;
    this.version = inner.version;
    this.ruleIds = inner.ruleIds;
  }

  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    return withoutSuppressed(this.inner.validate(context));
  }
}

/** A plugin's report without its violations on resources that suppress the rule (`Metadata.guard.SuppressedRules`). */
export function withoutSuppressed(report: PolicyValidationPluginReportBeta1): PolicyValidationPluginReportBeta1 {
  const templates = new Map<string, any>();
  const template = (file: string): any => {
    if (!templates.has(file)) {
      templates.set(file, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {});
    }
    return templates.get(file);
  };
  const violations = report.violations
    .map((violation) => ({
      ...violation,
      violatingResources: violation.violatingResources.filter((resource) => {
        const cfn = template(resource.templatePath)?.Resources?.[resource.resourceLogicalId];
        return !guardSuppressedRules(cfn).includes(violation.ruleName);
      }),
    }))
    .filter((violation) => violation.violatingResources.length > 0);
  return { ...report, success: violations.length === 0, violations };
}
