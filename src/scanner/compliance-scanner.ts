import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
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
import { Construct } from 'constructs';
import { selectCheckIds, requireRegions } from './check-selection';
import { acknowledgeReadPolicy, readStatements } from './read-permissions';
import { ScannerRemediation } from './remediation/scanner-remediation';
import { ALL_CHECKS, requiredActions } from './runtime/checks';
import { ScannerFunction } from './runtime/scanner-function';
import { ComplianceBucket } from '../compliance-bucket/compliance-bucket';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';
import { ComplianceKey } from '../core/compliance-key';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ComplianceQueue } from '../core/compliance-queue';
import { ComplianceTopic } from '../core/compliance-topic';
import { NagControl } from '../core/nag-control';
import { ComplianceValidationError, requireRange } from '../core/validation';

/** Key prefix of everything the scanner writes to the report bucket (fixed by the engine). */
const REPORT_PREFIX = 'compliance-scans/';
/** Metric dimension `service` that the engine's EMF metrics carry. */
const METRIC_SERVICE = 'compliance-scanner';
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const NAME_PREFIX = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
const NAMESPACE = /^[A-Za-z0-9._/#:-]{1,255}$/;

/** A finding the scanner's remediation may fix; the value is the id of the check that reports it. */
export enum RemediationFix {
  /** Turn on all four S3 Block Public Access settings of a bucket (check `s3-bucket-public-access-block`). */
  S3_BUCKET_PUBLIC_ACCESS_BLOCK = 's3-bucket-public-access-block',
  /** Set a bucket's default encryption to SSE-KMS with the AWS managed key `aws/s3` (check `s3-bucket-kms-encryption`). */
  S3_BUCKET_DEFAULT_ENCRYPTION = 's3-bucket-kms-encryption',
  /** Turn on EBS encryption by default in a Region (check `ec2-ebs-encryption-by-default`). */
  EBS_ENCRYPTION_BY_DEFAULT = 'ec2-ebs-encryption-by-default',
}

/** Options of the scanner's opt-in remediation. */
export interface ScannerRemediationOptions {
  /**
   * Record what would be changed and change nothing. In a dry run the remediation role is not
   * granted any of the fixing actions.
   *
   * @default true
   */
  readonly dryRun?: boolean;

  /**
   * The fixes that may be applied. Each must belong to an enabled check.
   *
   * @default - every fix whose check is enabled
   */
  readonly fixes?: RemediationFix[];
}

/** Properties of a `ComplianceScanner`. */
export interface ComplianceScannerProps {
  /**
   * Ids of the checks to run (see the README for the catalog). The scanner's role may call only the
   * read actions these checks declare.
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
   * Regions to scan, for example `['eu-west-1', 'us-east-1']`.
   *
   * @default - every Region enabled for the account (looked up with `ec2:DescribeRegions` at each scan)
   */
  readonly regions?: string[];

  /**
   * When scans run: a rate or a cron expression. A rate must not be shorter than the function
   * timeout, so that scans never overlap.
   *
   * @default events.Schedule.rate(Duration.days(1))
   */
  readonly schedule?: events.Schedule;

  /**
   * Memory of the scanner function, in MiB (128 to 10240).
   *
   * @default 1024
   */
  readonly memorySize?: number;

  /**
   * Timeout of the scanner function (1 to 15 minutes). The engine stops collecting before it,
   * keeping a margin (10% of the timeout, at least 15 seconds, at most 2 minutes) to write its outputs.
   *
   * @default Duration.minutes(10)
   */
  readonly timeout?: Duration;

  /**
   * Concurrent executions reserved for the scanner (at least 1). One is enough for scheduled
   * scans, and caps what a flood of on-demand invocations can cost.
   *
   * @default 1
   */
  readonly reservedConcurrency?: number;

  /**
   * API calls in flight per AWS service during a scan (1 to 64).
   *
   * @default 8
   */
  readonly scanConcurrency?: number;

  /**
   * Score (0 to 100) below which a scan alerts on the topic and the score alarm fires.
   *
   * @default 80
   */
  readonly scoreThreshold?: number;

  /**
   * Bucket for the reports (written under `compliance-scans/`, SSE-KMS).
   *
   * @default - a new `ComplianceBucket` encrypted with `encryptionKey`
   */
  readonly reportBucket?: s3.IBucket;

  /**
   * Key that encrypts the function's environment, the findings table, the dead-letter queues, the
   * log group and (when created here) the alert topic and report bucket. A key that is not a
   * `ComplianceKey` must itself allow `events.amazonaws.com` and `logs.<region>.amazonaws.com`
   * to use it.
   *
   * @default - a new `ComplianceKey`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Topic for scan alerts (score below threshold, new critical findings) and alarms. A topic that
   * is not a `ComplianceTopic` must itself allow `cloudwatch.amazonaws.com` to publish.
   *
   * @default - a new `ComplianceTopic` (KMS-encrypted, TLS-only)
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * How long the function's log events are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * CloudWatch namespace of the scan metrics (score, score per category, findings by severity).
   * Give each scanner in an account its own namespace.
   *
   * @default 'ComplianceScanner'
   */
  readonly metricNamespace?: string;

  /**
   * Fix a small allow-list of findings (see `RemediationFix`) as the scanner writes them, with a
   * separate function and role, and an audit record in the report bucket (under
   * `compliance-remediation/`) for every change made or that would be made.
   *
   * @default - no remediation
   */
  readonly remediation?: ScannerRemediationOptions;

  /**
   * Import the findings into AWS Security Hub (ASFF, `BatchImportFindings`) in the scanner's
   * Region, as the account's own product; a finding that a later scan shows fixed is re-imported
   * PASSED and ARCHIVED, so Security Hub resolves it. Security Hub must be enabled in that Region.
   * The role may import into the account's default product only, for the account only.
   *
   * @default false
   */
  readonly securityHub?: boolean;

  /**
   * Also list the checks that passed in the OCSF output written beside each report (one
   * Compliance Finding with status Pass per check and Region), not only the failed resources.
   *
   * @default false
   */
  readonly ocsfIncludePassed?: boolean;

  /**
   * Prefix of physical names (function, table, rule, dashboard, alarms), for example `audit`.
   *
   * Without it every name is generated by CloudFormation: a fixed name blocks any update that
   * replaces the resource and a second scanner in the same account and Region. Give a prefix only
   * when something outside the stack must find the resources by name.
   *
   * @default - names generated by CloudFormation
   */
  readonly namePrefix?: string;
}

/**
 * Scheduled, least-privilege scan of the live account against the library's compliance checks.
 *
 * A Lambda function runs the bundled scanner engine (Node.js 24, arm64, active tracing, reserved
 * concurrency, environment encrypted with a customer managed key, dead-letter queue, KMS-encrypted
 * log group with retention). Its dedicated role has customer managed policies only: read actions
 * are exactly those the enabled checks declare, writes are limited to the findings table, the
 * report prefix, the alert topic and the key. An EventBridge rule runs it on a schedule (retries,
 * dead-letter queue). Findings go to a DynamoDB table, reports to S3, alerts to SNS; alarms and a
 * dashboard watch it.
 *
 * Run a scan on demand (optionally narrowed, or as a dry run that writes nothing):
 *
 * ```sh
 * aws lambda invoke --function-name <scanner.scanFunction.functionName> \
 *   --cli-binary-format raw-in-base64-out \
 *   --payload '{"regions":["eu-west-1"],"checkIds":["s3-bucket-versioning"],"dryRun":true}' out.json
 * ```
 *
 * @example
 * import { ComplianceScanner } from 'cdk-compliance-constructs';
 *
 * const scanner = new ComplianceScanner(this, 'Scanner', {
 *   regions: ['us-east-1', 'eu-west-1'],   // default: every Region enabled for the account
 *   scoreThreshold: 85,                    // alarm and alert below this score
 *   remediation: { dryRun: true },         // opt-in; records what it would fix
 * });
 */
export class ComplianceScanner extends Construct {
  /** The key that encrypts the scanner's data (created or given). */
  public readonly key: kms.IKey;
  /** The scanner function. */
  public readonly scanFunction: lambda.Function;
  /** The function's execution role (customer managed policies only). */
  public readonly role: iam.Role;
  /** The read actions of the enabled checks. */
  public readonly readPolicy: iam.ManagedPolicy;
  /** Logs, traces and outputs: the findings table, the report prefix, the topic, the key, the dead-letter queue. */
  public readonly outputPolicy: iam.ManagedPolicy;
  /** The function's log group. */
  public readonly logGroup: ComplianceLogGroup;
  /** Asynchronous invocations that failed every attempt. */
  public readonly deadLetterQueue: sqs.Queue;
  /** The schedule. */
  public readonly scheduleRule: events.Rule;
  /** Scheduled events EventBridge could not deliver to the function. */
  public readonly scheduleDeadLetterQueue: sqs.Queue;
  /** Findings, one item per (account, region, check, resource); indexes `byCheck` and `bySeverity`. */
  public readonly findingsTable: dynamodb.Table;
  /** Where the reports are written. */
  public readonly reportBucket: s3.IBucket;
  /** Key prefix of the reports in `reportBucket`. */
  public readonly reportPrefix: string;
  /** Where alerts and alarms go. */
  public readonly alertTopic: sns.ITopic;
  /** Score, findings and function health. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** The function reported errors. */
  public readonly errorsAlarm: cloudwatch.Alarm;
  /** Invocations were throttled. */
  public readonly throttlesAlarm: cloudwatch.Alarm;
  /** A scan came within 10% of the timeout. */
  public readonly durationAlarm: cloudwatch.Alarm;
  /** A message reached one of the dead-letter queues. */
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** A scheduled event could not be delivered. */
  public readonly scheduleDeadLetterAlarm: cloudwatch.Alarm;
  /** The score fell below the threshold. */
  public readonly scoreAlarm: cloudwatch.Alarm;
  /** Ids of the checks this scanner runs. */
  public readonly enabledChecks: string[];
  /** CloudWatch namespace of the scan metrics. */
  public readonly metricNamespace: string;
  /** The remediation function, when remediation is on. */
  public readonly remediationFunction?: lambda.Function;
  /** The remediation function's role (customer managed policy only), when remediation is on. */
  public readonly remediationRole?: iam.Role;
  /** The remediation function failed. */
  public readonly remediationErrorsAlarm?: cloudwatch.Alarm;
  /** Findings the remediation could not process after every retry. */
  public readonly remediationFailuresAlarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ComplianceScannerProps = {}) {
    super(scope, id);

    // --- validation -----------------------------------------------------------------------
    this.enabledChecks = selectCheckIds(this, props.checks, props.excludedChecks);
    const enabled = ALL_CHECKS.filter((c) => this.enabledChecks.includes(c.id));
    const regions = props.regions;
    requireRegions(this, regions);
    requireRange(this, 'memorySize', props.memorySize, 128, 10240, ' MiB');
    requireRange(this, 'reservedConcurrency', props.reservedConcurrency, 1, 1000);
    requireRange(this, 'scanConcurrency', props.scanConcurrency, 1, 64);
    requireRange(this, 'scoreThreshold', props.scoreThreshold, 0, 100);
    const timeout = props.timeout ?? Duration.minutes(10);
    const timeoutSeconds = timeout.toSeconds();
    if (timeoutSeconds < 60 || timeoutSeconds > 900) {
      throw new ComplianceValidationError(this, 'timeout', timeout, 'Allowed: 1 to 15 minutes (the Lambda maximum).');
    }
    const schedule = props.schedule ?? events.Schedule.rate(Duration.days(1));
    this.validateSchedule(schedule, timeoutSeconds);
    if (props.namePrefix !== undefined && !NAME_PREFIX.test(props.namePrefix)) {
      throw new ComplianceValidationError(this, 'namePrefix', props.namePrefix, 'Allowed: 1 to 32 letters, digits and hyphens, starting with a letter.');
    }
    this.metricNamespace = props.metricNamespace ?? 'ComplianceScanner';
    if (!NAMESPACE.test(this.metricNamespace)) {
      throw new ComplianceValidationError(this, 'metricNamespace', this.metricNamespace, 'Allowed: 1 to 255 letters, digits and . _ - / # :');
    }
    const fixes = this.selectFixes(props.remediation);
    const name = (suffix: string) => (props.namePrefix ? `${props.namePrefix}-${suffix}` : undefined);
    const scoreThreshold = props.scoreThreshold ?? 80;

    // --- key, storage, topic ------------------------------------------------------------------
    this.key = props.encryptionKey ?? new ComplianceKey(this, 'Key', { description: `Encrypts the data of the compliance scanner ${this.node.path}` });

    this.findingsTable = new dynamodb.Table(this, 'Findings', {
      tableName: name('findings'),
      partitionKey: { name: 'findingId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The remediation reads new and changed findings from the stream.
      stream: fixes ? dynamodb.StreamViewType.NEW_IMAGE : undefined,
    });
    this.findingsTable.addGlobalSecondaryIndex({
      indexName: 'byCheck',
      partitionKey: { name: 'checkId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'lastSeen', type: dynamodb.AttributeType.STRING },
    });
    this.findingsTable.addGlobalSecondaryIndex({
      indexName: 'bySeverity',
      partitionKey: { name: 'severity', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'lastSeen', type: dynamodb.AttributeType.STRING },
    });
    const backupReason = 'Findings are re-created by every scan and the reports that contain them are kept in versioned S3; the table has point-in-time recovery (35 days) and deletion protection, so an AWS Backup plan would only copy data the next scan rewrites.';
    NagControl.DYNAMODB_BACKUP_PLAN.acknowledge(this.findingsTable.node.defaultChild!, backupReason);

    this.reportBucket = props.reportBucket ?? new ComplianceBucket(this, 'Reports', { encryptionKey: this.key });
    const reportKey = this.reportBucket.encryptionKey ?? this.key;
    this.reportPrefix = REPORT_PREFIX;

    this.alertTopic = props.alertTopic ?? new ComplianceTopic(this, 'Alerts', { topicName: name('alerts'), masterKey: this.key });
    if (this.alertTopic instanceof ComplianceTopic) {
      this.alertTopic.allowServicePublish('cloudwatch.amazonaws.com');
    }

    // --- function -------------------------------------------------------------------------------
    this.logGroup = new ComplianceLogGroup(this, 'Logs', { encryptionKey: this.key, retention: props.logRetention });
    this.deadLetterQueue = this.newDeadLetterQueue('DeadLetterQueue', 'asynchronous invocations of the scanner function');
    this.scheduleDeadLetterQueue = this.newDeadLetterQueue('ScheduleDeadLetterQueue', 'scheduled events EventBridge could not deliver');
    if (this.key instanceof ComplianceKey) {
      this.key.grantServiceUse('events.amazonaws.com', ['kms:GenerateDataKey', 'kms:Decrypt']);
    }

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the compliance scanner ${this.node.path}`,
    });
    this.readPolicy = new iam.ManagedPolicy(this, 'ReadPolicy', {
      description: `Read-only actions of the enabled compliance checks (${this.node.path})`,
      roles: [this.role],
      statements: readStatements(this, requiredActions(enabled)),
    });
    const keyArns = [...new Set([this.key.keyArn, reportKey.keyArn, ...(this.alertTopic.masterKey ? [this.alertTopic.masterKey.keyArn] : [])])];
    this.outputPolicy = new iam.ManagedPolicy(this, 'OutputPolicy', {
      description: `Logs, traces and outputs of the compliance scanner ${this.node.path}`,
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
        new iam.PolicyStatement({ sid: 'WriteTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
        new iam.PolicyStatement({ sid: 'WriteFindings', actions: ['dynamodb:BatchWriteItem'], resources: [this.findingsTable.tableArn] }),
        // The engine lists the previous report's key before reading it: without s3:ListBucket, S3
        // answers a GetObject on a missing key (the first scan) with 403 AccessDenied, not 404.
        new iam.PolicyStatement({
          sid: 'FindPreviousReport',
          actions: ['s3:ListBucket'],
          resources: [this.reportBucket.bucketArn],
          conditions: { StringEquals: { 's3:prefix': `${REPORT_PREFIX}latest.json` } },
        }),
        new iam.PolicyStatement({ sid: 'ReadPreviousReport', actions: ['s3:GetObject'], resources: [this.reportBucket.arnForObjects(`${REPORT_PREFIX}latest.json`)] }),
        new iam.PolicyStatement({ sid: 'WriteReports', actions: ['s3:PutObject'], resources: [this.reportBucket.arnForObjects(`${REPORT_PREFIX}*`)] }),
        new iam.PolicyStatement({ sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [this.alertTopic.topicArn] }),
        new iam.PolicyStatement({ sid: 'SendToDeadLetterQueue', actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
        new iam.PolicyStatement({ sid: 'UseKeys', actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: keyArns }),
        ...(props.securityHub ? [securityHubImportStatement(Stack.of(this))] : []),
      ],
    });
    acknowledgeReadPolicy(this.readPolicy, requiredActions(enabled));
    acknowledgeFinding(this.outputPolicy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::*]',
      'Only actions that IAM accepts with Resource "*" alone (no resource-level permissions) are granted on "*": the X-Ray write actions (telemetry).');
    acknowledgeFinding(this.outputPolicy.node.defaultChild!, `AwsSolutions-IAM5[Resource::${nagResourceText(this, this.reportBucket.arnForObjects(`${REPORT_PREFIX}*`))}]`,
      `Each scan writes its report under a new dated key (${REPORT_PREFIX}reports/<date>/<scan id>.json); puts are limited to the scanner's own prefix.`);

    const reserveSeconds = Math.min(120, Math.max(15, Math.floor(timeoutSeconds / 10)));
    const environment: Record<string, string> = {
      REPORT_BUCKET: this.reportBucket.bucketName,
      REPORT_KMS_KEY_ID: reportKey.keyArn,
      FINDINGS_TABLE: this.findingsTable.tableName,
      ALERT_TOPIC_ARN: this.alertTopic.topicArn,
      SCORE_THRESHOLD: String(scoreThreshold),
      SCAN_CONCURRENCY: String(props.scanConcurrency ?? 8),
      SCAN_CHECK_IDS: this.enabledChecks.join(','),
      OUTPUT_RESERVE_MS: String(reserveSeconds * 1000),
      POWERTOOLS_METRICS_NAMESPACE: this.metricNamespace,
    };
    if (regions !== undefined) {
      environment.SCAN_REGIONS = regions.join(',');
    }
    if (props.securityHub) environment.SECURITY_HUB = 'true';
    if (props.ocsfIncludePassed) environment.OCSF_INCLUDE_PASSED = 'true';
    this.scanFunction = new ScannerFunction(this, 'Function', {
      functionName: name('scanner'),
      description: `Compliance scanner ${this.node.path}: audits the account and writes findings, reports and alerts`,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout,
      reservedConcurrentExecutions: props.reservedConcurrency ?? 1,
      // Every permission comes from the managed policies above; the immutable view keeps CDK
      // from adding an inline DefaultPolicy for tracing, the dead-letter queue or the key.
      role: this.role.withoutPolicyUpdates(),
      tracing: lambda.Tracing.ACTIVE,
      environment,
      environmentEncryption: this.key,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 1,
      maxEventAge: Duration.hours(6),
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
    });
    this.scanFunction.node.addDependency(this.readPolicy, this.outputPolicy);
    this.acknowledgeFunctionFindings();

    // --- schedule -------------------------------------------------------------------------------
    this.scheduleRule = new events.Rule(this, 'Schedule', {
      ruleName: name('schedule'),
      description: `Runs the compliance scanner ${this.node.path}`,
      schedule,
      targets: [new targets.LambdaFunction(this.scanFunction, {
        event: events.RuleTargetInput.fromObject({ dryRun: false }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.scheduleDeadLetterQueue,
      })],
    });

    // --- alarms and dashboard ---------------------------------------------------------------
    const alarmAction = new cw_actions.SnsAction(this.alertTopic);
    const atLeast = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, description: string, comparisonOperator = atLeast) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        alarmName: name(alarmId),
        alarmDescription: `${this.node.path}: ${description}`,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(alarmAction);
      a.addOkAction(alarmAction);
      return a;
    };
    const fiveMinutes = Duration.minutes(5);
    this.errorsAlarm = alarm('ErrorsAlarm', this.scanFunction.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), 1, 'the scanner function failed');
    this.throttlesAlarm = alarm('ThrottlesAlarm', this.scanFunction.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), 1, 'scanner invocations were throttled (reserved concurrency reached)');
    this.durationAlarm = alarm('DurationAlarm', this.scanFunction.metricDuration({ period: fiveMinutes, statistic: 'Maximum' }), timeoutSeconds * 900,
      'a scan ran for 90% of the function timeout or more: raise the timeout or narrow the regions or checks');
    this.deadLetterAlarm = alarm('DeadLetterAlarm', this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }), 1,
      'an asynchronous scan failed every attempt; its event is in the dead-letter queue');
    this.scheduleDeadLetterAlarm = alarm('ScheduleDeadLetterAlarm', this.scheduleDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }), 1,
      'EventBridge could not deliver a scheduled scan; the event is in the schedule dead-letter queue');
    this.scoreAlarm = alarm('ScoreAlarm', this.metricScore(), scoreThreshold, `the compliance score fell below ${scoreThreshold}`, cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD);

    if (fixes) {
      const remediation = new ScannerRemediation(this, 'Remediation', {
        fixes,
        dryRun: props.remediation?.dryRun ?? true,
        findingsTable: this.findingsTable,
        key: this.key,
        keyArns,
        auditBucket: this.reportBucket,
        auditKey: reportKey,
        logRetention: props.logRetention,
        functionName: name('remediation'),
      });
      this.remediationFunction = remediation.handler;
      this.remediationRole = remediation.role;
      const metrics = remediation.alarms();
      this.remediationErrorsAlarm = alarm('RemediationErrorsAlarm', metrics.errors, 1, 'the remediation function failed');
      this.remediationFailuresAlarm = alarm('RemediationFailuresAlarm', metrics.failures, 1,
        'findings could not be remediated after every retry; they are in the remediation failure queue');
    }

    const categories = [...new Set(enabled.map((c) => c.category))].sort();
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: name('compliance'),
      defaultInterval: Duration.days(14),
      widgets: [
        [
          new cloudwatch.SingleValueWidget({ title: 'Compliance score', metrics: [this.metricScore()], width: 6, height: 6 }),
          new cloudwatch.GraphWidget({
            title: 'Score per category',
            left: categories.map((c) => this.metricCategoryScore(c)),
            leftYAxis: { min: 0, max: 100 },
            width: 18,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Findings by severity',
            left: SEVERITIES.map((s) => this.metricFindings(s)),
            stacked: true,
            width: 12,
            height: 6,
          }),
          new cloudwatch.GraphWidget({
            title: 'Scan duration',
            left: [this.scanFunction.metricDuration({ statistic: 'Maximum', period: Duration.hours(1) })],
            leftAnnotations: [{ value: timeoutSeconds * 1000, label: 'timeout' }],
            width: 12,
            height: 6,
          }),
        ],
        [new cloudwatch.AlarmStatusWidget({
          title: 'Alarms',
          alarms: [
            this.errorsAlarm, this.throttlesAlarm, this.durationAlarm, this.deadLetterAlarm, this.scheduleDeadLetterAlarm, this.scoreAlarm,
            ...(this.remediationErrorsAlarm ? [this.remediationErrorsAlarm] : []),
            ...(this.remediationFailuresAlarm ? [this.remediationFailuresAlarm] : []),
          ],
          width: 24,
        })],
      ],
    });
  }

  /**
   * The overall compliance score (0 to 100) of each scan, as the engine publishes it.
   *
   * @default - minimum over one day
   */
  public metricScore(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.scanMetric('ComplianceScore', {}, { statistic: 'Minimum', period: Duration.days(1), ...props });
  }

  /**
   * The score (0 to 100) of one category of checks, for example `s3` or `iam`.
   *
   * @default - minimum over one day
   */
  public metricCategoryScore(category: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.scanMetric('CategoryScore', { Category: category }, { statistic: 'Minimum', period: Duration.days(1), label: category, ...props });
  }

  /**
   * Failed findings of one severity (`CRITICAL`, `HIGH`, `MEDIUM` or `LOW`) in each scan.
   *
   * @default - maximum over one day
   */
  public metricFindings(severity: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    if (!SEVERITIES.includes(severity)) {
      throw new ComplianceValidationError(this, 'severity', severity, `Allowed: ${SEVERITIES.join(', ')}.`);
    }
    return this.scanMetric('FindingsBySeverity', { Severity: severity }, { statistic: 'Maximum', period: Duration.days(1), label: severity, ...props });
  }

  /** Let a principal run a scan on demand (`lambda:InvokeFunction` on the scanner function). */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return this.scanFunction.grantInvoke(grantee);
  }

  private scanMetric(metricName: string, dimensions: Record<string, string>, props: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.metricNamespace,
      metricName,
      dimensionsMap: { service: METRIC_SERVICE, ...dimensions },
      ...props,
    });
  }

  private selectFixes(options: ScannerRemediationOptions | undefined): string[] | undefined {
    if (options === undefined) {
      return undefined;
    }
    const all = Object.values(RemediationFix) as string[];
    const requested = options.fixes === undefined ? all.filter((f) => this.enabledChecks.includes(f)) : [...new Set(options.fixes as string[])];
    const unknown = requested.filter((f) => !all.includes(f));
    if (unknown.length > 0) {
      throw new ComplianceValidationError(this, 'remediation.fixes', unknown, `Allowed: ${all.join(', ')}.`);
    }
    const notScanned = requested.filter((f) => !this.enabledChecks.includes(f));
    if (notScanned.length > 0) {
      throw new ComplianceValidationError(this, 'remediation.fixes', notScanned, 'Each fix needs its check enabled: no finding would ever trigger it.');
    }
    if (requested.length === 0) {
      throw new ComplianceValidationError(this, 'remediation.fixes', requested, `At least one fix whose check is enabled: ${all.join(', ')}.`);
    }
    return requested;
  }

  private validateSchedule(schedule: events.Schedule, timeoutSeconds: number): void {
    const expression = schedule.expressionString;
    if (Token.isUnresolved(expression)) {
      return;
    }
    const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
    if (rate) {
      const seconds = Number(rate[1]) * ({ minute: 60, hour: 3600, day: 86400 } as Record<string, number>)[rate[2].replace(/s$/, '')];
      if (seconds < timeoutSeconds) {
        throw new ComplianceValidationError(this, 'schedule', expression, `A rate must not be shorter than the function timeout (${timeoutSeconds} seconds), so that scans never overlap.`);
      }
      return;
    }
    const cron = /^cron\((.*)\)$/.exec(expression);
    if (cron && cron[1].trim().split(/\s+/).length === 6) {
      return;
    }
    throw new ComplianceValidationError(this, 'schedule', expression, 'Allowed: events.Schedule.rate(...) or events.Schedule.cron(...), i.e. rate(<n> <unit>) or cron(<6 fields>).');
  }

  private newDeadLetterQueue(queueId: string, what: string): sqs.Queue {
    return new ComplianceQueue(this, queueId, { encryptionKey: this.key, deadLetterQueueFor: `${what}; its depth is alarmed` });
  }

  private acknowledgeFunctionFindings(): void {
    const cfnFunction = this.scanFunction.node.defaultChild as lambda.CfnFunction;
    const reason = 'The scanner calls only AWS APIs (public endpoints over TLS, SigV4-signed) and serves no network traffic. Inside a VPC it would need interface endpoints for every audited service in every scanned Region, or a NAT gateway; it reads configuration metadata only, never customer data.';
    NagControl.LAMBDA_INSIDE_VPC.acknowledge(cfnFunction, reason);
    const invokeConfig = this.scanFunction.node.tryFindChild('EventInvokeConfig')?.node.defaultChild;
    if (invokeConfig) {
      Validations.of(invokeConfig).acknowledge({
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason: 'Asynchronous invocations that fail every attempt go to the function\'s dead-letter queue (KMS, TLS-only, depth alarmed); an on-failure destination as well would deliver each failed event twice.',
      });
    }
  }
}

/**
 * BatchImportFindings into the account's own default product in the scanner's Region, for
 * findings about this account only (`securityhub:TargetAccount`).
 */
function securityHubImportStatement(stack: Stack): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ImportFindingsToSecurityHub',
    actions: ['securityhub:BatchImportFindings'],
    resources: [`arn:${stack.partition}:securityhub:${stack.region}:${stack.account}:product/${stack.account}/default`],
    conditions: { StringEquals: { 'securityhub:TargetAccount': stack.account } },
  });
}
