import { Duration } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledgeRoles } from './acknowledgments';
import { grantFunctions, organizationFunctions } from './functions';
import { memberStackSet } from './member-role';
import { organizationMetric, runAlarms, runDashboard, runSchedule } from './monitoring';
import { OrganizationScannerProps, StackSetCallAs } from './props';
import { organizationSettings } from './settings';
import { organizationRun } from './state-machine';
import { ScannerAlarms } from '../scanner/monitoring';
import { requiredActions } from '../scanner/runtime/checks';
import { ScannerStorage, allowEventsToUseKey, findingsTable, outputKeyArns, scannerKey, scannerOutputs } from '../scanner/storage';

export * from './props';

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
    const settings = organizationSettings(this, props);
    this.enabledChecks = settings.enabledChecks;
    this.memberRoleName = settings.memberRoleName;
    this.externalId = settings.externalId;
    this.metricNamespace = settings.metricNamespace;

    // --- storage, key, topic --------------------------------------------------------------------
    this.key = scannerKey(this, props.encryptionKey, `Encrypts the data of the organization compliance scanner ${this.node.path}`);
    this.findingsTable = findingsTable(this, this.key, {
      firstIndex: { indexName: 'byAccount', partitionKey: 'accountId' },
      backupReason: 'Findings are re-created by every run and the reports that contain them are kept in versioned S3; the table has point-in-time recovery (35 days) and deletion protection, so an AWS Backup plan would only copy data the next run rewrites.',
    });
    const outputs = scannerOutputs(this, this.key, { reportBucket: props.reportBucket, alertTopic: props.alertTopic });
    this.reportBucket = outputs.reportBucket;
    this.alertTopic = outputs.alertTopic;
    allowEventsToUseKey(this.key);
    const resources: ScannerStorage = {
      ...outputs, key: this.key, keyArns: outputKeyArns(this.key, outputs), findingsTable: this.findingsTable,
    };

    // --- functions, member roles, state machine ---------------------------------------------------
    const functions = organizationFunctions(this, props, settings, resources);
    this.planFunction = functions.plan.fn;
    this.itemFunction = functions.item.fn;
    this.reportFunction = functions.report.fn;
    this.scannerRole = functions.item.role;
    grantFunctions(functions, resources, this.memberRoleName, props.organizationId);
    if (props.deployMemberRoles ?? true) {
      this.memberStackSet = memberStackSet(this, {
        roleName: this.memberRoleName,
        actions: requiredActions(settings.enabled),
        requireOrganization: props.organizationId !== undefined,
        organizationalUnitIds: settings.organizationalUnitIds,
        scannerRoleArn: functions.item.role.roleArn,
        externalId: this.externalId,
        organizationId: props.organizationId,
        callAs: props.stackSetCallAs ?? StackSetCallAs.DELEGATED_ADMIN,
      });
    }
    const run = organizationRun(this, props, settings, functions, resources);
    this.stateMachine = run.stateMachine;
    acknowledgeRoles(this, functions, run.role, this.reportBucket, this.memberRoleName);

    // --- schedule, alarms, dashboard --------------------------------------------------------------
    const schedule = runSchedule(this, this.key, this.stateMachine, props.schedule);
    this.scheduleRule = schedule.rule;
    this.scheduleDeadLetterQueue = schedule.deadLetterQueue;
    const metrics = {
      metricScore: () => this.metricScore(), metricAccountsNotScanned: () => this.metricAccountsNotScanned(), metric: this.scanMetric.bind(this),
    };
    const alarms = runAlarms(new ScannerAlarms(this, this.alertTopic), settings.scoreThreshold, this.stateMachine, this.itemFunction,
      this.scheduleDeadLetterQueue, metrics);
    this.runFailedAlarm = alarms.runFailedAlarm;
    this.notScannedAlarm = alarms.notScannedAlarm;
    this.scoreAlarm = alarms.scoreAlarm;
    this.itemErrorsAlarm = alarms.itemErrorsAlarm;
    this.scheduleDeadLetterAlarm = alarms.scheduleDeadLetterAlarm;
    this.dashboard = runDashboard(this, this.stateMachine, this.itemFunction, metrics, alarms);
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
    return organizationMetric(this.metricNamespace, metricName, dimensions, props);
  }
}
