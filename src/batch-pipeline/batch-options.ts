import { Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { ComplianceValidationError, requireField } from '../core/validation';

const MIN_ARRAY_SIZE = 2;
const MAX_ARRAY_SIZE = 10_000;

/**
 * Where the jobs of a `BatchPipeline` run.
 */
export class BatchCompute {
  /** AWS Fargate: no instances to patch, one task per job. */
  public static fargate(): BatchCompute {
    return new BatchCompute('FARGATE');
  }

  /**
   * AWS Fargate Spot: cheaper, and tasks can be reclaimed. Reclaimed tasks are retried by the
   * job definition's retry strategy, so budget for the extra attempts within the processing window.
   */
  public static fargateSpot(): BatchCompute {
    return new BatchCompute('FARGATE_SPOT');
  }

  /**
   * Managed EC2 instances (ECS-optimized Amazon Linux 2023), launched from a launch template that
   * requires IMDSv2 and encrypts every volume (`Encrypted: true`).
   *
   * The volumes are encrypted with the account's EBS default key for the Region: the AWS managed
   * key `aws/ebs`, or the customer managed key the account has set as its EBS default
   * (`ec2:ModifyEbsDefaultKmsKeyId`). The pipeline does not name a key of its own here: the
   * instances are launched by AWS Batch through EC2 Auto Scaling under service-linked roles, and a
   * customer managed key their roles may not use makes every launch fail, with no finding at synth.
   * To use a customer managed key, set it as the account's EBS default key and let those roles use it.
   */
  public static ec2(options: Ec2ComputeOptions = {}): BatchCompute {
    return new BatchCompute('EC2', options.instanceTypes);
  }

  /**
   * @param kind FARGATE, FARGATE_SPOT or EC2
   * @param instanceTypes the instance types of EC2 compute
   */
  private constructor(
    /** FARGATE, FARGATE_SPOT or EC2. */
    public readonly kind: string,
    /** The instance types of EC2 compute. */
    public readonly instanceTypes?: ec2.InstanceType[],
  ) {}

  /** Whether jobs run on Fargate (on demand or Spot). */
  public get isFargate(): boolean {
    return this.kind !== 'EC2';
  }
}

/**
 * Options for `BatchCompute.ec2`.
 */
export interface Ec2ComputeOptions {
  /**
   * The instance types AWS Batch may launch.
   *
   * @default - the optimal instance classes AWS Batch chooses (`optimal`)
   */
  readonly instanceTypes?: ec2.InstanceType[];
}

/**
 * What the array sizing is derived from: the work of one run and the measured speed of one worker.
 */
export interface ThroughputScaleOptions {
  /** Records processed in one run, for example 1,000,000 transactions. */
  readonly recordsPerRun: number;

  /**
   * Records one worker (one array child) processes per second, as measured with the sample
   * worker's benchmark or your own.
   */
  readonly recordsPerSecondPerWorker: number;

  /**
   * Safety factor on the computed worker count, at least 1. With 2, the workers would finish the
   * run in half the processing window, which leaves room for retries of failed children, Fargate
   * start-up time and slower days.
   *
   * @default 2
   */
  readonly headroom?: number;
}

/**
 * How many copies (array children) of the job a run starts.
 */
export class BatchScale {
  /** Smallest array size AWS Batch accepts for an array job. */
  public static readonly MIN_ARRAY_SIZE: number = MIN_ARRAY_SIZE;
  /** Largest array size AWS Batch accepts for an array job. */
  public static readonly MAX_ARRAY_SIZE: number = MAX_ARRAY_SIZE;

  /**
   * One job, no array: the single container processes the whole run.
   */
  public static singleJob(): BatchScale {
    return new BatchScale(undefined, undefined);
  }

  /**
   * An array job of a fixed size (2 to 10,000, AWS Batch's limits). Each child reads its index
   * from `AWS_BATCH_JOB_ARRAY_INDEX`.
   */
  public static arraySize(size: number): BatchScale {
    return new BatchScale(size, undefined);
  }

  /**
   * An array job sized to finish within the processing window:
   *
   * `arraySize = max(2, ceil(headroom × recordsPerRun / (recordsPerSecondPerWorker × windowSeconds)))`
   *
   * For example one million records at 50 records per second per worker in a four-hour window
   * (14,400 s) with headroom 2: `ceil(2 × 1,000,000 / (50 × 14,400)) = ceil(2.78) = 3`.
   */
  public static fromThroughput(options: ThroughputScaleOptions): BatchScale {
    return new BatchScale(undefined, options);
  }

  /**
   * The array size `fromThroughput` computes (before the 2 to 10,000 check), for planning.
   *
   * @param recordsPerRun records in one run
   * @param recordsPerSecondPerWorker records one worker processes per second
   * @param window the processing window
   * @param headroom safety factor, at least 1
   */
  public static requiredArraySize(recordsPerRun: number, recordsPerSecondPerWorker: number, window: Duration, headroom: number = 2): number {
    const workerCapacity = recordsPerSecondPerWorker * window.toSeconds();
    return Math.max(MIN_ARRAY_SIZE, Math.ceil((headroom * recordsPerRun) / workerCapacity));
  }

  private constructor(private readonly size: number | undefined, private readonly throughput: ThroughputScaleOptions | undefined) {}

  /**
   * The array size for a processing window, or undefined for a single job. Throws a
   * `ValidationError` for sizes AWS Batch does not accept.
   *
   * @internal
   */
  public _resolve(scope: IConstruct, window: Duration): number | undefined {
    if (this.size !== undefined) {
      requireArraySize(scope, 'scale', this.size, 'BatchScale.arraySize');
      return this.size;
    }
    const t = this.throughput;
    if (t === undefined) {
      return undefined;
    }
    const headroom = t.headroom ?? 2;
    requirePositive(scope, 'scale.recordsPerRun', t.recordsPerRun);
    requirePositive(scope, 'scale.recordsPerSecondPerWorker', t.recordsPerSecondPerWorker);
    if (!(headroom >= 1) || !Number.isFinite(headroom)) {
      throw new ComplianceValidationError(scope, 'scale.headroom', headroom, 'Allowed: a number of at least 1 (1 means no headroom).');
    }
    const size = BatchScale.requiredArraySize(t.recordsPerRun, t.recordsPerSecondPerWorker, window, headroom);
    requireArraySize(scope, 'scale', size,
      `${headroom} × ${t.recordsPerRun} records / (${t.recordsPerSecondPerWorker} records/s × ${window.toSeconds()} s)`);
    return size;
  }
}

function requirePositive(scope: IConstruct, prop: string, value: number): void {
  requireField(scope, prop, value, 'a positive number');
  if (Token.isUnresolved(value) || !(value > 0) || !Number.isFinite(value)) {
    throw new ComplianceValidationError(scope, prop, value, 'Allowed: a positive number known at synth time.');
  }
}

function requireArraySize(scope: IConstruct, prop: string, size: number, from: string): void {
  if (!Number.isInteger(size) || size < MIN_ARRAY_SIZE || size > MAX_ARRAY_SIZE) {
    throw new ComplianceValidationError(scope, prop, size,
      `The array size (from ${from}) must be a whole number from ${MIN_ARRAY_SIZE} to ${MAX_ARRAY_SIZE}, AWS Batch's limits for array jobs; `
      + 'use BatchScale.singleJob() for one job, a longer processingWindow or faster workers for fewer children.');
  }
}
