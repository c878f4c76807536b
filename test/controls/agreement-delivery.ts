/**
 * The delivery controls: the data paths along which an AWS service writes to a log group's key, a
 * bucket, a log group or a topic, as a template and as the live account reports them.
 */
import { aws_cloudtrail as cloudtrail, aws_config as config, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { ACCOUNT, BUCKET, BUCKET_ARN, Fixture, liveBucket, SharedControl, Verdict } from './agreement-harness';
import { IamRoleInfo } from '../../src/scanner/runtime/model';

// ----- Logs.KeyAllowsLogs: the log group's key policy lets CloudWatch Logs use the key ----------

const LOGS_KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/logs-key`;
const GROUP_ARN = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app/group`;
const ROOT_ADMIN = { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
const logsUse = (extra: Record<string, unknown> = {}) => ({
  Sid: 'Logs',
  Effect: 'Allow',
  Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
  Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
  Resource: '*',
  Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` } },
  ...extra,
});

function logsKeyFixture(name: string, expected: Verdict, statements: unknown[]): Fixture {
  const policy = { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const key = new kms.CfnKey(stack, 'K', { keyPolicy: policy });
      return new logs.CfnLogGroup(stack, 'G', { logGroupName: '/app/group', kmsKeyId: key.attrArn, retentionInDays: 365 });
    },
    live: () => ({
      logGroups: [{ name: '/app/group', arn: GROUP_ARN, kmsKeyId: LOGS_KEY_ARN, retentionInDays: 365 }],
      kmsKeys: [{ keyId: 'logs-key', arn: LOGS_KEY_ARN, keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', policy: JSON.stringify(policy) }],
    }),
  };
}

const LOGS_KEY_ALLOWS_LOGS: SharedControl = {
  id: 'Logs.KeyAllowsLogs',
  rule: 'LogGroupKeyAllowsLogs',
  check: 'logs-key-allows-logs',
  fixtures: [
    logsKeyFixture('ComplianceLogGroup\'s grant to logs.<region>', 'compliant', [ROOT_ADMIN, logsUse()]),
    logsKeyFixture('kms:* for the regionless principal', 'compliant', [ROOT_ADMIN, logsUse({ Principal: { Service: ['logs.amazonaws.com'] }, Action: 'kms:*', Condition: undefined })]),
    logsKeyFixture('GenerateDataKey and Decrypt in two statements', 'compliant', [
      logsUse({ Sid: 'A', Action: 'kms:GenerateDataKey' }), logsUse({ Sid: 'B', Action: 'kms:Decrypt' }),
    ]),
    logsKeyFixture('the account root only (the default key policy)', 'non-compliant', [ROOT_ADMIN]),
    logsKeyFixture('Encrypt but not GenerateDataKey', 'non-compliant', [ROOT_ADMIN, logsUse({ Action: ['kms:Encrypt', 'kms:Decrypt'] })]),
    logsKeyFixture('no Decrypt', 'non-compliant', [ROOT_ADMIN, logsUse({ Action: ['kms:GenerateDataKey*'] })]),
    logsKeyFixture('a Deny, not an Allow', 'non-compliant', [ROOT_ADMIN, logsUse({ Effect: 'Deny' })]),
    logsKeyFixture('another service', 'non-compliant', [ROOT_ADMIN, logsUse({ Principal: { Service: 'sns.amazonaws.com' } })]),
  ],
};

// ----- CloudTrail.DeliveryAuthorized: the trail may write its bucket and log group ---------------

const TRAIL_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/trail`;
const TRAIL_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/trail-key`;
const TRAIL_GROUP_ARN = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/trail:*`;
const TRAIL_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/trail-logs`;
const cloudTrailSays = (sourceArn = TRAIL_ARN, prefix = '') => [
  { Sid: 'AclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: BUCKET_ARN, Condition: { StringEquals: { 'aws:SourceArn': sourceArn } } },
  {
    Sid: 'Write',
    Effect: 'Allow',
    Principal: { Service: 'cloudtrail.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `${BUCKET_ARN}/${prefix}AWSLogs/${ACCOUNT}/*`,
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': sourceArn } },
  },
];
const denyInsecure = { Sid: 'Tls', Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const denyUnencrypted = { Sid: 'Sse', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*`, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } };
const trailTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

interface TrailCase {
  readonly statements: unknown[] | null;
  readonly prefix?: string;
  readonly key?: boolean;
  /** The CloudWatch Logs role's inline policy; none: the trail does not deliver to CloudWatch Logs. */
  readonly rolePolicy?: unknown[];
}

function trailFixture(name: string, expected: Verdict, c: TrailCase): Fixture {
  const document = c.statements === null ? null : { Version: '2012-10-17', Statement: c.statements };
  const roleDocument = c.rolePolicy ? { Version: '2012-10-17', Statement: c.rolePolicy } : undefined;
  return {
    name,
    expected,
    synth: (stack) => {
      const bucket = new s3.CfnBucket(stack, 'B', { bucketName: BUCKET });
      if (document) {
        new s3.CfnBucketPolicy(stack, 'P', { bucket: bucket.ref, policyDocument: document });
      }
      const key = c.key ? new kms.CfnKey(stack, 'K', { keyPolicy: { Version: '2012-10-17', Statement: [] } }) : undefined;
      const role = roleDocument ? new iam.CfnRole(stack, 'R', { roleName: 'trail-logs', assumeRolePolicyDocument: trailTrust, policies: [{ policyName: 'logs', policyDocument: roleDocument }] }) : undefined;
      const group = roleDocument ? new logs.CfnLogGroup(stack, 'G', { logGroupName: '/trail', retentionInDays: 365 }) : undefined;
      return new cloudtrail.CfnTrail(stack, 'T', {
        trailName: 'trail',
        isLogging: true,
        s3BucketName: bucket.ref,
        s3KeyPrefix: c.prefix,
        kmsKeyId: key?.attrArn,
        cloudWatchLogsRoleArn: role?.attrArn,
        cloudWatchLogsLogGroupArn: group?.attrArn,
      });
    },
    live: () => {
      const roles: IamRoleInfo[] = roleDocument ? [{
        roleName: 'trail-logs',
        arn: TRAIL_ROLE_ARN,
        path: '/',
        trustPolicy: JSON.stringify(trailTrust),
        inlinePolicies: [{ name: 'logs', document: JSON.stringify(roleDocument) }],
        attachedPolicyArns: [],
      }] : [];
      return {
        trails: [{
          name: 'trail',
          arn: TRAIL_ARN,
          homeRegion: 'eu-west-1',
          isMultiRegion: false,
          isLogging: true,
          logFileValidationEnabled: true,
          s3BucketName: BUCKET,
          s3KeyPrefix: c.prefix,
          kmsKeyId: c.key ? TRAIL_KEY : undefined,
          cloudWatchLogsRoleArn: roleDocument ? TRAIL_ROLE_ARN : undefined,
          cloudWatchLogsLogGroupArn: roleDocument ? TRAIL_GROUP_ARN : undefined,
        }],
        s3Buckets: [liveBucket({ policy: document ? JSON.stringify(document) : null })],
        authorizationDetails: { users: [], policies: [], roles },
      };
    },
  };
}

const writeLogs = (resource = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/trail:*`) => [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: resource }];

const CLOUDTRAIL_DELIVERY: SharedControl = {
  id: 'CloudTrail.DeliveryAuthorized',
  rule: 'CloudTrailDeliveryAuthorized',
  check: 'cloudtrail-delivery-authorized',
  fixtures: [
    trailFixture('the policy CloudTrail documents', 'compliant', { statements: cloudTrailSays() }),
    trailFixture('with a key prefix the policy names', 'compliant', { statements: cloudTrailSays(TRAIL_ARN, 'audit/'), prefix: 'audit' }),
    trailFixture('TLS and SSE-KMS enforced, the trail encrypts with its key', 'compliant', { statements: [...cloudTrailSays(), denyInsecure, denyUnencrypted], key: true }),
    trailFixture('SSE-KMS enforced, the trail has no key', 'non-compliant', { statements: [...cloudTrailSays(), denyUnencrypted] }),
    trailFixture('no bucket policy', 'non-compliant', { statements: null }),
    trailFixture('aws:SourceArn of another trail', 'non-compliant', { statements: cloudTrailSays(`arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/other`) }),
    trailFixture('a key prefix the policy does not name', 'non-compliant', { statements: cloudTrailSays(), prefix: 'audit' }),
    trailFixture('no s3:GetBucketAcl', 'non-compliant', { statements: cloudTrailSays().slice(1) }),
    trailFixture('a role that may write its log group', 'compliant', { statements: cloudTrailSays(), rolePolicy: writeLogs() }),
    trailFixture('a role that may write another log group', 'non-compliant', { statements: cloudTrailSays(), rolePolicy: writeLogs(`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/other:*`) }),
    trailFixture('a role that may only create streams', 'non-compliant', { statements: cloudTrailSays(), rolePolicy: [{ Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: '*' }] }),
  ],
};

// ----- S3.AccessLogDeliveryAuthorized: server access logs reach their target bucket -------------

const LOG_BUCKET = 'access-logs';
const LOG_BUCKET_ARN = `arn:aws:s3:::${LOG_BUCKET}`;
const loggingSays = (extra: Record<string, unknown> = {}) => ({
  Sid: 'S3ServerAccessLogsPolicy',
  Effect: 'Allow',
  Principal: { Service: 'logging.s3.amazonaws.com' },
  Action: 's3:PutObject',
  Resource: `${LOG_BUCKET_ARN}/access-logs/*`,
  Condition: { ArnLike: { 'aws:SourceArn': BUCKET_ARN }, StringEquals: { 'aws:SourceAccount': ACCOUNT } },
  ...extra,
});

interface AccessLogCase {
  readonly statements: unknown[] | null;
  readonly prefix?: string;
  readonly sse?: 'AES256' | 'aws:kms';
  /** The LogDeliveryWrite canned ACL with ACLs enabled (`ObjectWriter`). */
  readonly acl?: boolean;
}

function accessLogFixture(name: string, expected: Verdict, c: AccessLogCase): Fixture {
  const document = c.statements === null ? null : { Version: '2012-10-17', Statement: c.statements };
  const prefix = c.prefix ?? 'access-logs/';
  const sse = c.sse ?? 'AES256';
  return {
    name,
    expected,
    liveResource: BUCKET_ARN,
    synth: (stack) => {
      const target = new s3.CfnBucket(stack, 'L', {
        bucketName: LOG_BUCKET,
        bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: sse } }] },
        ownershipControls: { rules: [{ objectOwnership: c.acl ? 'ObjectWriter' : 'BucketOwnerEnforced' }] },
        accessControl: c.acl ? 'LogDeliveryWrite' : undefined,
      });
      if (document) {
        new s3.CfnBucketPolicy(stack, 'P', { bucket: target.ref, policyDocument: document });
      }
      return new s3.CfnBucket(stack, 'B', { bucketName: BUCKET, loggingConfiguration: { destinationBucketName: target.ref, logFilePrefix: prefix } });
    },
    live: () => ({
      s3Buckets: [
        liveBucket({ loggingTarget: LOG_BUCKET, loggingPrefix: prefix }),
        liveBucket({
          name: LOG_BUCKET,
          arn: LOG_BUCKET_ARN,
          encryption: sse,
          policy: document ? JSON.stringify(document) : null,
          objectOwnership: c.acl ? 'ObjectWriter' : 'BucketOwnerEnforced',
          acl: c.acl ? [{ grantee: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'WRITE' }, { grantee: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'READ_ACP' }] : [],
        }),
      ],
    }),
  };
}

