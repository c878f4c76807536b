/** The resource policies of a `ComplianceBucket`: the encryption denies, the access log bucket and its delivery statement. */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { defaultLifecycleRules } from './lifecycle';

/** The dedicated server access log bucket: SSE-S3 (the only encryption log delivery writes to), locked down like the data bucket. */
export function createLogBucket(scope: Construct, removalPolicy: RemovalPolicy): s3.Bucket {
  const logBucket = new s3.Bucket(scope, 'AccessLogs', {
    // S3 server access logging delivers only to SSE-S3 buckets.
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    lifecycleRules: defaultLifecycleRules(),
    removalPolicy,
  });
  // Log delivery writes with the bucket default (SSE-S3); a put that asks for anything else is refused.
  logBucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyPutsWithOtherEncryption',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [logBucket.arnForObjects('*')],
    conditions: askedForOtherThan('s3:x-amz-server-side-encryption', 'AES256'),
  }));
  return logBucket;
}

/** Deny puts that ask for SSE-S3, DSSE or another KMS key: objects here use this bucket's key. */
export function denyOtherEncryption(bucket: s3.Bucket, key: kms.IKey, sseS3Patterns: string[]): void {
  const objects = bucket.arnForObjects('*');
  const sseS3Objects = sseS3Patterns.map((pattern) => bucket.arnForObjects(pattern));
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyPutsWithOtherEncryption',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    ...(sseS3Objects.length > 0 ? { notResources: sseS3Objects } : { resources: [objects] }),
    conditions: askedForOtherThan('s3:x-amz-server-side-encryption', 'aws:kms'),
  }));
  if (sseS3Objects.length > 0) {
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyPutsWithOtherEncryptionThanKmsOrSseS3',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: sseS3Objects,
      conditions: askedForOtherThan('s3:x-amz-server-side-encryption', ['aws:kms', 'AES256']),
    }));
  }
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyPutsWithOtherKmsKey',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [objects],
    conditions: askedForOtherThan('s3:x-amz-server-side-encryption-aws-kms-key-id', key.keyArn),
  }));
  // SSE-KMS without a key id would use the AWS managed key aws/s3.
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyKmsPutsWithoutThisKey',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [objects],
    conditions: {
      StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'true' },
    },
  }));
}

/** Server access logs, delivered under a bucket policy (never an ACL, which BucketOwnerEnforced forbids). */
export function enableAccessLogs(scope: Construct, bucket: s3.Bucket, logBucket: s3.IBucket, prefix: string): void {
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  cfnBucket.loggingConfiguration = {
    destinationBucketName: logBucket.bucketName,
    logFilePrefix: prefix,
    targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
  };
  logBucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: `AllowAccessLogsFrom${scope.node.addr.slice(0, 8)}`,
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [logBucket.arnForObjects(`${prefix}*`)],
    conditions: {
      ArnLike: { 'aws:SourceArn': bucket.bucketArn },
      StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
    },
  }));
}

/**
 * The condition of a deny for puts that ask for an encryption header value other than `allowed`.
 * A put that names no encryption gets the bucket default and is not denied: a negated operator
 * (even `...IfExists`) is true when the key is absent, so the header must also be present.
 */
export function askedForOtherThan(key: string, allowed: string | string[]): Record<string, Record<string, unknown>> {
  return {
    StringNotEquals: { [key]: allowed },
    Null: { [key]: 'false' },
  };
}
