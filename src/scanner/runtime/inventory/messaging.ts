/** Inventory records of messaging (SDK-independent): SNS topics, SQS queues, EventBridge rules and their targets, Scheduler schedules. */

export interface TopicInfo {
  readonly name: string;
  readonly arn: string;
  /** The topic's KMS key (`KmsMasterKeyId`); `null` when it has none, `undefined` when its attributes could not be read. */
  readonly kmsMasterKeyId?: string | null;
  /** The topic policy (`Policy`, JSON); `null` when none is reported, `undefined` when its attributes could not be read. */
  readonly policy?: string | null;
}

/** The redrive policy of a queue (`RedrivePolicy`): where its messages go after `maxReceiveCount` failed receives. */
export interface RedrivePolicyInfo {
  /** `deadLetterTargetArn`; `undefined` when the policy names none (or could not be parsed). */
  readonly deadLetterTargetArn?: string;
  readonly maxReceiveCount?: number;
}

/**
 * An SQS queue of the region (ListQueues, GetQueueAttributes). A field that is `undefined` could not
 * be read (its error is in the report); `null`: the queue has none.
 */
export interface QueueInfo {
  readonly name: string;
  readonly url: string;
  /** `QueueArn`, or built from the URL when the attributes could not be read. */
  readonly arn: string;
  /** The queue policy (`Policy`, JSON). */
  readonly policy?: string | null;
  /** `RedrivePolicy`: the queue's dead-letter queue. */
  readonly redrivePolicy?: RedrivePolicyInfo | null;
  /** `KmsMasterKeyId`. */
  readonly kmsMasterKeyId?: string | null;
  /** `SqsManagedSseEnabled`. */
  readonly sqsManagedSseEnabled?: boolean;
}

/** One target of an EventBridge rule (ListTargetsByRule). */
export interface EventTargetInfo {
  readonly id: string;
  readonly arn: string;
  /** The role EventBridge delivers with (`RoleArn`); `undefined` when none. */
  readonly roleArn?: string;
  /** `DeadLetterConfig.Arn`; `undefined` when none. */
  readonly deadLetterArn?: string;
}

/** An EventBridge rule of one of the region's event buses (ListEventBuses, ListRules), with its targets. */
export interface EventRuleInfo {
  readonly name: string;
  readonly arn: string;
  readonly eventBusName: string;
  /** `ENABLED`, `DISABLED`, `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`. */
  readonly state?: string;
  /** `EventPattern` (JSON); `undefined` for a scheduled rule. */
  readonly eventPattern?: string;
  /** Its targets; `undefined` when they could not be listed. */
  readonly targets?: readonly EventTargetInfo[];
}

/** An EventBridge Scheduler schedule (ListSchedules, GetSchedule). */
export interface ScheduleInfo {
  readonly name: string;
  readonly groupName: string;
  /** `arn:...:scheduler:<region>:<account>:schedule/<group>/<name>`. */
  readonly arn: string;
  /** `ENABLED`, `DISABLED`. */
  readonly state?: string;
  /**
   * Its target (GetSchedule): the target's ARN (a templated target's resource, or
   * `arn:aws:scheduler:::aws-sdk:<service>:<action>`), the execution role, the dead-letter queue
   * (`null`: none); `undefined` when GetSchedule failed.
   */
  readonly target?: { readonly arn: string; readonly roleArn: string; readonly deadLetterArn: string | null };
  /** `KmsKeyArn`; `null` when the schedule uses an AWS owned key, `undefined` when not read. */
  readonly kmsKeyArn?: string | null;
}
