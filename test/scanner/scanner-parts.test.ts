import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ComplianceBucket, ComplianceKey, ComplianceLogGroup, ComplianceTopic } from '../../src';
import { outputStatements, REPORT_PREFIX, ScannerResources, scannerEnvironment, securityHubImportStatement } from '../../src/scanner/function';
import { functionAlarms, ScannerAlarms, scannerDashboard } from '../../src/scanner/monitoring';
import { scannerSchedule } from '../../src/scanner/schedule';
import { scannerSettings, selectFixes, validateSchedule } from '../../src/scanner/settings';
import { allowEventsToUseKey, findingsTable, outputKeyArns, scannerKey, scannerOutputs } from '../../src/scanner/storage';

/**
 * The builders ComplianceScanner's constructor calls, one by one (the construct tests check
 * what they make together).
 */

const newStack = () => new Stack(undefined, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
const fn = (stack: Stack) => new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });

describe('settings', () => {
  test('defaults: every check, ten minutes, daily, namespace ComplianceScanner, threshold 80, no remediation, generated names', () => {
    const s = scannerSettings(newStack(), {});
    expect(s.enabledChecks.length).toBeGreaterThan(10);
    expect(s.enabled.map((c) => c.id)).toEqual(s.enabledChecks);
    expect([s.timeoutSeconds, s.schedule.expressionString, s.metricNamespace, s.scoreThreshold, s.fixes]).toEqual([600, 'rate(1 day)', 'ComplianceScanner', 80, undefined]);
    expect(s.name('x')).toBeUndefined();
  });

  test('a name prefix names the resources', () => {
    expect(scannerSettings(newStack(), { namePrefix: 'audit' }).name('scanner')).toBe('audit-scanner');
  });

  test.each([
    [{ timeout: Duration.seconds(30) }, /invalid timeout/],
    [{ namePrefix: '1bad' }, /invalid namePrefix/],
    [{ metricNamespace: 'bad ns' }, /invalid metricNamespace/],
    [{ scoreThreshold: 101 }, /scoreThreshold/],
  ])('%j fails naming the prop', (props, error) => {
    expect(() => scannerSettings(newStack(), props)).toThrow(error);
  });

  test('selectFixes: every fix of an enabled check by default; unknown fixes and fixes of disabled checks fail', () => {
    const stack = newStack();
    expect(selectFixes(stack, undefined, ['s3-bucket-kms-encryption'])).toBeUndefined();
    expect(selectFixes(stack, {}, ['s3-bucket-kms-encryption', 's3-bucket-versioning'])).toEqual(['s3-bucket-kms-encryption']);
    expect(() => selectFixes(stack, { fixes: ['nope' as any] }, ['nope'])).toThrow(/invalid remediation\.fixes: \["nope"\]\. Allowed:/);
    expect(() => selectFixes(stack, { fixes: ['s3-bucket-kms-encryption' as any] }, [])).toThrow(/Each fix needs its check enabled/);
  });

  test('validateSchedule: a rate no shorter than the timeout, or a six-field cron', () => {
    const stack = newStack();
    expect(() => validateSchedule(stack, events.Schedule.rate(Duration.minutes(5)), 600)).toThrow(/must not be shorter than the function timeout \(600 seconds\)/);
    expect(() => validateSchedule(stack, events.Schedule.rate(Duration.minutes(10)), 600)).not.toThrow();
    expect(() => validateSchedule(stack, events.Schedule.cron({ hour: '3', minute: '0' }), 600)).not.toThrow();
    expect(() => validateSchedule(stack, events.Schedule.expression('at(2030-01-01T00:00:00)'), 600)).toThrow(/Allowed: events.Schedule.rate/);
  });
});

