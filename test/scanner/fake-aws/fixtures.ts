import { emptyAccount, FakeAccountState, FakeKey, FakePermission } from './model';

export const REGIONS = ['eu-west-1', 'us-east-1'];

/** Environment that points the real SDK at the fake (and never at AWS). */
export function fakeEnv(url: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return fn().finally(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

const world = (from: number, to: number, proto = 'tcp'): FakePermission => ({ IpProtocol: proto, FromPort: from, ToPort: to, cidrs: ['0.0.0.0/0'] });

/**
 * A small account with known good and bad resources. Each bad one is named after the finding
 * it must produce; `EXPECTED_FINDINGS` lists them all.
 */
/**
 * AccountAudit's key (one per Region): rotated, administration and use separate, and the services that
 * write with it (CloudTrail for the trail, AWS Config for its channel, EventBridge for the alert topic)
 * admitted one by one with their conditions, as AccountAudit writes it.
 */
const auditKey: FakeKey = {
  KeyId: 'account-audit',
  KeyManager: 'CUSTOMER',
  KeyState: 'Enabled',
  rotation: true,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'KeyAdministration', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'], Resource: '*' },
      { Sid: 'KeyUse', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], Resource: '*' },
      { Sid: 'CloudTrail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*', Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:123456789012:trail/*' } } },
      { Sid: 'Config', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } },
      { Sid: 'EventBridge', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } },
    ],
  }),
};

export function fixtureAccount(): FakeAccountState {
  const s = emptyAccount(REGIONS);
  const eu = s.regions['eu-west-1'];
  eu.securityGroups = [
    { GroupId: 'sg-default', GroupName: 'default', VpcId: 'vpc-1', ingress: [{ IpProtocol: '-1', groups: ['sg-default'] }], egress: [] },
    { GroupId: 'sg-ssh-range', GroupName: 'ssh-range', VpcId: 'vpc-1', ingress: [world(0, 1024)], egress: [] },
    { GroupId: 'sg-web', GroupName: 'web', VpcId: 'vpc-1', ingress: [world(443, 443)], egress: [] },
  ];
  eu.networkAcls = [
    {
      NetworkAclId: 'acl-open',
      VpcId: 'vpc-1',
      IsDefault: true,
      subnets: ['subnet-1'],
      entries: [
        { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
      ],
    },
  ];
  eu.volumes = [{ VolumeId: 'vol-plain', Encrypted: false, attachedTo: ['i-1'] }, { VolumeId: 'vol-enc', Encrypted: true, attachedTo: ['i-1'] }];
  eu.ebsEncryptionByDefault = false;
  eu.snapshots = [{ SnapshotId: 'snap-public', public: true }, { SnapshotId: 'snap-private', public: false }];
  eu.vpcs = [{ VpcId: 'vpc-1', IsDefault: false }, { VpcId: 'vpc-nologs', IsDefault: false }];
  eu.flowLogs = [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' }];
  eu.kmsKeys = [
    { KeyId: 'key-rotated', KeyManager: 'CUSTOMER', KeyState: 'Enabled', rotation: true },
    { KeyId: 'key-norotation', KeyManager: 'CUSTOMER', KeyState: 'Enabled', rotation: false },
    { KeyId: 'key-aws', KeyManager: 'AWS', KeyState: 'Enabled' },
    auditKey,
  ];
  eu.trails = [{ Name: 'org', HomeRegion: 'eu-west-1', IsMultiRegionTrail: true, KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/account-audit', LogFileValidationEnabled: true, IsLogging: true, S3BucketName: 'good-bucket' }];
  eu.functions = [
    { FunctionName: 'fn-public', Runtime: 'nodejs22.x', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*' }] }) },
    { FunctionName: 'fn-old', Runtime: 'nodejs14.x' },
  ];
  // the functions' dead-letter queues (FakeFunction's default `<name>-dlq`), which their role may send to
  eu.queues = eu.functions.map((f) => ({ QueueName: `${f.FunctionName}-dlq` }));
  eu.dbInstances = [
    { DBInstanceIdentifier: 'db-public', Engine: 'postgres', PubliclyAccessible: true, StorageEncrypted: true },
    { DBInstanceIdentifier: 'db-good', Engine: 'postgres', PubliclyAccessible: false, StorageEncrypted: true },
  ];
  eu.topics = [{ Name: 'alerts', KmsMasterKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/key-rotated' }, { Name: 'plain-topic' }, { Name: 'aws-key-topic', KmsMasterKeyId: 'alias/aws/sns' }];
  eu.tables = [{ TableName: 'orders', pitr: true, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/key-rotated' }, { TableName: 'sessions', pitr: false, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/key-rotated' }];
  const us = s.regions['us-east-1'];
  us.trails = [{ ...eu.trails[0] }];
  us.kmsKeys = [auditKey];
  us.vpcs = [{ VpcId: 'vpc-us', IsDefault: true }];
  us.flowLogs = [{ FlowLogId: 'fl-us', ResourceId: 'vpc-us', FlowLogStatus: 'ACTIVE', TrafficType: 'REJECT' }];

  const cloudTrailDelivery = (bucket: string, trail: string) => {
    const condition = { 'aws:SourceArn': `arn:aws:cloudtrail:eu-west-1:123456789012:trail/${trail}` };
    return [
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${bucket}`, Condition: { StringEquals: condition } },
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/AWSLogs/123456789012/*`, Condition: { StringEquals: { ...condition, 's3:x-amz-acl': 'bucket-owner-full-control' } } },
    ];
  };
  const tlsDeny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  const sseDeny = { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } };
  const good = {
    publicAccessBlock: [true, true, true, true] as [boolean, boolean, boolean, boolean],
    policy: JSON.stringify({ Statement: [tlsDeny, sseDeny] }),
    sse: 'aws:kms',
    loggingTarget: 'logs',
    ownership: 'BucketOwnerEnforced',
    versioning: 'Enabled',
    lifecycle: ['Enabled'],
    replication: [{ status: 'Enabled', destination: 'arn:aws:s3:::replica-us-east-1' }],
  };
  s.buckets = [
    // AccountAudit's trail delivers here: the bucket policy lets CloudTrail write (as AccountAudit grants it)
    { Name: 'good-bucket', Region: 'eu-west-1', ...good, policy: JSON.stringify({ Statement: [tlsDeny, sseDeny, ...cloudTrailDelivery('good-bucket', 'org')] }) },
    // The account block ignores public ACLs (so the ACL grant is harmless) but does not restrict
    // public policies, so the policy grant makes the bucket publicly readable.
    {
      Name: 'public-bucket',
      Region: 'eu-west-1',
      ...good,
      publicAccessBlock: undefined,
      ownership: 'ObjectWriter',
      aclGrants: [{ uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }],
      policy: JSON.stringify({ Statement: [tlsDeny, sseDeny, { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-bucket/*' }] }),
    },
    { Name: 'other-region-bucket', Region: 'ap-south-1', ...good, sse: undefined },
    // AccountAudit's Config delivery bucket: the bucket policy lets AWS Config deliver
    {
      Name: 'config-delivery',
      Region: 'eu-west-1',
      ...good,
      policy: JSON.stringify({
        Statement: [
          tlsDeny,
          sseDeny,
          { Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: 'arn:aws:s3:::config-delivery', Condition: { StringEquals: { 'AWS:SourceAccount': '123456789012' } } },
          {
            Effect: 'Allow',
            Principal: { Service: 'config.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::config-delivery/AWSLogs/123456789012/Config/*',
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'AWS:SourceAccount': '123456789012' } },
          },
        ],
      }),
    },
    // The buckets' access log bucket, as ComplianceBucket creates it: SSE-S3, and S3's log delivery allowed
    {
      Name: 'logs',
      Region: 'eu-west-1',
      ...good,
      sse: 'AES256',
      loggingTarget: undefined,
      replication: undefined,
      policy: JSON.stringify({
        Statement: [
          tlsDeny,
          { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' }, Null: { 's3:x-amz-server-side-encryption': 'false' } } },
          { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } },
        ],
      }),
    },
  ];
  s.accountPublicAccessBlock = [true, true, true, false];
  s.users = [{ UserName: 'alice', attached: [], inline: [] }, { UserName: 'bob', attached: ['arn:aws:iam::123456789012:policy/admin'], inline: [] }];
  s.policies = [{ PolicyName: 'admin', AttachmentCount: 1, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }];
  // the functions' execution role (FakeFunction's default), trusting Lambda
  // and may send to their dead-letter queues (FakeFunction's default), by a customer managed policy
  s.policies.push({ PolicyName: 'lambda-dlq', AttachmentCount: 1, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: eu.functions.map((f) => `arn:aws:sqs:eu-west-1:123456789012:${f.FunctionName}-dlq`) }] } });
  s.roles = [{
    RoleName: 'lambda-exec',
    trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    attached: ['arn:aws:iam::123456789012:policy/lambda-dlq'],
  }];
  const recent = new Date(Date.now() - 5 * 86400000).toISOString();
  const old = new Date(Date.now() - 200 * 86400000).toISOString();
  s.credentialReportCsv +=
    `<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,${recent},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n` +
    `alice,arn:aws:iam::123456789012:user/alice,2020-01-01T00:00:00+00:00,true,${recent},${recent},N/A,true,true,${recent},${recent},eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n` +
    `bob,arn:aws:iam::123456789012:user/bob,2020-01-01T00:00:00+00:00,true,${recent},${recent},N/A,false,true,${old},${recent},eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`;
  s.passwordPolicy = {
    MinimumPasswordLength: 14,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    PasswordReusePrevention: 24,
  };
  s.summary = { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 };
  return s;
}

/** `checkId resource-suffix` of every finding the fixture must produce, and nothing else. */
export const EXPECTED_FINDINGS = [
  'dynamodb-pitr-enabled table/sessions',
  'ec2-default-security-group-closed security-group/sg-default',
  'ec2-sg-no-public-ssh security-group/sg-ssh-range',
  'ec2-sg-no-ipv4-admin-ports security-group/sg-ssh-range',
  'ec2-sg-no-public-high-risk-ports security-group/sg-ssh-range',
  'ec2-nacl-no-public-admin-ports network-acl/acl-open',
  'ec2-ebs-attached-volume-encrypted volume/vol-plain',
  'ec2-ebs-encryption-by-default ebs-encryption-by-default',
  'ec2-ebs-snapshot-not-public snapshot/snap-public',
  'ec2-vpc-flow-logs-enabled vpc/vpc-nologs',
  'kms-key-rotation key/key-norotation',
  'lambda-no-public-access function:fn-public',
  'lambda-supported-runtime function:fn-old',
  'rds-instance-not-public db:db-public',
  'sns-topic-kms-encryption aws-key-topic',
  'sns-topic-kms-encryption plain-topic',
  's3-account-public-access-block account/123456789012',
  's3-bucket-public-access-block public-bucket',
  's3-bucket-no-public-read public-bucket',
  's3-bucket-acls-disabled public-bucket',
  'iam-console-user-mfa user/bob',
  'iam-access-key-rotation user/bob',
  'iam-no-admin-star-policy policy/admin',
  'iam-user-no-direct-policies user/bob',
  // the access log bucket: SSE-S3 (log delivery needs it), and neither logged nor replicated itself
  's3-bucket-access-logging logs',
  's3-bucket-kms-encryption logs',
  's3-bucket-replication logs',
].sort();
