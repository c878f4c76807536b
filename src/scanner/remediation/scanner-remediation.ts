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
import { Construct, IConstruct } from 'constructs';
import { FixStatement, fixStatements, PARTITION } from './fixes';
import { RemediationFunction } from './remediation-function';
import { acknowledgeFinding, nagResourceText } from '../../core/acknowledge';
import { ComplianceLogGroup } from '../../core/compliance-log-group';
import { ComplianceQueue } from '../../core/compliance-queue';
import { acknowledgeOutsideVpc, errorsMetric, logAndTraceStatements, queueDepthMetric, secureFunctionOptions } from '../../core/monitored-function';

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
    this.logGroup = new ComplianceLogGroup(this, 'Logs', { encryptionKey: props.key, retention: props.logRetention });
    this.failureQueue = new ComplianceQueue(this, 'FailureQueue', {
      encryptionKey: props.key,
      deadLetterQueueFor: 'stream batches the remediation function failed to process in every attempt; its depth is alarmed',
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the remediation of the compliance scanner ${scope.node.path}`,
    });
    // Not a ManagedPolicyRole: the function gets the role's immutable view, so that this policy
    // holds exactly the statements below (none of aws-cdk-lib's grants), as a sibling of the role.
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `Remediation of the compliance scanner ${scope.node.path}${props.dryRun ? ' (dry run: no fix is granted)' : ''}`,
      roles: [this.role],
      statements: this.policyStatements(props),
    });
    this.acknowledgePolicy(props);
    this.handler = this.newHandler(scope, props);
    this.readFindingsStream(props.findingsTable, props.fixes);
  }

  /** Alarms for the remediation: function errors and failed batches. */
  public alarms(): { errors: cloudwatch.IMetric; failures: cloudwatch.IMetric } {
    return { errors: errorsMetric(this.handler), failures: queueDepthMetric(this.failureQueue) };
  }

  /** Logs, traces, the stream, the audit records, the failure queue, the keys and (outside dry run) the fixes. */
  private policyStatements(props: ScannerRemediationProps): iam.PolicyStatement[] {
    return [
      ...logAndTraceStatements(this.logGroup),
      new iam.PolicyStatement({
        sid: 'ReadFindingsStream',
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [props.findingsTable.tableStreamArn!],
      }),
      new iam.PolicyStatement({ sid: 'ListFindingsStreams', actions: ['dynamodb:ListStreams'], resources: ['*'] }),
      new iam.PolicyStatement({ sid: 'WriteAuditRecords', actions: ['s3:PutObject'], resources: [auditObjects(props.auditBucket)] }),
      new iam.PolicyStatement({ sid: 'SendToFailureQueue', actions: ['sqs:SendMessage'], resources: [this.failureQueue.queueArn] }),
      new iam.PolicyStatement({ sid: 'UseKeys', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [...new Set(props.keyArns)] }),
      ...grantedFixStatements(this, props),
    ];
  }

  /** The wildcards the policy cannot avoid, each with the reason from the fix table where a fix needs it. */
  private acknowledgePolicy(props: ScannerRemediationProps): void {
    const cfnPolicy = this.policy.node.defaultChild!;
    const fixes = grantedFixes(props);
    const onStar = fixes.filter((s) => s.resources.includes('*'));
    const starFixes = onStar.map((s) => ` and ${s.actions.join(', ')} (${s.scopeReason})`).join('');
    acknowledgeFinding(cfnPolicy, 'AwsSolutions-IAM5[Resource::*]',
      `Only actions that IAM accepts with Resource "*" alone are granted on "*": the X-Ray write actions (telemetry), dynamodb:ListStreams (read-only)${starFixes}.`);
    for (const statement of onStar) {
      for (const action of statement.actions) {
        acknowledgeFinding(cfnPolicy, `CompliancePack-IamWriteOnWildcardResource[Action::${action}]`, statement.wildcardWriteReason!);
      }
    }
    acknowledgeFinding(cfnPolicy, `AwsSolutions-IAM5[Resource::${nagResourceText(this, auditObjects(props.auditBucket))}]`,
      `Each change gets its own audit record under a new key (${AUDIT_PREFIX}<date>/<finding id>-<time>.json); puts are limited to that prefix.`);
    for (const statement of fixes.filter((s) => !s.resources.includes('*'))) {
      for (const resource of statement.resources) {
        acknowledgeFinding(cfnPolicy, `AwsSolutions-IAM5[Resource::${nagResourceText(this, withPartition(this, resource))}]`, statement.scopeReason);
      }
    }
  }

  private newHandler(scope: Construct, props: ScannerRemediationProps): lambda.Function {
    const handler = new RemediationFunction(this, 'Function', secureFunctionOptions({
      functionName: props.functionName,
      description: `Remediation of allow-listed compliance findings of ${scope.node.path}${props.dryRun ? ' (dry run)' : ''}`,
      memorySize: 256,
      timeout: Duration.minutes(2),
      reservedConcurrency: 1,
      role: this.role.withoutPolicyUpdates(),
      environment: {
        DRY_RUN: String(props.dryRun),
        ALLOWED_FIXES: props.fixes.join(','),
        AUDIT_BUCKET: props.auditBucket.bucketName,
        AUDIT_KMS_KEY_ID: props.auditKey.keyArn,
        AUDIT_PREFIX,
      },
      key: props.key,
      deadLetterQueue: this.failureQueue,
      logGroup: this.logGroup,
    }));
    handler.node.addDependency(this.policy);
    acknowledgeOutsideVpc(handler,
      'The function calls only AWS APIs (S3, EC2, DynamoDB Streams) over TLS and serves no traffic; inside a VPC it would need interface endpoints in every Region it fixes.');
    return handler;
  }

  /** New and changed failed findings of the allow-listed checks, in batches of ten, failures to the failure queue. */
  private readFindingsStream(findingsTable: dynamodb.Table, fixes: readonly string[]): void {
    this.handler.addEventSource(new DynamoEventSource(findingsTable, {
      startingPosition: lambda.StartingPosition.LATEST,
      batchSize: 10,
      retryAttempts: 3,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      maxRecordAge: Duration.hours(6),
      onFailure: new SqsDlq(this.failureQueue),
      filters: [lambda.FilterCriteria.filter({
        eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
        dynamodb: { NewImage: { status: { S: lambda.FilterRule.isEqual('FAIL') }, checkId: { S: lambda.FilterRule.or(...fixes) } } },
      })],
    }));
    // The event source mapping starts reading once the role may read the stream.
    for (const child of this.handler.node.findAll()) {
      if (child instanceof lambda.EventSourceMapping) child.node.addDependency(this.policy);
    }
  }
}

function auditObjects(bucket: s3.IBucket): string {
  return bucket.arnForObjects(`${AUDIT_PREFIX}*`);
}

/** In dry-run mode the role cannot change anything: the fixes are granted only when applied. */
/** Which fixes are granted: none in a dry run. */
interface FixSelection {
  readonly dryRun: boolean;
  readonly fixes: readonly string[];
}

function grantedFixes(props: FixSelection): FixStatement[] {
  return props.dryRun ? [] : fixStatements(props.fixes);
}

/** The fix table's permissions for the granted fixes, as policy statements of `scope`'s stack. */
export function grantedFixStatements(scope: IConstruct, props: FixSelection): iam.PolicyStatement[] {
  return grantedFixes(props).map((s) =>
    new iam.PolicyStatement({ sid: s.sid, actions: s.actions, resources: s.resources.map((r) => withPartition(scope, r)) }));
}

function withPartition(scope: IConstruct, resource: string): string {
  return resource.split(PARTITION).join(Stack.of(scope).partition);
}
