/**
 * Checklist of seed review 002_d92724b23843a58b (an infrastructure compliance auditing system) against
 * the reference app examples/auditing-system: every numbered failure of the review is an assertion on
 * the synthesized template (and, for the testing and formatting failures, on what replaces them here).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { ChecklistItem, expectCheckToCatch, outputTarget, readJsonWithComments, refsIn, refTarget, REPO_ROOT, resourcesOf, seedChecklist, synthesized, testNamesIn } from './checklist';
import { AuditingSystemStack, ENV } from '../../examples/auditing-system/typescript/app';

const SEED = '002_d92724b23843a58b';

/** The outputs seed 002 #3 asks for, with the type of the resource each must point at. */
const OUTPUTS: Record<string, string> = {
  VpcId: 'AWS::EC2::VPC',
  FlowLogGroupName: 'AWS::Logs::LogGroup',
  TrailArn: 'AWS::CloudTrail::Trail',
  AuditBucketName: 'AWS::S3::Bucket',
  AlertTopicArn: 'AWS::SNS::Topic',
  ScanFunctionName: 'AWS::Lambda::Function',
  RemediationFunctionName: 'AWS::Lambda::Function',
  FindingsTableName: 'AWS::DynamoDB::Table',
  ReportBucketName: 'AWS::S3::Bucket',
  DashboardName: 'AWS::CloudWatch::Dashboard',
};

