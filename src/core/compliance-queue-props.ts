// The properties of a ComplianceQueue: its key, retention, dead-letter queue, depth alarm and removal policy.
import { Duration, RemovalPolicy, aws_kms as kms, aws_sns as sns, aws_sqs as sqs } from 'aws-cdk-lib';

/**
 * Where the messages of a `ComplianceQueue` go after they fail to be processed.
 */
export interface ComplianceDeadLetterQueueOptions {
  /**
   * The dead-letter queue.
   */
  readonly queue: sqs.IQueue;

  /**
   * How many times a message is received (and not deleted) before it moves to the dead-letter queue.
   *
   * @default 3
   */
  readonly maxReceiveCount?: number;
}

/**
 * A CloudWatch alarm on the number of visible messages of a `ComplianceQueue`.
 */
export interface ComplianceQueueDepthAlarmOptions {
  /**
   * The topic the alarm notifies (when it goes into ALARM and back to OK).
   */
  readonly alarmTopic: sns.ITopic;

  /**
   * The alarm fires when the queue holds at least this many visible messages (maximum over
   * five minutes). 1 means "any message", which is what a dead-letter queue wants.
   *
   * @default 1
   */
  readonly threshold?: number;
}

/**
 * Properties of a `ComplianceQueue`.
 */
export interface ComplianceQueueProps {
  /**
   * Name of the queue: 1 to 80 letters, digits, hyphens and underscores. FIFO queues are not
   * supported.
   *
   * @default - a name CloudFormation generates
   */
  readonly queueName?: string;

  /**
   * The KMS key that encrypts the messages at rest.
   *
   * @default - a new `ComplianceKey` (a sibling construct named `<id>Key`)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long SQS keeps a message: 1 minute to 14 days.
   *
   * @default Duration.days(14)
   */
  readonly retentionPeriod?: Duration;

  /**
   * How long a received message stays invisible to other consumers: 0 seconds to 12 hours.
   *
   * @default Duration.seconds(30)
   */
  readonly visibilityTimeout?: Duration;

  /**
   * Where messages go after they fail to be processed `maxReceiveCount` times.
   *
   * Not allowed together with `deadLetterQueueFor`.
   *
   * @default - a new `ComplianceQueue` (`<id>DeadLetterQueue`, same key) that receives a message
   * after 3 failed receives, unless this queue is itself a dead-letter queue (`deadLetterQueueFor`)
   */
  readonly deadLetterQueue?: ComplianceDeadLetterQueueOptions;

  /**
   * Makes this queue a dead-letter queue: what sends it the messages that could not be delivered
   * or processed, for example "scheduled events EventBridge could not deliver".
   *
   * A dead-letter queue gets no dead-letter queue of its own (it would only move the same messages
   * again); the findings that ask for one (AwsSolutions-SQS3, Serverless-SQSRedrivePolicy) are
   * acknowledged on this queue with this description in the reason. Alarm on its depth
   * (`depthAlarm`) so that the messages are seen.
   *
   * @default - a work queue, which gets a dead-letter queue (see `deadLetterQueue`)
   */
  readonly deadLetterQueueFor?: string;

  /**
   * An alarm on the number of visible messages, notifying a topic.
   *
   * @default - no alarm
   */
  readonly depthAlarm?: ComplianceQueueDepthAlarmOptions;

  /**
   * What happens to the queue (and a key it creates) when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}
