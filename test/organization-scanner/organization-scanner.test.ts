import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';

import { ComplianceBucket, ComplianceTopic, OrganizationScanner, OrganizationScannerProps, StackSetCallAs } from '../../src';
import { memberRoleStack } from '../../src/organization-scanner/member-role';
import { ALL_CHECKS, requiredActions } from '../../src/scanner/runtime/checks';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

function scanner(props: Partial<OrganizationScannerProps> = {}, stack: Stack = newStack()) {
  const s = new OrganizationScanner(stack, 'OrgScanner', { organizationalUnitIds: ['r-abcd'], regions: ['us-east-1', 'eu-west-1'], ...props });
  return { stack, scanner: s };
}

function definition(stack: Stack): any {
  const sm = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'))[0] as any;
  const joined = stack.resolve(sm.Properties.DefinitionString)['Fn::Join'][1] as unknown[];
  return JSON.parse(joined.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
}

function memberTemplate(stack: Stack): any {
  const set = Object.values(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'))[0] as any;
  return JSON.parse(set.Properties.TemplateBody);
}

describe('OrganizationScanner', () => {
  test('zero unacknowledged findings under every pack, with inputs from another stack', () => {
    const app = new App();
    const shared = newStack(app, 'Shared');
    const bucket = new ComplianceBucket(shared, 'Reports');
    const topic = new ComplianceTopic(shared, 'Topic');
    topic.allowServicePublish('cloudwatch.amazonaws.com');
    scanner({ organizationId: 'o-a1b2c3d4e5', reportBucket: bucket, alertTopic: topic }, newStack(app, 'Scanner'));
    expect(formatFindings(nagFindings(shared))).toEqual([]);
  });

  test('zero unacknowledged findings in an environment-agnostic stack, and in the member role stack', () => {
    const { stack } = scanner({}, new Stack(new App(), 'Agnostic'));
    expect(formatFindings(nagFindings(stack))).toEqual([]);
    const app = new App();
    memberRoleStack(app, 'Member', { roleName: 'ComplianceScannerMember', actions: requiredActions(), requireOrganization: true });
    expect(formatFindings(nagFindings(app))).toEqual([]);
  });

  test('Distributed Map: item reader, item selector, concurrency, tolerance, per-item retries, result writer, catch', () => {
    const { stack } = scanner({ maxConcurrency: 250, toleratedFailurePercentage: 5 });
    const def = definition(stack);
    expect(def.StartAt).toBe('PlanRun');
    expect(def.States.PlanRun.Next).toBe('ScanAccounts');
    const map = def.States.ScanAccounts;
    expect(map).toMatchObject({
      Type: 'Map',
      Label: 'ScanAccounts',
      MaxConcurrency: 250,
      ToleratedFailurePercentage: 5,
      ItemReader: { ReaderConfig: { InputType: 'JSON' }, Parameters: { 'Key.$': '$.plan.itemsKey' } },
      ItemSelector: { 'runId.$': '$.plan.runId', 'item.$': '$$.Map.Item.Value' },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'ScanItem' },
      ResultWriter: { Parameters: { Prefix: 'organization-scans/results' } },
      Next: 'WriteReport',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.mapError', Next: 'WriteFailedRunReport' }],
    });
    expect(map.ItemReader.Resource).toMatch(/:states:::s3:getObject$/);
    expect(map.ResultWriter.Resource).toMatch(/:states:::s3:putObject$/);
    const child = map.ItemProcessor.States.ScanItem;
    expect(child.TimeoutSeconds).toBe(630);
    expect(child.Retry).toEqual([{
      ErrorEquals: ['TransientItemError', 'Lambda.TooManyRequestsException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException',
        'Lambda.SdkClientException', 'Lambda.ClientExecutionTimeoutException', 'Lambda.Unknown'],
      IntervalSeconds: 5,
      MaxAttempts: 3,
      BackoffRate: 2,
      JitterStrategy: 'FULL',
    }]);
    expect(def.States.WriteFailedRunReport.Next).toBe('RunFailed');
    // The item function's reserved concurrency matches the Map's, and every child stays inside Lambda's limit.
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('scans one account'), ReservedConcurrentExecutions: 250, Timeout: 600,
    });
  });

  test('defaults: 100 children at once, 10% tolerated; runs can be redriven (the role may redrive its Map Runs)', () => {
    const { stack } = scanner();
    expect(definition(stack).States.ScanAccounts).toMatchObject({ MaxConcurrency: 100, ToleratedFailurePercentage: 10 });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'RedriveMapRuns', Action: 'states:RedriveExecution' })]) },
    });
  });

  test('member role: service-managed StackSet with automatic deployment; exactly the checks\' read actions; trusted by the scanner role alone, with the external id and the organization', () => {
    const checks = ['s3-bucket-versioning', 'iam-root-mfa'];
    const { stack, scanner: s } = scanner({ checks, organizationId: 'o-a1b2c3d4e5', stackSetCallAs: StackSetCallAs.SELF, externalId: 'my-external-id' });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      CallAs: 'SELF',
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['r-abcd'] }, Regions: [{ Ref: 'AWS::Region' }] }],
      Parameters: [
        { ParameterKey: 'ScannerRoleArn', ParameterValue: { 'Fn::GetAtt': [stack.getLogicalId(s.scannerRole.node.defaultChild as any), 'Arn'] } },
        { ParameterKey: 'ExternalId', ParameterValue: 'my-external-id' },
        { ParameterKey: 'OrganizationId', ParameterValue: 'o-a1b2c3d4e5' },
      ],
    });
    const member = memberTemplate(stack);
    const role = Object.values(member.Resources).find((r: any) => r.Type === 'AWS::IAM::Role') as any;
    expect(role.Properties.RoleName).toBe('ComplianceScannerMember');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { 'Fn::Select': [4, { 'Fn::Split': [':', { Ref: 'ScannerRoleArn' }] }] }, ':root']] } },
      Condition: {
        StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' }, 'aws:PrincipalOrgID': { Ref: 'OrganizationId' } },
        ArnEquals: { 'aws:PrincipalArn': { Ref: 'ScannerRoleArn' } },
      },
    }]);
    const policies = Object.values(member.Resources).filter((r: any) => r.Type === 'AWS::IAM::ManagedPolicy') as any[];
    const actions = policies.flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((st: any) => [st.Action].flat())).sort();
    expect(actions).toEqual(requiredActions(ALL_CHECKS.filter((c) => checks.includes(c.id))));
    expect(Object.values(member.Resources).map((r: any) => r.Type).sort()).toEqual(['AWS::IAM::ManagedPolicy', 'AWS::IAM::Role']);
    // The scanner may assume only that role, and only in the organization's accounts.
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'AssumeMemberRoles',
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/ComplianceScannerMember']] },
        })]),
      },
    });
  });

  test('deployMemberRoles false leaves the StackSet out', () => {
    const { stack, scanner: s } = scanner({ deployMemberRoles: false });
    Template.fromStack(stack).resourceCountIs('AWS::CloudFormation::StackSet', 0);
    expect(s.memberStackSet).toBeUndefined();
  });

  test.each([
    [{ organizationalUnitIds: [] }, /organizationalUnitIds/],
    [{ organizationalUnitIds: ['ou-bad'] }, /ou-bad/],
    [{ excludedAccountIds: ['12345'] }, /excludedAccountIds/],
    [{ regions: ['mars-1'] }, /mars-1/],
    [{ maxConcurrency: 0 }, /maxConcurrency/],
    [{ toleratedFailurePercentage: 101 }, /toleratedFailurePercentage/],
    [{ organizationId: 'org-1' }, /organizationId/],
    [{ checks: ['no-such-check'] }, /no-such-check/],
  ] as Array<[Partial<OrganizationScannerProps>, RegExp]>)('invalid props fail at synth: %j', (props, message) => {
    expect(() => scanner(props)).toThrow(message);
  });

  test('itemTimeout above Lambda\'s 15 minutes is refused', () => {
    expect(() => scanner({ itemTimeout: Duration.minutes(16) })).toThrow(/itemTimeout/);
  });

  test('logRetention keeps every log group of the scanner for that long: the three functions\' and the state machine\'s', () => {
    const { stack } = scanner({ logRetention: logs.RetentionDays.TEN_YEARS });
    const groups = Template.fromStack(stack).findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups).length).toBe(4);
    for (const [id, g] of Object.entries(groups)) expect(`${id} ${(g as any).Properties.RetentionInDays}`).toBe(`${id} 3653`);
  });

  test('without logRetention, every log group keeps a year', () => {
    const groups = Template.fromStack(scanner().stack).findResources('AWS::Logs::LogGroup');
    for (const [id, g] of Object.entries(groups)) expect(`${id} ${(g as any).Properties.RetentionInDays}`).toBe(`${id} 365`);
  });
});
