import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, CfnResource, Duration, IPolicyValidationContext, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { seedFailureStack } from './seed-app';
import { ComplianceBucket, ComplianceKey, ComplianceLogGroup, CompliancePack, ICompliancePackRule, NagControl, NagReport } from '../../src';
import { ALL_RULES } from '../../src/nag/rules';
import { allPacks, formatFindings, nagFindings, newStack } from '../nag-helper';

function packFindings(app: App, pack = new CompliancePack()): string[] {
  app.synth();
  return NagReport.collect(app, [pack]).findings.map((f) => `${f.ruleId} ${f.resourcePath}`).sort();
}

describe('the rule list', () => {
  test('golden: rule ids and levels', () => {
    const E = NagMessageLevel.ERROR;
    const W = NagMessageLevel.WARN;
    expect(CompliancePack.ruleCatalog().map((r) => [r.id, r.level])).toEqual([
      ['CompliancePack-BatchEc2Imdsv2', E],
      ['CompliancePack-BatchExecutionRoleAuthorized', E],
      ['CompliancePack-BatchFargateRoleTrust', E],
      ['CompliancePack-BatchJobRetryStrategy', W],
      ['CompliancePack-BatchJobTimeout', W],
      ['CompliancePack-BatchPrivilegedContainer', E],
      ['CompliancePack-BatchPublicNetwork', E],
      ['CompliancePack-CloudTrailDeliveryAuthorized', E],
      ['CompliancePack-AlarmActionAuthorized', E],
      ['CompliancePack-ConfigDeliveryAuthorized', E],
      ['CompliancePack-ConfigRuleWithoutRecorder', E],
      ['CompliancePack-DynamoDbCustomerManagedKey', E],
      ['CompliancePack-DynamoDbPointInTimeRecovery', W],
      ['CompliancePack-FlowLogDeliveryAuthorized', E],
      ['CompliancePack-SecurityGroupOpenEgress', E],
      ['CompliancePack-VpcFlowLogs', E],
      ['CompliancePack-VpcGatewayEndpointRouteTables', E],
      ['CompliancePack-EventsRuleTargetAuthorized', E],
      ['CompliancePack-GuardDutyFindingsRoute', E],
      ['CompliancePack-IamWriteOnWildcardResource', E],
      ['CompliancePack-LambdaRoleInlinePolicy', E],
      ['CompliancePack-RoleTrustAuthorized', E],
      ['CompliancePack-KmsKeyPolicyNoKmsStar', E],
      ['CompliancePack-KmsKeyUseAuthorized', E],
      ['CompliancePack-LambdaActiveTracing', W],
      ['CompliancePack-LambdaDeprecatedRuntime', E],
      ['CompliancePack-LambdaDestinationAuthorized', E],
      ['CompliancePack-LambdaExplicitLogGroup', W],
      ['CompliancePack-LambdaFailureDestination', W],
      ['CompliancePack-LambdaReservedConcurrency', W],
      ['CompliancePack-LogGroupKeyAllowsLogs', E],
      ['CompliancePack-LogGroupKmsEncrypted', E],
      ['CompliancePack-LogGroupRetention', W],
      ['CompliancePack-S3AccessLogDeliveryAuthorized', E],
      ['CompliancePack-S3AccessLogging', E],
      ['CompliancePack-S3DenyWrongEncryptionPolicy', E],
      ['CompliancePack-S3LifecycleRules', W],
      ['CompliancePack-S3PublicAccessBlock', E],
      ['CompliancePack-S3TlsOnlyPolicy', E],
      ['CompliancePack-SchedulerTargetAuthorized', E],
      ['CompliancePack-SnsTopicKms', E],
      ['CompliancePack-SnsTopicPolicy', E],
      ['CompliancePack-StateMachineTasksAuthorized', E],
    ]);
    expect(new CompliancePack().ruleIds).toEqual(CompliancePack.ruleCatalog().map((r) => r.id));
  });

  test('each rule lives in a file of its own name, under its service, and keeps that name through bundling', () => {
    const rulesDir = path.join(__dirname, '../../src/nag/rules');
    const files = fs.readdirSync(rulesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => fs.readdirSync(path.join(rulesDir, d.name)).filter((f) => /^[A-Z].*\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, '')));
    expect(files.sort()).toEqual(ALL_RULES.map((r) => r.name).sort());
    for (const r of ALL_RULES) {
      // the name is a literal, not derived from __filename or the function's own name
      expect(r.evaluate.name).toBe(r.name);
      const source = fs.readFileSync(path.join(rulesDir, findFile(rulesDir, r.name)), 'utf-8');
      expect(source).toContain(`name: '${r.name}'`);
    }
  });

  test('each rule documents what and why, and names its control and the frameworks it maps to', () => {
    for (const r of CompliancePack.ruleCatalog()) {
      expect(r.info.length).toBeGreaterThan(20);
      expect(r.explanation.length).toBeGreaterThan(40);
      expect(r.resourceTypes.length).toBeGreaterThan(0);
      expect(r.controlId).toMatch(/^[A-Za-z0-9]+\.[A-Za-z0-9]+$/);
      expect(r.frameworks).toBeDefined();
      // deprecated: the rule's documentation tells its history
      expect(r.seed).toBe('');
    }
  });
});

