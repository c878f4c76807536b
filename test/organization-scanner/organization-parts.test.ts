import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { StackSetCallAs } from '../../src';
import { ManagedPolicyRole } from '../../src/core/managed-policy-role';
import { grantFunctions, organizationFunction, organizationFunctions, runObjectsOf } from '../../src/organization-scanner/functions';
import { MEMBER_PARAMETERS, memberStackSet } from '../../src/organization-scanner/member-role';
import { organizationMetric, runSchedule } from '../../src/organization-scanner/monitoring';
import { organizationSettings } from '../../src/organization-scanner/settings';
import { MAP_LABEL, moveDistributedMapPolicy, stateMachineNameOf } from '../../src/organization-scanner/state-machine';
import { ScannerStorage } from '../../src/scanner/storage';

/**
 * The builders OrganizationScanner's constructor calls, one by one (the construct tests check
 * what they make together).
 */

const newStack = () => new Stack(undefined, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
const OU = { organizationalUnitIds: ['ou-abcd-11111111'] };
type Fn = new (scope: any, id: string, props: lambda.FunctionOptions) => lambda.Function;
const Inline: Fn = class extends lambda.Function {
  constructor(scope: any, id: string, props: lambda.FunctionOptions) {
    super(scope, id, { ...props, runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  }
};

function resources(stack: Stack): ScannerStorage {
  const key = new kms.Key(stack, 'K');
  return {
    key,
    keyArns: [key.keyArn],
    reportKey: key,
    reportBucket: new s3.Bucket(stack, 'B'),
    alertTopic: new sns.Topic(stack, 'T'),
    findingsTable: new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }),
  };
}

describe('settings', () => {
  test('defaults: member role ComplianceScannerMember, an external id from the path, ten-minute items, 100 at once', () => {
    const s = organizationSettings(newStack(), OU);
    expect([s.memberRoleName, s.itemTimeout.toSeconds(), s.maxConcurrency, s.scoreThreshold, s.metricNamespace, s.excludedAccountIds])
      .toEqual(['ComplianceScannerMember', 600, 100, 80, 'OrganizationScanner', []]);
    expect(s.externalId).toMatch(/^compliance-scan-/);
  });

  test.each([
    [{ organizationalUnitIds: [] }, /invalid organizationalUnitIds/],
    [{ ...OU, excludedAccountIds: ['123'] }, /invalid excludedAccountIds/],
    [{ ...OU, organizationId: 'org' }, /invalid organizationId/],
    [{ ...OU, memberRoleName: 'bad name' }, /invalid memberRoleName/],
    [{ ...OU, externalId: 'x' }, /invalid externalId/],
    [{ ...OU, itemTimeout: Duration.minutes(16) }, /invalid itemTimeout/],
  ])('%j fails naming the prop', (props, error) => {
    expect(() => organizationSettings(newStack(), props)).toThrow(error);
  });
});

describe('functions', () => {
  test('organizationFunction: log group, ManagedPolicyRole with logs and traces, dead-letter queue, function with the defaults', () => {
    const stack = newStack();
    const { fn, role } = organizationFunction(stack, new kms.Key(stack, 'K'), 'Plan', Inline, 'plans', { A: 'b' },
      { timeout: Duration.minutes(5), memorySize: 512, reservedConcurrency: 2 });
    expect(role).toBeInstanceOf(ManagedPolicyRole);
    expect(fn.node.id).toBe('PlanFunction');
    const template = Template.fromStack(stack);
    const props = Object.values(template.findResources('AWS::Lambda::Function'))[0].Properties;
    expect(props).toMatchObject({ MemorySize: 512, ReservedConcurrentExecutions: 2, Architectures: ['arm64'], Environment: { Variables: { A: 'b' } } });
    expect(props.Description).toBe('Organization compliance scanner S: plans');
    expect(stack.resolve(role.permissions!.document.toJSON()).Statement.map((s: any) => s.Sid)).toEqual(expect.arrayContaining(['WriteOwnLogs', 'WriteTraces']));
    expect(Object.keys(template.findResources('AWS::SQS::Queue'))).toHaveLength(1);
  });

  test('organizationFunctions and grantFunctions: what each role may do', () => {
    const stack = newStack();
    const r = resources(stack);
    const settings = organizationSettings(stack, { ...OU, excludedAccountIds: ['111111111111'] });
    const functions = organizationFunctions(stack, { ...OU, regions: ['eu-west-1'] }, settings, r);
    grantFunctions(functions, r, settings.memberRoleName, 'o-abcdefghij');
    // aws-cdk-lib's own grants (dead-letter queue, environment key) carry no sid.
    const sids = (f: { role: ManagedPolicyRole }) =>
      stack.resolve(f.role.permissions!.document.toJSON()).Statement.map((s: any) => s.Sid).filter(Boolean);
    expect(sids(functions.plan)).toEqual(['WriteOwnLogs', 'WriteTraces', 'ListOrganization', 'WriteItems', 'UseKeys']);
    expect(sids(functions.item)).toEqual(['WriteOwnLogs', 'WriteTraces', 'AssumeMemberRoles', 'WriteItemReports', 'WriteFindings', 'UseKeys']);
    expect(sids(functions.report)).toEqual(['WriteOwnLogs', 'WriteTraces', 'ReadMapResults', 'WriteReports', 'PublishSummary', 'UseKeys']);
    const assume = stack.resolve(functions.item.role.permissions!.document.toJSON()).Statement.find((s: any) => s.Sid === 'AssumeMemberRoles');
    expect(assume.Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': 'o-abcdefghij' } });
    const env = (f: lambda.Function) => (f.node.defaultChild as lambda.CfnFunction).environment as any;
    expect(stack.resolve(env(functions.plan.fn)).variables).toMatchObject({ EXCLUDED_ACCOUNT_IDS: '111111111111', SCAN_REGIONS: 'eu-west-1', TARGET_OU_IDS: 'ou-abcd-11111111' });
    expect(stack.resolve(env(functions.item.fn)).variables).toMatchObject({ MEMBER_ROLE_NAME: 'ComplianceScannerMember', OUTPUT_RESERVE_MS: '60000' });
    expect(stack.resolve(runObjectsOf(r.reportBucket))).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.any(String), 'Arn'] }, '/organization-scans/runs/*']] });
  });
});

