/**
 * One acknowledgment, three tools: `NagControl.acknowledge` writes the cdk-nag acknowledgment, the
 * Checkov skip and the cfn-guard suppression, with one reason, and each tool honours it.
 * (Checkov reads `Metadata.checkov.skip` itself; `npx projen validate` runs it over the reference
 * apps, whose Lambda-outside-a-VPC skips are written by this call only.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HIPAASecurityChecks } from 'cdk-nag';
import { NagControl, NagReport } from '../../src';

jest.setTimeout(240_000);

const REASON = 'Calls only public AWS APIs and handles no data.';
const GUARD_RULES = [path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules/control-tower/cfn-guard/lambda/ct-lambda-pr-3.guard')];

function build(acknowledge: boolean): { app: App; fn: lambda.CfnFunction; templatePath: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ack-tools-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Ack', { env: { account: '123456789012', region: 'us-east-1' } });
  const fn = new lambda.CfnFunction(stack, 'Fn', {
    code: { zipFile: 'exports.handler = async () => {};' },
    handler: 'index.handler',
    runtime: 'nodejs24.x',
    role: 'arn:aws:iam::123456789012:role/fn',
  });
  if (acknowledge) {
    NagControl.LAMBDA_INSIDE_VPC.acknowledge(fn, REASON);
  }
  const assembly = app.synth();
  return { app, fn, templatePath: path.join(assembly.directory, assembly.getStackByName('Ack').templateFile) };
}

function guardViolations(app: App, templatePath: string): string[] {
  const [validator] = NagReport.honouringSuppressions([new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: GUARD_RULES })]);
  return validator.validate({ templatePaths: [templatePath], appConstruct: app }).violations.map((v) => v.ruleName);
}

describe.each([true, false])('NagControl.LAMBDA_INSIDE_VPC.acknowledge called: %s', (acknowledged) => {
  const { app, templatePath } = build(acknowledged);
  const resource = JSON.parse(fs.readFileSync(templatePath, 'utf8')).Resources.Fn;

  test('cdk-nag sees it', () => {
    const ids = NagReport.collect(app, [new HIPAASecurityChecks()]).findings.map((f) => f.ruleId);
    expect(ids.includes('HIPAA.Security-LambdaInsideVPC')).toBe(!acknowledged);
  });

  test('Checkov\'s skip is in the template, with the same reason', () => {
    const skips = resource.Metadata?.checkov?.skip ?? [];
    expect(skips).toEqual(acknowledged ? [{ id: 'CKV_AWS_117', comment: REASON }] : []);
  });

  test('cfn-guard sees it', () => {
    expect(resource.Metadata?.guard?.SuppressedRules ?? []).toEqual(acknowledged ? ['lambda_inside_vpc_check', 'LAMBDA_INSIDE_VPC'] : []);
    if (acknowledged) {
      expect(resource.Metadata.guard.SuppressionReasons.lambda_inside_vpc_check).toBe(REASON);
    }
    expect(guardViolations(app, templatePath)).toEqual(acknowledged ? [] : ['lambda_inside_vpc_check']);
  });
});
