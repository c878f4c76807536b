import { Annotations, Duration, RemovalPolicy, Size, Stack, Tags, TimeZone, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { BatchCompute, BatchScale } from './batch-options';
import { requireFargateSize } from './fargate-sizes';
import { AuditedVpc } from '../audited-vpc/audited-vpc';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';
import { ComplianceKey } from '../core/compliance-key';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ComplianceQueue } from '../core/compliance-queue';
import { ComplianceTopic } from '../core/compliance-topic';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { publisherArn } from '../core/publisher-arn';
import { ComplianceValidationError, requireField, requireRange } from '../core/validation';
import { warnWeakened } from '../core/weakened';

/** Environment variables the pipeline sets on the container itself. */
const PIPELINE_ENVIRONMENT = ['INPUT_BUCKET', 'OUTPUT_BUCKET', 'ARRAY_SIZE', 'TRACKING_TABLE'];

/**
 * The retry strategy of the job definition: AWS Batch evaluates the entries in order and uses the
 * first that matches. Infrastructure failures are retried; anything else (an error of the
 * application, a non-zero exit code) ends the job.
 */
function retryStrategies(): batch.RetryStrategy[] {
  const retry = (reason: batch.CustomReason) => batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.custom(reason));
  return [
    // EC2 instance (on demand or Spot) terminated under the job.
    retry({ onStatusReason: 'Host EC2*' }),
    // Fargate Spot capacity reclaimed.
    retry({ onStatusReason: 'Your Spot Task was interrupted*' }),
    // Image could not be pulled (registry or endpoint briefly unavailable).
    retry({ onReason: 'CannotPullContainerError*' }),
    // ECS could not start the task (ENI, capacity).
    retry({ onStatusReason: 'Task failed to start*' }),
    batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.custom({ onReason: '*' })),
  ];
}

/**
 * Properties of a `BatchPipeline`.
 */
export interface BatchPipelineProps {
  /**
   * The VPC the jobs run in. An `AuditedVpc` works as it is: the jobs' security group then reaches
   * AWS only through its interface and gateway endpoints. Any other VPC needs interface endpoints
   * (or a NAT gateway) for ECR, CloudWatch Logs and STS, and an S3 gateway endpoint.
   */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets the jobs run in. Public subnets are refused.
   *
   * @default - the VPC's isolated subnets, or its private subnets with egress when it has no isolated ones
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security group of the jobs. A given group is used as it is; one that allows all outbound
   * traffic leaves a warning.
   *
   * @default - a new group with no egress except HTTPS to the VPC's endpoints: an `AuditedVpc`'s
   * interface endpoints and its S3 and DynamoDB prefix lists; for any other VPC, HTTPS to the VPC's
   * CIDR block (its interface endpoints) only, so add egress to the S3 prefix list of your gateway
   * endpoint (`pipeline.securityGroup.addEgressRule(ec2.Peer.prefixList(id), ec2.Port.tcp(443))`),
   * which image layers are downloaded from
   */
  readonly securityGroup?: ec2.ISecurityGroup;

  /**
   * Where the jobs run.
   *
   * @default BatchCompute.fargate()
   */
  readonly compute?: BatchCompute;

  /**
   * Upper bound of the vCPUs the compute environment runs at once.
   *
   * @default - enough for every array child to run at once (array size × cpu), at least 16 and at most 10,000
   */
  readonly maxvCpus?: number;

  /**
   * The container image of the job, for example `ecs.ContainerImage.fromEcrRepository(repo, 'v1')`.
   * There is no placeholder default: give this or `imageUri`. A sample worker and the recipe for its
   * image are in `examples/batch-worker/` of the source repository.
   *
   * @default - `imageUri` is used
   */
  readonly image?: ecs.ContainerImage;

  /**
   * The container image of the job as a URI, for example
   * `123456789012.dkr.ecr.us-east-1.amazonaws.com/transactions-worker:1.4.2`.
   * Images outside ECR need a route out of the VPC; prefer ECR.
   *
   * @default - `image` is used
   */
  readonly imageUri?: string;

  /**
   * The command of the container.
   *
   * @default - the image's own command
   */
  readonly command?: string[];

  /**
   * Environment variables of the container, besides the ones the pipeline sets
   * (`INPUT_BUCKET`, `OUTPUT_BUCKET`, `ARRAY_SIZE`, `TRACKING_TABLE`), which cannot be given here.
   * They are rendered in name order, whatever the order of the map.
   *
   * @default - none
   */
  readonly environment?: Record<string, string>;

  /**
   * Secrets from Secrets Manager or SSM Parameter Store, exposed to the container as environment
   * variables (`batch.Secret.fromSecretsManager(secret)`, `batch.Secret.fromSsmParameter(param)`).
   * The execution role gets read access to each.
   *
   * @default - none
   */
  readonly secrets?: Record<string, batch.Secret>;

