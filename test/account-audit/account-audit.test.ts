import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AccountAudit, AccountAuditProps, AuditConfigRules, ComplianceBucket, ComplianceKey, ConfigRecorderMode,
  FindingSeverity, GuardDutyDetectorMode,
} from '../../src';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

function synth(props: AccountAuditProps = {}): { stack: Stack; audit: AccountAudit; template: Template } {
  const stack = newStack();
  const audit = new AccountAudit(stack, 'Audit', props);
  return { stack, audit, template: Template.fromStack(stack) };
}

function only(template: Template, type: string): [string, any] {
  const entries = Object.entries(template.findResources(type));
  expect(entries).toHaveLength(1);
  return entries[0] as [string, any];
}

function keyStatements(template: Template, logicalIdPrefix: string): any[] {
  const entry = Object.entries(template.findResources('AWS::KMS::Key')).find(([id]) => id.startsWith(logicalIdPrefix));
  if (!entry) {
    throw new Error(`no key ${logicalIdPrefix}`);
  }
  return (entry[1] as any).Properties.KeyPolicy.Statement;
}

function bucketStatements(template: Template): any[] {
  const entry = Object.entries(template.findResources('AWS::S3::BucketPolicy')).find(([id]) => id.startsWith('AuditBucketPolicy'));
  if (!entry) {
    throw new Error('no audit bucket policy');
  }
  return (entry[1] as any).Properties.PolicyDocument.Statement;
}

const TRAIL_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, expect.stringMatching(/^:cloudtrail:us-east-1:123456789012:trail\/TestStack-Audit-/)]] };

