// The OrganizationScanner's three functions (plan, item, report): each with its log group, role, dead-letter queue and environment, and what each role may do.
import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { OrganizationScannerProps } from './props';
import { PlanFunction } from './runtime/plan-function';
import { ReportFunction } from './runtime/report-function';
import { ScanItemFunction } from './runtime/scan-item-function';
import { OrganizationSettings } from './settings';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ComplianceQueue } from '../core/compliance-queue';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { acknowledgeOutsideVpc, logAndTraceStatements, secureFunctionOptions } from '../core/monitored-function';
import { ScannerStorage } from '../scanner/storage';

/** Key prefix of everything the organization scanner writes (fixed by its runtime). */
export const ORG_PREFIX = 'organization-scans/';

/** A function of the organization scanner and its role (a ManagedPolicyRole: every grant lands in its managed policy). */
export interface OrganizationFunction {
  readonly fn: lambda.Function;
  readonly role: ManagedPolicyRole;
}

/** The three functions of a run. */
export interface OrganizationFunctions {
  readonly plan: OrganizationFunction;
  readonly item: OrganizationFunction;
  readonly report: OrganizationFunction;
}

/** What the functions read and write. */

interface FunctionSpec {
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly reservedConcurrency: number;
  /** How long the function's log events are kept (`logRetention`). */
  readonly logRetention?: logs.RetentionDays;
}

type FunctionClass = new (scope: Construct, id: string, props: lambda.FunctionOptions) => lambda.Function;

/**
 * `<fnId>Logs`, `<fnId>Role`, `<fnId>DeadLetterQueue` and `<fnId>Function`: a function with the
 * library's defaults, whose role may write its logs and traces.
 */
