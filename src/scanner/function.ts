// The ComplianceScanner's function: its role and two managed policies (read, output), its environment, and the function itself.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ComplianceScannerProps } from './props';
import { acknowledgeReadPolicy, readStatements } from './read-permissions';
import { requiredActions } from './runtime/checks';
import { ScannerFunction } from './runtime/scanner-function';
import { ScannerSettings } from './settings';
import { ScannerStorage } from './storage';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { acknowledgeOutsideVpc, logAndTraceStatements, secureFunctionOptions } from '../core/monitored-function';

/** Key prefix of everything the scanner writes to the report bucket (fixed by the engine). */
export const REPORT_PREFIX = 'compliance-scans/';

/** What the function writes to and is watched by. */
export interface ScannerResources extends ScannerStorage {
  readonly logGroup: ComplianceLogGroup;
  readonly deadLetterQueue: sqs.IQueue;
}

/** The scanner's role and its customer managed policies. */
export interface ScannerRole {
  readonly role: iam.Role;
  readonly readPolicy: iam.ManagedPolicy;
  readonly outputPolicy: iam.ManagedPolicy;
}

/**
 * The role (`Role`) with the read actions of the enabled checks (`ReadPolicy`) and the writes of the
 * outputs (`OutputPolicy`). Not a ManagedPolicyRole: the two policies are public fields of their own,
 * and the function gets the role's immutable view, so nothing else is ever added.
 */
export function scannerRole(scope: Construct, settings: ScannerSettings, resources: ScannerResources, securityHub: boolean): ScannerRole {
  const path = scope.node.path;
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Runs the compliance scanner ${path}`,
  });
  const actions = requiredActions(settings.enabled);
  const readPolicy = new iam.ManagedPolicy(scope, 'ReadPolicy', {
    description: `Read-only actions of the enabled compliance checks (${path})`,
    roles: [role],
    statements: readStatements(scope, actions),
  });
  const outputPolicy = new iam.ManagedPolicy(scope, 'OutputPolicy', {
    description: `Logs, traces and outputs of the compliance scanner ${path}`,
    roles: [role],
    statements: [...outputStatements(resources), ...(securityHub ? [securityHubImportStatement(Stack.of(scope))] : [])],
  });
  acknowledgeReadPolicy(readPolicy, actions);
  acknowledgeOutputPolicy(outputPolicy, resources.reportBucket);
  return { role, readPolicy, outputPolicy };
}

/** Logs, traces, the findings, the previous and new reports, the alerts, the dead-letter queue and the keys. */
export function outputStatements(resources: ScannerResources): iam.PolicyStatement[] {
  const bucket = resources.reportBucket;
  return [
    ...logAndTraceStatements(resources.logGroup),
    new iam.PolicyStatement({ sid: 'WriteFindings', actions: ['dynamodb:BatchWriteItem'], resources: [resources.findingsTable.tableArn] }),
    // The engine lists the previous report's key before reading it: without s3:ListBucket, S3
    // answers a GetObject on a missing key (the first scan) with 403 AccessDenied, not 404.
    new iam.PolicyStatement({
      sid: 'FindPreviousReport',
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: { 's3:prefix': `${REPORT_PREFIX}latest.json` } },
    }),
    new iam.PolicyStatement({ sid: 'ReadPreviousReport', actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${REPORT_PREFIX}latest.json`)] }),
    new iam.PolicyStatement({ sid: 'WriteReports', actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${REPORT_PREFIX}*`)] }),
    new iam.PolicyStatement({ sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [resources.alertTopic.topicArn] }),
    new iam.PolicyStatement({ sid: 'SendToDeadLetterQueue', actions: ['sqs:SendMessage'], resources: [resources.deadLetterQueue.queueArn] }),
    new iam.PolicyStatement({ sid: 'UseKeys', actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: resources.keyArns }),
  ];
}

function acknowledgeOutputPolicy(policy: iam.ManagedPolicy, bucket: s3.IBucket): void {
  acknowledgeFinding(policy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::*]',
    'Only actions that IAM accepts with Resource "*" alone (no resource-level permissions) are granted on "*": the X-Ray write actions (telemetry).');
  acknowledgeFinding(policy.node.defaultChild!, `AwsSolutions-IAM5[Resource::${nagResourceText(policy, bucket.arnForObjects(`${REPORT_PREFIX}*`))}]`,
    `Each scan writes its report under a new dated key (${REPORT_PREFIX}reports/<date>/<scan id>.json); puts are limited to the scanner's own prefix.`);
}

/**
 * BatchImportFindings into the account's own default product in the scanner's Region, for
 * findings about this account only (`securityhub:TargetAccount`).
 */
export function securityHubImportStatement(stack: Stack): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ImportFindingsToSecurityHub',
    actions: ['securityhub:BatchImportFindings'],
    resources: [`arn:${stack.partition}:securityhub:${stack.region}:${stack.account}:product/${stack.account}/default`],
    conditions: { StringEquals: { 'securityhub:TargetAccount': stack.account } },
  });
}