describe('storage', () => {
  test('scannerKey: the given key, or a new ComplianceKey', () => {
    const stack = newStack();
    const given = new kms.Key(stack, 'Given');
    expect(scannerKey(stack, given, 'd')).toBe(given);
    expect(scannerKey(stack, undefined, 'd')).toBeInstanceOf(ComplianceKey);
  });

  test('findingsTable: encrypted, recoverable, protected, retained, two indexes, backup acknowledged', () => {
    const stack = newStack();
    const created = findingsTable(stack, new kms.Key(stack, 'K'), {
      tableName: 't', firstIndex: { indexName: 'byCheck', partitionKey: 'checkId' }, stream: dynamodb.StreamViewType.NEW_IMAGE, backupReason: 'rewritten by every scan',
    });
    const [table] = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table'));
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      TableName: 't',
      BillingMode: 'PAY_PER_REQUEST',
      DeletionProtectionEnabled: true,
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(table.Properties.GlobalSecondaryIndexes.map((i: any) => [i.IndexName, i.KeySchema.map((k: any) => k.AttributeName)]))
      .toEqual([['byCheck', ['checkId', 'lastSeen']], ['bySeverity', ['severity', 'lastSeen']]]);
    expect(JSON.stringify(created.node.defaultChild!.node.metadata)).toContain('rewritten by every scan');
  });

  test('scannerOutputs: a new bucket and topic (CloudWatch may publish), or the given ones', () => {
    const stack = newStack();
    const key = new ComplianceKey(stack, 'K');
    const created = scannerOutputs(stack, key, { topicName: 'alerts' });
    expect(created.reportBucket).toBeInstanceOf(ComplianceBucket);
    expect(created.alertTopic).toBeInstanceOf(ComplianceTopic);
    expect(JSON.stringify(Template.fromStack(stack).findResources('AWS::SNS::TopicPolicy'))).toContain('cloudwatch.amazonaws.com');
    const other = newStack();
    const bucket = new s3.Bucket(other, 'B');
    const topic = new sns.Topic(other, 'T');
    const given = scannerOutputs(other, new kms.Key(other, 'K'), { reportBucket: bucket, alertTopic: topic });
    expect([given.reportBucket, given.alertTopic]).toEqual([bucket, topic]);
  });

  test('outputKeyArns: each key once', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K');
    const topicKey = new kms.Key(stack, 'TK');
    const topic = new sns.Topic(stack, 'T', { masterKey: topicKey });
    expect(outputKeyArns(key, { reportBucket: new s3.Bucket(stack, 'B'), reportKey: key, alertTopic: topic })).toEqual([key.keyArn, topicKey.keyArn]);
  });

  test('allowEventsToUseKey: a ComplianceKey lets EventBridge use it; another key is left alone', () => {
    const stack = newStack();
    allowEventsToUseKey(new ComplianceKey(stack, 'K'));
    allowEventsToUseKey(new kms.Key(stack, 'Other'));
    const keys = Template.fromStack(stack).findResources('AWS::KMS::Key');
    const policy = (id: string) => JSON.stringify(Object.entries(keys).find(([k]) => k.startsWith(id))![1].Properties.KeyPolicy);
    expect(policy('K')).toContain('events.amazonaws.com');
    expect(policy('Other')).not.toContain('events.amazonaws.com');
  });
});

function resources(stack: Stack): ScannerResources {
  const key = new kms.Key(stack, 'K');
  return {
    key,
    keyArns: [key.keyArn],
    findingsTable: new dynamodb.Table(stack, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }),
    reportBucket: new s3.Bucket(stack, 'B'),
    reportKey: key,
    alertTopic: new sns.Topic(stack, 'Topic'),
    logGroup: new ComplianceLogGroup(stack, 'L', { encryptionKey: key }),
    deadLetterQueue: new sqs.Queue(stack, 'Q'),
  };
}