export function organizationFunction(
  scope: Construct, key: kms.IKey, fnId: string, Ctor: FunctionClass, what: string, environment: Record<string, string>, spec: FunctionSpec,
): OrganizationFunction {
  const description = `Organization compliance scanner ${scope.node.path}: ${what}`;
  const logGroup = new ComplianceLogGroup(scope, `${fnId}Logs`, { encryptionKey: key, retention: spec.logRetention });
  const role = new ManagedPolicyRole(scope, `${fnId}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description });
  const deadLetterQueue = new ComplianceQueue(scope, `${fnId}DeadLetterQueue`, {
    encryptionKey: key,
    deadLetterQueueFor: `asynchronous invocations of the ${fnId} function; its depth is alarmed`,
  });
  for (const statement of logAndTraceStatements(logGroup)) role.addToPrincipalPolicy(statement);
  const fn = new Ctor(scope, `${fnId}Function`, secureFunctionOptions({
    description,
    memorySize: spec.memorySize,
    timeout: spec.timeout,
    reservedConcurrency: spec.reservedConcurrency,
    role,
    environment,
    key,
    deadLetterQueue,
    logGroup,
  }));
  acknowledgeOutsideVpc(fn, 'The function calls only AWS APIs (public endpoints over TLS, SigV4-signed) and serves no network traffic. Inside a VPC it would need interface endpoints for every audited service in every scanned Region, or a NAT gateway; it reads configuration metadata only.');
  return { fn, role };
}

/** The plan, item and report functions, in that order, each with its environment. */
export function organizationFunctions(
  scope: Construct, props: OrganizationScannerProps, settings: OrganizationSettings, resources: ScannerStorage,
): OrganizationFunctions {
  const common = {
    REPORT_BUCKET: resources.reportBucket.bucketName,
    REPORT_KMS_KEY_ID: resources.reportKey.keyArn,
    POWERTOOLS_METRICS_NAMESPACE: settings.metricNamespace,
  };
  const plan = organizationFunction(scope, resources.key, 'Plan', PlanFunction, 'lists the accounts and Regions of a run and writes its items', {
    ...common,
    TARGET_OU_IDS: settings.organizationalUnitIds.join(','),
    ...(settings.excludedAccountIds.length > 0 ? { EXCLUDED_ACCOUNT_IDS: settings.excludedAccountIds.join(',') } : {}),
    ...(props.regions ? { SCAN_REGIONS: props.regions.join(',') } : {}),
    SCAN_CHECK_IDS: settings.enabledChecks.join(','),
  }, { timeout: Duration.minutes(5), memorySize: 512, reservedConcurrency: 2, logRetention: props.logRetention });
  const reserveSeconds = Math.min(120, Math.max(15, Math.floor(settings.itemTimeout.toSeconds() / 10)));
  const item = organizationFunction(scope, resources.key, 'Item', ScanItemFunction, 'scans one account in one Region (or one global service) through its member role', {
    ...common,
    FINDINGS_TABLE: resources.findingsTable.tableName,
    MEMBER_ROLE_NAME: settings.memberRoleName,
    EXTERNAL_ID: settings.externalId,
    AWS_PARTITION: Stack.of(scope).partition,
    SCAN_CONCURRENCY: String(props.scanConcurrency ?? 8),
    OUTPUT_RESERVE_MS: String(reserveSeconds * 1000),
  }, {
    timeout: settings.itemTimeout,
    memorySize: props.memorySize ?? 1024,
    reservedConcurrency: settings.maxConcurrency,
    logRetention: props.logRetention,
  });
  const report = organizationFunction(scope, resources.key, 'Report', ReportFunction, 'writes the organization report, the run summary and the run metrics', {
    ...common,
    ALERT_TOPIC_ARN: resources.alertTopic.topicArn,
  }, { timeout: Duration.minutes(10), memorySize: 2048, reservedConcurrency: 2, logRetention: props.logRetention });
  return { plan, item, report };
}

/** The runs prefix of the report bucket, where plan, items and reports of each run go. */
export function runObjectsOf(bucket: s3.IBucket): string {
  return bucket.arnForObjects(`${ORG_PREFIX}runs/*`);
}

/**
 * What each role may do beyond its logs and traces: the plan lists the organization and writes the
 * items; the item assumes the member roles and writes its report and the findings; the report reads
 * the Map's results and writes the reports and the summary; all three use the keys.
 */
export function grantFunctions(
  functions: OrganizationFunctions, resources: ScannerStorage, memberRoleName: string, organizationId: string | undefined,
): void {
  const { plan, item, report } = functions;
  const bucket = resources.reportBucket;
  const runObjects = runObjectsOf(bucket);
  const useKeys = new iam.PolicyStatement({ sid: 'UseKeys', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: resources.keyArns });
  plan.role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'ListOrganization',
    actions: ['organizations:ListAccounts', 'organizations:ListAccountsForParent', 'organizations:ListChildren', 'ec2:DescribeRegions'],
    resources: ['*'],
  }));
  plan.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteItems', actions: ['s3:PutObject'], resources: [runObjects] }));
  plan.role.addToPrincipalPolicy(useKeys);
  item.role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'AssumeMemberRoles',
    actions: ['sts:AssumeRole'],
    resources: [`arn:${Stack.of(item.role).partition}:iam::*:role/${memberRoleName}`],
    ...(organizationId ? { conditions: { StringEquals: { 'aws:ResourceOrgID': organizationId } } } : {}),
  }));
  item.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteItemReports', actions: ['s3:PutObject'], resources: [runObjects] }));
  item.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteFindings', actions: ['dynamodb:BatchWriteItem'], resources: [resources.findingsTable.tableArn] }));
  item.role.addToPrincipalPolicy(useKeys);
  report.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadMapResults', actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${ORG_PREFIX}results/*`)] }));
  report.role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'WriteReports',
    actions: ['s3:PutObject'],
    resources: [runObjects, bucket.arnForObjects(`${ORG_PREFIX}latest.json`), bucket.arnForObjects(`${ORG_PREFIX}latest.html`)],
  }));
  report.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'PublishSummary', actions: ['sns:Publish'], resources: [resources.alertTopic.topicArn] }));
  report.role.addToPrincipalPolicy(useKeys);
}
