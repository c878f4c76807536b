/**
 * The reference apps against validators beyond the cdk-nag packs: AWS Control Tower's proactive
 * controls (cfn-guard, through cdklabs' CfnGuardValidator, registered the way `NagReport.enforce`
 * registers it) and AWS's service authorization reference (every action/resource pairing granted).
 *
 * cfn-guard runs all of Control Tower's rules over a template in about 3 to 10 s, so it runs once
 * per app here, on the templates the seed checklists synthesize anyway.
 */
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IPolicyValidationContextBeta1 } from 'aws-cdk-lib';
import { withoutSuppressed } from '../../src/nag/guard-suppressions';
import { AppName, synthesized } from '../examples/checklist';
import { grantProblems } from '../iam/service-authorization';

jest.setTimeout(240_000);

const APPS: AppName[] = ['compliance-scanner', 'auditing-system', 'batch-processing'];

function validationContext(name: AppName): IPolicyValidationContextBeta1 {
  const app = synthesized(name, 'typescript');
  return { appConstruct: app.cdkApp!, templatePaths: Object.keys(app.templates).map((stack) => path.join(app.outdir, `${stack}.template.json`)) };
}

function violations(report: { violations: Array<{ ruleName: string; violatingResources: Array<{ resourceLogicalId: string }> }> }): string[] {
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.resourceLogicalId}`)).sort();
}

describe.each(APPS)('%s', (name) => {
  test('no unsuppressed AWS Control Tower proactive control violation; each suppression is on the resource that fails the rule', () => {
    // One cfn-guard run: its report filtered the way the plugins NagReport.enforce registers filter it.
    const report = new CfnGuardValidator().validate(validationContext(name));
    expect(violations(withoutSuppressed(report))).toEqual([]);
    // The suppressions are what keeps it at zero: the same rules fail without them, so the check can fail.
    expect(violations(report).length).toBeGreaterThan(0);
  });

  test('every action granted exists and each resource it names is of a type the action takes', async () => {
    const app = synthesized(name, 'typescript');
    const { problems, checked } = await grantProblems(app.templates as any);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });
});
