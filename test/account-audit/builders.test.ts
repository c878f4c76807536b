import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ComplianceBucket, ComplianceKey, ComplianceTopic, FindingSeverity } from '../../src';
import { createAuditConfig } from '../../src/account-audit/config-recorder';
import { createAccessAnalyzer, createAlertTopic, createDetector, routeFindings } from '../../src/account-audit/findings';
import { createAuditStorage, createAuditTrail, DIGEST_KEY_PATTERN, trailDataResources } from '../../src/account-audit/trail';
import { newStack } from '../nag-helper';

function scope(): { stack: Stack; audit: Construct } {
  const stack = newStack();
  return { stack, audit: new Construct(stack, 'Audit') };
}

function resources(stack: Stack, type: string): Array<[string, any]> {
  return Object.entries(Template.fromStack(stack).findResources(type));
}

const TRAIL = { trailName: 'audit-trail', trailArn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/audit-trail' };

describe('createAuditStorage', () => {
  test('creates one ComplianceKey and a ComplianceBucket with it that accepts SSE-S3 digest files', () => {
    const { audit } = scope();
    const storage = createAuditStorage(audit, {});
    expect(storage.key).toBeInstanceOf(ComplianceKey);
    expect(storage.complianceBucket).toBeInstanceOf(ComplianceBucket);
    expect(storage.bucket).toBe(storage.complianceBucket);
    expect(storage.complianceBucket!.key).toBe(storage.key);
    expect(DIGEST_KEY_PATTERN).toBe('AWSLogs/*/CloudTrail-Digest/*');
  });

  test('uses a given bucket and its key, and creates neither', () => {
    const { stack, audit } = scope();
    const given = new ComplianceBucket(stack, 'Given');
    const storage = createAuditStorage(audit, { bucket: given });
    expect(storage.bucket).toBe(given);
    expect(storage.key).toBe(given.key);
    expect(storage.complianceBucket).toBeUndefined();
    expect(audit.node.children).toHaveLength(0);
  });

  test('a given key wins over a new one', () => {
    const { stack, audit } = scope();
    const key = new ComplianceKey(stack, 'GivenKey');
    expect(createAuditStorage(audit, { encryptionKey: key }).key).toBe(key);
  });
});

describe('trailDataResources', () => {
  test('none by default, every S3 object and Lambda function when asked, else the given buckets', () => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Data', 'data-bucket');
    expect(trailDataResources(stack, {})).toEqual([]);
    expect(stack.resolve(trailDataResources(stack, { s3DataEvents: true, s3DataEventBuckets: [bucket], lambdaDataEvents: true }))).toEqual([
      { type: 'AWS::S3::Object', values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3']] }] },
      { type: 'AWS::Lambda::Function', values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda']] }] },
    ]);
    expect(stack.resolve(trailDataResources(stack, { s3DataEventBuckets: [bucket] }))).toEqual([
      { type: 'AWS::S3::Object', values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::data-bucket/']] }] },
    ]);
  });
});

describe('createAuditTrail', () => {
  test('the logs role puts its one statement in a customer managed policy the trail waits for', () => {
    const { stack, audit } = scope();
    const storage = createAuditStorage(audit, {});
    const built = createAuditTrail(audit, {}, { ...TRAIL, storage });
    const policy = built.logsRole.permissions!;
    expect(policy.node.path).toBe('TestStack/Audit/TrailLogsRole/Policy');
    const [[policyId, cfnPolicy]] = resources(stack, 'AWS::IAM::ManagedPolicy');
    expect(cfnPolicy.Properties.Description).toBe('CloudTrail delivery to the log group of TestStack/Audit');
    expect(cfnPolicy.Properties.PolicyDocument.Statement.map((s: any) => s.Sid)).toEqual(['DeliverTrailEvents']);
    expect(resources(stack, 'AWS::IAM::Policy')).toHaveLength(0);
    const [[, trail]] = resources(stack, 'AWS::CloudTrail::Trail');
    expect(trail.DependsOn).toEqual(expect.arrayContaining([policyId, stack.resolve((built.logsRole.node.defaultChild as any).logicalId)]));
    expect(trail.Properties.TrailName).toBe('audit-trail');
  });

  test('an organization trail may write every member account\'s streams and objects', () => {
    const { stack, audit } = scope();
    createAuditTrail(audit, { organizationTrail: true }, { ...TRAIL, storage: createAuditStorage(audit, {}) });
    const json = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(json).toContain(':log-stream:*');
    expect(json).toContain('"/AWSLogs/*"');
  });
});

describe('createAuditConfig', () => {
  test('CREATE: a recorder, its role with a delivery policy the channel waits for, and rules after both', () => {
    const { stack, audit } = scope();
    const storage = createAuditStorage(audit, {});
    const built = createAuditConfig(audit, { createRecorder: true, adoptRecorder: false, recordGlobalResources: false, ruleIds: ['CLOUD_TRAIL_ENABLED'], storage });
    expect(built.role!.permissions!.node.path).toBe('TestStack/Audit/ConfigRole/Policy');
    const [[policyId, policy]] = resources(stack, 'AWS::IAM::ManagedPolicy');
    expect(policy.Properties.Description).toBe('AWS Config delivery to the audit bucket of TestStack/Audit');
    expect(policy.Properties.PolicyDocument.Statement.map((s: any) => s.Sid)).toEqual(['CheckBucket', 'DeliverSnapshotsAndHistory', 'EncryptDeliveries']);
    const [[recorderId, recorder]] = resources(stack, 'AWS::Config::ConfigurationRecorder');
    expect(recorder.Properties.RecordingGroup.IncludeGlobalResourceTypes).toBe(false);
    const [[channelId, channel]] = resources(stack, 'AWS::Config::DeliveryChannel');
    expect(channel.DependsOn).toEqual(expect.arrayContaining([recorderId, policyId]));
    expect(built.rules).toHaveLength(1);
    const [[, rule]] = resources(stack, 'AWS::Config::ConfigRule');
    expect(rule.DependsOn).toEqual(expect.arrayContaining([recorderId, channelId]));
  });

  test('ADOPT_EXISTING: only rules, acknowledged as evaluated by the account\'s own recorder', () => {
    const { stack, audit } = scope();
    const built = createAuditConfig(audit, { createRecorder: false, adoptRecorder: true, recordGlobalResources: true, ruleIds: ['CLOUD_TRAIL_ENABLED'], storage: createAuditStorage(audit, {}) });
    expect(built.role).toBeUndefined();
    expect(built.recorder).toBeUndefined();
    expect(resources(stack, 'AWS::Config::ConfigurationRecorder')).toHaveLength(0);
    const [[, rule]] = resources(stack, 'AWS::Config::ConfigRule');
    expect(rule.DependsOn).toBeUndefined();
    expect(JSON.stringify(built.rules[0].node.defaultChild!.node.metadata)).toContain('CompliancePack-ConfigRuleWithoutRecorder');
  });

  test('NONE: nothing at all', () => {
    const { audit } = scope();
    const built = createAuditConfig(audit, { createRecorder: false, adoptRecorder: false, recordGlobalResources: true, ruleIds: ['CLOUD_TRAIL_ENABLED'], storage: createAuditStorage(audit, {}) });
    expect(built).toEqual({ rules: [] });
  });
});

describe('findings builders', () => {
  test('the detector is enabled with S3 protection', () => {
    const { stack, audit } = scope();
    createDetector(audit);
    const [[, detector]] = resources(stack, 'AWS::GuardDuty::Detector');
    expect(detector.Properties).toEqual({ Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES', DataSources: { S3Logs: { Enable: true } } });
  });

  test('the access analyzer follows organizationTrail, and turning it off warns', () => {
    const { stack, audit } = scope();
    expect(createAccessAnalyzer(audit, { organizationTrail: true })!.type).toBe('ORGANIZATION');
    expect(createAccessAnalyzer(new Construct(stack, 'Other'), {})!.type).toBe('ACCOUNT');
    const off = new Construct(stack, 'Off');
    expect(createAccessAnalyzer(off, { accessAnalyzer: false })).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/TestStack/Off', Match.stringLikeRegexp('accessAnalyzer weakens a secure default'));
  });

  test('a new alert topic gets the subscriptions; a given plain topic is used as it is', () => {
    const { stack, audit } = scope();
    const topic = createAlertTopic(audit, { alertEmails: ['a@example.com'], alertHttpsEndpoints: ['https://example.com/hook'] });
    expect(topic).toBeInstanceOf(ComplianceTopic);
    expect(resources(stack, 'AWS::SNS::Subscription').map(([, s]) => s.Properties.Protocol).sort()).toEqual(['email', 'https']);
    const plain = new sns.Topic(stack, 'Plain');
    expect(createAlertTopic(new Construct(stack, 'Other'), { alertTopic: plain })).toBe(plain);
  });

  test('routeFindings uses the ComplianceTopic\'s dead-letter queue, and a queue of its own for any other topic', () => {
    const { stack, audit } = scope();
    const compliance = new ComplianceTopic(stack, 'Alerts');
    routeFindings(audit, compliance, FindingSeverity.HIGH);
    expect(audit.node.tryFindChild('FindingsDeadLetterQueue')).toBeUndefined();
    const other = new Construct(stack, 'Other');
    routeFindings(other, new sns.Topic(stack, 'Plain'), FindingSeverity.HIGH);
    const queues = resources(stack, 'AWS::SQS::Queue').map(([id]) => id);
    expect(queues).toHaveLength(2);
    expect(queues.filter((id) => id.startsWith('OtherFindingsDeadLetterQueue'))).toHaveLength(1);
    const rules = resources(stack, 'AWS::Events::Rule');
    expect(rules.map(([, r]) => r.Properties.EventPattern.detail.severity)).toEqual([[{ numeric: ['>=', 7] }], [{ numeric: ['>=', 7] }]]);
  });
});
