// The compute side of a BatchPipeline: compute environment, job queue, job roles and state, and the job definition.
import { Tags } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { buildJobRoles, grantEcsAgent, grantReadInput, grantWriteOutput, JobRoles } from './job-roles';
import { JobSettings } from './job-settings';
import { BatchPipelineProps } from './props';
import { buildJobTracking, JobTracking } from './tracking';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { ComplianceValidationError, requireRange } from '../core/validation';

/** Environment variables the pipeline sets on the container itself. */
export const PIPELINE_ENVIRONMENT = ['INPUT_BUCKET', 'OUTPUT_BUCKET', 'ARRAY_SIZE', 'TRACKING_TABLE'];

/** What the compute builders need besides the props. */
export interface ComputeInputs {
  /** The props with their defaults. */
  readonly settings: JobSettings;
  /** The private subnets the jobs run in. */
  readonly vpcSubnets: ec2.SubnetSelection;
  /** The security group of the jobs. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** The log group the jobs write to. */
  readonly jobLogGroup: logs.ILogGroup;
  /** The pipeline's key (job-tracking table and backups). */
  readonly key: kms.IKey;
}

/** The compute environment, and on EC2 its launch template and instance role. */
export interface ComputeEnvironmentParts {
  /** The compute environment. */
  readonly computeEnvironment: batch.IManagedComputeEnvironment;
  /** The launch template of EC2 compute. */
  readonly launchTemplate?: ec2.LaunchTemplate;
  /** The role of the EC2 instances of EC2 compute. */
  readonly instanceRole?: ManagedPolicyRole;
}

/** Everything the compute side builds. */
export interface PipelineCompute extends ComputeEnvironmentParts, JobRoles, JobTracking {
  /** The job queue. */
  readonly jobQueue: batch.JobQueue;
  /** The job definition. */
  readonly jobDefinition: batch.EcsJobDefinition;
}

/** The compute side, built in the order its resources appear in the template. */
export function buildCompute(scope: Construct, props: BatchPipelineProps, inputs: ComputeInputs): PipelineCompute {
  const environmentParts = buildComputeEnvironment(scope, props, inputs);
  const jobQueue = new batch.JobQueue(scope, 'JobQueue', {
    computeEnvironments: [{ computeEnvironment: environmentParts.computeEnvironment, order: 1 }],
  });
  const roles = buildJobRoles(scope, props.imageUri);
  const environment = userEnvironment(scope, props.environment);
  if (props.inputBucket) {
    grantReadInput(roles.jobRole, props.inputBucket);
    environment.INPUT_BUCKET = props.inputBucket.bucketName;
  }
  if (props.outputBucket) {
    grantWriteOutput(roles.jobRole, props.outputBucket);
    environment.OUTPUT_BUCKET = props.outputBucket.bucketName;
  }
  environment.ARRAY_SIZE = String(inputs.settings.arraySize ?? 1);
  const tracking = buildJobTracking(scope, props, inputs.key, roles.jobRole);
  if (tracking.trackingTable) {
    environment.TRACKING_TABLE = tracking.trackingTable.tableName;
  }
  const jobDefinition = buildJobDefinition(scope, props, inputs, { ...roles, environment });
  return { ...environmentParts, jobQueue, ...roles, ...tracking, jobDefinition };
}

/**
 * `ComputeEnvironment` in `scope`: Fargate (on demand or Spot), or managed EC2 from a launch template
 * that requires IMDSv2, with an instance role for the ECS agent. Tagged with the pipeline's path.
 */
