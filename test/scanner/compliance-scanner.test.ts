import { App, CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ComplianceBucket, ComplianceKey, ComplianceScanner, ComplianceScannerProps, ComplianceTopic } from '../../src';
import { ALL_CHECKS, ENGINE_ACTIONS } from '../../src/scanner/runtime/checks';
import { parseEnv } from '../../src/scanner/runtime/input';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

/** The read actions the catalog declares for the given checks, computed here rather than by the library. */
function declaredActions(ids?: string[]): string[] {
  return [...new Set([
    ...ENGINE_ACTIONS,
    ...ALL_CHECKS.filter((c) => ids === undefined || ids.includes(c.id)).flatMap((c) => [...c.requiredActions]),
  ])].sort();
}

function synth(props: ComplianceScannerProps = {}): { stack: Stack; scanner: ComplianceScanner; template: Template } {
  const stack = newStack();
  const scanner = new ComplianceScanner(stack, 'Scanner', props);
  return { stack, scanner, template: Template.fromStack(stack) };
}

function resourcesOf(template: Template, type: string): Record<string, any> {
  return template.findResources(type);
}

function only(template: Template, type: string): any {
  const found = Object.values(resourcesOf(template, type));
  expect(found).toHaveLength(1);
  return found[0];
}

function logicalId(stack: Stack, construct: { node: { defaultChild?: any } }): string {
  return stack.getLogicalId(construct.node.defaultChild);
}

function policyStatements(template: Template, policyLogicalId: string): any[] {
  return template.toJSON().Resources[policyLogicalId].Properties.PolicyDocument.Statement;
}

function actionsOf(statements: any[]): string[] {
  return [...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].sort() as string[];
}

const EVERY_OPTION: () => ComplianceScannerProps = () => ({
  checks: ['s3-bucket-versioning', 's3-bucket-tls-only', 'kms-key-rotation', 'ec2-ebs-encryption-by-default', 'iam-root-mfa', 'rds-storage-encrypted'],
  excludedChecks: ['iam-root-mfa'],
  regions: ['eu-west-1', 'us-east-1'],
  schedule: events.Schedule.cron({ minute: '15', hour: '3' }),
  memorySize: 2048,
  timeout: Duration.minutes(15),
  reservedConcurrency: 2,
  scanConcurrency: 16,
  scoreThreshold: 90,
  logRetention: logs.RetentionDays.TWO_YEARS,
  metricNamespace: 'Audit/Scanner',
  namePrefix: 'audit',
  securityHub: true,
  ocsfIncludePassed: true,
});

