/**
 * One control, one judgement: the same fixtures, fed to the CompliancePack rule (as a synthesized
 * resource) and to the scanner check (as the live account's inventory) of each control both sides
 * judge, get the same verdict.
 */
import { aws_ec2 as ec2, aws_lambda as lambda, aws_s3 as s3, aws_sns as sns } from 'aws-cdk-lib';
import { BATCH_SHARED } from './agreement-batch';
import { BATCHNET_SHARED } from './agreement-batchnet';
import { CONFIG_RC_SHARED } from './agreement-config-rc';
import { DELIVERY_SHARED } from './agreement-delivery';
import { cfnTable, DYNAMODB_SHARED } from './agreement-dynamodb';
import { EC2_SHARED } from './agreement-ec2';
import { ACCOUNT, BUCKET, BUCKET_ARN, bucketPolicyFixture, Fixture, liveBucket, liveVerdict, SharedControl, synthVerdict, Verdict } from './agreement-harness';
import { IAM_SHARED } from './agreement-iam';
import { KMS_SHARED } from './agreement-kms';
import { LAMBDA_SHARED } from './agreement-lambda';
import { LAMBDA_DESTINATION_SHARED } from './agreement-lambda-destination';
import { LOGS_SHARED } from './agreement-logs';
import { MESSAGING_SHARED } from './agreement-messaging';
import { MISC_SHARED } from './agreement-misc';
import { ROLE_TRUST_SHARED } from './agreement-role-trust';
import { S3_RC_SHARED } from './agreement-s3-rc';
import { STATE_MACHINE_SHARED } from './agreement-state-machine';
import { TRUST_SHARED } from './agreement-trust';
import { CONTROLS } from '../../src/controls';

const bucketInfo = liveBucket;

// ----- S3.5: TLS only ---------------------------------------------------------------------------

const tlsDeny = (extra: Record<string, unknown> = {}) => ({
  Sid: 'DenyInsecure',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...extra,
});

const tlsFixture = bucketPolicyFixture;

const S3_5: SharedControl = {
  id: 'S3.5',
  rule: 'S3TlsOnlyPolicy',
  check: 's3-bucket-tls-only',
  fixtures: [
    tlsFixture('enforceSSL\'s deny (s3:*, {AWS: *}, Bool "false")', 'compliant', [tlsDeny()]),
    tlsFixture('Principal * and Action *', 'compliant', [tlsDeny({ Principal: '*', Action: '*' })]),
    tlsFixture('BoolIfExists', 'compliant', [tlsDeny({ Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })]),
    tlsFixture('the boolean false', 'compliant', [tlsDeny({ Condition: { Bool: { 'aws:SecureTransport': false } } })]),
    tlsFixture('GetObject and PutObject named', 'compliant', [tlsDeny({ Action: ['s3:GetObject', 's3:PutObject'] })]),
    tlsFixture('s3:Get* and s3:Put*', 'compliant', [tlsDeny({ Action: ['s3:Get*', 's3:Put*'] })]),
    tlsFixture('a lone statement, not a list', 'compliant', tlsDeny() as any),
    tlsFixture('GetObject only', 'non-compliant', [tlsDeny({ Action: 's3:GetObject' })]),
    tlsFixture('a prefix only', 'non-compliant', [tlsDeny({ Resource: `${BUCKET_ARN}/public/*` })]),
    tlsFixture('the bucket ARN only (no objects)', 'non-compliant', [tlsDeny({ Resource: BUCKET_ARN })]),
    tlsFixture('another bucket', 'non-compliant', [tlsDeny({ Resource: 'arn:aws:s3:::other-bucket/*' })]),
    tlsFixture('SecureTransport "true"', 'non-compliant', [tlsDeny({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]),
    tlsFixture('one named account only', 'non-compliant', [tlsDeny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })]),
    tlsFixture('an Allow, not a Deny', 'non-compliant', [tlsDeny({ Effect: 'Allow' })]),
    tlsFixture('no bucket policy', 'non-compliant', null),
  ],
};

// ----- Lambda.2: supported runtime, on a date ------------------------------------------------------

