// The properties of a BatchPipeline: what a user gives, with each default documented.
import { Duration, Size } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BatchCompute, BatchScale } from './batch-options';

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