function findFile(dir: string, name: string): string {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    if (d.isDirectory() && fs.existsSync(path.join(dir, d.name, `${name}.ts`))) {
      return path.join(d.name, `${name}.ts`);
    }
  }
  throw new Error(`no file for ${name}`);
}

describe('the seed failures', () => {
  test('a plain aws-cdk-lib stack with one instance of each seed failure draws exactly the expected findings', () => {
    const app = new App();
    seedFailureStack(app);
    expect(packFindings(app)).toEqual([
      'CompliancePack-BatchEc2Imdsv2 Seeds/PublicCompute',
      'CompliancePack-BatchFargateRoleTrust[Role::Ec2OnlyRoleC82CD424] Seeds/FargateJob/Resource',
      'CompliancePack-BatchJobRetryStrategy Seeds/PrivilegedJob/Resource',
      'CompliancePack-BatchJobTimeout Seeds/PrivilegedJob/Resource',
      'CompliancePack-BatchPrivilegedContainer Seeds/PrivilegedJob/Resource',
      'CompliancePack-BatchPublicNetwork Seeds/PublicCompute',
      'CompliancePack-ConfigRuleWithoutRecorder Seeds/VersioningRule/Resource',
      'CompliancePack-DynamoDbCustomerManagedKey Seeds/Transactions/Resource',
      'CompliancePack-DynamoDbPointInTimeRecovery Seeds/Transactions/Resource',
      'CompliancePack-GuardDutyFindingsRoute Seeds/Detector',
      'CompliancePack-IamWriteOnWildcardResource[Action::s3:PutEncryptionConfiguration] Seeds/Remediation/ServiceRole/DefaultPolicy/Resource',
      'CompliancePack-KmsKeyPolicyNoKmsStar Seeds/DataKey/Resource',
      'CompliancePack-KmsKeyUseAuthorized[DataKey::kms:Decrypt] Seeds/AppLogs/Resource',
      'CompliancePack-KmsKeyUseAuthorized[DataKey::kms:Encrypt] Seeds/AppLogs/Resource',
      'CompliancePack-KmsKeyUseAuthorized[DataKey::kms:GenerateDataKey] Seeds/AppLogs/Resource',
      'CompliancePack-LambdaActiveTracing Seeds/Remediation/Resource',
      'CompliancePack-LambdaDeprecatedRuntime Seeds/Remediation/Resource',
      'CompliancePack-LambdaExplicitLogGroup Seeds/Remediation/Resource',
      'CompliancePack-LambdaFailureDestination Seeds/Remediation/Resource',
      'CompliancePack-LambdaReservedConcurrency Seeds/Remediation/Resource',
      'CompliancePack-LambdaRoleInlinePolicy Seeds/Remediation/ServiceRole/DefaultPolicy/Resource',
      'CompliancePack-LogGroupKeyAllowsLogs Seeds/AppLogs/Resource',
      'CompliancePack-LogGroupKmsEncrypted Seeds/ScannerLogs/Resource',
      'CompliancePack-LogGroupRetention Seeds/ScannerLogs/Resource',
      'CompliancePack-RoleTrustAuthorized[Ec2OnlyRole::ecs-tasks.amazonaws.com] Seeds/FargateJob/Resource',
      'CompliancePack-S3AccessLogging Seeds/Reports',
      'CompliancePack-S3DenyWrongEncryptionPolicy Seeds/Reports',
      'CompliancePack-S3LifecycleRules Seeds/Reports',
      'CompliancePack-S3PublicAccessBlock Seeds/Reports',
      'CompliancePack-S3TlsOnlyPolicy Seeds/Reports',
      'CompliancePack-SecurityGroupOpenEgress Seeds/WorkerSg/Resource',
      'CompliancePack-SnsTopicKms Seeds/Alerts/Resource',
      'CompliancePack-SnsTopicPolicy Seeds/Alerts/Resource',
      'CompliancePack-VpcFlowLogs Seeds/Network/Resource',
      'CompliancePack-VpcGatewayEndpointRouteTables Seeds/S3Endpoint',
    ]);
  });

  test('registered as a Validations plugin, the pack fails synth on the seed stack', () => {
    const app = new App();
    Validations.of(app).addPlugins(new CompliancePack(app));
    seedFailureStack(app);
    expect(() => app.synth()).toThrow(/CompliancePack-LambdaRoleInlinePolicy/);
  });

  test('registered as a Validations plugin, the pack passes the library constructs', () => {
    const app = new App();
    Validations.of(app).addPlugins(new CompliancePack(app));
    const stack = newStack(app);
    new ComplianceBucket(stack, 'Audit');
    new ComplianceLogGroup(stack, 'Logs');
    new ComplianceKey(stack, 'Key');
    expect(() => app.synth()).not.toThrow();
  });
});

