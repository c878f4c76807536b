// The sizing, timing and image of a BatchPipeline's job, validated from its props before anything is built.
import { Duration, Size } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { BatchCompute, BatchScale } from './batch-options';
import { requireFargateSize } from './fargate-sizes';
import { BatchPipelineProps } from './props';
import { ComplianceValidationError, requireField, requireRange } from '../core/validation';

/** What every builder of the pipeline reads: the props with their defaults applied and checked. */
export interface JobSettings {
  /** Where the jobs run. */
  readonly compute: BatchCompute;
  /** The processing window, known at synth time and at least a minute. */
  readonly window: Duration;
  /** vCPUs of each job. */
  readonly cpu: number;
  /** Memory of each job. */
  readonly memory: Size;
  /** Attempts of each job. */
  readonly attempts: number;
  /** Array size of each run, or undefined for a single job. */
  readonly arraySize?: number;
  /** The container image of the job. */
  readonly image: ecs.ContainerImage;
}

/**
 * The props with their defaults, or a `ComplianceValidationError` on `scope` naming the first prop
 * that is wrong, in the order: props, vpc, processingWindow, cpu and memory, attempts, scale, image.
 */
export function resolveJobSettings(scope: IConstruct, props: BatchPipelineProps): JobSettings {
  requireField(scope, 'props', props, 'a BatchPipelineProps with at least vpc');
  requireField(scope, 'vpc', props.vpc, 'the ec2.IVpc whose private subnets run the jobs (an AuditedVpc, or any VPC with private subnets)');
  const compute = props.compute ?? BatchCompute.fargate();
  const window = requireWindow(scope, props.processingWindow ?? Duration.hours(4));
  const cpu = props.cpu ?? 1;
  const memory = props.memory ?? Size.gibibytes(2);
  requireJobSize(scope, compute, cpu, memory);
  const attempts = props.attempts ?? 3;
  requireRange(scope, 'attempts', attempts, 1, 10);
  const arraySize = (props.scale ?? BatchScale.singleJob())._resolve(scope, window);
  return { compute, window, cpu, memory, attempts, arraySize, image: requireOneImage(scope, props) };
}

/** The processing window, unless it is a token or shorter than a minute. */
export function requireWindow(scope: IConstruct, window: Duration): Duration {
  const windowSeconds = window.isUnresolved() ? undefined : window.toSeconds();
  if (windowSeconds === undefined || windowSeconds < 60) {
    throw new ComplianceValidationError(scope, 'processingWindow', window,
      'Allowed: a duration known at synth time of at least 1 minute, for example Duration.hours(4).');
  }
  return window;
}

/** A task size Fargate accepts, or on EC2 one within AWS Batch's limits. */
export function requireJobSize(scope: IConstruct, compute: BatchCompute, cpu: number, memory: Size): void {
  const memoryMiB = memory.toMebibytes();
  if (compute.isFargate) {
    requireFargateSize(scope, cpu, memoryMiB);
  } else {
    requireRange(scope, 'cpu', cpu, 1, 256, ' vCPU');
    requireRange(scope, 'memory', memoryMiB, 128, 24_576_000, ' MiB');
  }
}

/** The image given as `image` or as `imageUri`: exactly one of the two. */
export function requireOneImage(scope: IConstruct, props: BatchPipelineProps): ecs.ContainerImage {
  if ((props.image === undefined) === (props.imageUri === undefined)) {
    throw new ComplianceValidationError(scope, 'image', props.image === undefined ? 'neither image nor imageUri' : 'both image and imageUri',
      'Give exactly one: image (an ecs.ContainerImage) or imageUri. There is no placeholder image; see examples/batch-worker/ for a sample worker.');
  }
  return props.image ?? ecs.ContainerImage.fromRegistry(props.imageUri!);
}
