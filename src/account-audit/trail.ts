/** The CloudTrail part of an `AccountAudit`: its key and bucket, the log group and role it delivers through, and the trail. */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AccountAuditProps } from './account-audit';
import { ComplianceBucket } from '../compliance-bucket/compliance-bucket';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';
import { ComplianceKey } from '../core/compliance-key';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ManagedPolicyRole } from '../core/managed-policy-role';

/**
 * Object key pattern of CloudTrail digest files, which CloudTrail always encrypts with SSE-S3
 * (log files use the trail's KMS key). Covers account trails (`AWSLogs/<account>/CloudTrail-Digest/`)
 * and organization trails (`AWSLogs/<org-id>/<account>/CloudTrail-Digest/`).
 */
export const DIGEST_KEY_PATTERN = 'AWSLogs/*/CloudTrail-Digest/*';

/** Where CloudTrail and AWS Config deliver: the key and the bucket, given or created. */
export interface AuditStorage {
  readonly key: kms.IKey;
  readonly bucket: s3.IBucket;
  /** The bucket, when it was created here. */
  readonly complianceBucket?: ComplianceBucket;
}

/**
 * One key for the bucket, the trail and Config (the bucket denies puts that ask for another key):
 * the given key, else the given bucket's, else a new `ComplianceKey`; and the given bucket, else a
 * new `ComplianceBucket` that accepts CloudTrail's SSE-S3 digest files.
 */
export function createAuditStorage(scope: Construct, props: AccountAuditProps): AuditStorage {
  const key = props.encryptionKey ?? props.bucket?.encryptionKey
    ?? new ComplianceKey(scope, 'Key', { description: `Encrypts the CloudTrail logs and AWS Config deliveries of ${scope.node.path}` });
  if (props.bucket) {
    return { key, bucket: props.bucket };
  }
  const complianceBucket = new ComplianceBucket(scope, 'Bucket', {
    encryptionKey: key,
    s3ManagedEncryptionKeyPatterns: [DIGEST_KEY_PATTERN],
  });
  return { key, bucket: complianceBucket, complianceBucket };
}

/** What the trail is built from. */
export interface AuditTrailOptions {
  readonly trailName: string;
  readonly trailArn: string;
  readonly storage: AuditStorage;
}

/** The trail and what it delivers through. */
export interface AuditTrail {
  readonly trail: cloudtrail.CfnTrail;
  readonly logGroup: ComplianceLogGroup;
  readonly logsRole: ManagedPolicyRole;
}

/**
 * The log group, the role CloudTrail writes to it with, the bucket and key policy statements
 * CloudTrail needs, and the trail, which waits for all of them.
 */
export function createAuditTrail(scope: Construct, props: AccountAuditProps, options: AuditTrailOptions): AuditTrail {
  const organization = props.organizationTrail ?? false;
  const logGroup = new ComplianceLogGroup(scope, 'TrailLogs', { retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR });
  const logsRole = createTrailLogsRole(scope, logGroup, organization);
  allowCloudTrailDelivery(scope, options, organization);
  const trail = createTrail(scope, props, options, { logGroup, logsRole });
  return { trail, logGroup, logsRole };
}

/** The role CloudTrail assumes to deliver to the log group, with a customer managed policy. */
export function createTrailLogsRole(scope: Construct, logGroup: logs.ILogGroup, organization: boolean): ManagedPolicyRole {
  const stack = Stack.of(scope);
  const role = new ManagedPolicyRole(scope, 'TrailLogsRole', {
    assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
    description: `Lets CloudTrail deliver ${scope.node.path} to its CloudWatch log group`,
    policyDescription: `CloudTrail delivery to the log group of ${scope.node.path}`,
  });
  const logGroupArn = stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  const streams = organization
    ? `${logGroupArn}:log-stream:*`
    : `${logGroupArn}:log-stream:${stack.account}_CloudTrail_${stack.region}*`;
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'DeliverTrailEvents',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [streams],
  }));
  acknowledgeFinding(role.permissions!, `AwsSolutions-IAM5[Resource::${nagResourceText(scope, streams)}]`,
    'CloudTrail names its log streams <account>_CloudTrail_<region> with a suffix it chooses (and per member account for an organization trail); the statement names this one log group and only CloudTrail\'s streams in it.');
  return role;
}

