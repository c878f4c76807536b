import { ArnFormat, Aws, Duration, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { MEMBER_PARAMETERS, memberRoleTemplate } from './member-role';
import { PlanFunction } from './runtime/plan-function';
import { ReportFunction } from './runtime/report-function';
import { ScanItemFunction } from './runtime/scan-item-function';
import { ComplianceBucket } from '../compliance-bucket/compliance-bucket';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';
import { ComplianceKey } from '../core/compliance-key';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ComplianceQueue } from '../core/compliance-queue';
import { ComplianceTopic } from '../core/compliance-topic';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { NagControl } from '../core/nag-control';
import { ComplianceValidationError, requireRange } from '../core/validation';
import { selectCheckIds, requireRegions } from '../scanner/check-selection';
import { ALL_CHECKS, requiredActions } from '../scanner/runtime/checks';

/** Key prefix of everything the organization scanner writes (fixed by its runtime). */
const ORG_PREFIX = 'organization-scans/';
const METRIC_SERVICE = 'organization-scanner';
/** Label of the Distributed Map: its Map Runs and child executions are named after it. */
const MAP_LABEL = 'ScanAccounts';
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const OU_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const ACCOUNT_ID = /^\d{12}$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** Errors after which a child is tried again: throttling and transient failures of Lambda, STS and the scan. */
const RETRIED_ERRORS = [
  'TransientItemError',
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
];

/** Who deploys the member-role StackSet: the management account, or a delegated administrator of StackSets. */
export enum StackSetCallAs {
  /** The stack is deployed in the organization's management account. */
  SELF = 'SELF',
  /** The stack is deployed in an account registered as delegated administrator for CloudFormation StackSets. */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/** Properties of an `OrganizationScanner`. */
export interface OrganizationScannerProps {
  /**
   * The organizational units (or the root, `r-...`) whose accounts are scanned, recursively; the
   * member role is deployed to the same OUs. Accounts that join them later get the role automatically.
   */
  readonly organizationalUnitIds: string[];

  /**
   * Accounts never scanned (for example the management account, where a service-managed StackSet
   * does not deploy).
   *
   * @default - none
   */
  readonly excludedAccountIds?: string[];

  /**
   * Regions scanned in every account.
   *
   * @default - the Regions enabled in the scanner's account (ec2:DescribeRegions at each run)
   */
  readonly regions?: string[];

  /**
   * Ids of the checks to run; the member role may call only the read actions they declare.
   *
   * @default - every check in the catalog
   */
  readonly checks?: string[];

  /**
   * Ids of checks not to run, removed from `checks`.
   *
   * @default - none
   */
  readonly excludedChecks?: string[];

  /**
   * The organization id (`o-...`). When given, the member role trusts the scanner only from inside
   * the organization (`aws:PrincipalOrgID`) and the scanner may assume roles only in its accounts
   * (`aws:ResourceOrgID`).
   *
   * @default - the trust relies on the scanner role's ARN and the external id
   */
  readonly organizationId?: string;

  /**
   * Name of the member role in every account.
   *
   * @default 'ComplianceScannerMember'
   */
  readonly memberRoleName?: string;

  /**
   * External id the scanner passes to sts:AssumeRole and the member role requires.
   *
   * @default - derived from this construct's path and stack ('compliance-scan-<unique id>')
   */
  readonly externalId?: string;

  /**
   * Deploy the member role with a service-managed StackSet (automatic deployment to new accounts).
   * Turn off only when the role is deployed another way, with the same name, trust and actions.
   *
   * @default true
   */
  readonly deployMemberRoles?: boolean;

  /**
   * Whether this stack is deployed in the management account or a delegated administrator account.
   *
   * @default StackSetCallAs.DELEGATED_ADMIN
   */
  readonly stackSetCallAs?: StackSetCallAs;

  /**
   * Children of the Distributed Map that run at once (1 to 1000). The item function's reserved
   * concurrency is set to the same number; Lambda keeps 100 of the account's concurrency
   * unreserved, so above about 800 (at the default quota of 1,000 per Region) raise the quota first.
   *
   * @default 100
   */
  readonly maxConcurrency?: number;

  /**
   * Percentage of items (0 to 100) that may fail every attempt before the run fails. Failed items are
   * listed in the report as not scanned, whatever this is.
   *
   * @default 10
   */
  readonly toleratedFailurePercentage?: number;

