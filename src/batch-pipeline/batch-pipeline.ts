// The BatchPipeline construct: its public fields and methods, and the order its builders run in.
import { Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledgeUnfixable } from './acknowledgments';
import { buildCompute } from './compute';
import { resolveJobSettings } from './job-settings';
import { buildMonitoring } from './monitoring';
import { buildSecurityGroup, privateSubnets } from './network';
import { buildDeadLetterQueue, buildSchedule, buildStateMachine } from './orchestration';
import { BatchPipelineProps } from './props';
import { ComplianceKey } from '../core/compliance-key';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ComplianceTopic } from '../core/compliance-topic';

export * from './props';

/**
 * A nightly (or otherwise scheduled) AWS Batch workload that runs in private subnets, is watched
 * against its processing window, and never fails silently.
 *
 * - **Compute**: Fargate by default, Fargate Spot or managed EC2 (launch template requiring IMDSv2,
 *   encrypted volumes); private subnets only, no public IPs, a security group with no open egress.
 * - **Jobs**: a job queue and a job definition for your image, with a job role and an execution role
 *   that trust `ecs-tasks.amazonaws.com` and carry customer managed policies only; a read-only root
 *   filesystem, never privileged; a timeout; retries of infrastructure failures only; logs in a
 *   KMS-encrypted log group with retention; secrets from Secrets Manager or SSM.
 * - **Scale**: an array job sized from records per run, per-worker throughput and the window
 *   (`BatchScale.fromThroughput`) or given directly.
 * - **Orchestration**: a Step Functions state machine (logging ALL, X-Ray tracing) that submits the
 *   job, waits for it (`.sync`) and reports failures to the alert topic; runs and job attempts
 *   time out at the processing window and timeouts are reported too; started by EventBridge Scheduler with retries and an encrypted,
 *   TLS-only dead-letter queue.
 * - **Monitoring**: an EventBridge rule on failed Batch jobs, a rule on timed-out or aborted runs,
 *   alarms on the state machine's `ExecutionsFailed` and `ExecutionsTimedOut` metrics (published by
 *   Step Functions itself) and on the dead-letter queue, and a dashboard.
 * - **State**: an optional job-tracking table with point-in-time recovery, backed up by AWS Backup.
 *
 * @example
 * import { Duration, aws_ecr as ecr, aws_ecs as ecs } from 'aws-cdk-lib';
 * import { AuditedVpc, BatchPipeline, BatchScale, ComplianceBucket } from 'cdk-compliance-constructs';
 *
 * const repo = ecr.Repository.fromRepositoryName(this, 'WorkerImages', 'nightly-worker');
 * const transactions = new ComplianceBucket(this, 'Transactions');
 * const results = new ComplianceBucket(this, 'Results');
 *
 * new BatchPipeline(this, 'Nightly', {
 *   vpc: new AuditedVpc(this, 'Network'),
 *   image: ecs.ContainerImage.fromEcrRepository(repo, '1.4.2'),
 *   inputBucket: transactions,
 *   outputBucket: results,
 *   processingWindow: Duration.hours(4),
 *   scale: BatchScale.fromThroughput({ recordsPerRun: 1000000, recordsPerSecondPerWorker: 50 }),
 * });
 */
export class BatchPipeline extends Construct {
  /** The compute environment the jobs run in. */
  public readonly computeEnvironment: batch.IManagedComputeEnvironment;
  /** The job queue. */
  public readonly jobQueue: batch.JobQueue;
  /** The job definition. */
  public readonly jobDefinition: batch.EcsJobDefinition;
  /** The role the job's code runs with (assumed by `ecs-tasks.amazonaws.com`). */
  public readonly jobRole: iam.IRole;
  /** The role ECS uses to pull the image, read the secrets and write logs. */
  public readonly executionRole: iam.IRole;
  /** The security group of the jobs. */
  public readonly securityGroup: ec2.ISecurityGroup;
  /** The launch template of EC2 compute (IMDSv2 required, encrypted volumes). */
  public readonly launchTemplate?: ec2.LaunchTemplate;
  /** The role of the EC2 instances of EC2 compute. */
  public readonly instanceRole?: iam.IRole;
  /** The log group of the jobs. */
  public readonly jobLogGroup: ComplianceLogGroup;
  /** The state machine that runs the job. */
  public readonly stateMachine: sfn.StateMachine;
  /** The log group of the state machine. */
  public readonly stateMachineLogGroup: ComplianceLogGroup;
  /** The schedule that starts runs. */
  public readonly schedule: scheduler.Schedule;
  /** Receives schedule and alert events that could not be delivered. */
  public readonly deadLetterQueue: sqs.Queue;
  /** Where failures and timeouts are reported. */
  public readonly alertTopic: sns.ITopic;
  /** Reports failed Batch jobs of the queue to the alert topic. */
  public readonly jobFailedRule: events.Rule;
  /** Reports runs that timed out or were aborted to the alert topic. */
  public readonly runEndedRule: events.Rule;
  /** Alarm on the state machine's `ExecutionsFailed` metric. */
  public readonly executionsFailedAlarm: cloudwatch.Alarm;
  /** Alarm on the state machine's `ExecutionsTimedOut` metric. */
  public readonly executionsTimedOutAlarm: cloudwatch.Alarm;
  /** Alarm on messages in the dead-letter queue. */
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** The pipeline's dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** The key that encrypts the dead-letter queue, the job-tracking table and the backup vault. */
  public readonly key: ComplianceKey;
  /** The job-tracking table, when `jobTracking` is on. */
  public readonly trackingTable?: dynamodb.Table;
  /** The backup plan, when backups are on. */
  public readonly backupPlan?: backup.BackupPlan;
  /** The backup vault, when backups are on. */
  public readonly backupVault?: backup.BackupVault;
  /** Array size of each run, or undefined for a single job. */
  public readonly arraySize?: number;
  /** The processing window. */
  public readonly processingWindow: Duration;