function runtimeFixture(runtime: string, at: string, expected: Verdict): Fixture {
  const fnArn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:fn`;
  return {
    name: `${runtime} on ${at.slice(0, 10)}`,
    expected,
    at,
    synth: (stack) => new lambda.CfnFunction(stack, 'Fn', {
      code: { zipFile: 'exports.handler = async () => {};' }, role: `arn:aws:iam::${ACCOUNT}:role/fn`, handler: 'index.handler', runtime,
    }),
    live: () => ({ lambdaFunctions: [{ functionName: 'fn', arn: fnArn, runtime, policy: null }] }),
  };
}

const LAMBDA_2: SharedControl = {
  id: 'Lambda.2',
  rule: 'LambdaDeprecatedRuntime',
  check: 'lambda-supported-runtime',
  fixtures: [
    // the runtimes the two sides used to disagree on, each the day before and after its deprecation
    runtimeFixture('nodejs20.x', '2026-04-29T12:00:00Z', 'compliant'),
    runtimeFixture('nodejs20.x', '2026-04-30T00:00:00Z', 'non-compliant'),
    runtimeFixture('python3.10', '2026-06-29T12:00:00Z', 'compliant'),
    runtimeFixture('python3.10', '2026-07-01T00:00:00Z', 'non-compliant'),
    runtimeFixture('java11', '2026-06-29T12:00:00Z', 'compliant'),
    runtimeFixture('java11', '2026-07-01T00:00:00Z', 'non-compliant'),
    runtimeFixture('java17', '2026-06-29T12:00:00Z', 'compliant'),
    runtimeFixture('java17', '2026-07-01T00:00:00Z', 'non-compliant'),
    runtimeFixture('provided.al2', '2026-06-29T12:00:00Z', 'compliant'),
    runtimeFixture('provided.al2', '2026-07-01T00:00:00Z', 'non-compliant'),
    runtimeFixture('dotnet8', '2026-11-09T12:00:00Z', 'compliant'),
    runtimeFixture('dotnet8', '2026-11-10T00:00:00Z', 'non-compliant'),
    // long deprecated, current, and newer than the table
    runtimeFixture('nodejs14.x', '2026-12-02T00:00:00Z', 'non-compliant'),
    runtimeFixture('nodejs22.x', '2026-12-02T00:00:00Z', 'compliant'),
    runtimeFixture('nodejs24.x', '2026-12-02T00:00:00Z', 'compliant'),
    runtimeFixture('python3.14', '2026-12-02T00:00:00Z', 'compliant'),
    runtimeFixture('provided.al2023', '2026-12-02T00:00:00Z', 'compliant'),
    runtimeFixture('nodejs26.x', '2026-12-02T00:00:00Z', 'compliant'),
  ],
};

// ----- S3.8: bucket public access block -----------------------------------------------------------

function blockFixture(name: string, expected: Verdict, flags: Record<string, boolean> | null): Fixture {
  const camel = (k: string) => k[0].toLowerCase() + k.slice(1);
  return {
    name,
    expected,
    synth: (stack) => new s3.CfnBucket(stack, 'B', { bucketName: BUCKET, publicAccessBlockConfiguration: flags ? Object.fromEntries(Object.entries(flags).map(([k, v]) => [camel(k), v])) : undefined }),
    live: () => ({
      s3Buckets: [bucketInfo({
        publicAccessBlock: flags ? {
          blockPublicAcls: flags.BlockPublicAcls ?? false,
          ignorePublicAcls: flags.IgnorePublicAcls ?? false,
          blockPublicPolicy: flags.BlockPublicPolicy ?? false,
          restrictPublicBuckets: flags.RestrictPublicBuckets ?? false,
        } : null,
      })],
    }),
  };
}

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const S3_8: SharedControl = {
  id: 'S3.8',
  rule: 'S3PublicAccessBlock',
  check: 's3-bucket-public-access-block',
  fixtures: [
    blockFixture('all four on', 'compliant', ALL_ON),
    blockFixture('RestrictPublicBuckets off', 'non-compliant', { ...ALL_ON, RestrictPublicBuckets: false }),
    blockFixture('IgnorePublicAcls missing', 'non-compliant', { BlockPublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }),
    blockFixture('no configuration', 'non-compliant', null),
  ],
};

// ----- S3.9: server access logging -----------------------------------------------------------------

const S3_9: SharedControl = {
  id: 'S3.9',
  rule: 'S3AccessLogging',
  check: 's3-bucket-access-logging',
  fixtures: [
    {
      name: 'logs to a target bucket',
      expected: 'compliant',
      synth: (stack) => new s3.CfnBucket(stack, 'B', { bucketName: BUCKET, loggingConfiguration: { destinationBucketName: 'access-logs' } }),
      live: () => ({ s3Buckets: [bucketInfo({ loggingTarget: 'access-logs' })] }),
    },
    {
      name: 'no logging',
      expected: 'non-compliant',
      synth: (stack) => new s3.CfnBucket(stack, 'B', { bucketName: BUCKET }),
      live: () => ({ s3Buckets: [bucketInfo({ loggingTarget: null })] }),
    },
  ],
};

// ----- EC2.6: VPC flow logs of rejected traffic ---------------------------------------------------

function flowLogFixture(name: string, expected: Verdict, trafficTypes: string[]): Fixture {
  return {
    name,
    expected,
    synth: (stack) => {
      const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      trafficTypes.forEach((trafficType, i) => new ec2.CfnFlowLog(stack, `Log${i}`, {
        resourceId: vpc.ref, resourceType: 'VPC', trafficType, logDestinationType: 's3', logDestination: 'arn:aws:s3:::flow-logs',
      }));
      return vpc;
    },
    live: () => ({
      vpcs: [{ vpcId: 'vpc-1', isDefault: false }],
      flowLogs: trafficTypes.map((trafficType, i) => ({ flowLogId: `fl-${i}`, resourceId: 'vpc-1', status: 'ACTIVE', trafficType })),
    }),
  };
}

const EC2_6: SharedControl = {
  id: 'EC2.6',
  rule: 'VpcFlowLogs',
  check: 'ec2-vpc-flow-logs-enabled',
  fixtures: [
    flowLogFixture('ALL', 'compliant', ['ALL']),
    flowLogFixture('REJECT', 'compliant', ['REJECT']),
    flowLogFixture('ACCEPT and REJECT', 'compliant', ['ACCEPT', 'REJECT']),
    flowLogFixture('ACCEPT only', 'non-compliant', ['ACCEPT']),
    flowLogFixture('no flow log', 'non-compliant', []),
  ],
};

// ----- SNS.1: topics encrypted with KMS ------------------------------------------------------------

function topicFixture(name: string, expected: Verdict, key: string | undefined): Fixture {
  const arn = `arn:aws:sns:eu-west-1:${ACCOUNT}:topic`;
  return {
    name,
    expected,
    synth: (stack) => new sns.CfnTopic(stack, 'T', { topicName: 'topic', kmsMasterKeyId: key }),
    live: () => ({ snsTopics: [{ name: 'topic', arn, kmsMasterKeyId: key ?? null }] }),
  };
}

const SNS_1: SharedControl = {
  id: 'SNS.1',
  rule: 'SnsTopicKms',
  check: 'sns-topic-kms-encryption',
  fixtures: [
    topicFixture('a customer managed key', 'compliant', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k`),
    topicFixture('the AWS managed key', 'non-compliant', 'alias/aws/sns'),
    topicFixture('the AWS managed key by ARN', 'non-compliant', `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/aws/sns`),
    topicFixture('no key', 'non-compliant', undefined),
  ],
};