const S3_ACCESS_LOG_DELIVERY: SharedControl = {
  id: 'S3.AccessLogDeliveryAuthorized',
  rule: 'S3AccessLogDeliveryAuthorized',
  check: 's3-access-log-delivery-authorized',
  fixtures: [
    accessLogFixture('the policy S3 documents, SSE-S3', 'compliant', { statements: [loggingSays()] }),
    accessLogFixture('ComplianceBucket\'s deny of other encryption beside it', 'compliant', {
      statements: [loggingSays(), { Sid: 'DenyPutsWithOtherEncryption', Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject', Resource: `${LOG_BUCKET_ARN}/*`, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' }, Null: { 's3:x-amz-server-side-encryption': 'false' } } }],
    }),
    accessLogFixture('the LogDeliveryWrite ACL, no policy', 'compliant', { statements: null, acl: true }),
    accessLogFixture('no policy, ACLs disabled', 'non-compliant', { statements: null }),
    accessLogFixture('a prefix the policy does not name', 'non-compliant', { statements: [loggingSays()], prefix: 'other/' }),
    accessLogFixture('aws:SourceArn of another bucket', 'non-compliant', { statements: [loggingSays({ Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::other' } } })] }),
    accessLogFixture('aws:SourceAccount of another account', 'non-compliant', { statements: [loggingSays({ Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })] }),
    accessLogFixture('the target uses SSE-KMS', 'non-compliant', { statements: [loggingSays()], sse: 'aws:kms' }),
  ],
};

// ----- EC2.FlowLogDeliveryAuthorized: flow logs reach their log group or bucket ----------------

const FLOW_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/flow-logs`;
const flowTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const flowWrites = (resource = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/flow:*`, actions = ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']) =>
  [{ Effect: 'Allow', Action: actions, Resource: resource }];

function flowToLogsFixture(name: string, expected: Verdict, statements: unknown[]): Fixture {
  const document = { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const role = new iam.CfnRole(stack, 'R', { roleName: 'flow-logs', assumeRolePolicyDocument: flowTrust, policies: [{ policyName: 'logs', policyDocument: document }] });
      const group = new logs.CfnLogGroup(stack, 'G', { logGroupName: '/flow', retentionInDays: 365 });
      return new ec2.CfnFlowLog(stack, 'F', {
        resourceId: 'vpc-1', resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: group.attrArn, deliverLogsPermissionArn: role.attrArn,
      });
    },
    live: () => ({
      flowLogs: [{
        flowLogId: 'fl-1',
        resourceId: 'vpc-1',
        status: 'ACTIVE',
        trafficType: 'ALL',
        logDestinationType: 'cloud-watch-logs',
        logDestination: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/flow:*`,
        deliverLogsPermissionArn: FLOW_ROLE_ARN,
        deliverLogsStatus: 'SUCCESS',
      }],
      s3Buckets: [],
      authorizationDetails: {
        users: [],
        policies: [],
        roles: [{ roleName: 'flow-logs', arn: FLOW_ROLE_ARN, path: '/', trustPolicy: JSON.stringify(flowTrust), inlinePolicies: [{ name: 'logs', document: JSON.stringify(document) }], attachedPolicyArns: [] }],
      },
    }),
  };
}

const flowDeliverySays = (prefix = '', extra: Record<string, unknown> = {}) => [
  {
    Sid: 'AWSLogDeliveryWrite',
    Effect: 'Allow',
    Principal: { Service: 'delivery.logs.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `${BUCKET_ARN}/${prefix}AWSLogs/${ACCOUNT}/*`,
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:eu-west-1:${ACCOUNT}:*` } },
    ...extra,
  },
  {
    Sid: 'AWSLogDeliveryAclCheck',
    Effect: 'Allow',
    Principal: { Service: 'delivery.logs.amazonaws.com' },
    Action: 's3:GetBucketAcl',
    Resource: BUCKET_ARN,
    Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:eu-west-1:${ACCOUNT}:*` } },
  },
];

function flowToS3Fixture(name: string, expected: Verdict, statements: unknown[] | null, prefix = ''): Fixture {
  const document = statements === null ? null : { Version: '2012-10-17', Statement: statements };
  const destination = prefix ? `${BUCKET_ARN}/${prefix.replace(/\/$/, '')}` : BUCKET_ARN;
  return {
    name,
    expected,
    synth: (stack) => {
      const bucket = new s3.CfnBucket(stack, 'B', { bucketName: BUCKET });
      if (document) {
        new s3.CfnBucketPolicy(stack, 'P', { bucket: bucket.ref, policyDocument: document });
      }
      return new ec2.CfnFlowLog(stack, 'F', { resourceId: 'vpc-1', resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 's3', logDestination: destination });
    },
    live: () => ({
      flowLogs: [{ flowLogId: 'fl-1', resourceId: 'vpc-1', status: 'ACTIVE', trafficType: 'ALL', logDestinationType: 's3', logDestination: destination, deliverLogsStatus: 'SUCCESS' }],
      s3Buckets: [liveBucket({ policy: document ? JSON.stringify(document) : null })],
      authorizationDetails: { users: [], policies: [], roles: [] },
    }),
  };
}

const FLOW_LOG_DELIVERY: SharedControl = {
  id: 'EC2.FlowLogDeliveryAuthorized',
  rule: 'FlowLogDeliveryAuthorized',
  check: 'ec2-flow-log-delivery-authorized',
  fixtures: [
    flowToLogsFixture('a role that may write its log group', 'compliant', flowWrites()),
    flowToLogsFixture('a role that may write every log group', 'compliant', flowWrites('*')),
    flowToLogsFixture('a role that may write another log group', 'non-compliant', flowWrites(`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/other:*`)),
    flowToLogsFixture('a role that may only create streams', 'non-compliant', flowWrites(undefined, ['logs:CreateLogStream'])),
    flowToS3Fixture('the policy AWS documents (AuditedVpc\'s)', 'compliant', flowDeliverySays()),
    flowToS3Fixture('with a prefix the policy names', 'compliant', flowDeliverySays('flow/'), 'flow/'),
    flowToS3Fixture('a prefix the policy does not name', 'non-compliant', flowDeliverySays('other/'), 'flow/'),
    flowToS3Fixture('no s3:GetBucketAcl', 'non-compliant', flowDeliverySays().slice(0, 1)),
    flowToS3Fixture('aws:SourceAccount of another account', 'non-compliant', flowDeliverySays('', { Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })),
    flowToS3Fixture('no bucket policy', 'non-compliant', null),
  ],
};

// ----- Config.DeliveryAuthorized: AWS Config delivers to its bucket -----------------------------

const SLR = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
const configSays = (prefix = '', account = ACCOUNT) => [
  { Sid: 'AclCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: BUCKET_ARN, Condition: { StringEquals: { 'AWS:SourceAccount': account } } },
  {
    Sid: 'Write',
    Effect: 'Allow',
    Principal: { Service: 'config.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `${BUCKET_ARN}/${prefix}AWSLogs/${ACCOUNT}/Config/*`,
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'AWS:SourceAccount': account } },
  },
];

function configFixture(name: string, expected: Verdict, statements: unknown[] | null, prefix?: string): Fixture {
  const document = statements === null ? null : { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const bucket = new s3.CfnBucket(stack, 'B', { bucketName: BUCKET });
      if (document) {
        new s3.CfnBucketPolicy(stack, 'P', { bucket: bucket.ref, policyDocument: document });
      }
      new config.CfnConfigurationRecorder(stack, 'Rec', { roleArn: SLR, recordingGroup: { allSupported: true } });
      return new config.CfnDeliveryChannel(stack, 'Ch', { name: 'default', s3BucketName: bucket.ref, s3KeyPrefix: prefix });
    },
    live: () => ({
      configSetup: { recorders: [{ name: 'default', roleArn: SLR, allSupported: true, recording: true }], deliveryChannels: [{ name: 'default', s3BucketName: BUCKET, s3KeyPrefix: prefix }] },
      s3Buckets: [liveBucket({ policy: document ? JSON.stringify(document) : null })],
      authorizationDetails: { users: [], policies: [], roles: [] },
    }),
  };
}

const CONFIG_DELIVERY: SharedControl = {
  id: 'Config.DeliveryAuthorized',
  rule: 'ConfigDeliveryAuthorized',
  check: 'config-delivery-authorized',
  fixtures: [
    configFixture('the policy AWS Config documents', 'compliant', configSays()),
    configFixture('with a key prefix the policy names', 'compliant', configSays('config/'), 'config'),
    configFixture('a key prefix the policy does not name', 'non-compliant', configSays(), 'config'),
    configFixture('aws:SourceAccount of another account', 'non-compliant', configSays('', '111122223333')),
    configFixture('no s3:GetBucketAcl', 'non-compliant', configSays().slice(1)),
    configFixture('no bucket policy', 'non-compliant', null),
  ],
};

export const DELIVERY_SHARED: SharedControl[] = [
  LOGS_KEY_ALLOWS_LOGS, CLOUDTRAIL_DELIVERY, S3_ACCESS_LOG_DELIVERY, FLOW_LOG_DELIVERY, CONFIG_DELIVERY,
];
