import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REPORT_PREFIX, ScannerResources, scannerFunction, scannerRole } from './function';
import { functionAlarms, ScannerAlarms, scannerDashboard, SEVERITIES } from './monitoring';
import { ComplianceScannerProps } from './props';
import { ScannerRemediation } from './remediation/scanner-remediation';
import { scannerSchedule } from './schedule';
import { ScannerSettings, scannerSettings } from './settings';
import { allowEventsToUseKey, findingsTable, outputKeyArns, scannerKey, scannerOutputs } from './storage';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ComplianceQueue } from '../core/compliance-queue';
import { ComplianceValidationError } from '../core/validation';

export * from './props';

/** Metric dimension `service` that the engine's EMF metrics carry. */
const METRIC_SERVICE = 'compliance-scanner';

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
    const settings = scannerSettings(this, props);
    this.enabledChecks = settings.enabledChecks;
    this.metricNamespace = settings.metricNamespace;

    // --- key, storage, topic ------------------------------------------------------------------
    this.key = scannerKey(this, props.encryptionKey, `Encrypts the data of the compliance scanner ${this.node.path}`);
    this.findingsTable = findingsTable(this, this.key, {
      tableName: settings.name('findings'),
      firstIndex: { indexName: 'byCheck', partitionKey: 'checkId' },
      // The remediation reads new and changed findings from the stream.
      stream: settings.fixes ? dynamodb.StreamViewType.NEW_IMAGE : undefined,
      backupReason: 'Findings are re-created by every scan and the reports that contain them are kept in versioned S3; the table has point-in-time recovery (35 days) and deletion protection, so an AWS Backup plan would only copy data the next scan rewrites.',
    });
    const outputs = scannerOutputs(this, this.key, { reportBucket: props.reportBucket, alertTopic: props.alertTopic, topicName: settings.name('alerts') });
    this.reportBucket = outputs.reportBucket;
    this.reportPrefix = REPORT_PREFIX;
    this.alertTopic = outputs.alertTopic;

    // --- function -------------------------------------------------------------------------------
    this.logGroup = new ComplianceLogGroup(this, 'Logs', { encryptionKey: this.key, retention: props.logRetention });
    this.deadLetterQueue = this.newDeadLetterQueue('DeadLetterQueue', 'asynchronous invocations of the scanner function');
    this.scheduleDeadLetterQueue = this.newDeadLetterQueue('ScheduleDeadLetterQueue', 'scheduled events EventBridge could not deliver');
    allowEventsToUseKey(this.key);
    const resources: ScannerResources = {
      key: this.key,
      keyArns: outputKeyArns(this.key, outputs),
      findingsTable: this.findingsTable,
      reportBucket: this.reportBucket,
      reportKey: outputs.reportKey,
      alertTopic: this.alertTopic,
      logGroup: this.logGroup,
      deadLetterQueue: this.deadLetterQueue,
    };
    const role = scannerRole(this, settings, resources, props.securityHub ?? false);
    this.role = role.role;
    this.readPolicy = role.readPolicy;
    this.outputPolicy = role.outputPolicy;
    this.scanFunction = scannerFunction(this, props, settings, resources, role);
    this.scheduleRule = scannerSchedule(this, settings, this.scanFunction, this.scheduleDeadLetterQueue);

    // --- alarms, remediation, dashboard ---------------------------------------------------------
    const alarms = new ScannerAlarms(this, this.alertTopic, settings.name);
    const own = functionAlarms(alarms, settings, this.scanFunction, this, this);
    this.errorsAlarm = own.errorsAlarm;
    this.throttlesAlarm = own.throttlesAlarm;
    this.durationAlarm = own.durationAlarm;
    this.deadLetterAlarm = own.deadLetterAlarm;
    this.scheduleDeadLetterAlarm = own.scheduleDeadLetterAlarm;
    this.scoreAlarm = own.scoreAlarm;
    if (settings.fixes) {
      const remediation = this.newRemediation(props, settings, resources);
      this.remediationFunction = remediation.handler;
      this.remediationRole = remediation.role;
      const metrics = remediation.alarms();
      this.remediationErrorsAlarm = alarms.alarm('RemediationErrorsAlarm', metrics.errors, 1, 'the remediation function failed');
      this.remediationFailuresAlarm = alarms.alarm('RemediationFailuresAlarm', metrics.failures, 1,
        'findings could not be remediated after every retry; they are in the remediation failure queue');
    }
    this.dashboard = scannerDashboard(this, settings, this.scanFunction, this, [
      ...Object.values(own),
      ...(this.remediationErrorsAlarm ? [this.remediationErrorsAlarm] : []),
      ...(this.remediationFailuresAlarm ? [this.remediationFailuresAlarm] : []),
    ]);
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

  private newDeadLetterQueue(queueId: string, what: string): sqs.Queue {
    return new ComplianceQueue(this, queueId, { encryptionKey: this.key, deadLetterQueueFor: `${what}; its depth is alarmed` });
  }

  /** The opt-in remediation (`Remediation`), reading the findings table's stream. */
  private newRemediation(props: ComplianceScannerProps, settings: ScannerSettings, resources: ScannerResources): ScannerRemediation {
    return new ScannerRemediation(this, 'Remediation', {
      fixes: settings.fixes!,
      dryRun: props.remediation?.dryRun ?? true,
      findingsTable: this.findingsTable,
      key: this.key,
      keyArns: resources.keyArns,
      auditBucket: this.reportBucket,
      auditKey: resources.reportKey,
      logRetention: props.logRetention,
      functionName: settings.name('remediation'),
    });
  }
}