describe('function', () => {
  test('outputStatements: logs, traces, findings, previous report, reports, alerts, dead-letter queue, keys', () => {
    const stack = newStack();
    expect(outputStatements(resources(stack)).map((s) => s.sid)).toEqual([
      'WriteOwnLogs', 'WriteTraces', 'WriteFindings', 'FindPreviousReport', 'ReadPreviousReport', 'WriteReports', 'PublishAlerts', 'SendToDeadLetterQueue', 'UseKeys',
    ]);
  });

  test('securityHubImportStatement: the account\'s default product, for the account only', () => {
    const stack = newStack();
    expect(stack.resolve(securityHubImportStatement(stack).toStatementJson())).toMatchObject({
      Action: 'securityhub:BatchImportFindings',
      Condition: { StringEquals: { 'securityhub:TargetAccount': '123456789012' } },
    });
  });

  test('scannerEnvironment: outputs, checks, output reserve (10% of the timeout, 15 s to 2 min), optional Regions and features', () => {
    const stack = newStack();
    const r = resources(stack);
    const env = scannerEnvironment({ regions: ['eu-west-1'], securityHub: true }, scannerSettings(stack, { timeout: Duration.minutes(5), checks: ['s3-bucket-versioning'] }), r);
    expect(env).toMatchObject({ SCAN_CHECK_IDS: 's3-bucket-versioning', OUTPUT_RESERVE_MS: '30000', SCAN_REGIONS: 'eu-west-1', SECURITY_HUB: 'true', SCORE_THRESHOLD: '80', SCAN_CONCURRENCY: '8' });
    expect(env.OCSF_INCLUDE_PASSED).toBeUndefined();
    expect(scannerEnvironment({}, scannerSettings(stack, { timeout: Duration.minutes(1) }), r).OUTPUT_RESERVE_MS).toBe('15000');
    expect(scannerEnvironment({}, scannerSettings(stack, { timeout: Duration.minutes(15) }), r).OUTPUT_RESERVE_MS).toBe('90000');
  });
});

describe('schedule and monitoring', () => {
  test('scannerSchedule: a full scan on the schedule, three retries, the dead-letter queue', () => {
    const stack = newStack();
    scannerSchedule(stack, scannerSettings(stack, { namePrefix: 'p' }), fn(stack), new sqs.Queue(stack, 'Q'));
    const [rule] = Object.values(Template.fromStack(stack).findResources('AWS::Events::Rule'));
    expect(rule.Properties).toMatchObject({ Name: 'p-schedule', ScheduleExpression: 'rate(1 day)' });
    expect(rule.Properties.Targets[0]).toMatchObject({ Input: '{"dryRun":false}', RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 } });
    expect(rule.Properties.Targets[0].DeadLetterConfig).toBeDefined();
  });

  test('ScannerAlarms names and describes each alarm after the scanner; functionAlarms makes six, dashboard shows them', () => {
    const stack = newStack();
    const settings = scannerSettings(stack, { namePrefix: 'p' });
    const f = fn(stack);
    const metric = new cloudwatch.Metric({ namespace: 'N', metricName: 'M' });
    const metrics = { metricScore: () => metric, metricCategoryScore: () => metric, metricFindings: () => metric };
    const alarms = functionAlarms(new ScannerAlarms(stack, new sns.Topic(stack, 'T'), settings.name), settings, f,
      { deadLetterQueue: new sqs.Queue(stack, 'Q1'), scheduleDeadLetterQueue: new sqs.Queue(stack, 'Q2') }, metrics);
    scannerDashboard(stack, settings, f, metrics, Object.values(alarms));
    const template = Template.fromStack(stack);
    const names = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.AlarmName).sort();
    expect(names).toEqual(['p-DeadLetterAlarm', 'p-DurationAlarm', 'p-ErrorsAlarm', 'p-ScheduleDeadLetterAlarm', 'p-ScoreAlarm', 'p-ThrottlesAlarm']);
    const duration = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find((a) => a.Properties.AlarmName === 'p-DurationAlarm')!;
    expect(duration.Properties).toMatchObject({ Threshold: 540000, AlarmDescription: expect.stringMatching(/^S: a scan ran for 90%/) });
    expect(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardName).toBe('p-compliance');
  });
});

test('REPORT_PREFIX is the engine\'s', () => {
  expect(REPORT_PREFIX).toBe('compliance-scans/');
});