  /**
   * vCPUs of each job (each array child). On Fargate one of 0.25, 0.5, 1, 2, 4, 8 or 16.
   *
   * @default 1
   */
  readonly cpu?: number;

  /**
   * Memory of each job. On Fargate it must be a size Fargate accepts with `cpu`
   * (for example 2 to 8 GiB with 1 vCPU).
   *
   * @default Size.gibibytes(2)
   */
  readonly memory?: Size;

  /**
   * The time one run may take, from its start to the last array child's end. Each job attempt
   * (each array child) is stopped after it, and the run (the state machine execution) times out
   * after it: a failed run is reported by the state machine itself, a timed-out run by an
   * EventBridge rule and the `ExecutionsTimedOut` alarm.
   *
   * @default Duration.hours(4)
   */
  readonly processingWindow?: Duration;

  /**
   * How many copies of the job a run starts.
   *
   * @default BatchScale.singleJob()
   */
  readonly scale?: BatchScale;

  /**
   * Attempts of each job, 1 to 10. Only infrastructure failures are retried (instance or Spot
   * capacity reclaimed, image pull errors, tasks that failed to start); an error of the
   * application ends the job at once.
   *
   * @default 3
   */
  readonly attempts?: number;

  /**
   * The bucket the jobs read their input from (read access to objects, listing, decrypting).
   *
   * @default - no input bucket
   */
  readonly inputBucket?: s3.IBucket;

  /**
   * The bucket the jobs write their results to (put access, encrypting).
   *
   * @default - no output bucket
   */
  readonly outputBucket?: s3.IBucket;

  /**
   * Where failures, timeouts and undeliverable schedule events are reported. A topic of the app
   * given here (a `ComplianceTopic` or any other, in this stack or another) gets the topic-policy
   * statements that let EventBridge and CloudWatch publish, each only for this pipeline's rules and
   * alarms (`aws:SourceArn`), and its key gets the statements that let them use it. An imported
   * topic cannot be changed: a warning names the statements its owner must add.
   *
   * @default - a new `ComplianceTopic`
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * When runs start.
   *
   * @default - daily at 00:00 UTC (`cron(0 0 * * ? *)`)
   */
  readonly schedule?: scheduler.ScheduleExpression;

  /**
   * Create a DynamoDB table for the jobs to record their progress in (partition key `runId`,
   * sort key `arrayIndex`), with point-in-time recovery, a customer managed key and `RETAIN`.
   *
   * @default false
   */
  readonly jobTracking?: boolean;

  /**
   * Back up the pipeline's stateful resources (the job-tracking table) with AWS Backup: daily
   * backups kept 35 days and monthly ones kept a year, in a vault encrypted with the pipeline's key.
   * Turning it off leaves the table with point-in-time recovery only, and a warning.
   *
   * @default - true when `jobTracking` is on
   */
  readonly backup?: boolean;

  /**
   * How long job and state machine logs are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

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
  /** Services already admitted to the alert topic (and its key). */
  private readonly alertPublisherServices = new Set<string>();

