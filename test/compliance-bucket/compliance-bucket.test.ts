import { App, CfnParameter, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ComplianceBucket, ComplianceBucketProps, ComplianceKey, NagReport, ObjectLockMode } from '../../src';
import { pathModel } from '../../src/nag/paths';
import { evaluateRequest } from '../../src/policy/evaluate';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

function synth(props: ComplianceBucketProps = {}): { stack: Stack; bucket: ComplianceBucket; template: Template } {
  const stack = newStack();
  const bucket = new ComplianceBucket(stack, 'Audit', props);
  return { stack, bucket, template: Template.fromStack(stack) };
}

function bucketPolicyStatements(template: Template, bucketLogicalIdPrefix: string): any[] {
  const policies = template.findResources('AWS::S3::BucketPolicy');
  const entry = Object.entries(policies).find(([id]) => id.startsWith(bucketLogicalIdPrefix));
  if (!entry) {
    throw new Error(`no bucket policy starting with ${bucketLogicalIdPrefix}; have ${Object.keys(policies).join(', ')}`);
  }
  return (entry[1] as any).Properties.PolicyDocument.Statement;
}

function dataBucket(template: Template): any {
  const buckets = template.findResources('AWS::S3::Bucket', { Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } } });
  const values = Object.values(buckets);
  expect(values).toHaveLength(1);
  return values[0];
}