describe('AccountAudit defaults', () => {
  const { stack, audit, template } = synth();
  const [trailId, trail] = only(template, 'AWS::CloudTrail::Trail');

  test('a multi-Region trail with global service events, log file validation and logging on', () => {
    expect(trail.Properties).toEqual(expect.objectContaining({
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      IsOrganizationTrail: false,
    }));
    expect(trail.Properties.EventSelectors).toBeUndefined();
    expect(audit.trail.logicalId).toBeDefined();
    expect(stack.resolve(audit.trail.logicalId)).toBe(trailId);
  });

  test('the trail is encrypted with the bucket\'s own key, so the bucket\'s deny-other-key policy lets it in', () => {
    const [bucketId, bucket] = Object.entries(template.findResources('AWS::S3::Bucket', {
      Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } },
    }))[0] as [string, any];
    const bucketKey = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID;
    expect(trail.Properties.KMSKeyId).toEqual(bucketKey);
    expect(trail.Properties.KMSKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AuditKey/), 'Arn'] });
    expect(trail.Properties.S3BucketName).toEqual({ Ref: bucketId });
    const denyOtherKey = bucketStatements(template).find((s) => s.Sid === 'DenyPutsWithOtherKmsKey');
    expect(denyOtherKey.Condition.StringNotEquals['s3:x-amz-server-side-encryption-aws-kms-key-id']).toEqual(trail.Properties.KMSKeyId);
    expect(audit.key).toBe(audit.complianceBucket!.key);
    expect(audit.bucket).toBe(audit.complianceBucket);
  });

  test('the key lets CloudTrail use it only for this trail, by source ARN and encryption context', () => {
    const cloudTrail = keyStatements(template, 'AuditKey').filter((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com');
    expect(cloudTrail).toHaveLength(2);
    expect(cloudTrail).toContainEqual(expect.objectContaining({
      Action: 'kms:GenerateDataKey*',
      Condition: {
        StringEquals: { 'aws:SourceArn': TRAIL_ARN },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, expect.stringMatching(/^:cloudtrail:\*:123456789012:trail\/TestStack-Audit-/)]] } },
      },
    }));
    for (const s of cloudTrail) {
      expect(s.Condition.StringEquals['aws:SourceArn']).toBeDefined();
    }
    // the ARN in the conditions is the trail's
    const arn = stack.resolve(audit.trailArn);
    expect(arn['Fn::Join'][1][2]).toBe(`:cloudtrail:us-east-1:123456789012:trail/${trail.Properties.TrailName}`);
  });

  test('the bucket lets CloudTrail check its ACL and write under AWSLogs/<account>/, only for this trail', () => {
    const statements = bucketStatements(template);
    expect(statements).toContainEqual(expect.objectContaining({
      Sid: 'CloudTrailAclCheck',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Condition: { StringEquals: { 'aws:SourceArn': expect.anything() } },
    }));
    const write = statements.find((s) => s.Sid === 'CloudTrailWrite');
    expect(write.Action).toBe('s3:PutObject');
    expect(write.Resource['Fn::Join'][1][1]).toBe('/AWSLogs/123456789012/*');
    expect(write.Condition.StringEquals['s3:x-amz-acl']).toBe('bucket-owner-full-control');
    expect(stack.resolve(write.Condition.StringEquals['aws:SourceArn'])).toEqual(stack.resolve(audit.trailArn));
  });

  test('digest files (SSE-S3) may be written under CloudTrail-Digest/ only; everything else must use the key', () => {
    const statements = bucketStatements(template);
    const kmsOnly = statements.find((s) => s.Sid === 'DenyPutsWithOtherEncryption');
    expect(kmsOnly.Resource).toBeUndefined();
    expect(kmsOnly.NotResource['Fn::Join'][1][1]).toBe('/AWSLogs/*/CloudTrail-Digest/*');
    expect(kmsOnly.Condition).toEqual({ StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' }, Null: { 's3:x-amz-server-side-encryption': 'false' } });
    const digest = statements.find((s) => s.Sid === 'DenyPutsWithOtherEncryptionThanKmsOrSseS3');
    expect(digest.Effect).toBe('Deny');
    expect(digest.Resource['Fn::Join'][1][1]).toBe('/AWSLogs/*/CloudTrail-Digest/*');
    expect(digest.Condition).toEqual({ StringNotEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'AES256'] }, Null: { 's3:x-amz-server-side-encryption': 'false' } });
    Annotations.fromStack(stack).hasWarning('/TestStack/Audit/Bucket', Match.stringLikeRegexp('s3ManagedEncryptionKeyPatterns weakens'));
  });

  test('the trail also delivers to a KMS-encrypted log group kept one year', () => {
    const [logGroupId, logGroup] = only(template, 'AWS::Logs::LogGroup');
    expect(logGroup.Properties.RetentionInDays).toBe(365);
    expect(logGroup.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AuditTrailLogsKey/), 'Arn'] });
    expect(trail.Properties.CloudWatchLogsLogGroupArn).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
  });

  test('through a role CloudTrail of this account assumes, with a customer managed policy on its log streams', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'cloudtrail.amazonaws.com' } })] } },
    });
    const [roleId, role] = Object.entries(roles)[0] as [string, any];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '123456789012' } });
    expect(role.Properties.Policies).toBeUndefined();
    expect(trail.Properties.CloudWatchLogsRoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: [{
          Sid: 'DeliverTrailEvents',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:', { Ref: Match.stringLikeRegexp('^AuditTrailLogs') }, ':log-stream:123456789012_CloudTrail_us-east-1*']] },
        }],
      },
    });
  });

  test('no inline IAM policies anywhere', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('the trail waits for the bucket policy, the key and the role it is checked against', () => {
    const dependsOn: string[] = trail.DependsOn;
    expect(dependsOn).toEqual(expect.arrayContaining([
      expect.stringMatching(/^AuditBucketPolicy/), expect.stringMatching(/^AuditKey/),
      expect.stringMatching(/^AuditTrailLogsRole[0-9A-F]{8}$/), expect.stringMatching(/^AuditTrailLogsRolePolicy/),
    ]));
  });

  test('a Config recorder of all resources and a delivery channel to the bucket, encrypted with the key', () => {
    const [recorderId, recorder] = only(template, 'AWS::Config::ConfigurationRecorder');
    expect(recorder.Properties.RecordingGroup).toEqual({ AllSupported: true, IncludeGlobalResourceTypes: true });
    const [, channel] = only(template, 'AWS::Config::DeliveryChannel');
    expect(channel.Properties.S3BucketName).toEqual(trail.Properties.S3BucketName);
    expect(channel.Properties.S3KmsKeyArn).toEqual(trail.Properties.KMSKeyId);
    expect(channel.DependsOn).toContain(recorderId);
    expect(stack.resolve(audit.configRecorder!.logicalId)).toBe(recorderId);
  });

  test('the recorder role has the AWS Config policy and delivers only under AWSLogs/<account>/Config/', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'config.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } })] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWS_ConfigRole']] }],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'DeliverSnapshotsAndHistory',
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditBucket'), 'Arn'] }, '/AWSLogs/123456789012/Config/*']] },
        })]),
      },
    });
  });

  test('the default managed rules, each depending on the recorder and the delivery channel', () => {
    const rules = Object.values(template.findResources('AWS::Config::ConfigRule')) as any[];
    expect(rules.map((r) => r.Properties.Source.SourceIdentifier).sort()).toEqual([...AuditConfigRules.DEFAULTS].sort());
    for (const rule of rules) {
      expect(rule.Properties.Source.Owner).toBe('AWS');
      expect(rule.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^AuditConfigRecorder/), expect.stringMatching(/^AuditConfigDeliveryChannel/)]));
    }
    expect(audit.configRules).toHaveLength(AuditConfigRules.DEFAULTS.length);
  });

  test('an IAM Access Analyzer of the account, and access keys older than 90 days reported', () => {
    const [analyzerId, analyzer] = only(template, 'AWS::AccessAnalyzer::Analyzer');
    expect(analyzer.Properties).toEqual({ Type: 'ACCOUNT' });
    expect(stack.resolve(audit.accessAnalyzer!.logicalId)).toBe(analyzerId);
    const rules = Object.values(template.findResources('AWS::Config::ConfigRule')) as any[];
    expect(rules.map((r) => r.Properties.Source.SourceIdentifier)).toContain('ACCESS_KEYS_ROTATED');
  });

  test('an enabled GuardDuty detector with S3 protection', () => {
    const [detectorId, detector] = only(template, 'AWS::GuardDuty::Detector');
    expect(detector.Properties).toEqual({ Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES', DataSources: { S3Logs: { Enable: true } } });
    expect(stack.resolve(audit.detector!.logicalId)).toBe(detectorId);
  });

  test('findings of severity 4.0 (Medium) and above go to the alert topic, failures to its dead-letter queue', () => {
    const [ruleId, rule] = only(template, 'AWS::Events::Rule');
    expect(rule.Properties.EventPattern).toEqual({
      'source': ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      'detail': { severity: [{ numeric: ['>=', 4] }] },
    });
    const [topicId] = only(template, 'AWS::SNS::Topic');
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({
      Arn: { Ref: topicId },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^AuditAlertsDeadLetterQueue/), 'Arn'] } },
    })]);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
        })]),
      },
    });
  });

  test('only that rule may publish to the encrypted, TLS-only alert topic', () => {
    const [ruleId] = only(template, 'AWS::Events::Rule');
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditAlertsKey'), 'Arn'] } });
    const [, policy] = only(template, 'AWS::SNS::TopicPolicy');
    const statements: any[] = policy.Properties.PolicyDocument.Statement;
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([expect.objectContaining({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '123456789012' },
        ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } },
      },
    })]);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  test('has no unacknowledged nag findings', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('AccountAudit in an account that already has a recorder and a detector', () => {
  // The first deployment created them; the second, in another stack of the same account and Region, adopts them.
  const app = new App();
  const first = newStack(app, 'First');
  new AccountAudit(first, 'Audit');
  const second = newStack(app, 'Second');
  const audit = new AccountAudit(second, 'Audit', {
    configRecorderMode: ConfigRecorderMode.ADOPT_EXISTING,
    guardDutyDetectorMode: GuardDutyDetectorMode.ADOPT_EXISTING,
  });
  const template = Template.fromStack(second);

  test('creates no recorder, no delivery channel and no detector', () => {
    template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    template.resourceCountIs('AWS::Config::DeliveryChannel', 0);
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    expect(audit.configRecorder).toBeUndefined();
    expect(audit.deliveryChannel).toBeUndefined();
    expect(audit.detector).toBeUndefined();
    // across both deployments, one of each: nothing collides on the quotas
    const total = (type: string) => [first, second].map((s) => Template.fromStack(s).toJSON().Resources)
      .flatMap((r) => Object.values(r) as any[]).filter((r) => r.Type === type).length;
    expect(total('AWS::Config::ConfigurationRecorder')).toBe(1);
    expect(total('AWS::Config::DeliveryChannel')).toBe(1);
    expect(total('AWS::GuardDuty::Detector')).toBe(1);
  });

  test('still deploys the Config rules, which evaluate with the existing recorder', () => {
    const rules = Object.values(template.findResources('AWS::Config::ConfigRule')) as any[];
    expect(rules).toHaveLength(AuditConfigRules.DEFAULTS.length);
    for (const rule of rules) {
      expect(rule.DependsOn).toBeUndefined();
    }
  });

  test('still routes findings of the existing detector to the alert topic', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^AuditAlerts') } })],
    });
  });

  test('still has its own trail', () => {
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
  });

  test('has no unacknowledged nag findings', () => {
    expect(formatFindings(nagFindings(second))).toEqual([]);
  });
});

describe('AccountAudit with every option', () => {
  const { stack, audit, template } = synth({
    trailName: 'org-audit-trail',
    logRetention: logs.RetentionDays.TEN_YEARS,
    s3DataEvents: true,
    lambdaDataEvents: true,
    organizationTrail: true,
    recordGlobalResources: false,
    configRules: [...AuditConfigRules.DEFAULTS, 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC', 'EC2_IMDSV2_CHECK'],
    findingSeverity: FindingSeverity.HIGH,
    alertEmails: ['secops@example.com'],
    alertHttpsEndpoints: ['https://hooks.example.com/guardduty'],
  });

  test('an organization trail with S3 and Lambda data events', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'org-audit-trail',
      IsOrganizationTrail: true,
      EventSelectors: [{
        IncludeManagementEvents: true,
        ReadWriteType: 'All',
        DataResources: [
          { Type: 'AWS::S3::Object', Values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3']] }] },
          { Type: 'AWS::Lambda::Function', Values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda']] }] },
        ],
      }],
    });
  });

  test('an analyzer of the whole organization', () => {
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ORGANIZATION' });
  });

  test('the bucket accepts every member account\'s logs, still only from this trail', () => {
    const write = bucketStatements(template).find((s) => s.Sid === 'CloudTrailWrite');
    expect(write.Resource['Fn::Join'][1][1]).toBe('/AWSLogs/*');
    expect(stack.resolve(write.Condition.StringEquals['aws:SourceArn'])).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:us-east-1:123456789012:trail/org-audit-trail']],
    });
  });

  test('ten-year log retention and global resources left to another Region', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 3653 });
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', { RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false } });
  });

  test('the chosen rules', () => {
    template.resourceCountIs('AWS::Config::ConfigRule', AuditConfigRules.DEFAULTS.length + 2);
    template.hasResourceProperties('AWS::Config::ConfigRule', { Source: { Owner: 'AWS', SourceIdentifier: 'EC2_IMDSV2_CHECK' } });
  });

  test('High (7.0) and above, to email and HTTPS subscribers with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { detail: { severity: [{ numeric: ['>=', 7] }] } } });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'secops@example.com', RedrivePolicy: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://hooks.example.com/guardduty', RedrivePolicy: Match.anyValue() });
    expect(audit.alertTopic).toBeDefined();
  });

  test('has no unacknowledged nag findings', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('AccountAudit with resources given', () => {
  test('a given ComplianceBucket: its key encrypts the trail and it gets the CloudTrail statements', () => {
    const stack = newStack();
    const bucket = new ComplianceBucket(stack, 'Logs', { s3ManagedEncryptionKeyPatterns: ['AWSLogs/*/CloudTrail-Digest/*'] });
    const audit = new AccountAudit(stack, 'Audit', { bucket });
    const template = Template.fromStack(stack);
    expect(audit.bucket).toBe(bucket);
    expect(audit.key).toBe(bucket.key);
    expect(audit.complianceBucket).toBeUndefined();
    template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogsKey'), 'Arn'] } });
    template.resourceCountIs('AWS::S3::Bucket', 2); // the given bucket and its access log bucket
    const policy = Object.entries(template.findResources('AWS::S3::BucketPolicy')).find(([id]) => id.startsWith('LogsBucketPolicy'))![1] as any;
    expect(policy.Properties.PolicyDocument.Statement.map((s: any) => s.Sid)).toEqual(expect.arrayContaining(['CloudTrailAclCheck', 'CloudTrailWrite']));
    expect(keyStatements(template, 'LogsKey').filter((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com')).toHaveLength(2);
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });

  test('a given key is used for the created bucket, the trail and Config', () => {
    const stack = newStack();
    const key = new ComplianceKey(stack, 'AuditKey');
    const audit = new AccountAudit(stack, 'Audit', { encryptionKey: key });
    expect(audit.key).toBe(key);
    expect(audit.complianceBucket!.key).toBe(key);
    const template = Template.fromStack(stack);
    // the given key, the log group's key and the topic's key: no other key for the bucket
    template.resourceCountIs('AWS::KMS::Key', 3);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditKey'), 'Arn'] } });
  });

  test('a plain SNS topic gets a publish statement scoped to the findings rule, and the rule a dead-letter queue', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Existing');
    const audit = new AccountAudit(stack, 'Audit', { alertTopic: topic });
    expect(audit.alertTopic).toBe(topic);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditFindingsDeadLetterQueue'), 'Arn'] } } })],
    });
    expect(formatFindings(nagFindings(stack)).filter((f) => f.includes('/Audit/'))).toEqual([]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: {
            ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditFindingsRule'), 'Arn'] } },
            StringEquals: { 'aws:SourceAccount': '123456789012' },
          },
        })],
      },
    });
  });
});

describe('AccountAudit without Config', () => {
  const { stack, template } = synth({ configRecorderMode: ConfigRecorderMode.NONE });

  test('creates no Config rules when there is no recorder, and warns', () => {
    template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    template.resourceCountIs('AWS::Config::ConfigRule', 0);
    Annotations.fromStack(stack).hasWarning('/TestStack/Audit', Match.stringLikeRegexp('configRecorderMode weakens a secure default'));
  });
});

describe('AccountAudit with S3 data events for named buckets', () => {
  test('one AWS::S3::Object data resource naming each bucket\'s objects, in the event selector validators read', () => {
    const stack = newStack();
    const data = new ComplianceBucket(stack, 'Data');
    new AccountAudit(stack, 'Audit', { s3DataEventBuckets: [data.bucket] });
    const [, trail] = only(Template.fromStack(stack), 'AWS::CloudTrail::Trail');
    expect(stack.resolve(trail.Properties.EventSelectors)).toEqual([{
      IncludeManagementEvents: true,
      ReadWriteType: 'All',
      DataResources: [{ Type: 'AWS::S3::Object', Values: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^DataBucket/), 'Arn'] }, '/']] }] }],
    }]);
  });
});

describe('AccountAudit warnings', () => {
  test('no Access Analyzer works and warns', () => {
    const { stack, template } = synth({ accessAnalyzer: false });
    template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 0);
    Annotations.fromStack(stack).hasWarning('/TestStack/Audit', Match.stringLikeRegexp('accessAnalyzer weakens a secure default'));
  });

  test('an empty rule list works and warns', () => {
    const { stack, template } = synth({ configRules: [] });
    template.resourceCountIs('AWS::Config::ConfigRule', 0);
    template.resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
    Annotations.fromStack(stack).hasWarning('/TestStack/Audit', Match.stringLikeRegexp('configRules weakens a secure default'));
  });

  test('a given bucket gets a note on what CloudTrail writes into it', () => {
    const stack = newStack();
    new AccountAudit(stack, 'Audit', { bucket: new ComplianceBucket(stack, 'Logs') });
    Annotations.fromStack(stack).hasInfo('/TestStack/Audit', Match.stringLikeRegexp('digest files with SSE-S3 under AWSLogs/\\*/CloudTrail-Digest/\\*'));
  });

  test('retention INFINITE works and warns', () => {
    const { stack, template } = synth({ logRetention: logs.RetentionDays.INFINITE });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.absent() });
    Annotations.fromStack(stack).hasWarning('/TestStack/Audit', Match.stringLikeRegexp('logRetention weakens a secure default'));
  });
});

