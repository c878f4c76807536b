/**
 * Inventory records of compute (SDK-independent): Lambda functions, Batch job definitions and compute environments, Step Functions state machines.
 */

export interface LambdaFunctionInfo {
  readonly functionName: string;
  readonly arn: string;
  /** Undefined for container-image functions. */
  readonly runtime?: string;
  /** Resource-based policy JSON, `null` when the function has none. */
  readonly policy?: string | null;
  /** `VpcConfig.VpcId` (ListFunctions); `null` when the function is not attached to a VPC. */
  readonly vpcId?: string | null;
  /** `TracingConfig.Mode` (`Active`, `PassThrough`); `null` when none is reported. */
  readonly tracingMode?: string | null;
  /** `DeadLetterConfig.TargetArn`; `null` when the function has no dead-letter queue. */
  readonly deadLetterTargetArn?: string | null;
  /**
   * On-failure destinations of the function's event invoke configurations (every qualifier,
   * ListFunctionEventInvokeConfigs); empty when none has one, `undefined` when they could not be read
   * (not read when a dead-letter queue is set).
   */
  readonly onFailureDestinations?: readonly string[];
  /** Reserved concurrent executions (GetFunctionConcurrency); `null` when none is reserved, `undefined` when it could not be read. */
  readonly reservedConcurrency?: number | null;
  /** The execution role's ARN (`Role`, ListFunctions). */
  readonly role?: string;
  /** `LoggingConfig.LogGroup` (ListFunctions; `/aws/lambda/<name>` when the function names none); `null` when no LoggingConfig is reported. */
  readonly logGroup?: string | null;
  /**
   * The on-success and on-failure destinations of every event invoke configuration (every qualifier);
   * empty when none has one, `undefined` when they could not be read or were not read (with a
   * dead-letter queue, they are read only when a selected check also reads the roles' policies).
   */
  readonly invokeDestinations?: readonly string[];
}

/** An ACTIVE revision of an AWS Batch job definition (DescribeJobDefinitions), with what the Batch controls judge. */
export interface JobDefinitionInfo {
  readonly name: string;
  /** The revision's ARN (`...:job-definition/<name>:<revision>`). */
  readonly arn: string;
  readonly revision: number;
  /** `retryStrategy.attempts`; `undefined` when the definition has no retry strategy. */
  readonly retryAttempts?: number;
  /** `timeout.attemptDurationSeconds`; `undefined` when the definition has no timeout. */
  readonly attemptDurationSeconds?: number;
  /** The `privileged` flag of each container (container, multi-node, ECS and EKS properties); `undefined` where unset. */
  readonly privilegedFlags: readonly (boolean | undefined)[];
  /** `platformCapabilities` (`EC2`, `FARGATE`). */
  readonly platformCapabilities?: readonly string[];
  /** `networkConfiguration.assignPublicIp` of each task block (container and ECS task properties); `undefined` where unset. */
  readonly assignPublicIp?: readonly (string | undefined)[];
  /** The roles each task block names (`jobRoleArn`, `executionRoleArn`, `taskRoleArn`), in that order, unset ones left out. */
  readonly taskRoles?: readonly { readonly jobRoleArn?: string; readonly executionRoleArn?: string; readonly taskRoleArn?: string }[];
  /** Each container with what its execution role must do before it starts: the role, the image, the log configuration, the secrets. */
  readonly executionContainers?: readonly ExecutionContainerInfo[];
}

/** A container of a Batch job definition as its execution role serves it (`containerProperties`, or a container of `ecsProperties.taskProperties` with its task's role). */
export interface ExecutionContainerInfo {
  readonly executionRoleArn?: string;
  readonly image?: string;
  /** `logConfiguration.logDriver`. */
  readonly logDriver?: string;
  /** `logConfiguration.options['awslogs-group']`. */
  readonly logGroup?: string;
  /** `secrets`: their names and `valueFrom` (a Secrets Manager ARN, or an SSM parameter name or ARN). */
  readonly secrets: readonly { readonly name?: string; readonly valueFrom?: string }[];
}

/** An AWS Batch compute environment (DescribeComputeEnvironments), with the launch template version it names. */
export interface ComputeEnvironmentInfo {
  readonly name: string;
  readonly arn: string;
  /** `computeResources.type` (`EC2`, `SPOT`, `FARGATE`, `FARGATE_SPOT`); `undefined` for an unmanaged environment. */
  readonly computeType?: string;
  /** `computeResources.launchTemplate`, its version `$Default` when unset; `undefined` when it names none. */
  readonly launchTemplate?: { readonly id?: string; readonly name?: string; readonly version: string };
  /**
   * `MetadataOptions.HttpTokens` of that launch template version; `null` when the version sets none;
   * `undefined` when there is no launch template, or when it could not be read (see `launchTemplateError`).
   */
  readonly httpTokens?: string | null;
  /** Why the launch template version could not be read (the API's error code). */
  readonly launchTemplateError?: string;
  /** `computeResources.subnets`; `undefined` for an unmanaged environment. */
  readonly subnets?: readonly string[];
  /** `serviceRole` (the role Batch assumes); `undefined` when none is reported. */
  readonly serviceRole?: string;
}

/** A Step Functions state machine (ListStateMachines, DescribeStateMachine). */
export interface StateMachineInfo {
  readonly name: string;
  readonly arn: string;
  /** `STANDARD` or `EXPRESS`. */
  readonly type?: string;
  /** The role the state machine runs with (`roleArn`); `undefined` when it could not be described. */
  readonly roleArn?: string;
  /** The Amazon States Language definition (JSON text); `undefined` when it could not be described. */
  readonly definition?: string;
  /** `loggingConfiguration.destinations` (log group ARNs); empty when it logs nowhere, `undefined` when it could not be described. */
  readonly logDestinations?: readonly string[];
  /** Why DescribeStateMachine failed (the API's error code). */
  readonly describeError?: string;
}
