import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RemediationFunction } from './remediation-function';
import { acknowledgeFinding, nagResourceText } from '../../core/acknowledge';
import { ComplianceLogGroup } from '../../core/compliance-log-group';
import { ComplianceQueue } from '../../core/compliance-queue';
import { NagControl } from '../../core/nag-control';

/** Key prefix of the remediation audit records in the report bucket. */
export const AUDIT_PREFIX = 'compliance-remediation/';

/** Properties of `ScannerRemediation`. Not part of the public API. */
export interface ScannerRemediationProps {
  /** Check ids whose findings may be fixed. */
  readonly fixes: string[];
  /** Record what would be changed, change nothing. */
  readonly dryRun: boolean;
  /** The findings table (with a NEW_IMAGE stream). */
  readonly findingsTable: dynamodb.Table;
  /** Encrypts the function's environment, log group and failure queue; decrypts the stream. */
  readonly key: kms.IKey;
  /** Every key the function must use (table, bucket). */
  readonly keyArns: string[];
  /** Where audit records go. */
  readonly auditBucket: s3.IBucket;
  /** The key audit records are encrypted with. */
  readonly auditKey: kms.IKey;
  readonly logRetention?: logs.RetentionDays;
  readonly functionName?: string;
}

/**
 * Opt-in remediation of a small allow-list of findings, driven by the findings table's stream,
 * with its own function and role (customer managed policy only) and an audit record per change.
 */
export class ScannerRemediation extends Construct {
  public readonly handler: lambda.Function;
  public readonly role: iam.Role;
  public readonly policy: iam.ManagedPolicy;
  public readonly failureQueue: sqs.Queue;
  public readonly logGroup: ComplianceLogGroup;