describe('ComplianceScanner defaults', () => {
  const { stack, scanner, template } = synth();
  const fn = () => only(template, 'AWS::Lambda::Function');

  test('the function runs the bundled engine on Node.js 24, arm64, with tracing, reserved concurrency, memory and timeout', () => {
    const props = fn().Properties;
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.Handler).toBe('index.handler');
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    expect(props.ReservedConcurrentExecutions).toBe(1);
    expect(props.MemorySize).toBe(1024);
    expect(props.Timeout).toBe(600);
    expect(props.FunctionName).toBeUndefined();
  });

  test('the environment is encrypted with the scanner key and leaves the engine a margin under the timeout', () => {
    const props = fn().Properties;
    expect(props.KmsKeyArn).toEqual({ 'Fn::GetAtt': [logicalId(stack, scanner.key), 'Arn'] });
    expect(props.Environment.Variables.OUTPUT_RESERVE_MS).toBe('60000');
  });

  test('the environment is one the engine accepts, naming every check of the catalog', () => {
    const vars = fn().Properties.Environment.Variables;
    const env = parseEnv({
      ...vars,
      REPORT_BUCKET: 'reports-bucket',
      REPORT_KMS_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      FINDINGS_TABLE: 'findings-table',
      ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
    });
    expect(env.checkIds).toEqual(ALL_CHECKS.map((c) => c.id));
    expect(env.scoreThreshold).toBe(80);
    expect(env.outputReserveMs).toBe(60000);
    expect(env.regions).toBeUndefined();
    expect(vars.REPORT_BUCKET).toEqual({ Ref: logicalId(stack, (scanner.reportBucket as ComplianceBucket).bucket) });
    expect(vars.FINDINGS_TABLE).toEqual({ Ref: logicalId(stack, scanner.findingsTable) });
    expect(vars.ALERT_TOPIC_ARN).toEqual({ Ref: logicalId(stack, scanner.alertTopic) });
  });

  test('asynchronous failures go to a KMS-encrypted, TLS-only dead-letter queue', () => {
    const dlq = logicalId(stack, scanner.deadLetterQueue);
    expect(fn().Properties.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] } });
    const queue = template.toJSON().Resources[dlq];
    expect(queue.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [logicalId(stack, scanner.key), 'Arn'] });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlq }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  test('the function logs to its own KMS-encrypted log group with retention, handed to it explicitly', () => {
    const logGroupId = logicalId(stack, scanner.logGroup);
    expect(fn().Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId }, LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' });
    const logGroup = template.toJSON().Resources[logGroupId];
    expect(logGroup.Properties.RetentionInDays).toBe(365);
    expect(logGroup.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [logicalId(stack, scanner.key), 'Arn'] });
    expect(logGroup.Properties.LogGroupName).toBeUndefined();
    expect(logGroup.DeletionPolicy).toBe('Retain');
  });

  test('the scanner role has only customer managed policies: no inline policy, no AWS::IAM::Policy', () => {
    expect(resourcesOf(template, 'AWS::IAM::Policy')).toEqual({});
    const role = template.toJSON().Resources[logicalId(stack, scanner.role)];
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const attached = Object.entries(resourcesOf(template, 'AWS::IAM::ManagedPolicy'))
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: logicalId(stack, scanner.role) }]))
      .map(([id]) => id)
      .sort();
    expect(attached).toEqual([logicalId(stack, scanner.outputPolicy), logicalId(stack, scanner.readPolicy)].sort());
    // Permissions exist before the function is created (Lambda checks the dead-letter queue access).
    expect(fn().DependsOn).toEqual(expect.arrayContaining(attached));
  });

  test('the read actions are exactly the union of the actions every check declares', () => {
    expect(actionsOf(policyStatements(template, logicalId(stack, scanner.readPolicy)))).toEqual(declaredActions());
  });

  test('read actions that accept a resource are not granted on "*", and "*" carries no write action', () => {
    const statements = policyStatements(template, logicalId(stack, scanner.readPolicy));
    const star = statements.filter((s) => s.Resource === '*');
    expect(actionsOf(star)).not.toContain('s3:GetBucketPolicy');
    expect(actionsOf(star)).not.toContain('kms:GetKeyRotationStatus');
    expect(actionsOf(star)).toContain('s3:ListAllMyBuckets');
    expect(statements.find((s) => s.Sid === 'ReadEveryBucket').Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] });
    for (const action of actionsOf(statements)) {
      expect(action).toMatch(/^[a-z0-9-]+:(List|Describe|Get|GenerateCredentialReport)/);
    }
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  test('writes are scoped to the findings table, the report prefix, the alert topic, the dead-letter queue and the key', () => {
    const statements = policyStatements(template, logicalId(stack, scanner.outputPolicy));
    const bySid = (sid: string) => statements.find((s) => s.Sid === sid);
    const bucket = (scanner.reportBucket as ComplianceBucket).bucket;
    expect(bySid('WriteFindings')).toMatchObject({ Action: 'dynamodb:BatchWriteItem', Resource: { 'Fn::GetAtt': [logicalId(stack, scanner.findingsTable), 'Arn'] } });
    expect(bySid('WriteReports')).toMatchObject({
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack, bucket), 'Arn'] }, '/compliance-scans/*']] },
    });
    expect(bySid('ReadPreviousReport')).toMatchObject({
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack, bucket), 'Arn'] }, '/compliance-scans/latest.json']] },
    });
    // Listing is granted for the previous report's key only: the engine looks it up before reading it.
    expect(bySid('FindPreviousReport')).toEqual({
      Sid: 'FindPreviousReport',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: { 'Fn::GetAtt': [logicalId(stack, bucket), 'Arn'] },
      Condition: { StringEquals: { 's3:prefix': 'compliance-scans/latest.json' } },
    });
    expect(bySid('PublishAlerts')).toMatchObject({ Action: 'sns:Publish', Resource: { Ref: logicalId(stack, scanner.alertTopic) } });
    expect(bySid('SendToDeadLetterQueue')).toMatchObject({ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [logicalId(stack, scanner.deadLetterQueue), 'Arn'] } });
    expect(bySid('UseKeys')).toMatchObject({ Resource: { 'Fn::GetAtt': [logicalId(stack, scanner.key), 'Arn'] } });
    expect(bySid('WriteOwnLogs')).toMatchObject({ Resource: { 'Fn::GetAtt': [logicalId(stack, scanner.logGroup), 'Arn'] } });
    // "*" only for actions without resource-level permissions.
    expect(actionsOf(statements.filter((s) => s.Resource === '*'))).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  test('Security Hub is opt-in: by default the role may not import findings', () => {
    expect(actionsOf(policyStatements(template, logicalId(stack, scanner.outputPolicy))).filter((a) => a.startsWith('securityhub:'))).toEqual([]);
    expect(fn().Properties.Environment.Variables.SECURITY_HUB).toBeUndefined();
  });

  test('a daily EventBridge rule runs the scan, with retries and a dead-letter queue', () => {
    const rule = only(template, 'AWS::Events::Rule').Properties;
    expect(rule.ScheduleExpression).toBe('rate(1 day)');
    expect(rule.Name).toBeUndefined();
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0]).toMatchObject({
      Arn: { 'Fn::GetAtt': [logicalId(stack, scanner.scanFunction), 'Arn'] },
      Input: JSON.stringify({ dryRun: false }),
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack, scanner.scheduleDeadLetterQueue), 'Arn'] } },
    });
    const scheduleDlq = template.toJSON().Resources[logicalId(stack, scanner.scheduleDeadLetterQueue)];
    expect(scheduleDlq.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [logicalId(stack, scanner.key), 'Arn'] });
    // EventBridge may use the key to write to the encrypted queue.
    const keyPolicy = template.toJSON().Resources[logicalId(stack, scanner.key)].Properties.KeyPolicy.Statement;
    expect(keyPolicy.some((s: any) => s.Principal?.Service === 'events.amazonaws.com')).toBe(true);
  });

  test('the findings table is on-demand, PITR, customer managed KMS, TTL, indexed by check and severity, retained', () => {
    const table = template.toJSON().Resources[logicalId(stack, scanner.findingsTable)];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, scanner.key), 'Arn'] } },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      DeletionProtectionEnabled: true,
      KeySchema: [{ AttributeName: 'findingId', KeyType: 'HASH' }],
    });
    expect(table.Properties.TableName).toBeUndefined();
    const indexes = table.Properties.GlobalSecondaryIndexes.map((i: any) => [i.IndexName, i.KeySchema.map((k: any) => k.AttributeName)]);
    expect(indexes).toEqual([['byCheck', ['checkId', 'lastSeen']], ['bySeverity', ['severity', 'lastSeen']]]);
  });

  test('reports go to a new ComplianceBucket under the engine prefix', () => {
    expect(scanner.reportBucket).toBeInstanceOf(ComplianceBucket);
    expect(scanner.reportPrefix).toBe('compliance-scans/');
    const bucket = template.toJSON().Resources[logicalId(stack, (scanner.reportBucket as ComplianceBucket).bucket)];
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(stack, scanner.key), 'Arn'] },
    });
    expect(fn().Properties.Environment.Variables.REPORT_KMS_KEY_ID).toEqual({ 'Fn::GetAtt': [logicalId(stack, scanner.key), 'Arn'] });
  });

  test('alerts go to a KMS-encrypted ComplianceTopic that CloudWatch may publish to', () => {
    expect(scanner.alertTopic).toBeInstanceOf(ComplianceTopic);
    const topic = template.toJSON().Resources[logicalId(stack, scanner.alertTopic)];
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [logicalId(stack, scanner.key), 'Arn'] });
    expect(topic.Properties.TopicName).toBeUndefined();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' })]) },
    });
  });

  test('alarms on errors, throttles, duration near the timeout, both dead-letter queues and the score, all to the topic', () => {
    const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    expect(alarms).toHaveLength(6);
    const topicRef = { Ref: logicalId(stack, scanner.alertTopic) };
    for (const a of alarms) {
      expect(a.AlarmActions).toEqual([topicRef]);
      expect(a.AlarmName).toBeUndefined();
    }
    const byMetric = (ns: string, name: string) => alarms.filter((a) => a.Namespace === ns && a.MetricName === name);
    expect(byMetric('AWS/Lambda', 'Errors')).toHaveLength(1);
    expect(byMetric('AWS/Lambda', 'Throttles')).toHaveLength(1);
    expect(byMetric('AWS/Lambda', 'Duration')[0]).toMatchObject({ Threshold: 540000, Statistic: 'Maximum' });
    const dlqAlarmQueues = byMetric('AWS/SQS', 'ApproximateNumberOfMessagesVisible').map((a) => JSON.stringify(a.Dimensions[0].Value));
    expect(dlqAlarmQueues.sort()).toEqual([scanner.deadLetterQueue, scanner.scheduleDeadLetterQueue]
      .map((q) => JSON.stringify({ 'Fn::GetAtt': [logicalId(stack, q), 'QueueName'] })).sort());
    // The score alarm reads the metric the engine publishes through EMF (see runtime/outputs.ts).
    expect(byMetric('ComplianceScanner', 'ComplianceScore')[0]).toMatchObject({
      Threshold: 80,
      ComparisonOperator: 'LessThanThreshold',
      Dimensions: [{ Name: 'service', Value: 'compliance-scanner' }],
    });
    expect(fn().Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('ComplianceScanner');
  });

  test('the dashboard shows the score per category, findings by severity and scan duration', () => {
    const dashboard = only(template, 'AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties.DashboardName).toBeUndefined();
    const body = JSON.stringify(stack.resolve(dashboard.Properties.DashboardBody));
    for (const category of new Set(ALL_CHECKS.map((c) => c.category))) {
      expect(body).toContain(`\\"CategoryScore\\",\\"Category\\",\\"${category}\\",\\"service\\",\\"compliance-scanner\\"`);
    }
    for (const severity of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']) {
      expect(body).toContain(`\\"FindingsBySeverity\\",\\"Severity\\",\\"${severity}\\",\\"service\\",\\"compliance-scanner\\"`);
    }
    expect(body).toContain('\\"AWS/Lambda\\",\\"Duration\\"');
    expect(body).toContain('Score per category');
  });

  test('acknowledgments sit on CloudFormation resources with exact finding ids and specific reasons', () => {
    const acknowledged = (c: any) => c.node.metadata.filter((m: any) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    const ids: string[] = [];
    for (const c of [stack, ...scanner.node.findAll()]) {
      const entries = acknowledged(c).flatMap((m: any) => Object.entries(m.data)) as [string, string][];
      if (entries.length === 0) continue;
      expect(c).toBeInstanceOf(CfnResource);
      for (const [id, reason] of entries) {
        ids.push(id);
        expect(reason.length).toBeGreaterThan(60);
      }
    }
    const iam5 = ids.filter((id) => id.includes('AwsSolutions-IAM5'));
    expect(iam5.length).toBeGreaterThan(0);
    for (const id of iam5) expect(id).toMatch(/AwsSolutions-IAM5\[Resource::.+\]$/);
  });

  test('the engine refuses an unknown check id in SCAN_CHECK_IDS', () => {
    const vars = fn().Properties.Environment.Variables;
    expect(() => parseEnv({ ...vars, REPORT_BUCKET: 'reports-bucket', REPORT_KMS_KEY_ID: 'alias/k', FINDINGS_TABLE: 'findings', ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:a', SCAN_CHECK_IDS: 's3-bucket-versioning,nope' }))
      .toThrow(/invalid SCAN_CHECK_IDS: s3-bucket-versioning,nope/);
  });

  test('no unacknowledged finding in any stock pack', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('ComplianceScanner with every option', () => {
  const app = new App();
  const stack = newStack(app);
  const key = new ComplianceKey(stack, 'SharedKey');
  const topic = new ComplianceTopic(stack, 'SharedTopic', { masterKey: key });
  const bucket = new ComplianceBucket(stack, 'SharedReports', { encryptionKey: key });
  const props = { ...EVERY_OPTION(), encryptionKey: key, alertTopic: topic, reportBucket: bucket };
  const scanner = new ComplianceScanner(stack, 'Scanner', props);
  const template = Template.fromStack(stack);
  const enabled = ['s3-bucket-versioning', 's3-bucket-tls-only', 'kms-key-rotation', 'ec2-ebs-encryption-by-default', 'rds-storage-encrypted'];

  test('only the enabled checks run, and the role may read only what they declare', () => {
    expect(scanner.enabledChecks).toEqual(ALL_CHECKS.map((c) => c.id).filter((c) => enabled.includes(c)));
    const readActions = actionsOf(policyStatements(template, logicalId(stack, scanner.readPolicy)));
    expect(readActions).toEqual(declaredActions(enabled));
    expect(readActions).not.toContain('iam:GetAccountSummary');
    const vars = only(template, 'AWS::Lambda::Function').Properties.Environment.Variables;
    expect(vars.SCAN_CHECK_IDS.split(',').sort()).toEqual([...enabled].sort());
    expect(vars.SCAN_REGIONS).toBe('eu-west-1,us-east-1');
    expect(vars.SCAN_CONCURRENCY).toBe('16');
    expect(vars.SCORE_THRESHOLD).toBe('90');
    expect(vars.OUTPUT_RESERVE_MS).toBe('90000');
    expect(vars.POWERTOOLS_METRICS_NAMESPACE).toBe('Audit/Scanner');
    // Region discovery is one of the engine's own read actions: in the read policy, never among the outputs.
    expect(actionsOf(policyStatements(template, logicalId(stack, scanner.outputPolicy)))).not.toContain('ec2:DescribeRegions');
    expect(actionsOf(policyStatements(template, logicalId(stack, scanner.readPolicy)))).toContain('ec2:DescribeRegions');
  });

  test('the given key, topic and bucket are used and nothing parallel is created', () => {
    expect(scanner.key).toBe(key);
    expect(scanner.alertTopic).toBe(topic);
    expect(scanner.reportBucket).toBe(bucket);
    expect(Object.keys(resourcesOf(template, 'AWS::KMS::Key'))).toEqual(expect.arrayContaining([logicalId(stack, key)]));
    expect(Object.keys(resourcesOf(template, 'AWS::SNS::Topic'))).toEqual([logicalId(stack, topic)]);
    const fnProps = only(template, 'AWS::Lambda::Function').Properties;
    expect(fnProps.Environment.Variables.REPORT_BUCKET).toEqual({ Ref: logicalId(stack, bucket.bucket) });
    expect(fnProps).toMatchObject({ MemorySize: 2048, Timeout: 900, ReservedConcurrentExecutions: 2 });
  });

  test('securityHub: the role may import findings into the account\'s default product in its Region, about the account only', () => {
    const statements = policyStatements(template, logicalId(stack, scanner.outputPolicy));
    expect(statements.filter((st: any) => [st.Action].flat().some((a: string) => a.startsWith('securityhub:')))).toEqual([{
      Sid: 'ImportFindingsToSecurityHub',
      Effect: 'Allow',
      Action: 'securityhub:BatchImportFindings',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':securityhub:us-east-1:123456789012:product/123456789012/default']] },
      Condition: { StringEquals: { 'securityhub:TargetAccount': '123456789012' } },
    }]);
    const vars = only(template, 'AWS::Lambda::Function').Properties.Environment.Variables;
    expect([vars.SECURITY_HUB, vars.OCSF_INCLUDE_PASSED]).toEqual(['true', 'true']);
  });

  test('a cron schedule and physical names from the prefix', () => {
    const rule = only(template, 'AWS::Events::Rule').Properties;
    expect(rule.ScheduleExpression).toBe('cron(15 3 * * ? *)');
    expect(rule.Name).toBe('audit-schedule');
    expect(only(template, 'AWS::Lambda::Function').Properties.FunctionName).toBe('audit-scanner');
    expect(template.toJSON().Resources[logicalId(stack, scanner.findingsTable)].Properties.TableName).toBe('audit-findings');
    expect(only(template, 'AWS::CloudWatch::Dashboard').Properties.DashboardName).toBe('audit-compliance');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'audit-ScoreAlarm', Namespace: 'Audit/Scanner', Threshold: 90 });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });

  test('no unacknowledged finding in any stock pack', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('ComplianceScanner rejects bad props at synth', () => {
  const attempt = (props: ComplianceScannerProps) => () => new ComplianceScanner(newStack(), 'Scanner', props);

  test('reserved concurrency below 1', () => {
    expect(attempt({ reservedConcurrency: 0 })).toThrow(/invalid reservedConcurrency: 0\. Allowed: a whole number from 1/);
  });
  test('timeout above 15 minutes', () => {
    expect(attempt({ timeout: Duration.minutes(16) })).toThrow(/invalid timeout: 16 minutes\. Allowed: 1 to 15 minutes/);
  });
  test('timeout below 1 minute', () => {
    expect(attempt({ timeout: Duration.seconds(30) })).toThrow(/invalid timeout: 30 seconds/);
  });
  test('score threshold above 100', () => {
    expect(attempt({ scoreThreshold: 101 })).toThrow(/invalid scoreThreshold: 101\. Allowed: a whole number from 0 to 100/);
  });
  test('score threshold below 0', () => {
    expect(attempt({ scoreThreshold: -1 })).toThrow(/invalid scoreThreshold: -1/);
  });
  test('unknown check id', () => {
    expect(attempt({ checks: ['s3-bucket-versioning', 's3-no-such-check'] })).toThrow(/invalid checks: 's3-no-such-check'\. Allowed: ids from the checks catalog/);
  });
  test('unknown excluded check id', () => {
    expect(attempt({ excludedChecks: ['nope'] })).toThrow(/invalid excludedChecks: 'nope'/);
  });
  test('every check excluded', () => {
    expect(attempt({ checks: ['iam-root-mfa'], excludedChecks: ['iam-root-mfa'] })).toThrow(/invalid checks: \["iam-root-mfa"\]\. At least one check/);
  });
  test('invalid schedule expression', () => {
    expect(attempt({ schedule: events.Schedule.expression('every day') })).toThrow(/invalid schedule: 'every day'\. Allowed: events\.Schedule\.rate/);
  });
  test('schedule rate shorter than the timeout', () => {
    expect(attempt({ schedule: events.Schedule.rate(Duration.minutes(5)) })).toThrow(/invalid schedule: 'rate\(5 minutes\)'\. A rate must not be shorter than the function timeout \(600 seconds\)/);
  });
  test('cron with the wrong number of fields', () => {
    expect(attempt({ schedule: events.Schedule.expression('cron(0 3 * * *)') })).toThrow(/invalid schedule: 'cron\(0 3 \* \* \*\)'/);
  });
  test('invalid region', () => {
    expect(attempt({ regions: ['eu-west-1', 'Europe'] })).toThrow(/invalid regions: \["Europe"\]/);
  });
  test('empty regions', () => {
    expect(attempt({ regions: [] })).toThrow(/invalid regions: \[\]/);
  });
  test('memory outside Lambda limits', () => {
    expect(attempt({ memorySize: 64 })).toThrow(/invalid memorySize: 64/);
  });
  test('scan concurrency above 64', () => {
    expect(attempt({ scanConcurrency: 65 })).toThrow(/invalid scanConcurrency: 65/);
  });
  test('name prefix with invalid characters', () => {
    expect(attempt({ namePrefix: 'my prefix' })).toThrow(/invalid namePrefix: 'my prefix'/);
  });
  test('unknown severity for metricFindings', () => {
    const scanner = new ComplianceScanner(newStack(), 'Scanner');
    expect(() => scanner.metricFindings('SEVERE')).toThrow(/invalid severity: 'SEVERE'/);
  });
});