describe('ComplianceBucket defaults', () => {
  const { template } = synth();

  test('blocks all public access and disables ACLs on both buckets', () => {
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.allResourcesProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  test('encrypts with a customer managed KMS key and a bucket key', () => {
    const bucket = dataBucket(template);
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^AuditKey/), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('the key policy grants no kms:* and separates administration from use', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key')) as any[];
    expect(keys).toHaveLength(1);
    const statements: any[] = keys[0].Properties.KeyPolicy.Statement;
    for (const s of statements) {
      const actions: string[] = [s.Action].flat();
      expect(actions).not.toContain('kms:*');
      expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    }
    const admin = statements.find((s) => s.Sid === 'KeyAdministration');
    const use = statements.find((s) => s.Sid === 'KeyUseThroughIamInThisAccount');
    expect(admin.Action).toContain('kms:PutKeyPolicy');
    expect(admin.Action).not.toContain('kms:Decrypt');
    expect(use.Action).toContain('kms:Decrypt');
    expect(use.Action).not.toContain('kms:PutKeyPolicy');
    const grants = statements.find((s) => s.Sid === 'GrantsOnlyForAwsResources');
    expect(grants.Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': 'true' } });
  });

  test('the bucket policy denies non-TLS, TLS below 1.2 and puts with any other encryption', () => {
    const statements = bucketPolicyStatements(template, 'AuditBucketPolicy');
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      expect.objectContaining({
        Sid: 'DenyPutsWithOtherEncryption',
        Effect: 'Deny',
        Action: 's3:PutObject',
        Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' }, Null: { 's3:x-amz-server-side-encryption': 'false' } },
      }),
      expect.objectContaining({
        Sid: 'DenyPutsWithOtherKmsKey',
        Effect: 'Deny',
        Action: 's3:PutObject',
        Condition: {
          StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': { 'Fn::GetAtt': [expect.stringMatching(/^AuditKey/), 'Arn'] } },
          Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
        },
      }),
      expect.objectContaining({
        Sid: 'DenyKmsPutsWithoutThisKey',
        Effect: 'Deny',
        Action: 's3:PutObject',
        Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' }, Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'true' } },
      }),
    ]));
  });

  test('server access logs go to a dedicated SSE-S3 log bucket through a bucket policy, not an ACL', () => {
    const bucket = dataBucket(template);
    expect(bucket.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: expect.stringMatching(/^AuditAccessLogs/) },
      LogFilePrefix: 'access-logs/',
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      AccessControl: Match.absent(),
    });
    const logStatements = bucketPolicyStatements(template, 'AuditAccessLogsPolicy');
    const delivery = logStatements.find((s) => s.Principal?.Service === 'logging.s3.amazonaws.com');
    expect(delivery.Action).toBe('s3:PutObject');
    expect(delivery.Condition.ArnLike['aws:SourceArn']).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AuditBucket/), 'Arn'] });
    expect(delivery.Condition.StringEquals['aws:SourceAccount']).toBe('123456789012');
    expect(logStatements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]));
  });

  test('the log bucket refuses puts that ask for any encryption but its own SSE-S3', () => {
    const logStatements = bucketPolicyStatements(template, 'AuditAccessLogsPolicy');
    expect(logStatements).toEqual(expect.arrayContaining([expect.objectContaining({
      Sid: 'DenyPutsWithOtherEncryption',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' }, Null: { 's3:x-amz-server-side-encryption': 'false' } },
    })]));
  });

  test('server access logs (written without an encryption header) and puts that name no encryption are allowed, as AWS evaluates them', () => {
    const stack = newStack();
    const audit = new ComplianceBucket(stack, 'Audit');
    const writer = new iam.Role(stack, 'Writer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    audit.bucket.grantPut(writer);
    (stack.node.root as App).synth();
    const data = audit.bucket.node.defaultChild as s3.CfnBucket;
    const delivery = pathModel(data).pathsOf(data, 's3-access-log-delivery');
    expect(delivery.map((p) => `${p.action} ${p.result.decision}: ${p.result.reason}`)).toEqual([expect.stringMatching(/^s3:PutObject allowed/)]);
    // The bucket policy as the bucket's own objects see it (Resource and NotResource narrowed to them).
    const document = stack.resolve((audit.bucket.policy!.node.defaultChild as s3.CfnBucketPolicy).policyDocument);
    const statements = document.Statement.map((st: any) => ({ ...st, Resource: '*', NotResource: undefined }));
    const put = (context: Record<string, string>) => evaluateRequest({
      principal: { role: 'arn:aws:iam::123456789012:role/Writer', account: '123456789012' },
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::audit/report.json',
      resourceAccount: '123456789012',
      mode: 'same-account',
      context: { 'aws:SecureTransport': 'true', ...context },
      identityPolicies: [{ name: 'the writer\'s policy', document: { Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] } }],
      resourcePolicy: { name: 'the bucket policy', document: { ...document, Statement: statements } },
    }).decision;
    expect(put({})).toBe('allowed');
    expect(put({ 's3:x-amz-server-side-encryption': 'AES256' })).toBe('denied');
    expect(put({ 's3:x-amz-server-side-encryption': 'aws:kms' })).toBe('denied');
  });

  test('has lifecycle rules with transitions, noncurrent expiry and multipart cleanup', () => {
    const rules = dataBucket(template).Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual([expect.objectContaining({
      Status: 'Enabled',
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }, { StorageClass: 'GLACIER', TransitionInDays: 365 }],
      NoncurrentVersionExpiration: { NoncurrentDays: 365 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
    })]);
    expect(rules[0].ExpirationInDays).toBeUndefined();
  });

  test('retains the bucket, the log bucket and the key', () => {
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key']) {
      for (const resource of Object.values(template.findResources(type)) as any[]) {
        expect(resource.DeletionPolicy).toBe('Retain');
        expect(resource.UpdateReplacePolicy).toBe('Retain');
      }
    }
  });

  test('has no Object Lock and no replication', () => {
    const bucket = dataBucket(template);
    expect(bucket.Properties.ObjectLockEnabled).toBeUndefined();
    expect(bucket.Properties.ReplicationConfiguration).toBeUndefined();
  });
});

describe('ComplianceBucket as an s3.IBucket', () => {
  test('exposes bucket, log bucket and key, and grants through the given key', () => {
    const stack = newStack();
    const bucket = new ComplianceBucket(stack, 'Audit');
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const asIBucket: s3.IBucket = bucket;
    asIBucket.grantRead(role);
    expect(bucket.bucket).toBeInstanceOf(s3.Bucket);
    expect(bucket.logBucket).toBeInstanceOf(s3.Bucket);
    expect(bucket.key).toBe(bucket.encryptionKey);
    expect(bucket.bucketArn).toBe(bucket.bucket.bucketArn);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']) }),
          Match.objectLike({ Action: Match.arrayWith(['kms:Decrypt']), Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditKey'), 'Arn'] } }),
        ]),
      },
    });
  });

  test('addToResourcePolicy lands in the bucket policy', () => {
    const stack = newStack();
    const bucket = new ComplianceBucket(stack, 'Audit');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'Extra', principals: [new iam.AccountPrincipal('210987654321')], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')],
    }));
    const statements = bucketPolicyStatements(Template.fromStack(stack), 'AuditBucketPolicy');
    expect(statements.map((s) => s.Sid)).toContain('Extra');
  });
});