/** The engine's environment: where it writes, what it scans, and how long it keeps for writing its outputs. */
export function scannerEnvironment(props: ComplianceScannerProps, settings: ScannerSettings, resources: ScannerResources): Record<string, string> {
  const reserveSeconds = Math.min(120, Math.max(15, Math.floor(settings.timeoutSeconds / 10)));
  const environment: Record<string, string> = {
    REPORT_BUCKET: resources.reportBucket.bucketName,
    REPORT_KMS_KEY_ID: resources.reportKey.keyArn,
    FINDINGS_TABLE: resources.findingsTable.tableName,
    ALERT_TOPIC_ARN: resources.alertTopic.topicArn,
    SCORE_THRESHOLD: String(settings.scoreThreshold),
    SCAN_CONCURRENCY: String(props.scanConcurrency ?? 8),
    SCAN_CHECK_IDS: settings.enabledChecks.join(','),
    OUTPUT_RESERVE_MS: String(reserveSeconds * 1000),
    POWERTOOLS_METRICS_NAMESPACE: settings.metricNamespace,
  };
  if (props.regions !== undefined) {
    environment.SCAN_REGIONS = props.regions.join(',');
  }
  if (props.securityHub) environment.SECURITY_HUB = 'true';
  if (props.ocsfIncludePassed) environment.OCSF_INCLUDE_PASSED = 'true';
  return environment;
}

/** The scanner function (`Function`), created once its policies exist. */
export function scannerFunction(
  scope: Construct, props: ComplianceScannerProps, settings: ScannerSettings, resources: ScannerResources, role: ScannerRole,
): lambda.Function {
  const fn = new ScannerFunction(scope, 'Function', {
    ...secureFunctionOptions({
      functionName: settings.name('scanner'),
      description: `Compliance scanner ${scope.node.path}: audits the account and writes findings, reports and alerts`,
      memorySize: props.memorySize ?? 1024,
      timeout: settings.timeout,
      reservedConcurrency: props.reservedConcurrency ?? 1,
      // Every permission comes from the managed policies; the immutable view keeps CDK from
      // adding an inline DefaultPolicy for tracing, the dead-letter queue or the key.
      role: role.role.withoutPolicyUpdates(),
      environment: scannerEnvironment(props, settings, resources),
      key: resources.key,
      deadLetterQueue: resources.deadLetterQueue,
      logGroup: resources.logGroup,
    }),
    retryAttempts: 1,
    maxEventAge: Duration.hours(6),
  });
  fn.node.addDependency(role.readPolicy, role.outputPolicy);
  acknowledgeFunctionFindings(fn);
  return fn;
}

function acknowledgeFunctionFindings(fn: lambda.Function): void {
  acknowledgeOutsideVpc(fn, 'The scanner calls only AWS APIs (public endpoints over TLS, SigV4-signed) and serves no network traffic. Inside a VPC it would need interface endpoints for every audited service in every scanned Region, or a NAT gateway; it reads configuration metadata only, never customer data.');
  const invokeConfig = fn.node.tryFindChild('EventInvokeConfig')?.node.defaultChild;
  if (invokeConfig) {
    Validations.of(invokeConfig).acknowledge({
      id: 'Serverless-LambdaAsyncFailureDestination',
      reason: 'Asynchronous invocations that fail every attempt go to the function\'s dead-letter queue (KMS, TLS-only, depth alarmed); an on-failure destination as well would deliver each failed event twice.',
    });
  }
}