const CHECKLIST: Record<number, ChecklistItem> = {
  1: {
    title: 'no inline policies: every Lambda execution role gets customer managed policies only',
    check: (app) => {
      const t = app.template;
      expect(Object.keys(resourcesOf(t, 'AWS::IAM::Policy'))).toEqual([]);
      const roles = resourcesOf(t, 'AWS::IAM::Role');
      for (const role of Object.values(roles)) {
        expect(role.Properties.Policies).toBeUndefined();
      }
      const managedPolicyRoles = Object.values(resourcesOf(t, 'AWS::IAM::ManagedPolicy')).flatMap((p) => (p.Properties.Roles ?? []).map(refTarget));
      const functions = Object.values(resourcesOf(t, 'AWS::Lambda::Function'));
      expect(functions.length).toBe(3);
      for (const fn of functions) {
        const role = refTarget(fn.Properties.Role)!;
        expect(roles[role]).toBeDefined();
        expect(managedPolicyRoles).toContain(role);
      }
    },
  },
  2: {
    title: 'the environment suffix is a validated stack prop: no CfnParameter, literal names',
    check: (app) => {
      const t = app.template;
      // Only the bootstrap version parameter the default synthesizer adds (and nothing refers to it).
      expect(Object.keys(t.Parameters ?? {}).filter((p) => p !== 'BootstrapVersion')).toEqual([]);
      expect(refsIn(t.Resources)).not.toContain('BootstrapVersion');
      const names = Object.values(resourcesOf(t, 'AWS::Lambda::Function')).map((f) => f.Properties.FunctionName).filter((n) => n !== undefined);
      expect(names.sort()).toEqual(['audit-dev-remediation', 'audit-dev-scanner']);
      expect(Object.values(resourcesOf(t, 'AWS::DynamoDB::Table'))[0].Properties.TableName).toBe('audit-dev-findings');
      if (app.language === 'typescript') {
        // A bad suffix fails at synth, naming the prop, the value and what is allowed (the other
        // languages' apps test their own stack class beside them).
        expect(() => new AuditingSystemStack(new App(), 'AuditingSystem-bad', { env: ENV, environmentSuffix: 'Prod_1' }))
          .toThrow(/invalid environmentSuffix: 'Prod_1'\. Allowed: 1 to 8 lowercase letters and digits/);
      }
    },
  },
  3: {
    title: 'an output for every key resource, pointing at the resource',
    check: (app) => {
      const outputs = app.template.Outputs ?? {};
      expect(Object.keys(outputs).sort()).toEqual(Object.keys(OUTPUTS).sort());
      for (const [name, type] of Object.entries(OUTPUTS)) {
        expect({ name, type: app.template.Resources[outputTarget(app.template, name)!]?.Type }).toEqual({ name, type });
        expect(outputs[name].Description).toBeTruthy();
      }
    },
  },
  4: {
    title: 'substitute for "incomplete unit tests": each construct of the app has its unit tests, none a placeholder',
    check: () => {
      let total = 0;
      for (const file of ['test/audited-vpc/audited-vpc.test.ts', 'test/account-audit/account-audit.test.ts', 'test/account-audit/config-rules.test.ts',
        'test/scanner/compliance-scanner.test.ts', 'test/scanner/compliance-scanner-remediation.test.ts']) {
        const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
        const tests = testNamesIn(file).length;
        total += tests;
        expect({ file, tests: tests > 0, placeholder: /\.fail\(|test\.todo|\.skip\(/.test(text) }).toEqual({ file, tests: true, placeholder: false });
      }
      expect(total).toBeGreaterThan(50);
    },
  },
  5: {
    title: 'substitute for "no integration tests": the scanner runs end to end against moto, and the outputs integration tests need exist',
    check: (app) => {
      expect(testNamesIn('test/scanner/moto.integration.test.ts')).toContain('fixture account yields exactly the expected findings');
      expect(Object.keys(app.template.Outputs ?? {})).toEqual(expect.arrayContaining(['VpcId', 'AuditBucketName', 'ScanFunctionName', 'DashboardName']));
    },
  },
  6: {
    title: 'the Config recorder is an explicit choice: one recorder and channel here, rules that depend on it, adopt mode available',
    check: (app) => {
      const t = app.template;
      const recorders = Object.keys(resourcesOf(t, 'AWS::Config::ConfigurationRecorder'));
      const channels = Object.keys(resourcesOf(t, 'AWS::Config::DeliveryChannel'));
      expect(recorders.length).toBe(1);
      expect(channels.length).toBe(1);
      const rules = Object.values(resourcesOf(t, 'AWS::Config::ConfigRule'));
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(rule.DependsOn).toEqual(expect.arrayContaining([recorders[0], channels[0]]));
      }
      const source = fs.readFileSync(path.join(REPO_ROOT, 'src/account-audit/account-audit.ts'), 'utf8');
      expect(source).toMatch(/ADOPT_EXISTING = 'ADOPT_EXISTING'/);
      expect(testNamesIn('test/account-audit/account-audit.test.ts').some((n) => /adopt/i.test(n))).toBe(true);
    },
  },
  7: {
    title: 'substitute for "code formatting": eslint with a style rule set runs on the library, tests and examples',
    check: () => {
      const eslintrc = readJsonWithComments('.eslintrc.json');
      expect(eslintrc.rules['@stylistic/indent']).toEqual(['error', 2]);
      const tasks = readJsonWithComments('.projen/tasks.json');
      const args: string[] = tasks.tasks.eslint.steps[0].execArgs ?? [];
      expect(args).toEqual(expect.arrayContaining(['src', 'test', 'examples']));
      expect(tasks.tasks.test.steps.map((s: any) => s.spawn)).toContain('eslint');
    },
  },
};

seedChecklist(SEED, 'auditing-system', CHECKLIST, {});

describe('the checks catch the seed\'s failures when they are put back', () => {
  const app = () => synthesized('auditing-system', 'typescript');
  test('#1 an inline policy on a Lambda role', () => {
    expectCheckToCatch(CHECKLIST[1], app(), (t) => {
      const role = Object.entries(resourcesOf(t, 'AWS::IAM::Role')).find(([id]) => id.startsWith('ScannerRemediationRole'))![1];
      role.Properties.Policies = [{ PolicyName: 'inline', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:PutEncryptionConfiguration', Resource: '*' }] } }];
    });
  });
  test('#2 a CfnParameter in a name', () => {
    expectCheckToCatch(CHECKLIST[2], app(), (t) => {
      t.Parameters = { ...t.Parameters, environmentSuffix: { Type: 'String', Default: 'dev' } };
    });
  });
  test('#3 a missing output', () => {
    expectCheckToCatch(CHECKLIST[3], app(), (t) => {
      delete t.Outputs!.RemediationFunctionName;
    });
  });
});


describe('auditing-system stack props', () => {
  test('an environment suffix longer than 8 characters is refused with the prop, the value and what is allowed', () => {
    expect(() => new AuditingSystemStack(new App(), 'AuditingSystem-production', { env: ENV, environmentSuffix: 'production' }))
      .toThrow(/AuditingSystem-production: invalid environmentSuffix: 'production'\. Allowed: 1 to 8 lowercase letters and digits/);
  });
  test('another suffix names every resource after it', () => {
    const app = new App();
    app.node.setContext(`availability-zones:account=${ENV.account}:region=${ENV.region}`, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
    const stack = new AuditingSystemStack(app, 'AuditingSystem-prod1', { env: ENV, environmentSuffix: 'prod1' });
    const t = app.synth().getStackByName(stack.stackName).template;
    const names = Object.values(resourcesOf(t, 'AWS::Lambda::Function')).map((f) => f.Properties.FunctionName).filter((n) => n !== undefined);
    expect(names.sort()).toEqual(['audit-prod1-remediation', 'audit-prod1-scanner']);
  });
});