describe('AccountAudit bad input', () => {
  test('a severity threshold below 1.0 fails and names it', () => {
    expect(() => synth({ findingSeverity: FindingSeverity.atLeast(0.5) })).toThrow(/invalid findingSeverity: 0\.5\. Allowed: a GuardDuty severity from 1\.0 to 10\.0/);
  });

  test('a severity threshold above 10.0 fails and names it', () => {
    expect(() => synth({ findingSeverity: FindingSeverity.atLeast(11) })).toThrow(/invalid findingSeverity: 11\./);
  });

  test('a severity threshold that is not a number fails', () => {
    expect(() => synth({ findingSeverity: FindingSeverity.atLeast(NaN) })).toThrow(/invalid findingSeverity/);
  });

  test('an unknown Config rule identifier fails and names it', () => {
    expect(() => synth({ configRules: ['S3_BUCKET_VERSIONING'] })).toThrow(/invalid configRules: 'S3_BUCKET_VERSIONING'\. Allowed: an AWS managed rule identifier from AuditConfigRules\.SUPPORTED/);
  });

  test('a Config rule listed twice fails', () => {
    expect(() => synth({ configRules: ['CLOUD_TRAIL_ENABLED', 'CLOUD_TRAIL_ENABLED'] })).toThrow(/invalid configRules: 'CLOUD_TRAIL_ENABLED'\. Each rule identifier may appear once/);
  });

  test('a retention CloudWatch Logs does not accept fails and names it', () => {
    expect(() => synth({ logRetention: 42 as logs.RetentionDays })).toThrow(/invalid logRetention: 42\. Allowed: a number of days CloudWatch Logs accepts/);
  });

  test('a trail name CloudTrail does not accept fails and names it', () => {
    expect(() => synth({ trailName: 'my trail' })).toThrow(/invalid trailName: 'my trail'/);
    expect(() => synth({ trailName: 'a--b' })).toThrow(/invalid trailName: 'a--b'/);
  });

  test('a key other than the given bucket\'s fails', () => {
    const stack = newStack();
    const bucket = new ComplianceBucket(stack, 'Logs');
    const key = new ComplianceKey(stack, 'Other');
    expect(() => new AccountAudit(stack, 'Audit', { bucket, encryptionKey: key })).toThrow(/invalid encryptionKey: 'TestStack\/Other'/);
  });

  test('recordGlobalResources with an adopted recorder fails and names it', () => {
    expect(() => synth({ configRecorderMode: ConfigRecorderMode.ADOPT_EXISTING, recordGlobalResources: false }))
      .toThrow(/invalid recordGlobalResources: false\. It applies only to a recorder this construct creates/);
  });

  test('subscriptions for a topic that is not a ComplianceTopic fail', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Existing');
    expect(() => new AccountAudit(stack, 'Audit', { alertTopic: topic, alertEmails: ['secops@example.com'] }))
      .toThrow(/invalid alertEmails: \["secops@example.com"\]/);
  });
});