// ----- DynamoDB.2: point-in-time recovery ----------------------------------------------------------

function tableFixture(name: string, expected: Verdict, enabled: boolean | undefined): Fixture {
  return {
    name,
    expected,
    synth: (stack) => cfnTable(stack, {
      pointInTimeRecoverySpecification: enabled === undefined ? undefined : { pointInTimeRecoveryEnabled: enabled },
    }),
    live: () => ({ dynamoDbTables: [{ name: 'table', arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/table`, pointInTimeRecovery: enabled ? 'ENABLED' : 'DISABLED' }] }),
  };
}

const DYNAMODB_2: SharedControl = {
  id: 'DynamoDB.2',
  rule: 'DynamoDbPointInTimeRecovery',
  check: 'dynamodb-pitr-enabled',
  fixtures: [
    tableFixture('enabled', 'compliant', true),
    tableFixture('disabled', 'non-compliant', false),
    tableFixture('never set', 'non-compliant', undefined),
  ],
};

/** Every shared control; an area's fixtures can live in their own `agreement-<area>.ts`, spread in here. */
const SHARED: SharedControl[] = [
  S3_5, LAMBDA_2, S3_8, S3_9, EC2_6, SNS_1, DYNAMODB_2,
  ...LAMBDA_SHARED,
  ...EC2_SHARED,
  ...IAM_SHARED,
  ...BATCH_SHARED,
  ...LOGS_SHARED,
  ...DYNAMODB_SHARED,
  ...KMS_SHARED,
  ...S3_RC_SHARED,
  ...CONFIG_RC_SHARED,
  ...DELIVERY_SHARED,
  ...MESSAGING_SHARED,
  ...BATCHNET_SHARED,
  ...TRUST_SHARED,
  ...ROLE_TRUST_SHARED,
  ...MISC_SHARED,
  ...STATE_MACHINE_SHARED,
  ...LAMBDA_DESTINATION_SHARED,
];

describe.each(SHARED.map((c) => [c.id, c] as const))('%s: CompliancePack and the scanner agree', (_id, control) => {
  test('the rule and the check are the catalog entry\'s', () => {
    const entry = CONTROLS.find((c) => c.id === control.id)!;
    expect(entry.packRules).toContain(control.rule);
    expect(entry.scannerChecks.map((k) => k.id)).toContain(control.check);
  });
  test.each(control.fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const verdicts = { synth: synthVerdict(control, fixture), live: liveVerdict(control, fixture) };
    expect(verdicts).toEqual({ synth: fixture.expected, live: fixture.expected });
  });
});

test('every control with both a CompliancePack rule and a scanner check is covered here', () => {
  const both = CONTROLS.filter((c) => c.packRules.length > 0 && c.scannerChecks.length > 0).map((c) => c.id).sort();
  expect([...new Set(SHARED.map((c) => c.id))].sort()).toEqual(both);
});