describe('ComplianceBucket options', () => {
  test('uses a given key and creates none', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const bucket = new ComplianceBucket(stack, 'Audit', { encryptionKey: key });
    expect(bucket.key).toBe(key);
    expect(bucket.createdKey).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(dataBucket(template).Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID)
      .toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MyKey/), 'Arn'] });
  });

  test('uses a given log bucket and a custom prefix', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED });
    const bucket = new ComplianceBucket(stack, 'Audit', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'audit/' });
    expect(bucket.logBucket).toBe(logs);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 2);
    expect(dataBucket(template).Properties.LoggingConfiguration.LogFilePrefix).toBe('audit/');
    expect(dataBucket(template).Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: expect.stringMatching(/^Logs/) });
    const statements = bucketPolicyStatements(template, 'LogsPolicy');
    const delivery = statements.find((s) => s.Principal?.Service === 'logging.s3.amazonaws.com');
    expect(delivery.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Logs/), 'Arn'] }, '/audit/*']] });
  });

  test('Object Lock in governance and compliance mode', () => {
    for (const [mode, expected] of [[ObjectLockMode.GOVERNANCE, 'GOVERNANCE'], [ObjectLockMode.COMPLIANCE, 'COMPLIANCE']] as const) {
      const { template } = synth({ objectLockMode: mode, objectLockRetention: Duration.days(2555) });
      const bucket = dataBucket(template);
      expect(bucket.Properties.ObjectLockEnabled).toBe(true);
      expect(bucket.Properties.ObjectLockConfiguration).toEqual({
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: expected, Days: 2555 } },
      });
    }
  });

  test('custom lifecycle rules replace the defaults', () => {
    const { template } = synth({
      lifecycleRules: [{
        transitions: [
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(180) },
        ],
        expiration: Duration.days(2555),
      }],
    });
    const rules = dataBucket(template).Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual([expect.objectContaining({
      ExpirationInDays: 2555,
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }, { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 180 }],
    })]);
  });

  test('replication to another Region uses a role with a customer managed policy only', () => {
    const stack = newStack();
    const destination = s3.Bucket.fromBucketAttributes(stack, 'Replica', {
      bucketArn: 'arn:aws:s3:::audit-replica-eu-west-1', region: 'eu-west-1',
    });
    const destinationKey = kms.Key.fromKeyArn(stack, 'ReplicaKey', 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555');
    new ComplianceBucket(stack, 'Audit', {
      replication: { destinationBucket: destination, destinationKey, storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL },
    });
    const template = Template.fromStack(stack);
    const rule = dataBucket(template).Properties.ReplicationConfiguration.Rules[0];
    expect(rule).toEqual(expect.objectContaining({
      Status: 'Enabled',
      Destination: expect.objectContaining({
        Bucket: 'arn:aws:s3:::audit-replica-eu-west-1',
        StorageClass: 'GLACIER_IR',
        EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555' },
      }),
      SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
    }));
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 's3.amazonaws.com' } })] },
      Policies: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'WriteReplicas', Resource: 'arn:aws:s3:::audit-replica-eu-west-1/*' }),
          Match.objectLike({ Sid: 'EncryptReplicas', Resource: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555' }),
        ]),
      },
    });
  });

  test('a removal policy other than RETAIN is applied and warned about', () => {
    const { stack, template } = synth({ removalPolicy: RemovalPolicy.DESTROY });
    for (const resource of Object.values(template.findResources('AWS::S3::Bucket')) as any[]) {
      expect(resource.DeletionPolicy).toBe('Delete');
    }
    Annotations.fromStack(stack).hasWarning('/TestStack/Audit', Match.stringLikeRegexp('removalPolicy weakens a secure default'));
  });

  test('turning versioning off works and is warned about', () => {
    const { stack, template } = synth({ versioned: false });
    expect(dataBucket(template).Properties.VersioningConfiguration).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/TestStack/Audit', Match.stringLikeRegexp('versioned weakens a secure default'));
  });

  test('an empty lifecycle list works and is warned about', () => {
    const { stack, template } = synth({ lifecycleRules: [] });
    expect(dataBucket(template).Properties.LifecycleConfiguration).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/TestStack/Audit', Match.stringLikeRegexp('lifecycleRules weakens a secure default'));
  });

  test('defaults leave no warnings', () => {
    const { stack } = synth();
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('ComplianceBucket rejects bad input at synth', () => {
  const cases: Array<[string, ComplianceBucketProps, RegExp]> = [
    ['zero-day transition', { lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(0) }] }] },
      /lifecycleRules\[0\]\.transitions\[0\]\.transitionAfter: 0 days\. It must be at least 1 day/],
    ['zero-day noncurrent expiration', { lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(0) }] },
      /lifecycleRules\[0\]\.noncurrentVersionExpiration: 0 days\. It must be at least 1 day/],
    ['IA transition before 30 days', { lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(10) }] }] },
      /lifecycleRules\[0\]\.transitions\[0\]\.transitionAfter: 10 days\. S3 requires at least 30 days before a transition to STANDARD_IA/],
    ['transitions out of waterfall order', {
      lifecycleRules: [{
        transitions: [
          { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) },
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(180) },
        ],
      }],
    }, /lifecycleRules\[0\]\.transitions\[1\]\.storageClass: 'STANDARD_IA'\. S3 transitions only go down the waterfall/],
    ['transition days not increasing', {
      lifecycleRules: [{
        transitions: [
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
          { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(100) },
        ],
      }],
    }, /lifecycleRules\[0\]\.transitions\[1\]\.transitionAfter: 100 days\. S3 keeps objects in STANDARD_IA at least 30 days/],
    ['expiration before last transition', {
      lifecycleRules: [{
        transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(365) }],
        expiration: Duration.days(100),
      }],
    }, /lifecycleRules\[0\]\.expiration: 100 days\. Expiration must come after the last transition \(365 days\)/],
    ['zero-day multipart abort', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(0) }] },
      /lifecycleRules\[0\]\.abortIncompleteMultipartUploadAfter: 0 days/],
    ['fractional days', { lifecycleRules: [{ expiration: Duration.hours(36) }] },
      /lifecycleRules\[0\]\.expiration: 1 day 12 hours\. Use a whole number of days/],
    ['Object Lock retention without a mode', { objectLockRetention: Duration.days(30) },
      /objectLockRetention: 30 days\. Object Lock retention needs a mode: set objectLockMode/],
    ['Object Lock mode without retention', { objectLockMode: ObjectLockMode.GOVERNANCE },
      /objectLockMode: 'GOVERNANCE'\. Object Lock mode needs a default retention/],
    ['Object Lock retention of zero days', { objectLockMode: ObjectLockMode.COMPLIANCE, objectLockRetention: Duration.days(0) },
      /objectLockRetention: 0 days\. Allowed: 1 to 36500 days/],
    ['Object Lock retention over 100 years', { objectLockMode: ObjectLockMode.COMPLIANCE, objectLockRetention: Duration.days(40000) },
      /objectLockRetention: 40000 days\. Allowed: 1 to 36500 days/],
    ['Object Lock without versioning', { objectLockMode: ObjectLockMode.COMPLIANCE, objectLockRetention: Duration.days(30), versioned: false },
      /versioned: false\. Object Lock requires versioning/],
    ['access log prefix starting with a slash', { serverAccessLogsPrefix: '/logs/' },
      /serverAccessLogsPrefix: '\/logs\/'\. Allowed: a key prefix/],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    const stack = newStack();
    expect(() => new ComplianceBucket(stack, 'Audit', props)).toThrow(message);
  });

  test('errors name the construct path', () => {
    const stack = newStack();
    expect(() => new ComplianceBucket(stack, 'Audit', { objectLockRetention: Duration.days(30) })).toThrow(/^TestStack\/Audit: invalid objectLockRetention/);
  });

  test('replication without versioning', () => {
    const stack = newStack();
    const destination = s3.Bucket.fromBucketAttributes(stack, 'Replica', { bucketArn: 'arn:aws:s3:::replica', region: 'eu-west-1' });
    expect(() => new ComplianceBucket(stack, 'Audit', { versioned: false, replication: { destinationBucket: destination } }))
      .toThrow(/versioned: false\. Replication requires versioning/);
  });

  test('replication into the same Region', () => {
    const stack = newStack();
    const destination = s3.Bucket.fromBucketAttributes(stack, 'Replica', { bucketArn: 'arn:aws:s3:::replica', region: 'us-east-1' });
    expect(() => new ComplianceBucket(stack, 'Audit', { replication: { destinationBucket: destination } }))
      .toThrow(/replication\.destinationBucket: 'us-east-1'\. The replica must be in another Region/);
  });

  test('a KMS-encrypted access log bucket', () => {
    const stack = newStack();
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS });
    expect(() => new ComplianceBucket(stack, 'Audit', { serverAccessLogsBucket: logs }))
      .toThrow(/serverAccessLogsBucket: 'TestStack\/Logs'\. S3 delivers server access logs only to buckets encrypted with SSE-S3/);
  });

  test('deploy-time tokens are accepted', () => {
    const stack = newStack();
    const days = new CfnParameter(stack, 'Days', { type: 'Number' }).valueAsNumber;
    const prefix = new CfnParameter(stack, 'Prefix', { type: 'String' }).valueAsString;
    new ComplianceBucket(stack, 'Audit', { serverAccessLogsPrefix: prefix, lifecycleRules: [{ expiration: Duration.days(days) }] });
    const bucket = dataBucket(Template.fromStack(stack));
    expect(bucket.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toEqual({ Ref: 'Days' });
    expect(bucket.Properties.LoggingConfiguration.LogFilePrefix).toEqual({ Ref: 'Prefix' });
  });
});