export function buildComputeEnvironment(scope: Construct, props: BatchPipelineProps, inputs: ComputeInputs): ComputeEnvironmentParts {
  const { compute, arraySize, cpu } = inputs.settings;
  const maxvCpus = props.maxvCpus ?? Math.min(10_000, Math.max(16, Math.ceil((arraySize ?? 1) * cpu)));
  requireRange(scope, 'maxvCpus', maxvCpus, 1, 100_000);
  const placement = { vpc: props.vpc, vpcSubnets: inputs.vpcSubnets, securityGroups: [inputs.securityGroup] };
  let parts: ComputeEnvironmentParts;
  if (compute.isFargate) {
    parts = {
      computeEnvironment: new batch.FargateComputeEnvironment(scope, 'ComputeEnvironment', {
        ...placement,
        spot: compute.kind === 'FARGATE_SPOT',
        maxvCpus,
      }),
    };
  } else {
    const launchTemplate = ec2LaunchTemplate(scope);
    const instanceRole = new ManagedPolicyRole(scope, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `ECS container instances of ${scope.node.path}`,
    });
    grantEcsAgent(instanceRole);
    inputs.jobLogGroup.grantWrite(instanceRole);
    const computeEnvironment = new batch.ManagedEc2EcsComputeEnvironment(scope, 'ComputeEnvironment', {
      ...placement,
      launchTemplate,
      instanceRole,
      instanceTypes: compute.instanceTypes,
      useOptimalInstanceClasses: compute.instanceTypes === undefined || compute.instanceTypes.length === 0 ? undefined : false,
      minvCpus: 0,
      maxvCpus,
      images: [{ imageType: batch.EcsMachineImageType.ECS_AL2023 }],
    });
    parts = { computeEnvironment, launchTemplate, instanceRole };
  }
  // Tags on the compute environment itself (and, through ComputeResources, on its instances).
  Tags.of(parts.computeEnvironment).add('batch-pipeline', scope.node.path);
  return parts;
}

/** `LaunchTemplate` in `scope`: IMDSv2 required, one hop, detailed monitoring, an encrypted gp3 root volume. */
function ec2LaunchTemplate(scope: Construct): ec2.LaunchTemplate {
  return new ec2.LaunchTemplate(scope, 'LaunchTemplate', {
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
}

/**
 * The user's variables in name order, so the template does not depend on the iteration order of
 * the caller's map (Java's Map.of, for one, has none); the pipeline's own names are not theirs to set.
 */
export function userEnvironment(scope: Construct, given: Record<string, string> | undefined): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of Object.keys(given ?? {}).sort()) {
    if (PIPELINE_ENVIRONMENT.includes(name)) {
      throw new ComplianceValidationError(scope, 'environment', name,
        `${PIPELINE_ENVIRONMENT.join(', ')} are set by the pipeline (from inputBucket, outputBucket, the array size and jobTracking); use another name.`);
    }
    environment[name] = given![name];
  }
  return environment;
}

/** What the container of the job definition runs with. */
export interface JobContainerInputs extends JobRoles {
  /** Every environment variable of the container, in the order they are rendered. */
  readonly environment: Record<string, string>;
}

/**
 * `Container` and `JobDefinition` in `scope`: a read-only root filesystem, never privileged or with a
 * public IP, logging to the job log group, timed out at the processing window and retried only on
 * infrastructure failures.
 */
export function buildJobDefinition(
  scope: Construct, props: BatchPipelineProps, inputs: ComputeInputs, container: JobContainerInputs,
): batch.EcsJobDefinition {
  const { compute, image, cpu, memory, window, attempts } = inputs.settings;
  const containerProps = {
    image,
    cpu,
    memory,
    command: props.command,
    environment: container.environment,
    secrets: props.secrets,
    jobRole: container.jobRole,
    executionRole: container.executionRole,
    readonlyRootFilesystem: true,
    logging: ecs.LogDriver.awsLogs({ logGroup: inputs.jobLogGroup, streamPrefix: 'job' }),
  };
  const definition: batch.IEcsContainerDefinition = compute.isFargate
    ? new batch.EcsFargateContainerDefinition(scope, 'Container', {
      ...containerProps,
      assignPublicIp: false,
      fargatePlatformVersion: ecs.FargatePlatformVersion.LATEST,
    })
    : new batch.EcsEc2ContainerDefinition(scope, 'Container', { ...containerProps, privileged: false });
  return new batch.EcsJobDefinition(scope, 'JobDefinition', {
    container: definition,
    timeout: window,
    retryAttempts: attempts,
    retryStrategies: retryStrategies(),
    propagateTags: true,
  });
}

/**
 * The retry strategy of the job definition: AWS Batch evaluates the entries in order and uses the
 * first that matches. Infrastructure failures are retried; anything else (an error of the
 * application, a non-zero exit code) ends the job.
 */
export function retryStrategies(): batch.RetryStrategy[] {
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
