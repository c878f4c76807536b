import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { askedForOtherThan, createLogBucket, denyOtherEncryption, enableAccessLogs } from '../../src/compliance-bucket/bucket-policies';
import { createReplicationRole, grantReplication } from '../../src/compliance-bucket/replication';
import { newStack } from '../nag-helper';

function statements(stack: Stack, logicalIdPrefix: string): any[] {
  const entry = Object.entries(Template.fromStack(stack).findResources('AWS::S3::BucketPolicy')).find(([id]) => id.startsWith(logicalIdPrefix));
  return (entry![1] as any).Properties.PolicyDocument.Statement;
}

describe('askedForOtherThan', () => {
  test('denies only puts that name an encryption header, and another value than allowed', () => {
    expect(askedForOtherThan('s3:x-amz-server-side-encryption', 'aws:kms')).toEqual({
      StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      Null: { 's3:x-amz-server-side-encryption': 'false' },
    });
  });
});

describe('createLogBucket', () => {
  test('an SSE-S3, versioned, locked-down bucket that refuses puts asking for other encryption', () => {
    const stack = newStack();
    createLogBucket(stack, RemovalPolicy.DESTROY);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Delete',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      },
    });
    expect(statements(stack, 'AccessLogsPolicy').map((s) => s.Sid)).toEqual(expect.arrayContaining(['DenyPutsWithOtherEncryption']));
  });
});

describe('denyOtherEncryption', () => {
  test('without patterns: three denies over every object', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    denyOtherEncryption(bucket, new kms.Key(stack, 'Key'), []);
    const sids = statements(stack, 'DataPolicy').map((s) => s.Sid).filter(Boolean);
    expect(sids).toEqual(['DenyPutsWithOtherEncryption', 'DenyPutsWithOtherKmsKey', 'DenyKmsPutsWithoutThisKey']);
  });

  test('with patterns: SSE-S3 or this key under them, only this key elsewhere', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    denyOtherEncryption(bucket, new kms.Key(stack, 'Key'), ['AWSLogs/*/CloudTrail-Digest/*']);
    const byId = Object.fromEntries(statements(stack, 'DataPolicy').filter((s) => s.Sid).map((s) => [s.Sid, s]));
    expect(byId.DenyPutsWithOtherEncryption.NotResource).toBeDefined();
    expect(byId.DenyPutsWithOtherEncryptionThanKmsOrSseS3.Condition.StringNotEquals['s3:x-amz-server-side-encryption']).toEqual(['aws:kms', 'AES256']);
  });
});

describe('enableAccessLogs', () => {
  test('partitioned logs under the prefix, written by S3 logging for this bucket only', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    const logBucket = new s3.Bucket(stack, 'Logs');
    enableAccessLogs(stack, bucket, logBucket, 'access-logs/');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: stack.resolve(logBucket.bucketName),
        LogFilePrefix: 'access-logs/',
        TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
      },
    });
    const [allow] = statements(stack, 'LogsPolicy');
    expect(allow.Principal).toEqual({ Service: 'logging.s3.amazonaws.com' });
    expect(allow.Condition.ArnLike).toEqual({ 'aws:SourceArn': stack.resolve(bucket.bucketArn) });
  });
});

describe('replication', () => {
  test('the role\'s statements land in one customer managed policy under it, with the destination key when there is one', () => {
    const stack = newStack();
    const role = createReplicationRole(stack);
    expect(role.permissions).toBeUndefined();
    const source = new s3.Bucket(stack, 'Source');
    const destination = s3.Bucket.fromBucketAttributes(stack, 'Replica', {
      bucketArn: 'arn:aws:s3:::replica',
      encryptionKey: kms.Key.fromKeyArn(stack, 'ReplicaKey', 'arn:aws:kms:eu-west-1:123456789012:key/abc'),
    });
    grantReplication(stack, role, { bucket: source, key: new kms.Key(stack, 'Key') }, { destinationBucket: destination });
    expect(role.permissions!.node.path).toBe('TestStack/ReplicationRole/Policy');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy')) as any[];
    expect(policy.Properties.Description).toBe('Replication of TestStack');
    expect(policy.Properties.PolicyDocument.Statement.map((s: any) => s.Sid)).toEqual([
      'ReadReplicationConfiguration', 'ReadSourceVersions', 'WriteReplicas', 'DecryptSource', 'EncryptReplicas',
    ]);
  });
});