/** Bucket and key policy statements CloudTrail needs, each scoped to this trail. */
export function allowCloudTrailDelivery(scope: Construct, options: AuditTrailOptions, organization: boolean): void {
  const stack = Stack.of(scope);
  const { bucket, key } = options.storage;
  const onlyThisTrail = { StringEquals: { 'aws:SourceArn': options.trailArn } };
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'CloudTrailAclCheck',
    principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
    actions: ['s3:GetBucketAcl'],
    resources: [bucket.bucketArn],
    conditions: onlyThisTrail,
  }));
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'CloudTrailWrite',
    principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects(organization ? 'AWSLogs/*' : `AWSLogs/${stack.account}/*`)],
    conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': options.trailArn } },
  }));
  if (key instanceof ComplianceKey) {
    const trailContext = stack.formatArn({ service: 'cloudtrail', region: '*', resource: 'trail', resourceName: options.trailName });
    key.grantServiceUse('cloudtrail.amazonaws.com', ['kms:GenerateDataKey*'], {
      conditions: {
        StringEquals: { 'aws:SourceArn': options.trailArn },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailContext },
      },
    });
    key.grantServiceUse('cloudtrail.amazonaws.com', ['kms:DescribeKey'], {
      conditions: { StringEquals: { 'aws:SourceArn': options.trailArn } },
    });
  }
}

/** The data resources of the trail's event selector: S3 objects (all or some buckets) and Lambda invocations. */
export function trailDataResources(stack: Stack, props: AccountAuditProps): cloudtrail.CfnTrail.DataResourceProperty[] {
  const dataResources: cloudtrail.CfnTrail.DataResourceProperty[] = [];
  if (props.s3DataEvents) {
    dataResources.push({ type: 'AWS::S3::Object', values: [`arn:${stack.partition}:s3`] });
  } else if ((props.s3DataEventBuckets ?? []).length > 0) {
    dataResources.push({ type: 'AWS::S3::Object', values: props.s3DataEventBuckets!.map((b) => `${b.bucketArn}/`) });
  }
  if (props.lambdaDataEvents) {
    dataResources.push({ type: 'AWS::Lambda::Function', values: [`arn:${stack.partition}:lambda`] });
  }
  return dataResources;
}

function createTrail(
  scope: Construct, props: AccountAuditProps, options: AuditTrailOptions,
  delivery: { logGroup: logs.ILogGroup; logsRole: ManagedPolicyRole },
): cloudtrail.CfnTrail {
  const { bucket, key } = options.storage;
  const dataResources = trailDataResources(Stack.of(scope), props);
  const trail = new cloudtrail.CfnTrail(scope, 'Trail', {
    trailName: options.trailName,
    isLogging: true,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    isOrganizationTrail: props.organizationTrail ?? false,
    s3BucketName: bucket.bucketName,
    kmsKeyId: key.keyArn,
    cloudWatchLogsLogGroupArn: delivery.logGroup.logGroupArn,
    cloudWatchLogsRoleArn: delivery.logsRole.roleArn,
    eventSelectors: dataResources.length > 0
      ? [{ includeManagementEvents: true, readWriteType: 'All', dataResources }]
      : undefined,
  });
  // CloudTrail checks the bucket policy, the key policy and the role's policy when the trail is created.
  if (bucket.policy) {
    trail.node.addDependency(bucket.policy);
  }
  trail.node.addDependency(key, delivery.logsRole, delivery.logsRole.permissions!);
  return trail;
}