describe('member role StackSet', () => {
  test('service managed, automatic deployment, the scanner role, external id and organization as parameters', () => {
    const stack = newStack();
    memberStackSet(stack, {
      roleName: 'Member',
      actions: ['s3:ListAllMyBuckets'],
      requireOrganization: true,
      organizationalUnitIds: ['r-abcd'],
      scannerRoleArn: 'arn:aws:iam::123456789012:role/scanner',
      externalId: 'ext',
      organizationId: 'o-abcdefghij',
      callAs: StackSetCallAs.SELF,
    });
    const [set] = Object.values(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'));
    expect(set.Properties).toMatchObject({ PermissionModel: 'SERVICE_MANAGED', CallAs: 'SELF', AutoDeployment: { Enabled: true } });
    expect(set.Properties.Parameters.map((p: any) => p.ParameterKey))
      .toEqual([MEMBER_PARAMETERS.scannerRoleArn, MEMBER_PARAMETERS.externalId, MEMBER_PARAMETERS.organizationId]);
    expect(JSON.parse(set.Properties.TemplateBody).Resources).toBeDefined();
  });
});

describe('state machine', () => {
  test('stateMachineNameOf: a fixed name of letters, digits, hyphens and underscores', () => {
    expect(stateMachineNameOf(newStack())).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
  });

  test('moveDistributedMapPolicy: the inline policy goes, its statements land in the role\'s managed policy', () => {
    const stack = newStack();
    stack.node.setContext('@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2', true);
    const role = new ManagedPolicyRole(stack, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    const map = new sfn.DistributedMap(stack, 'Map', { label: MAP_LABEL });
    map.itemProcessor(new sfn.Pass(stack, 'P'));
    const sm = new sfn.StateMachine(stack, 'SM', { stateMachineName: 'sm', definitionBody: sfn.DefinitionBody.fromChainable(map), role });
    moveDistributedMapPolicy(sm, role, 'sm', MAP_LABEL);
    expect(sm.node.tryFindChild('DistributedMapPolicy')).toBeUndefined();
    expect(stack.resolve(role.permissions!.document.toJSON()).Statement.map((s: any) => s.Sid))
      .toEqual(expect.arrayContaining(['StartChildExecutions', 'ManageChildExecutions', 'RedriveMapRuns']));
  });
});

describe('schedule and metrics', () => {
  test('runSchedule: a role EventBridge assumes for this account only, three retries, the dead-letter queue', () => {
    const stack = newStack();
    const sm = new sfn.StateMachine(stack, 'SM', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')) });
    const { rule, deadLetterQueue } = runSchedule(stack, new kms.Key(stack, 'K'), sm, events.Schedule.rate(Duration.hours(12)));
    expect([rule.node.id, deadLetterQueue.node.id]).toEqual(['Schedule', 'ScheduleDeadLetterQueue']);
    const [r] = Object.values(Template.fromStack(stack).findResources('AWS::Events::Rule'));
    expect(r.Properties).toMatchObject({ ScheduleExpression: 'rate(12 hours)', Targets: [{ RetryPolicy: { MaximumRetryAttempts: 3 } }] });
    const trust = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))
      .map((x) => JSON.stringify(x.Properties.AssumeRolePolicyDocument)).find((d) => d.includes('events.amazonaws.com'))!;
    expect(trust).toContain('"aws:SourceAccount":"123456789012"');
  });

  test('organizationMetric: dimension service, one day unless told otherwise', () => {
    const m = organizationMetric('Ns', 'OrganizationScore', { Severity: 'HIGH' }, { statistic: 'Minimum' });
    expect([m.namespace, m.metricName, m.dimensions, m.period.toSeconds(), m.statistic])
      .toEqual(['Ns', 'OrganizationScore', { service: 'organization-scanner', Severity: 'HIGH' }, 86400, 'Minimum']);
    expect(organizationMetric('Ns', 'M', {}, { period: Duration.hours(1) }).period.toSeconds()).toBe(3600);
  });
});