test('NagReport.allPacks() is the stock packs followed by CompliancePack', () => {
  expect(NagReport.allPacks().map((p) => p.readPackName)).toEqual([...NagReport.standardPacks().map((p) => p.readPackName), 'CompliancePack']);
});

describe('the library constructs draw no finding in any pack', () => {
  test('ComplianceBucket, ComplianceLogGroup and ComplianceKey with defaults', () => {
    const stack = newStack();
    new ComplianceBucket(stack, 'Audit');
    new ComplianceLogGroup(stack, 'Logs');
    new ComplianceKey(stack, 'Key');
    expect(allPacks().map((p) => p.readPackName)).toContain('CompliancePack');
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });

  test('configured: a bucket logging to another, a log group with a given key and retention', () => {
    const stack = newStack();
    const key = new ComplianceKey(stack, 'Key', { alias: 'alias/audit' });
    const first = new ComplianceBucket(stack, 'First', { encryptionKey: key });
    new ComplianceBucket(stack, 'Second', { serverAccessLogsBucket: first.logBucket, versioned: true, bucketName: 'audit-second-123456789012' });
    new ComplianceLogGroup(stack, 'Logs', { retention: logs.RetentionDays.TEN_YEARS });
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('acknowledgments', () => {
  test('acknowledging one id on the resource removes that finding only', () => {
    const app = new App();
    const stack = newStack(app);
    const bucket = new s3.Bucket(stack, 'B', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, lifecycleRules: [{ expiration: Duration.days(30) }] });
    Validations.of(bucket.node.defaultChild!).acknowledge({ id: 'CompliancePack-S3AccessLogging', reason: 'Test bucket whose access is logged by CloudTrail data events instead.' });
    expect(packFindings(app)).toEqual(['CompliancePack-S3DenyWrongEncryptionPolicy TestStack/B/Resource']);
  });

  test('a finding id with a bracketed part is acknowledged by that exact id', () => {
    const app = new App();
    const stack = seedFailureStack(app);
    const policy = stack.node.findChild('Remediation').node.findChild('ServiceRole').node.findChild('DefaultPolicy').node.defaultChild!;
    Validations.of(policy).acknowledge({ id: 'CompliancePack-IamWriteOnWildcardResource[Action::s3:PutEncryptionConfiguration]', reason: 'Remediation sets encryption on buckets not known at deploy time.' });
    expect(packFindings(app).filter((f) => f.includes('IamWriteOnWildcardResource'))).toEqual([]);
  });
});

/** A violating resource for each control, to prove every id in the control table is a real finding id. */
const CONTROL_CASES: Array<[NagControl, (stack: Stack) => CfnResource]> = [
  [NagControl.S3_ACCESS_LOGGING, (s) => new s3.Bucket(s, 'B').node.defaultChild as CfnResource],
  [NagControl.S3_KMS_ENCRYPTION, (s) => new s3.Bucket(s, 'B').node.defaultChild as CfnResource],
  [NagControl.S3_REPLICATION, (s) => new s3.Bucket(s, 'B').node.defaultChild as CfnResource],
  [NagControl.S3_LIFECYCLE, (s) => new s3.Bucket(s, 'B').node.defaultChild as CfnResource],
  [NagControl.LAMBDA_CONCURRENCY, (s) => plainFunction(s)],
  [NagControl.LAMBDA_FAILURE_DESTINATION, (s) => plainFunction(s)],
  [NagControl.LAMBDA_INSIDE_VPC, (s) => plainFunction(s)],
  [NagControl.LAMBDA_TRACING, (s) => plainFunction(s)],
  [NagControl.LAMBDA_RUNTIME, (s) => plainFunction(s, new lambda.Runtime('nodejs14.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true }))],
  [NagControl.LOG_GROUP_KMS, (s) => new logs.LogGroup(s, 'L').node.defaultChild as CfnResource],
  [NagControl.LOG_GROUP_RETENTION, (s) => new logs.LogGroup(s, 'L', { retention: logs.RetentionDays.INFINITE }).node.defaultChild as CfnResource],
  [NagControl.VPC_FLOW_LOGS, (s) => new ec2.Vpc(s, 'V', { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: false }).node.defaultChild as CfnResource],
  [NagControl.DYNAMODB_PITR, (s) => new dynamodb.Table(s, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }).node.defaultChild as CfnResource],
  [NagControl.SNS_KMS, (s) => new sns.Topic(s, 'T').node.defaultChild as CfnResource],
  [NagControl.SQS_DEAD_LETTER_QUEUE, (s) => new sqs.Queue(s, 'Q').node.defaultChild as CfnResource],
  [NagControl.DYNAMODB_BACKUP_PLAN, (s) => new dynamodb.Table(s, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }).node.defaultChild as CfnResource],
];

function plainFunction(stack: Stack, runtime = lambda.Runtime.PYTHON_3_12): CfnResource {
  return new lambda.Function(stack, 'Fn', { runtime, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c): pass') }).node.defaultChild as CfnResource;
}

describe('NagControl acknowledges one control in every pack at once', () => {
  test('the table covers every control, each a static of NagControl', () => {
    expect(NagControl.all().map((c) => c.name).sort()).toEqual(CONTROL_CASES.map(([c]) => c.name).sort());
    for (const control of NagControl.all()) {
      expect(control).toBe((NagControl as any)[control.name]);
    }
  });

  test.each(CONTROL_CASES.map(([c, b]) => [c.name, c, b]))('%s: every id is a real finding, and one call acknowledges them all', (_name, control, build) => {
    const ids = (findings: ReturnType<typeof nagFindings>, resource: CfnResource) => findings
      .filter((f) => f.resourcePath === resource.node.path).map((f) => f.ruleId);

    const before = newStack();
    const violating = (build as any)(before) as CfnResource;
    const found = ids(nagFindings(before), violating);
    for (const id of (control as NagControl).findingIds) {
      expect([id, found.includes(id)]).toEqual([id, true]);
    }

    const after = newStack();
    const acknowledged = (build as any)(after) as CfnResource;
    (control as NagControl).acknowledge(acknowledged, 'A reason a security reviewer would accept, for the test.');
    const left = ids(nagFindings(after), acknowledged);
    for (const id of (control as NagControl).findingIds) {
      expect(left).not.toContain(id);
    }
    expect(left.length).toBe(found.length - (control as NagControl).findingIds.length);
  });
});

describe('props', () => {
  const seeds = () => {
    const app = new App();
    seedFailureStack(app);
    return app;
  };

  test('rules: run only the named rules (names or ids)', () => {
    const findings = packFindings(seeds(), new CompliancePack(undefined, { rules: ['VpcFlowLogs', 'CompliancePack-SnsTopicKms'] }));
    expect(findings).toEqual(['CompliancePack-SnsTopicKms Seeds/Alerts/Resource', 'CompliancePack-VpcFlowLogs Seeds/Network/Resource']);
  });

  test('disabledRules: the named rules do not run', () => {
    const pack = new CompliancePack(undefined, { disabledRules: ['LambdaReservedConcurrency', 'CompliancePack-S3LifecycleRules'] });
    expect(pack.ruleIds).not.toContain('CompliancePack-LambdaReservedConcurrency');
    const findings = packFindings(seeds(), pack);
    expect(findings.some((f) => f.startsWith('CompliancePack-LambdaReservedConcurrency') || f.startsWith('CompliancePack-S3LifecycleRules'))).toBe(false);
    expect(findings).toHaveLength(33);
  });

  test('ruleLevels: a WARN rule reported as an error', () => {
    const app = seeds();
    app.synth();
    const report = NagReport.collect(app, [new CompliancePack(undefined, { ruleLevels: [{ rule: 'LambdaReservedConcurrency', level: NagMessageLevel.ERROR }] })]);
    expect(report.findings.find((f) => f.ruleId === 'CompliancePack-LambdaReservedConcurrency')?.severity).toBe('error');
    expect(report.findings.find((f) => f.ruleId === 'CompliancePack-LambdaActiveTracing')?.severity).toBe('warning');
  });

  test('additionalRules: a rule implemented through the jsii interface runs with the built-in ones', () => {
    const requireTags: ICompliancePackRule = {
      name: 'TopicNamed',
      level: NagMessageLevel.ERROR,
      info: 'The topic has no explicit name.',
      explanation: 'Our alerting routes by topic name.',
      resourceTypes: ['AWS::SNS::Topic'],
      evaluate: (resource) => (Stack.of(resource).resolve((resource as sns.CfnTopic).topicName)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT),
    };
    const findings = packFindings(seeds(), new CompliancePack(undefined, { rules: ['TopicNamed'], additionalRules: [requireTags] }));
    expect(findings).toEqual(['CompliancePack-TopicNamed Seeds/Alerts/Resource']);
  });

  test('unknown rule name in rules', () => {
    expect(() => new CompliancePack(undefined, { rules: ['S3Logging'] })).toThrow(/invalid rules: S3Logging\. Allowed: a rule name or id/);
  });

  test('unknown rule name in disabledRules', () => {
    expect(() => new CompliancePack(undefined, { disabledRules: ['CompliancePack-Nope'] })).toThrow(/invalid disabledRules: CompliancePack-Nope\./);
  });

  test('unknown rule name in ruleLevels', () => {
    expect(() => new CompliancePack(undefined, { ruleLevels: [{ rule: 'Nope', level: NagMessageLevel.WARN }] })).toThrow(/invalid ruleLevels: Nope\./);
  });

  test('an additional rule that reuses a built-in name', () => {
    const clash: ICompliancePackRule = { name: 'VpcFlowLogs', level: NagMessageLevel.WARN, info: 'i', explanation: 'e', resourceTypes: [], evaluate: () => NagRuleCompliance.COMPLIANT };
    expect(() => new CompliancePack(undefined, { additionalRules: [clash] })).toThrow(/invalid additionalRules name: VpcFlowLogs\./);
  });
});

describe('runs', () => {
  test('the per-run index is not stale: fixing the app between runs clears the finding', () => {
    const app = new App();
    const stack = newStack(app);
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: false, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const pack = new CompliancePack(undefined, { rules: ['VpcFlowLogs'] });
    expect(NagReport.collect(app, [pack]).findings.map((f) => f.ruleId)).toEqual(['CompliancePack-VpcFlowLogs']);
    vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(new ComplianceLogGroup(stack, 'FlowLogs')) });
    expect(NagReport.collect(app, [pack]).findings).toEqual([]);
  });

  test('a run records at most one Stack.resolve performance measure, however many properties it reads', () => {
    const app = new App();
    seedFailureStack(app);
    app.synth();
    const count = () => performance.getEntriesByName('Stack.resolve').length;
    const before = count();
    new CompliancePack().validateScope(app);
    expect(count() - before).toBeLessThanOrEqual(1);
  });

  test('no rule throws on the seed stack (a throw would show as "Rule threw an error")', () => {
    const app = new App();
    seedFailureStack(app);
    app.synth();
    const report = NagReport.collect(app, [new CompliancePack(undefined, { verbose: true })]);
    expect(report.findings.filter((f) => f.description.includes('threw'))).toEqual([]);
  });

  test('a validation context without the construct tree fails loudly instead of passing', () => {
    const context = { templatePaths: [] } as unknown as IPolicyValidationContext;
    expect(() => new CompliancePack().validate(context)).toThrow(/does not pass the construct tree.*2\.262\.0/);
  });

  test('in a multi-Region app, each environment checks its own stacks: every finding is reported once', () => {
    const app = new App();
    Validations.of(app).addPlugins(new CompliancePack(app, { rules: ['SnsTopicKms'] }));
    new sns.Topic(new Stack(app, 'East', { env: { account: '123456789012', region: 'us-east-1' } }), 'T');
    const west = new Stack(new Stage(app, 'Prod', { env: { account: '123456789012', region: 'us-west-2' } }), 'West');
    new sns.Topic(new NestedStack(west, 'Nested'), 'T');
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = String((e as Error).message);
    }
    expect(message.split('East/T/Resource').length - 1).toBe(1);
    expect(message.split('Prod/West/Nested/T/Resource').length - 1).toBe(1);
  });

  test('on a supported aws-cdk-lib the pack adds no error annotation', () => {
    const app = new App();
    const stack = newStack(app);
    new CompliancePack(stack);
    Annotations.fromStack(stack).hasNoError('*', '*');
  });
});