  constructor(scope: Construct, id: string, props: ScannerRemediationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.logGroup = new ComplianceLogGroup(this, 'Logs', { encryptionKey: props.key, retention: props.logRetention });
    this.failureQueue = new ComplianceQueue(this, 'FailureQueue', {
      encryptionKey: props.key,
      deadLetterQueueFor: 'stream batches the remediation function failed to process in every attempt; its depth is alarmed',
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the remediation of the compliance scanner ${scope.node.path}`,
    });
    const auditObjects = props.auditBucket.arnForObjects(`${AUDIT_PREFIX}*`);
    const statements = [
      new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
      new iam.PolicyStatement({ sid: 'WriteTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
      new iam.PolicyStatement({
        sid: 'ReadFindingsStream',
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [props.findingsTable.tableStreamArn!],
      }),
      new iam.PolicyStatement({ sid: 'ListFindingsStreams', actions: ['dynamodb:ListStreams'], resources: ['*'] }),
      new iam.PolicyStatement({ sid: 'WriteAuditRecords', actions: ['s3:PutObject'], resources: [auditObjects] }),
      new iam.PolicyStatement({ sid: 'SendToFailureQueue', actions: ['sqs:SendMessage'], resources: [this.failureQueue.queueArn] }),
      new iam.PolicyStatement({ sid: 'UseKeys', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [...new Set(props.keyArns)] }),
    ];
    // In dry-run mode the role cannot change anything: the fixes are granted only when applied.
    const s3Fixes = props.dryRun ? [] : [
      ...(props.fixes.includes('s3-bucket-public-access-block') ? ['s3:PutBucketPublicAccessBlock'] : []),
      ...(props.fixes.includes('s3-bucket-kms-encryption') ? ['s3:PutEncryptionConfiguration'] : []),
    ];
    if (s3Fixes.length > 0) {
      statements.push(new iam.PolicyStatement({ sid: 'FixBuckets', actions: s3Fixes, resources: [`arn:${stack.partition}:s3:::*`] }));
    }
    const ebsFix = !props.dryRun && props.fixes.includes('ec2-ebs-encryption-by-default');
    if (ebsFix) {
      statements.push(new iam.PolicyStatement({ sid: 'FixEbsDefaultEncryption', actions: ['ec2:EnableEbsEncryptionByDefault'], resources: ['*'] }));
    }
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `Remediation of the compliance scanner ${scope.node.path}${props.dryRun ? ' (dry run: no fix is granted)' : ''}`,
      roles: [this.role],
      statements,
    });
    const cfnPolicy = this.policy.node.defaultChild!;
    acknowledgeFinding(cfnPolicy, 'AwsSolutions-IAM5[Resource::*]',
      `Only actions that IAM accepts with Resource "*" alone are granted on "*": the X-Ray write actions (telemetry), dynamodb:ListStreams (read-only)${ebsFix ? ' and ec2:EnableEbsEncryptionByDefault (an account-level setting that can only turn encryption on)' : ''}.`);
    if (ebsFix) {
      acknowledgeFinding(cfnPolicy, 'CompliancePack-IamWriteOnWildcardResource[Action::ec2:EnableEbsEncryptionByDefault]',
        'ec2:EnableEbsEncryptionByDefault changes an account-level setting of the Region and can only turn encryption on; IAM supports no resource-level permission for it, so it can only be granted on "*". It is granted only when the EBS fix is enabled outside dry run.');
    }
    acknowledgeFinding(cfnPolicy, `AwsSolutions-IAM5[Resource::${nagResourceText(this, auditObjects)}]`,
      `Each change gets its own audit record under a new key (${AUDIT_PREFIX}<date>/<finding id>-<time>.json); puts are limited to that prefix.`);
    if (s3Fixes.length > 0) {
      acknowledgeFinding(cfnPolicy, `AwsSolutions-IAM5[Resource::${nagResourceText(this, `arn:${stack.partition}:s3:::*`)}]`,
        `A failing bucket can be any bucket of the account; the only actions granted (${s3Fixes.join(', ')}) can only turn public access blocking or default encryption on, and the function applies them only to buckets named by findings of the allow-listed checks.`);
    }

    this.handler = new RemediationFunction(this, 'Function', {
      functionName: props.functionName,
      description: `Remediation of allow-listed compliance findings of ${scope.node.path}${props.dryRun ? ' (dry run)' : ''}`,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(2),
      reservedConcurrentExecutions: 1,
      role: this.role.withoutPolicyUpdates(),
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        DRY_RUN: String(props.dryRun),
        ALLOWED_FIXES: props.fixes.join(','),
        AUDIT_BUCKET: props.auditBucket.bucketName,
        AUDIT_KMS_KEY_ID: props.auditKey.keyArn,
        AUDIT_PREFIX,
      },
      environmentEncryption: props.key,
      deadLetterQueue: this.failureQueue,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
    });
    this.handler.node.addDependency(this.policy);
    this.handler.addEventSource(new DynamoEventSource(props.findingsTable, {
      startingPosition: lambda.StartingPosition.LATEST,
      batchSize: 10,
      retryAttempts: 3,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      maxRecordAge: Duration.hours(6),
      onFailure: new SqsDlq(this.failureQueue),
      filters: [lambda.FilterCriteria.filter({
        eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
        dynamodb: { NewImage: { status: { S: lambda.FilterRule.isEqual('FAIL') }, checkId: { S: lambda.FilterRule.or(...props.fixes) } } },
      })],
    }));
    // The event source mapping starts reading once the role may read the stream.
    for (const child of this.handler.node.findAll()) {
      if (child instanceof lambda.EventSourceMapping) child.node.addDependency(this.policy);
    }

    const cfnFunction = this.handler.node.defaultChild as lambda.CfnFunction;
    const vpcReason = 'The function calls only AWS APIs (S3, EC2, DynamoDB Streams) over TLS and serves no traffic; inside a VPC it would need interface endpoints in every Region it fixes.';
    NagControl.LAMBDA_INSIDE_VPC.acknowledge(cfnFunction, vpcReason);
  }

  /** Alarms for the remediation: function errors and failed batches. */
  public alarms(): { errors: cloudwatch.IMetric; failures: cloudwatch.IMetric } {
    return {
      errors: this.handler.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      failures: this.failureQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    };
  }
}