  private readonly topicIsOurs: boolean;

  constructor(scope: Construct, id: string, props: BatchPipelineProps) {
    super(scope, id);
    const settings = resolveJobSettings(this, props);
    this.processingWindow = settings.window;
    this.arraySize = settings.arraySize;
    const vpcSubnets = privateSubnets(this, props.vpc, props.vpcSubnets);
    this.key = new ComplianceKey(this, 'Key', { description: `Encrypts the dead-letter queue, job-tracking table and backups of ${this.node.path}` });
    this.topicIsOurs = props.alertTopic === undefined;
    this.alertTopic = props.alertTopic ?? new ComplianceTopic(this, 'Alerts', { displayName: `Alerts of ${id}` });
    this.securityGroup = buildSecurityGroup(this, props, settings.compute);
    this.jobLogGroup = new ComplianceLogGroup(this, 'JobLogs', { retention: props.logRetention });
    this.stateMachineLogGroup = new ComplianceLogGroup(this, 'StateMachineLogs', { retention: props.logRetention });

    const compute = buildCompute(this, props, {
      settings, vpcSubnets, securityGroup: this.securityGroup, jobLogGroup: this.jobLogGroup, key: this.key,
    });
    this.computeEnvironment = compute.computeEnvironment;
    this.launchTemplate = compute.launchTemplate;
    this.instanceRole = compute.instanceRole;
    this.jobQueue = compute.jobQueue;
    this.jobRole = compute.jobRole;
    this.executionRole = compute.executionRole;
    this.trackingTable = compute.trackingTable;
    this.backupVault = compute.backupVault;
    this.backupPlan = compute.backupPlan;
    this.jobDefinition = compute.jobDefinition;

    this.deadLetterQueue = buildDeadLetterQueue(this, this.key);
    const run = buildStateMachine(this, id, { ...compute, ...settings, alertTopic: this.alertTopic, logGroup: this.stateMachineLogGroup });
    this.stateMachine = run.stateMachine;
    this.schedule = buildSchedule(this, { ...run, schedule: props.schedule, deadLetterQueue: this.deadLetterQueue, key: this.key });

    const monitoring = buildMonitoring(this, { ...compute, ...run, ...settings, deadLetterQueue: this.deadLetterQueue, alertTopic: this.alertTopic });
    this.jobFailedRule = monitoring.jobFailedRule;
    this.runEndedRule = monitoring.runEndedRule;
    this.executionsFailedAlarm = monitoring.executionsFailedAlarm;
    this.executionsTimedOutAlarm = monitoring.executionsTimedOutAlarm;
    this.deadLetterAlarm = monitoring.deadLetterAlarm;
    this.dashboard = monitoring.dashboard;

    acknowledgeUnfixable({ ...compute, stateMachineRole: run.role, inputBucket: props.inputBucket, outputBucket: props.outputBucket });
  }

  /** Whether the alert topic was created by the pipeline. */
  public get ownsAlertTopic(): boolean {
    return this.topicIsOurs;
  }

  /**
   * Metric of the state machine's failed runs (`AWS/States` `ExecutionsFailed`).
   */
  public metricRunsFailed(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.stateMachine.metricFailed(props);
  }

  /**
   * Metric of the state machine's runs that exceeded the processing window (`AWS/States` `ExecutionsTimedOut`).
   */
  public metricRunsTimedOut(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.stateMachine.metricTimedOut(props);
  }

  /**
   * Let a principal start a run outside the schedule.
   */
  public grantStartRun(grantee: iam.IGrantable): iam.Grant {
    return this.stateMachine.grantStartExecution(grantee);
  }
}