  /**
   * Timeout of one item (one account in one Region, or one global service): 1 to 15 minutes.
   *
   * @default Duration.minutes(10)
   */
  readonly itemTimeout?: Duration;

  /**
   * Memory of the item function, in MiB (128 to 10240).
   *
   * @default 1024
   */
  readonly memorySize?: number;

  /**
   * API calls in flight per AWS service within one item (1 to 64).
   *
   * @default 8
   */
  readonly scanConcurrency?: number;

  /**
   * When runs start.
   *
   * @default events.Schedule.rate(Duration.days(1))
   */
  readonly schedule?: events.Schedule;

  /**
   * Organization score (0 to 100) below which the score alarm fires.
   *
   * @default 80
   */
  readonly scoreThreshold?: number;

  /**
   * Bucket for the reports (under `organization-scans/`, SSE-KMS).
   *
   * @default - a new `ComplianceBucket` encrypted with `encryptionKey`
   */
  readonly reportBucket?: s3.IBucket;

  /**
   * Key that encrypts the functions' environments, the findings table, the queues, the log groups
   * and (when created here) the topic and the bucket.
   *
   * @default - a new `ComplianceKey`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Topic for the run summaries and alarms. A topic that is not a `ComplianceTopic` must itself allow
   * `cloudwatch.amazonaws.com` to publish.
   *
   * @default - a new `ComplianceTopic`
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * How long log events are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * CloudWatch namespace of the run metrics.
   *
   * @default 'OrganizationScanner'
   */
  readonly metricNamespace?: string;
}

/**
 * Scans every account and Region of an AWS Organization (or of some OUs) on Step Functions
 * Distributed Map, from a delegated administrator or security-tooling account.
 *
 * A run plans the items (Organizations `ListAccounts`, or the accounts under the OUs, minus
 * exclusions, times the Regions; each account's global services are items of their own), then a
 * Distributed Map runs one Lambda child per item, which assumes the read-only member role in the
 * account (deployed by a service-managed StackSet to every account of the OUs, new ones included)
 * and runs the scanner engine there. The run's report (per account and Region scores, the top
 * findings, what could not be scanned and why) is written to S3 as JSON and HTML, the findings to
 * DynamoDB, one summary to SNS, metrics to CloudWatch. Failed runs can be redriven.
 *
 * @example
 * import { OrganizationScanner } from 'cdk-compliance-constructs';
 *
 * new OrganizationScanner(this, 'OrgScanner', {
 *   organizationalUnitIds: ['ou-abcd-11111111'],   // or the root, r-abcd
 *   regions: ['us-east-1', 'eu-west-1'],
 *   maxConcurrency: 100,
 * });
 */
export class OrganizationScanner extends Construct {
  /** The key that encrypts the scanner's data. */
  public readonly key: kms.IKey;
  /** Where the reports are written (under `organization-scans/`). */
  public readonly reportBucket: s3.IBucket;
  /** Findings of every account, one item per (account, Region, check, resource). */
  public readonly findingsTable: dynamodb.Table;
  /** Where run summaries and alarms go. */
  public readonly alertTopic: sns.ITopic;
  /** The run: plan, Distributed Map, report. */
  public readonly stateMachine: sfn.StateMachine;
  /** Lists the accounts and Regions and writes the items. */
  public readonly planFunction: lambda.Function;
  /** Scans one item through the member role. */
  public readonly itemFunction: lambda.Function;
  /** Writes the organization report, the summary and the metrics. */
  public readonly reportFunction: lambda.Function;
  /** The item function's role: the only principal the member roles trust. */
  public readonly scannerRole: iam.IRole;
  /** The StackSet of the member role, when `deployMemberRoles` is on. */
  public readonly memberStackSet?: cloudformation.CfnStackSet;
  /** Name of the member role in every account. */
  public readonly memberRoleName: string;
  /** External id the member role requires. */
  public readonly externalId: string;
  /** Ids of the checks the run performs. */
  public readonly enabledChecks: string[];
  /** The schedule. */
  public readonly scheduleRule: events.Rule;
  /** Scheduled runs EventBridge could not start. */
  public readonly scheduleDeadLetterQueue: sqs.Queue;
  /** CloudWatch namespace of the run metrics. */
  public readonly metricNamespace: string;
  /** A run failed (the plan failed, or more items failed than tolerated). */
  public readonly runFailedAlarm: cloudwatch.Alarm;
  /** A run left accounts not scanned. */
  public readonly notScannedAlarm: cloudwatch.Alarm;
  /** The organization score fell below the threshold. */
  public readonly scoreAlarm: cloudwatch.Alarm;
  /** Item executions failed (after their retries). */
  public readonly itemErrorsAlarm: cloudwatch.Alarm;
  /** Scheduled runs could not be started. */
  public readonly scheduleDeadLetterAlarm: cloudwatch.Alarm;
  /** Runs, accounts scanned and not scanned, score, findings. */
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OrganizationScannerProps) {
    super(scope, id);
    // Without this flag aws-cdk-lib drops `resultWriterV2` from the Map without a word (and the
    // report would have no results to read): it is set for this construct's subtree only.
    this.node.setContext('@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2', true);
    const stack = Stack.of(this);

    // --- validation ---------------------------------------------------------------------------
    this.enabledChecks = selectCheckIds(this, props.checks, props.excludedChecks);
    const enabled = ALL_CHECKS.filter((c) => this.enabledChecks.includes(c.id));
    const ous = props.organizationalUnitIds ?? [];
    const badOus = ous.filter((o) => !Token.isUnresolved(o) && !OU_ID.test(o));
    if (ous.length === 0 || badOus.length > 0) {
      throw new ComplianceValidationError(this, 'organizationalUnitIds', ous.length === 0 ? ous : badOus, 'Allowed: at least one root id (r-...) or OU id (ou-...-...).');
    }
    const excluded = props.excludedAccountIds ?? [];
    const badAccounts = excluded.filter((a) => !Token.isUnresolved(a) && !ACCOUNT_ID.test(a));
    if (badAccounts.length > 0) throw new ComplianceValidationError(this, 'excludedAccountIds', badAccounts, 'Allowed: 12-digit account ids.');
    requireRegions(this, props.regions);
    if (props.organizationId !== undefined && !Token.isUnresolved(props.organizationId) && !ORG_ID.test(props.organizationId)) {
      throw new ComplianceValidationError(this, 'organizationId', props.organizationId, 'Allowed: an organization id such as o-a1b2c3d4e5.');
    }
    this.memberRoleName = props.memberRoleName ?? 'ComplianceScannerMember';
    if (!ROLE_NAME.test(this.memberRoleName)) throw new ComplianceValidationError(this, 'memberRoleName', this.memberRoleName, 'Allowed: an IAM role name (1 to 64 letters, digits and +=,.@_-).');
    this.externalId = props.externalId ?? `compliance-scan-${Names.uniqueId(this)}`.slice(0, 96);
    if (!Token.isUnresolved(this.externalId) && !EXTERNAL_ID.test(this.externalId)) {
      throw new ComplianceValidationError(this, 'externalId', this.externalId, 'Allowed: 2 to 1224 letters, digits and +=,.@:/_-.');
    }
    requireRange(this, 'maxConcurrency', props.maxConcurrency, 1, 1000);
    requireRange(this, 'toleratedFailurePercentage', props.toleratedFailurePercentage, 0, 100);
    requireRange(this, 'memorySize', props.memorySize, 128, 10240, ' MiB');
    requireRange(this, 'scanConcurrency', props.scanConcurrency, 1, 64);
    requireRange(this, 'scoreThreshold', props.scoreThreshold, 0, 100);
    const itemTimeout = props.itemTimeout ?? Duration.minutes(10);
    if (itemTimeout.toSeconds() < 60 || itemTimeout.toSeconds() > 900) {
      throw new ComplianceValidationError(this, 'itemTimeout', itemTimeout, 'Allowed: 1 to 15 minutes (the Lambda maximum).');
    }
    const maxConcurrency = props.maxConcurrency ?? 100;
    const scoreThreshold = props.scoreThreshold ?? 80;
    this.metricNamespace = props.metricNamespace ?? 'OrganizationScanner';

    // --- storage, key, topic --------------------------------------------------------------------
    this.key = props.encryptionKey ?? new ComplianceKey(this, 'Key', { description: `Encrypts the data of the organization compliance scanner ${this.node.path}` });
    this.findingsTable = new dynamodb.Table(this, 'Findings', {
      partitionKey: { name: 'findingId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.findingsTable.addGlobalSecondaryIndex({
      indexName: 'byAccount',
      partitionKey: { name: 'accountId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'lastSeen', type: dynamodb.AttributeType.STRING },
    });
    this.findingsTable.addGlobalSecondaryIndex({
      indexName: 'bySeverity',
      partitionKey: { name: 'severity', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'lastSeen', type: dynamodb.AttributeType.STRING },
    });
    NagControl.DYNAMODB_BACKUP_PLAN.acknowledge(this.findingsTable.node.defaultChild!,
      'Findings are re-created by every run and the reports that contain them are kept in versioned S3; the table has point-in-time recovery (35 days) and deletion protection, so an AWS Backup plan would only copy data the next run rewrites.');
    this.reportBucket = props.reportBucket ?? new ComplianceBucket(this, 'Reports', { encryptionKey: this.key });
    const reportKey = this.reportBucket.encryptionKey ?? this.key;
    this.alertTopic = props.alertTopic ?? new ComplianceTopic(this, 'Alerts', { masterKey: this.key });
    if (this.alertTopic instanceof ComplianceTopic) this.alertTopic.allowServicePublish('cloudwatch.amazonaws.com');
    if (this.key instanceof ComplianceKey) this.key.grantServiceUse('events.amazonaws.com', ['kms:GenerateDataKey', 'kms:Decrypt']);
    const keyArns = [...new Set([this.key.keyArn, reportKey.keyArn, ...(this.alertTopic.masterKey ? [this.alertTopic.masterKey.keyArn] : [])])];

    // --- functions ------------------------------------------------------------------------------
    const common = {
      REPORT_BUCKET: this.reportBucket.bucketName,
      REPORT_KMS_KEY_ID: reportKey.keyArn,
      POWERTOOLS_METRICS_NAMESPACE: this.metricNamespace,
    };
    const plan = this.newFunction('Plan', PlanFunction, 'lists the accounts and Regions of a run and writes its items', {
      ...common,
      TARGET_OU_IDS: ous.join(','),
      ...(excluded.length > 0 ? { EXCLUDED_ACCOUNT_IDS: excluded.join(',') } : {}),
      ...(props.regions ? { SCAN_REGIONS: props.regions.join(',') } : {}),
      SCAN_CHECK_IDS: this.enabledChecks.join(','),
    }, { timeout: Duration.minutes(5), memorySize: 512, reservedConcurrency: 2 });
    const reserveSeconds = Math.min(120, Math.max(15, Math.floor(itemTimeout.toSeconds() / 10)));
    const item = this.newFunction('Item', ScanItemFunction, 'scans one account in one Region (or one global service) through its member role', {
      ...common,
      FINDINGS_TABLE: this.findingsTable.tableName,
      MEMBER_ROLE_NAME: this.memberRoleName,
      EXTERNAL_ID: this.externalId,
      AWS_PARTITION: stack.partition,
      SCAN_CONCURRENCY: String(props.scanConcurrency ?? 8),
      OUTPUT_RESERVE_MS: String(reserveSeconds * 1000),
    }, { timeout: itemTimeout, memorySize: props.memorySize ?? 1024, reservedConcurrency: maxConcurrency });
    const report = this.newFunction('Report', ReportFunction, 'writes the organization report, the run summary and the run metrics', {
      ...common,
      ALERT_TOPIC_ARN: this.alertTopic.topicArn,
    }, { timeout: Duration.minutes(10), memorySize: 2048, reservedConcurrency: 2 });
    this.planFunction = plan.fn;
    this.itemFunction = item.fn;
    this.reportFunction = report.fn;
    this.scannerRole = item.role;

    const runObjects = this.reportBucket.arnForObjects(`${ORG_PREFIX}runs/*`);
    const useKeys = new iam.PolicyStatement({ sid: 'UseKeys', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: keyArns });
    plan.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ListOrganization',
      actions: ['organizations:ListAccounts', 'organizations:ListAccountsForParent', 'organizations:ListChildren', 'ec2:DescribeRegions'],
      resources: ['*'],
    }));
    plan.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteItems', actions: ['s3:PutObject'], resources: [runObjects] }));
    plan.role.addToPrincipalPolicy(useKeys);
    const assume = new iam.PolicyStatement({
      sid: 'AssumeMemberRoles',
      actions: ['sts:AssumeRole'],
      resources: [`arn:${stack.partition}:iam::*:role/${this.memberRoleName}`],
      ...(props.organizationId ? { conditions: { StringEquals: { 'aws:ResourceOrgID': props.organizationId } } } : {}),
    });
    item.role.addToPrincipalPolicy(assume);
    item.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteItemReports', actions: ['s3:PutObject'], resources: [runObjects] }));
    item.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteFindings', actions: ['dynamodb:BatchWriteItem'], resources: [this.findingsTable.tableArn] }));
    item.role.addToPrincipalPolicy(useKeys);
    report.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadMapResults', actions: ['s3:GetObject'], resources: [this.reportBucket.arnForObjects(`${ORG_PREFIX}results/*`)] }));
    report.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WriteReports',
      actions: ['s3:PutObject'],
      resources: [runObjects, this.reportBucket.arnForObjects(`${ORG_PREFIX}latest.json`), this.reportBucket.arnForObjects(`${ORG_PREFIX}latest.html`)],
    }));
    report.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'PublishSummary', actions: ['sns:Publish'], resources: [this.alertTopic.topicArn] }));
    report.role.addToPrincipalPolicy(useKeys);

    // --- member roles -----------------------------------------------------------------------------
    if (props.deployMemberRoles ?? true) {
      this.memberStackSet = new cloudformation.CfnStackSet(this, 'MemberRoles', {
        stackSetName: Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }).replace(/[^A-Za-z0-9-]/g, '-'),
        description: `Read-only role ${this.memberRoleName} the organization compliance scanner ${this.node.path} assumes in each account`,
        permissionModel: 'SERVICE_MANAGED',
        autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
        callAs: props.stackSetCallAs ?? StackSetCallAs.DELEGATED_ADMIN,
        capabilities: ['CAPABILITY_NAMED_IAM'],
        managedExecution: { Active: true },
        operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 50, regionConcurrencyType: 'PARALLEL' },
        // IAM is global: one stack instance per account, in this stack's Region.
        stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: ous }, regions: [Aws.REGION] }],
        parameters: [
          { parameterKey: MEMBER_PARAMETERS.scannerRoleArn, parameterValue: item.role.roleArn },
          { parameterKey: MEMBER_PARAMETERS.externalId, parameterValue: this.externalId },
          ...(props.organizationId ? [{ parameterKey: MEMBER_PARAMETERS.organizationId, parameterValue: props.organizationId }] : []),
        ],
        templateBody: memberRoleTemplate({
          roleName: this.memberRoleName, actions: requiredActions(enabled), requireOrganization: props.organizationId !== undefined,
        }),
      });
    }

    // --- state machine ------------------------------------------------------------------------------
    const planTask = new tasks.LambdaInvoke(this, 'PlanRun', {
      lambdaFunction: plan.fn,
      payload: sfn.TaskInput.fromObject({ runId: sfn.JsonPath.stringAt('$$.Execution.Name') }),
      payloadResponseOnly: true,
      resultPath: '$.plan',
      retryOnServiceExceptions: true,
      taskTimeout: sfn.Timeout.duration(Duration.minutes(6)),
    });
    const itemTask = new tasks.LambdaInvoke(this, 'ScanItem', {
      lambdaFunction: item.fn,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: sfn.Timeout.duration(itemTimeout.plus(Duration.seconds(30))),
    });
    itemTask.addRetry({ errors: RETRIED_ERRORS, interval: Duration.seconds(5), maxAttempts: 3, backoffRate: 2, jitterStrategy: sfn.JitterType.FULL });
    const map = new sfn.DistributedMap(this, 'ScanAccounts', {
      label: MAP_LABEL,
      itemReader: new sfn.S3JsonItemReader({ bucket: this.reportBucket, key: sfn.JsonPath.stringAt('$.plan.itemsKey') }),
      itemSelector: { 'runId.$': '$.plan.runId', 'item.$': '$$.Map.Item.Value' },
      maxConcurrency,
      toleratedFailurePercentage: props.toleratedFailurePercentage ?? 10,
      mapExecutionType: sfn.StateMachineType.STANDARD,
      resultWriterV2: new sfn.ResultWriterV2({ bucket: this.reportBucket, prefix: `${ORG_PREFIX}results` }),
      resultPath: '$.map',
    });
    map.itemProcessor(itemTask);
    // The report reads the Map's results (`map`), or says why the Map failed (`mapError`).
    const reportStep = (stepId: string, field: 'map' | 'mapError') => new tasks.LambdaInvoke(this, stepId, {
      lambdaFunction: report.fn,
      payload: sfn.TaskInput.fromObject({ plan: sfn.JsonPath.objectAt('$.plan'), [field]: sfn.JsonPath.objectAt(`$.${field}`) }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
      resultPath: '$.report',
    });
    const reportTask = reportStep('WriteReport', 'map');
    const reportFailed = reportStep('WriteFailedRunReport', 'mapError');
    map.addCatch(reportFailed.next(new sfn.Fail(this, 'RunFailed', { error: 'OrganizationScanFailed', cause: 'More items failed than tolerated; the report lists them.' })),
      { errors: [sfn.Errors.ALL], resultPath: '$.mapError' });
    const smLogs = new ComplianceLogGroup(this, 'StateMachineLogs', { encryptionKey: this.key, retention: props.logRetention });
    const smRole = new ManagedPolicyRole(this, 'StateMachineRole', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `Runs the organization compliance scans of ${this.node.path}`,
    });
    // A fixed name lets the role's policy name the state machine's executions without a reference
    // to the state machine, which depends on the role.
    const stateMachineName = stateMachineNameOf(this);
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName,
      definitionBody: sfn.DefinitionBody.fromChainable(planTask.next(map).next(reportTask).next(new sfn.Succeed(this, 'RunSucceeded'))),
      role: smRole,
      timeout: Duration.hours(24),
      tracingEnabled: true,
      logs: { destination: smLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    smRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'UseReportKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [reportKey.keyArn] }));
    this.moveDistributedMapPolicy(smRole, stateMachineName, MAP_LABEL);
    this.acknowledgeRoles({ plan: plan.role, item: item.role, report: report.role, stateMachine: smRole }, [plan.fn, item.fn, report.fn], runObjects);

    // --- schedule ---------------------------------------------------------------------------------
    this.scheduleDeadLetterQueue = new ComplianceQueue(this, 'ScheduleDeadLetterQueue', { encryptionKey: this.key, deadLetterQueueFor: 'scheduled runs EventBridge could not start; its depth is alarmed' });
    const eventsRole = new ManagedPolicyRole(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `Starts the organization compliance scans of ${this.node.path}`,
    });
    this.scheduleRule = new events.Rule(this, 'Schedule', {
      description: `Starts the organization compliance scanner ${this.node.path}`,
      schedule: props.schedule ?? events.Schedule.rate(Duration.days(1)),
      targets: [new targets.SfnStateMachine(this.stateMachine, {
        role: eventsRole, retryAttempts: 3, maxEventAge: Duration.hours(2), deadLetterQueue: this.scheduleDeadLetterQueue,
      })],
    });

    // --- alarms, dashboard ----------------------------------------------------------------------------
    const action = new cw_actions.SnsAction(this.alertTopic);
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, description: string,
      op = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription: `${this.node.path}: ${description}`,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: op,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      return a;
    };
    this.runFailedAlarm = alarm('RunFailedAlarm', this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }), 1,
      'an organization scan run failed (its plan, or more items than tolerated); see the run report');
    this.notScannedAlarm = alarm('NotScannedAlarm', this.metricAccountsNotScanned(), 1, 'a run could not scan every account; the report says which and why');
    this.scoreAlarm = alarm('ScoreAlarm', this.metricScore(), scoreThreshold, `the organization score fell below ${scoreThreshold}`, cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD);
    this.itemErrorsAlarm = alarm('ItemErrorsAlarm', item.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 1, 'item scans failed (they are retried; items that fail every attempt are reported as not scanned)');
    this.scheduleDeadLetterAlarm = alarm('ScheduleDeadLetterAlarm', this.scheduleDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), 1,
      'EventBridge could not start a scheduled run; the event is in the schedule dead-letter queue');
    const hourly = (m: (p: cloudwatch.MetricOptions) => cloudwatch.Metric) => m.call(item.fn, { period: Duration.hours(1) });
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(14),
      widgets: [
        [
          new cloudwatch.SingleValueWidget({ title: 'Organization score', metrics: [this.metricScore()], width: 6, height: 6 }),
          new cloudwatch.GraphWidget({ title: 'Accounts', left: [this.scanMetric('AccountsScanned', {}, { statistic: 'Maximum' }), this.metricAccountsNotScanned()], width: 9, height: 6 }),
          new cloudwatch.GraphWidget({ title: 'Findings by severity', left: SEVERITIES.map((s) => this.scanMetric('FindingsBySeverity', { Severity: s }, { statistic: 'Maximum', label: s })), stacked: true, width: 9, height: 6 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Run duration', left: [this.stateMachine.metricTime({ statistic: 'Maximum', period: Duration.hours(1) })], width: 12, height: 6 }),
          new cloudwatch.GraphWidget({
            title: 'Item scans',
            left: [hourly(item.fn.metricInvocations), hourly(item.fn.metricErrors), hourly(item.fn.metricThrottles)],
            right: [item.fn.metricDuration({ statistic: 'Maximum', period: Duration.hours(1) })],
            width: 12,
            height: 6,
          }),
        ],
        [new cloudwatch.AlarmStatusWidget({
          title: 'Alarms', alarms: [this.runFailedAlarm, this.notScannedAlarm, this.scoreAlarm, this.itemErrorsAlarm, this.scheduleDeadLetterAlarm], width: 24,
        })],
      ],
    });
  }

  /**
   * The organization score (0 to 100) of each run.
   *
   * @default - minimum over one day
   */
  public metricScore(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.scanMetric('OrganizationScore', {}, { statistic: 'Minimum', period: Duration.days(1), ...props });
  }

  /**
   * Accounts a run could not scan at all.
   *
   * @default - maximum over one day
   */
  public metricAccountsNotScanned(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.scanMetric('AccountsNotScanned', {}, { statistic: 'Maximum', period: Duration.days(1), ...props });
  }

  /** Let a principal start a run (`states:StartExecution`). */
  public grantStartRun(grantee: iam.IGrantable): iam.Grant {
    return this.stateMachine.grantStartExecution(grantee);
  }

  /** Let a principal redrive a failed run (`states:RedriveExecution`): only the items that did not succeed run again. */
  public grantRedrive(grantee: iam.IGrantable): iam.Grant {
    return this.stateMachine.grantRedriveExecution(grantee);
  }

  private scanMetric(metricName: string, dimensions: Record<string, string>, props: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.metricNamespace, metricName, dimensionsMap: { service: METRIC_SERVICE, ...dimensions }, period: Duration.days(1), ...props,
    });
  }

  private newFunction(
    fnId: string,
    Ctor: new (scope: Construct, id: string, props: lambda.FunctionOptions) => lambda.Function,
    what: string,
    environment: Record<string, string>,
    opts: { timeout: Duration; memorySize: number; reservedConcurrency: number },
  ): { fn: lambda.Function; role: ManagedPolicyRole } {
    const logGroup = new ComplianceLogGroup(this, `${fnId}Logs`, { encryptionKey: this.key });
    const role = new ManagedPolicyRole(this, `${fnId}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Organization compliance scanner ${this.node.path}: ${what}`,
    });
    const deadLetterQueue = new ComplianceQueue(this, `${fnId}DeadLetterQueue`, { encryptionKey: this.key, deadLetterQueueFor: `asynchronous invocations of the ${fnId} function; its depth is alarmed` });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }));
    const fn = new Ctor(this, `${fnId}Function`, {
      description: `Organization compliance scanner ${this.node.path}: ${what}`,
      architecture: lambda.Architecture.ARM_64,
      memorySize: opts.memorySize,
      timeout: opts.timeout,
      reservedConcurrentExecutions: opts.reservedConcurrency,
      role,
      tracing: lambda.Tracing.ACTIVE,
      environment,
      environmentEncryption: this.key,
      deadLetterQueue,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
    });
    const cfn = fn.node.defaultChild as lambda.CfnFunction;
    const reason = 'The function calls only AWS APIs (public endpoints over TLS, SigV4-signed) and serves no network traffic. Inside a VPC it would need interface endpoints for every audited service in every scanned Region, or a NAT gateway; it reads configuration metadata only.';
    NagControl.LAMBDA_INSIDE_VPC.acknowledge(cfn, reason);
    return { fn, role };
  }

  /**
   * aws-cdk-lib gives a state machine with a Distributed Map an inline policy (start, describe, stop
   * and redrive its own child executions); the same statements go to the role's managed policy
   * instead, naming the executions by the state machine's fixed name.
   */
  private moveDistributedMapPolicy(role: ManagedPolicyRole, name: string, label: string): void {
    const stack = Stack.of(this);
    const arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.stateMachine.node.tryRemoveChild('DistributedMapPolicy');
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'StartChildExecutions', actions: ['states:StartExecution'], resources: [arn('stateMachine', name)] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ManageChildExecutions', actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [arn('execution', `${name}:*`), arn('execution', `${name}/${label}:*`)],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'RedriveMapRuns', actions: ['states:RedriveExecution'], resources: [arn('execution', `${name}/${label}:*`)] }));
  }

  /** Acknowledge, on each policy and finding, what cannot be narrower. */
  private acknowledgeRoles(
    roles: { plan: ManagedPolicyRole; item: ManagedPolicyRole; report: ManagedPolicyRole; stateMachine: ManagedPolicyRole },
    functions: lambda.Function[],
    runObjects: string,
  ): void {
    const policy = (r: ManagedPolicyRole) => r.permissions!.node.defaultChild!;
    const ack = (r: ManagedPolicyRole, resource: string, reason: string) =>
      acknowledgeFinding(policy(r), `AwsSolutions-IAM5[Resource::${nagResourceText(policy(r), resource)}]`, reason);
    const runs = 'Each run writes under its own prefix (organization-scans/runs/<run id>/), whose name is the execution name, known only at run time; puts are limited to the runs prefix.';
    ack(roles.plan, '*', 'Only actions IAM accepts on "*" alone: organizations:ListAccounts, ListAccountsForParent and ListChildren (read-only listing of the organization; the root and OU ARNs contain the management account and organization ids, unknown here), ec2:DescribeRegions, and the X-Ray write actions.');
    ack(roles.plan, runObjects, runs);
    ack(roles.item, '*', 'Only the X-Ray write actions (telemetry), which IAM accepts on "*" alone.');
    ack(roles.item, runObjects, runs);
    ack(roles.item, `arn:${Stack.of(this).partition}:iam::*:role/${this.memberRoleName}`,
      `The scanner assumes the read-only member role ${this.memberRoleName} in each account of the organization; accounts join and leave, so the account is a wildcard, and the role name is fixed.`);
    ack(roles.report, '*', 'Only the X-Ray write actions (telemetry), which IAM accepts on "*" alone.');
    ack(roles.report, runObjects, runs);
    ack(roles.report, this.reportBucket.arnForObjects(`${ORG_PREFIX}results/*`),
      'The Distributed Map\'s result writer chooses its keys at run time (organization-scans/results/<map run id>/manifest.json and result files); reads are limited to that prefix.');
    const sm = roles.stateMachine;
    ack(sm, '*', 'Only the actions IAM cannot scope to a resource: CloudWatch Logs log delivery (logs:CreateLogDelivery and related, which Step Functions needs to log to its log group) and X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets).');
    for (const action of ['logs:CreateLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:PutResourcePolicy']) {
      acknowledgeFinding(policy(sm), `CompliancePack-IamWriteOnWildcardResource[Action::${action}]`,
        `${action} is part of the log delivery Step Functions sets up for its execution log group; IAM supports no resource-level permission for it, so it can only be granted on "*".`);
    }
    for (const fn of functions) {
      ack(sm, `${fn.functionArn}:*`, `Step Functions' Lambda integration invokes ${fn.node.id} by its ARN and its versions or aliases (<arn>:*): only this function.`);
    }
    ack(sm, `arn:${Stack.of(this).partition}:s3:::${this.reportBucket.bucketName}/*`,
      'The Distributed Map reads its items (organization-scans/runs/<run id>/items.json) and writes its results with the state machine\'s role; aws-cdk-lib grants the item reader and the result writer on the bucket\'s objects, and the bucket holds only this scanner\'s data.');
    const stack = Stack.of(this);
    for (const suffix of [':*', `/${MAP_LABEL}:*`]) {
      ack(sm, stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${stateMachineNameOf(this)}${suffix}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
        'The Distributed Map starts one child execution per item, named at run time: the state machine may describe, stop and redrive only its own executions.');
    }
  }

}

/** The fixed name of the scanner's state machine. */
function stateMachineNameOf(scanner: OrganizationScanner): string {
  return Names.uniqueResourceName(scanner, { maxLength: 80, separator: '-' }).replace(/[^A-Za-z0-9_-]/g, '-');
}