describe('ComplianceBucket under cdk-nag', () => {
  test('defaults have zero unacknowledged findings in every pack', () => {
    const stack = newStack();
    new ComplianceBucket(stack, 'Audit');
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });

  test('every option together has zero unacknowledged findings in every pack', () => {
    const stack = newStack();
    const first = new ComplianceBucket(stack, 'First');
    const destination = s3.Bucket.fromBucketAttributes(stack, 'Replica', { bucketArn: 'arn:aws:s3:::audit-replica', region: 'eu-west-1' });
    new ComplianceBucket(stack, 'Locked', {
      objectLockMode: ObjectLockMode.COMPLIANCE,
      objectLockRetention: Duration.days(2555),
      replication: { destinationBucket: destination },
      serverAccessLogsBucket: first.logBucket,
      serverAccessLogsPrefix: 'locked/',
      lifecycleRules: [{
        transitions: [{ storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(180) }],
        noncurrentVersionExpiration: Duration.days(30),
      }],
    });
    new ComplianceBucket(stack, 'WithKey', { encryptionKey: new ComplianceKey(stack, 'GivenKey') });
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });

  test('acknowledgments sit on the exact resource and finding id, never on the construct or stack', () => {
    const stack = newStack();
    const bucket = new ComplianceBucket(stack, 'Audit');
    const acknowledged = (scope: any) => scope.node.metadata.filter((m: any) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(acknowledged(stack)).toEqual([]);
    expect(acknowledged(bucket)).toEqual([]);
    expect(acknowledged(bucket.bucket)).toEqual([]);
    const onLogBucket = acknowledged(bucket.logBucket.node.defaultChild).flatMap((m: any) => Object.keys(m.data))
      .map((k: string) => k.replace(/^annotation::/i, ''));
    expect(onLogBucket).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'NIST.800.53.R5-S3DefaultEncryptionKMS']));
    for (const m of acknowledged(bucket.logBucket.node.defaultChild)) {
      for (const reason of Object.values(m.data) as string[]) {
        expect(reason.length).toBeGreaterThan(60);
      }
    }
  });

  test('the packs do find a plain bucket: the helper is not blind', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Plain');
    const rules = nagFindings(stack).map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10', 'NIST.800.53.R5-S3DefaultEncryptionKMS']));
  });

  test('registered as Validations plugins, the packs fail synth on a plain bucket and pass a ComplianceBucket', () => {
    const bad = new App();
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad));
    new s3.Bucket(newStack(bad), 'Plain');
    expect(() => bad.synth()).toThrow();

    const good = new App();
    Validations.of(good).addPlugins(...NagReport.standardPacks());
    new ComplianceBucket(newStack(good), 'Audit');
    expect(() => good.synth()).not.toThrow();
  });
});