  constructor(scope: Construct, id: string, props: BatchPipelineProps) {
    super(scope, id);
    requireField(this, 'props', props, 'a BatchPipelineProps with at least vpc');
    requireField(this, 'vpc', props.vpc, 'the ec2.IVpc whose private subnets run the jobs (an AuditedVpc, or any VPC with private subnets)');
    const stack = Stack.of(this);
    const compute = props.compute ?? BatchCompute.fargate();
    const window = props.processingWindow ?? Duration.hours(4);
    this.processingWindow = window;
    const windowSeconds = window.isUnresolved() ? undefined : window.toSeconds();
    if (windowSeconds === undefined || windowSeconds < 60) {
      throw new ComplianceValidationError(this, 'processingWindow', window,
        'Allowed: a duration known at synth time of at least 1 minute, for example Duration.hours(4).');
    }
    const cpu = props.cpu ?? 1;
    const memory = props.memory ?? Size.gibibytes(2);
    const memoryMiB = memory.toMebibytes();
    if (compute.isFargate) {
      requireFargateSize(this, cpu, memoryMiB);
    } else {
      requireRange(this, 'cpu', cpu, 1, 256, ' vCPU');
      requireRange(this, 'memory', memoryMiB, 128, 24_576_000, ' MiB');
    }
    const attempts = props.attempts ?? 3;
    requireRange(this, 'attempts', attempts, 1, 10);
    this.arraySize = (props.scale ?? BatchScale.singleJob())._resolve(this, window);
    if ((props.image === undefined) === (props.imageUri === undefined)) {
      throw new ComplianceValidationError(this, 'image', props.image === undefined ? 'neither image nor imageUri' : 'both image and imageUri',
        'Give exactly one: image (an ecs.ContainerImage) or imageUri. There is no placeholder image; see examples/batch-worker/ for a sample worker.');
    }
    const image = props.image ?? ecs.ContainerImage.fromRegistry(props.imageUri!);

    const vpcSubnets = this.privateSubnets(props.vpc, props.vpcSubnets);

    this.key = new ComplianceKey(this, 'Key', { description: `Encrypts the dead-letter queue, job-tracking table and backups of ${this.node.path}` });
    this.topicIsOurs = props.alertTopic === undefined;
    this.alertTopic = props.alertTopic ?? new ComplianceTopic(this, 'Alerts', { displayName: `Alerts of ${id}` });

    // ---- network ----
    this.securityGroup = props.securityGroup ?? this.defaultSecurityGroup(props.vpc);
    if (props.securityGroup instanceof ec2.SecurityGroup && props.securityGroup.allowAllOutbound) {
      warnWeakened(this, 'securityGroup', 'the given security group allows all outbound traffic: the jobs can reach any address the subnets route to');
    }
    if (props.vpc instanceof AuditedVpc && !compute.isFargate
      && ['ecs', 'ecs-agent', 'ecs-telemetry'].some((s) => (props.vpc as AuditedVpc).tryFindInterfaceEndpoint(s) === undefined)) {
      Annotations.of(this).addWarningV2('cdk-compliance-constructs:batch-pipeline:ecsEndpoints',
        'EC2 compute registers its instances with ECS: add ecs, ecs-agent and ecs-telemetry to the AuditedVpc\'s interfaceEndpoints, or the instances cannot join the cluster');
    }

    if (props.vpc instanceof AuditedVpc && Object.keys(props.secrets ?? {}).length > 0
      && ['secretsmanager', 'ssm'].every((s) => (props.vpc as AuditedVpc).tryFindInterfaceEndpoint(s) === undefined)) {
      Annotations.of(this).addWarningV2('cdk-compliance-constructs:batch-pipeline:secretEndpoints',
        'Secrets are read when each task starts: add secretsmanager (for Secrets Manager secrets) or ssm (for SSM parameters) to the AuditedVpc\'s interfaceEndpoints, or the tasks cannot start');
    }

    // ---- logs ----
    this.jobLogGroup = new ComplianceLogGroup(this, 'JobLogs', { retention: props.logRetention });
    this.stateMachineLogGroup = new ComplianceLogGroup(this, 'StateMachineLogs', { retention: props.logRetention });

    // ---- compute ----
    let instanceRoleForAck: ManagedPolicyRole | undefined;
    const maxvCpus = props.maxvCpus ?? Math.min(10_000, Math.max(16, Math.ceil((this.arraySize ?? 1) * cpu)));
    requireRange(this, 'maxvCpus', maxvCpus, 1, 100_000);
    if (compute.isFargate) {
      this.computeEnvironment = new batch.FargateComputeEnvironment(this, 'ComputeEnvironment', {
        vpc: props.vpc,
        vpcSubnets,
        securityGroups: [this.securityGroup],
        spot: compute.kind === 'FARGATE_SPOT',
        maxvCpus,
      });
    } else {
      this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
        requireImdsv2: true,
        httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
        httpEndpoint: true,
        // One hop: processes on the instance reach the instance metadata, containers do not.
        httpPutResponseHopLimit: 1,
        // One-minute instance metrics, so that a stalled worker shows before the processing window ends
        // (AWS Control Tower CT.EC2.PR.8).
        detailedMonitoring: true,
        blockDevices: [{
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }),
        }],
      });
      const instanceRole = new ManagedPolicyRole(this, 'InstanceRole', {
        assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
        description: `ECS container instances of ${this.node.path}`,
      });
      this.instanceRole = instanceRole;
      instanceRoleForAck = instanceRole;
      this.grantEcsAgent(instanceRole);
      this.jobLogGroup.grantWrite(instanceRole);
      this.computeEnvironment = new batch.ManagedEc2EcsComputeEnvironment(this, 'ComputeEnvironment', {
        vpc: props.vpc,
        vpcSubnets,
        securityGroups: [this.securityGroup],
        launchTemplate: this.launchTemplate,
        instanceRole,
        instanceTypes: compute.instanceTypes,
        useOptimalInstanceClasses: compute.instanceTypes === undefined || compute.instanceTypes.length === 0 ? undefined : false,
        minvCpus: 0,
        maxvCpus,
        images: [{ imageType: batch.EcsMachineImageType.ECS_AL2023 }],
      });
    }
    // Tags on the compute environment itself (and, through ComputeResources, on its instances).
    Tags.of(this.computeEnvironment).add('batch-pipeline', this.node.path);

    this.jobQueue = new batch.JobQueue(this, 'JobQueue', {
      computeEnvironments: [{ computeEnvironment: this.computeEnvironment, order: 1 }],
    });

    // ---- roles ----
    const jobRole = new ManagedPolicyRole(this, 'JobRole', {
      assumedBy: this.ecsTasksPrincipal(),
      description: `Code of the jobs of ${this.node.path}`,
    });
    const executionRole = new ManagedPolicyRole(this, 'ExecutionRole', {
      assumedBy: this.ecsTasksPrincipal(),
      description: `Pulls the image, reads the secrets and writes the logs of the jobs of ${this.node.path}`,
    });
    this.jobRole = jobRole;
    this.executionRole = executionRole;
    // An image given by URI in a private ECR repository is pulled with the execution role (an
    // ecs.ContainerImage from an ECR repository grants this itself).
    const repository = props.imageUri === undefined ? undefined : ecrRepositoryOf(props.imageUri);
    if (repository) {
      executionRole.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'PullTheJobImage',
        actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        resources: [`arn:${stack.partition}:ecr:${repository.region}:${repository.account}:repository/${repository.name}`],
      }));
      executionRole.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'LogInToTheRegistry',
        actions: ['ecr:GetAuthorizationToken'],
        resources: ['*'],
      }));
    }

    // The user's variables in name order, so the template does not depend on the iteration order of
    // the caller's map (Java's Map.of, for one, has none); the pipeline's own names are not theirs to set.
    const environment: Record<string, string> = {};
    for (const name of Object.keys(props.environment ?? {}).sort()) {
      if (PIPELINE_ENVIRONMENT.includes(name)) {
        throw new ComplianceValidationError(this, 'environment', name,
          `${PIPELINE_ENVIRONMENT.join(', ')} are set by the pipeline (from inputBucket, outputBucket, the array size and jobTracking); use another name.`);
      }
      environment[name] = props.environment![name];
    }
    if (props.inputBucket) {
      this.grantReadInput(jobRole, props.inputBucket);
      environment.INPUT_BUCKET = props.inputBucket.bucketName;
    }
    if (props.outputBucket) {
      this.grantWriteOutput(jobRole, props.outputBucket);
      environment.OUTPUT_BUCKET = props.outputBucket.bucketName;
    }
    environment.ARRAY_SIZE = String(this.arraySize ?? 1);

    if (props.jobTracking) {
      this.trackingTable = new dynamodb.Table(this, 'TrackingTable', {
        partitionKey: { name: 'runId', type: dynamodb.AttributeType.STRING },
        sortKey: { name: 'arrayIndex', type: dynamodb.AttributeType.NUMBER },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      jobRole.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'TrackProgress',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
        resources: [this.trackingTable.tableArn],
      }));
      jobRole.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'UseTrackingTableKey',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [this.key.keyArn],
      }));
      environment.TRACKING_TABLE = this.trackingTable.tableName;
    }
    const backupOn = props.backup ?? this.trackingTable !== undefined;
    if (props.backup === true && this.trackingTable === undefined) {
      throw new ComplianceValidationError(this, 'backup', true, 'Backups cover the job-tracking table: turn on jobTracking too, or leave backup unset.');
    }
    if (props.backup === false && this.trackingTable !== undefined) {
      warnWeakened(this, 'backup', 'the job-tracking table has point-in-time recovery (35 days) only, and no backups in a separate, encrypted vault');
    }
    if (backupOn && this.trackingTable) {
      this.backupVault = new backup.BackupVault(this, 'BackupVault', {
        encryptionKey: this.key,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.backupPlan = new backup.BackupPlan(this, 'BackupPlan', {
        backupVault: this.backupVault,
        backupPlanRules: [backup.BackupPlanRule.daily(), backup.BackupPlanRule.monthly1Year()],
      });
      this.backupPlan.addSelection('TrackingTable', {
        resources: [backup.BackupResource.fromDynamoDbTable(this.trackingTable)],
      });
    }

    // ---- job definition ----
    const containerProps = {
      image,
      cpu,
      memory,
      command: props.command,
      environment,
      secrets: props.secrets,
      jobRole,
      executionRole,
      readonlyRootFilesystem: true,
      logging: ecs.LogDriver.awsLogs({ logGroup: this.jobLogGroup, streamPrefix: 'job' }),
    };
    const container: batch.IEcsContainerDefinition = compute.isFargate
      ? new batch.EcsFargateContainerDefinition(this, 'Container', {
        ...containerProps,
        assignPublicIp: false,
        fargatePlatformVersion: ecs.FargatePlatformVersion.LATEST,
      })
      : new batch.EcsEc2ContainerDefinition(this, 'Container', { ...containerProps, privileged: false });
    this.jobDefinition = new batch.EcsJobDefinition(this, 'JobDefinition', {
      container,
      timeout: window,
      retryAttempts: attempts,
      retryStrategies: retryStrategies(),
      propagateTags: true,
    });

    // ---- dead-letter queue ----
    this.deadLetterQueue = new ComplianceQueue(this, 'DeadLetterQueue', {
      encryptionKey: this.key,
      deadLetterQueueFor: 'runs the schedule could not start and alerts the alert rules could not deliver; messages in it raise an alarm',
    });
    this.key.grantServiceUse('events.amazonaws.com', ['kms:GenerateDataKey', 'kms:Decrypt']);

    // ---- state machine ----
    const submit = new tasks.BatchSubmitJob(this, 'SubmitJob', {
      jobName: id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 128),
      jobQueueArn: this.jobQueue.jobQueueArn,
      jobDefinitionArn: this.jobDefinition.jobDefinitionArn,
      arraySize: this.arraySize,
      taskTimeout: sfn.Timeout.duration(window),
      resultPath: '$.job',
    });
    const notify = new tasks.SnsPublish(this, 'NotifyFailure', {
      topic: this.alertTopic,
      subject: `Batch pipeline ${id} failed`,
      message: sfn.TaskInput.fromObject({
        pipeline: this.node.path,
        execution: sfn.JsonPath.executionId,
        error: sfn.JsonPath.stringAt('$.error.Error'),
        cause: sfn.JsonPath.stringAt('$.error.Cause'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    });
    const failed = new sfn.Fail(this, 'RunFailed', { error: 'BatchPipelineRunFailed', causePath: '$.error.Cause' });
    submit.addCatch(notify.next(failed), { errors: [sfn.Errors.ALL], resultPath: '$.error' });
    const stateMachineRole = new ManagedPolicyRole(this, 'StateMachineRole', {
      // Step Functions' Batch integration allows batch:SubmitJob on every job definition of the
      // account (job-definition/*); the role gets this pipeline's job definition and queue instead.
      drop: (statement) => statement.actions.includes('batch:SubmitJob') && statement.sid !== 'SubmitThisPipelinesJob',
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `Runs the jobs of ${this.node.path}`,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(submit.next(new sfn.Succeed(this, 'RunSucceeded'))),
      role: stateMachineRole,
      timeout: window,
      tracingEnabled: true,
      logs: { destination: this.stateMachineLogGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    this.stateMachine.node.addDependency(stateMachineRole);
    stateMachineRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'SubmitThisPipelinesJob',
      actions: ['batch:SubmitJob'],
      resources: [this.jobDefinition.jobDefinitionArn, this.jobQueue.jobQueueArn],
    }));
    stateMachineRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'StopJobsOfTimedOutRuns',
      actions: ['batch:TerminateJob'],
      resources: [this.jobArns()],
    }));
    if (this.alertTopic.masterKey) {
      stateMachineRole.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'PublishToEncryptedAlertTopic',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.alertTopic.masterKey.keyArn],
      }));
    }

    // ---- schedule ----
    const schedulerRole = new ManagedPolicyRole(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `Starts the runs of ${this.node.path}`,
    });
    schedulerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'SendToEncryptedDeadLetterQueue',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [this.key.keyArn],
    }));
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      schedule: props.schedule ?? scheduler.ScheduleExpression.cron({ minute: '0', hour: '0', timeZone: TimeZone.ETC_UTC }),
      description: `Starts a run of ${this.node.path}`,
      target: new schedulerTargets.StepFunctionsStartExecution(this.stateMachine, {
        role: schedulerRole,
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 10,
        maxEventAge: Duration.hours(1),
      }),
    });

    // ---- monitoring ----
    // EventBridge publishes to SNS under the topic's resource policy (the documented path for SNS
    // targets, and the one that works with a KMS-encrypted topic): each rule is admitted by its own
    // ARN, and the topic's key lets EventBridge use it for this account only.
    const alertTarget = (message: events.RuleTargetInput) => new AlertTopicTarget(this.alertTopic, this.deadLetterQueue, message);
    this.jobFailedRule = new events.Rule(this, 'JobFailedRule', {
      description: `Failed jobs of ${this.node.path}`,
      eventPattern: {
        source: ['aws.batch'],
        detailType: ['Batch Job State Change'],
        detail: {
          status: ['FAILED'],
          jobQueue: [this.jobQueue.jobQueueArn],
          // One alert per job: array children report through their parent.
          arrayProperties: { index: [{ exists: false }] },
        },
      },
      targets: [alertTarget(events.RuleTargetInput.fromObject({
        pipeline: this.node.path,
        jobName: events.EventField.fromPath('$.detail.jobName'),
        jobId: events.EventField.fromPath('$.detail.jobId'),
        status: events.EventField.fromPath('$.detail.status'),
        statusReason: events.EventField.fromPath('$.detail.statusReason'),
      }))],
    });
    this.runEndedRule = new events.Rule(this, 'RunEndedRule', {
      description: `Runs of ${this.node.path} that timed out or were aborted`,
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { status: ['TIMED_OUT', 'ABORTED'], stateMachineArn: [this.stateMachine.stateMachineArn] },
      },
      targets: [alertTarget(events.RuleTargetInput.fromObject({
        pipeline: this.node.path,
        execution: events.EventField.fromPath('$.detail.executionArn'),
        status: events.EventField.fromPath('$.detail.status'),
      }))],
    });
    for (const rule of [this.jobFailedRule, this.runEndedRule]) {
      this.allowAlertPublisher('events.amazonaws.com', publisherArn(this.alertTopic, rule));
      this.deadLetterQueue.addToResourcePolicy(new iam.PolicyStatement({
        sid: `AllowUndeliveredAlertsOf${rule.node.id}`,
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
      }));
    }

    const alarmAction = new cloudwatchActions.SnsAction(this.alertTopic);
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(alarmAction);
      this.allowAlertPublisher('cloudwatch.amazonaws.com', publisherArn(this.alertTopic, a));
      return a;
    };
    // AWS/States metrics, published by Step Functions for every state machine: nothing to emit.
    this.executionsFailedAlarm = alarm('ExecutionsFailedAlarm', this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
      `A run of ${this.node.path} failed (AWS/States ExecutionsFailed)`);
    this.executionsTimedOutAlarm = alarm('ExecutionsTimedOutAlarm', this.stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: 'Sum' }),
      `A run of ${this.node.path} ran past its processing window (AWS/States ExecutionsTimedOut)`);
    this.deadLetterAlarm = alarm('DeadLetterAlarm', this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      `A schedule event or alert of ${this.node.path} could not be delivered (see its dead-letter queue)`);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      widgets: [[
        new cloudwatch.GraphWidget({
          title: 'Runs',
          left: [
            this.stateMachine.metricStarted({ statistic: 'Sum' }),
            this.stateMachine.metricSucceeded({ statistic: 'Sum' }),
            this.stateMachine.metricFailed({ statistic: 'Sum' }),
            this.stateMachine.metricTimedOut({ statistic: 'Sum' }),
          ],
          width: 12,
        }),
        new cloudwatch.GraphWidget({
          title: 'Run duration against the processing window',
          left: [this.stateMachine.metricTime({ statistic: 'Maximum', period: Duration.hours(1) })],
          leftAnnotations: [{ value: window.toMilliseconds(), label: 'processing window', color: '#d62728' }],
          width: 12,
        }),
      ], [
        new cloudwatch.AlarmStatusWidget({
          title: 'Alarms',
          alarms: [this.executionsFailedAlarm, this.executionsTimedOutAlarm, this.deadLetterAlarm],
          width: 24,
        }),
      ]],
    });

    this.acknowledgeUnfixable([jobRole, stateMachineRole, instanceRoleForAck as ManagedPolicyRole, executionRole], props);
  }

  /**
   * Let `service` publish to the alert topic on behalf of `sourceArn` only (topic policy), and use
   * the topic's key for this account (key policy). A topic or key imported into the app cannot be
   * changed here: a warning names what its owner must add, since without it every alert is dropped.
   */
  private allowAlertPublisher(service: string, sourceArn: string): void {
    const topic = this.alertTopic;
    const account = Stack.of(this).account;
    if (topic instanceof ComplianceTopic) {
      topic.allowServicePublish(service, { sourceArn, sourceAccount: account });
      return;
    }
    const published = topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(service)],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': sourceArn } },
    }));
    const first = !this.alertPublisherServices.has(service);
    this.alertPublisherServices.add(service);
    if (!published.statementAdded) {
      if (first) {
        Annotations.of(this).addWarningV2(`cdk-compliance-constructs:alertTopicPolicy:${service}`,
          `alertTopic is imported, so its topic policy cannot be changed here: it must allow ${service} to sns:Publish with aws:SourceAccount ${account} and aws:SourceArn of ${this.node.path}'s ${service === 'events.amazonaws.com' ? 'EventBridge rules' : 'CloudWatch alarms'} (see the template), or these alerts are dropped.`);
      }
    }
    const key = topic.masterKey;
    if (key && first) {
      const used = key.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(service)],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }));
      if (!used.statementAdded) {
        Annotations.of(this).addWarningV2(`cdk-compliance-constructs:alertTopicKey:${service}`,
          `The key of alertTopic is imported, so its key policy cannot be changed here: it must allow ${service} kms:GenerateDataKey and kms:Decrypt with aws:SourceAccount ${account}, or SNS refuses these alerts.`);
      }
    }
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

  private jobArns(): string {
    return Stack.of(this).formatArn({ service: 'batch', resource: 'job', resourceName: '*' });
  }

  private ecsTasksPrincipal(): iam.IPrincipal {
    const stack = Stack.of(this);
    return new iam.ServicePrincipal('ecs-tasks.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
      },
    });
  }

  private privateSubnets(vpc: ec2.IVpc, given: ec2.SubnetSelection | undefined): ec2.SubnetSelection {
    const selection = given ?? (vpc.isolatedSubnets.length > 0
      ? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }
      : { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    const selected = vpc.selectSubnets(selection).subnets;
    const publicIds = new Set(vpc.publicSubnets.map((s) => s.subnetId));
    const publicOnes = selected.filter((s) => publicIds.has(s.subnetId));
    if (publicOnes.length > 0 || selection.subnetType === ec2.SubnetType.PUBLIC) {
      throw new ComplianceValidationError(this, 'vpcSubnets', publicOnes.map((s) => s.node.path),
        'Allowed: private or isolated subnets only; jobs in public subnets would be one security group rule away from the internet.');
    }
    if (selected.length === 0) {
      throw new ComplianceValidationError(this, 'vpcSubnets', selection.subnetType ?? selection.subnetGroupName ?? 'the selection',
        'The VPC has no private or isolated subnets to run the jobs in.');
    }
    return selection;
  }

  private defaultSecurityGroup(vpc: ec2.IVpc): ec2.ISecurityGroup {
    const sg = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: `Jobs of ${this.node.path}: egress only to AWS through the VPC endpoints`,
      allowAllOutbound: false,
      allowAllIpv6Outbound: false,
    });
    if (vpc instanceof AuditedVpc) {
      vpc.allowInterfaceEndpointEgress(sg);
      vpc.allowGatewayEndpointEgress(sg);
    } else {
      sg.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS to the interface endpoints in the VPC');
    }
    return sg;
  }

  private grantReadInput(role: ManagedPolicyRole, bucket: s3.IBucket): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ListInput',
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ReadInput',
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects('*')],
    }));
    if (bucket.encryptionKey) {
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'DecryptInput',
        actions: ['kms:Decrypt'],
        resources: [bucket.encryptionKey.keyArn],
      }));
    }
  }

  private grantWriteOutput(role: ManagedPolicyRole, bucket: s3.IBucket): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WriteOutput',
      actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
      resources: [bucket.arnForObjects('*')],
    }));
    if (bucket.encryptionKey) {
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'EncryptOutput',
        // Decrypt is needed to complete multipart uploads of SSE-KMS objects.
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [bucket.encryptionKey.keyArn],
      }));
    }
  }

  /** What the ECS agent on a container instance does, limited to AWS Batch's clusters where IAM allows. */
  private grantEcsAgent(role: ManagedPolicyRole): void {
    const stack = Stack.of(this);
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'EcsAgentOnBatchClusters',
      actions: [
        'ecs:DeregisterContainerInstance',
        'ecs:RegisterContainerInstance',
        'ecs:SubmitAttachmentStateChanges',
        'ecs:SubmitContainerStateChange',
        'ecs:SubmitTaskStateChange',
      ],
      resources: [stack.formatArn({ service: 'ecs', resource: 'cluster', resourceName: 'AWSBatch-*' })],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'EcsAgentOnContainerInstances',
      // UpdateContainerInstancesState acts on container instances (ARN container-instance/<cluster>/<id>), not on the cluster.
      actions: ['ecs:Poll', 'ecs:StartTelemetrySession', 'ecs:PutSystemLogEvents', 'ecs:UpdateContainerInstancesState'],
      resources: [stack.formatArn({ service: 'ecs', resource: 'container-instance', resourceName: 'AWSBatch-*' })],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'EcsAgentDiscovery',
      actions: ['ecs:DiscoverPollEndpoint', 'ec2:DescribeTags', 'ecr:GetAuthorizationToken'],
      resources: ['*'],
    }));
  }

  /** Acknowledge, on the one resource and finding each, what cannot be narrower. */
  private acknowledgeUnfixable(roles: ManagedPolicyRole[], props: BatchPipelineProps): void {
    const policyOf = (role: ManagedPolicyRole) => role.permissions?.node.defaultChild;
    const [jobRole, stateMachineRole, instanceRole, executionRole] = roles;
    const exec = policyOf(executionRole);
    if (exec && JSON.stringify(Stack.of(this).resolve((exec as iam.CfnManagedPolicy).policyDocument)).includes('ecr:GetAuthorizationToken')) {
      acknowledgeFinding(exec, 'AwsSolutions-IAM5[Resource::*]',
        'Only ecr:GetAuthorizationToken, which IAM cannot scope to a resource (it returns a registry login token); pulling layers and images is limited to the image\'s repository.');
    }
    const sm = policyOf(stateMachineRole);
    if (sm) {
      acknowledgeFinding(sm, `AwsSolutions-IAM5[Resource::${nagResourceText(sm, this.jobArns())}]`,
        'Step Functions stops the Batch job of a run that times out or is aborted (batch:TerminateJob); job ids exist only once a run submits its job, so the statement names the jobs of this account and Region, and allows nothing but terminating them.');
      acknowledgeFinding(sm, 'AwsSolutions-IAM5[Resource::*]',
        'Only the actions that IAM cannot scope to a resource: CloudWatch Logs log delivery (logs:CreateLogDelivery and related, which Step Functions needs to log to its log group) and X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets). Job submission, events and publishing are scoped to this pipeline\'s resources.');
      for (const action of ['logs:CreateLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:PutResourcePolicy']) {
        acknowledgeFinding(sm, `CompliancePack-IamWriteOnWildcardResource[Action::${action}]`,
          `${action} is part of the log delivery Step Functions sets up for its execution log group; IAM supports no resource-level permission for it, so it can only be granted on "*".`);
      }
    }
    const job = policyOf(jobRole);
    if (job) {
      const buckets: Array<[s3.IBucket | undefined, string]> = [
        [props.inputBucket, 'The job reads (s3:GetObject) the objects of its input bucket, whose keys are not known at synth time; nothing outside that bucket.'],
        [props.outputBucket, 'The job writes (s3:PutObject, s3:AbortMultipartUpload) result objects under keys chosen at run time, in its output bucket only; it cannot read or delete them.'],
      ];
      const done = new Set<string>();
      for (const [bucket, reason] of buckets) {
        if (bucket) {
          const id = `AwsSolutions-IAM5[Resource::${nagResourceText(job, bucket.arnForObjects('*'))}]`;
          if (!done.has(id)) {
            done.add(id);
            acknowledgeFinding(job, id, props.inputBucket === props.outputBucket ? `${buckets[0][1]} ${buckets[1][1]}` : reason);
          }
        }
      }
    }
    const instance = instanceRole ? policyOf(instanceRole) : undefined;
    if (instance) {
      const stack = Stack.of(this);
      acknowledgeFinding(instance, `AwsSolutions-IAM5[Resource::${nagResourceText(instance, stack.formatArn({ service: 'ecs', resource: 'cluster', resourceName: 'AWSBatch-*' }))}]`,
        'The ECS agent registers and reports on the ECS cluster AWS Batch creates for the compute environment; its name (AWSBatch-<environment>-<uuid>) is chosen by Batch at deploy time, so the role is limited to clusters named AWSBatch-* in this account and Region.');
      acknowledgeFinding(instance, `AwsSolutions-IAM5[Resource::${nagResourceText(instance, stack.formatArn({ service: 'ecs', resource: 'container-instance', resourceName: 'AWSBatch-*' }))}]`,
        'The ECS agent polls for work and sends telemetry as its own container instance, whose id exists only after the instance registers in the AWSBatch-* cluster of the compute environment.');
      acknowledgeFinding(instance, 'AwsSolutions-IAM5[Resource::*]',
        'Only the actions that IAM cannot scope to a resource: ecs:DiscoverPollEndpoint, ec2:DescribeTags and ecr:GetAuthorizationToken, which the ECS agent calls when an instance starts.');
      acknowledgeFinding(instance, 'CompliancePack-IamWriteOnWildcardResource[Action::ecs:DiscoverPollEndpoint]',
        'ecs:DiscoverPollEndpoint only returns the endpoint the ECS agent polls; IAM supports no resource-level permission for it, so it can only be granted on "*". It changes nothing.');
    }
    const backupRole = this.backupPlan?.node.tryFindChild('TrackingTable')?.node.tryFindChild('Role')?.node.defaultChild;
    if (backupRole) {
      acknowledgeFinding(backupRole, `AwsSolutions-IAM4[Policy::${nagResourceText(backupRole, 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup')}]`,
        'AWS Backup\'s own service role policy, which AWS keeps in step with the backup APIs of each resource type (DynamoDB advanced backup included). The role can be assumed only by backup.amazonaws.com, and the backup selection limits what it backs up to the job-tracking table.');
    }
  }
}

/**
 * An EventBridge target that publishes to an SNS topic under the topic's resource policy, with a
 * dead-letter queue and retries. Unlike `aws_events_targets.SnsTopic` it adds no topic-policy
 * statement of its own (that one admits every EventBridge rule of any account); the pipeline
 * admits each of its rules by ARN instead.
 */
class AlertTopicTarget implements events.IRuleTarget {
  constructor(private readonly topic: sns.ITopic, private readonly deadLetterQueue: sqs.IQueue, private readonly message: events.RuleTargetInput) {}

  public bind(_rule: Parameters<events.IRuleTarget['bind']>[0], _id?: string): events.RuleTargetConfig {
    return {
      arn: this.topic.topicArn,
      input: this.message,
      targetResource: this.topic,
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: Duration.hours(2).toSeconds() },
    };
  }
}

/** The account, Region and repository of an image URI in a private ECR registry, if it is one. */
function ecrRepositoryOf(uri: string): { account: string; region: string; name: string } | undefined {
  if (Token.isUnresolved(uri)) {
    return undefined;
  }
  const m = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._\/-]*?)(?::[\w.-]+|@sha256:[a-f0-9]{64})?$/.exec(uri);
  return m ? { account: m[1], region: m[2], name: m[3] } : undefined;
}
