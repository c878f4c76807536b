import {
  Duration,
  RemovalPolicy,
  Token,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_kms as kms,
  aws_sns as sns,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ComplianceKey } from './compliance-key';
import { ComplianceTopic } from './compliance-topic';
import { NagControl } from './nag-control';
import { ComplianceValidationError, requireField, requireRange } from './validation';
import { warnWeakened } from './weakened';

/** SQS: 1 to 80 letters, digits, hyphens and underscores (`.fifo` names are FIFO queues, not supported here). */
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

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

/**
 * An SQS queue that is locked down by default.
 *
 * - messages encrypted at rest with a customer managed KMS key (`ComplianceKey`) or a given key;
 * - a queue policy that denies every action without TLS;
 * - messages kept 14 days (the most SQS allows), so failures can still be examined after a
 *   long weekend;
 * - a dead-letter queue of its own, or, when it is one (`deadLetterQueueFor`), the reason it has none
 *   recorded where a reviewer looks for it;
 * - an optional alarm on its depth; retained when removed from the stack.
 *
 * @example
 * import { ComplianceQueue, ComplianceTopic } from 'cdk-compliance-constructs';
 *
 * const alerts = new ComplianceTopic(this, 'Alerts', { emailSubscriptions: ['secops@example.com'] });
 * // A dead-letter queue: no dead-letter queue of its own, any message in it raises the alarm.
 * const failedEvents = new ComplianceQueue(this, 'FailedEvents', {
 *   deadLetterQueueFor: 'events the audit rules could not deliver',
 *   depthAlarm: { alarmTopic: alerts },
 * });
 */
export class ComplianceQueue extends sqs.Queue {
  /** The key that encrypts the messages (created or given). */
  public readonly key: kms.IKey;
  /** The key created by this construct, if no key was given. */
  public readonly createdKey?: ComplianceKey;
  /** The dead-letter queue this construct created, if any (see `deadLetterQueue`). */
  public readonly createdDeadLetterQueue?: ComplianceQueue;
  /** The alarm on the queue's depth, when `depthAlarm` is set. */
  public readonly depthAlarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ComplianceQueueProps = {}) {
    const queueName = props.queueName;
    if (queueName !== undefined && !Token.isUnresolved(queueName) && !QUEUE_NAME.test(queueName)) {
      throw new ComplianceValidationError(scope, `${id}.queueName`, queueName,
        'Allowed: 1 to 80 letters, digits, hyphens (-) and underscores (_); FIFO queues (.fifo) are not supported.');
    }
    if (props.deadLetterQueue) {
      requireField(scope, `${id}.deadLetterQueue.queue`, props.deadLetterQueue.queue, 'the sqs.IQueue that receives messages which failed maxReceiveCount times');
    }
    if (props.depthAlarm) {
      requireField(scope, `${id}.depthAlarm.alarmTopic`, props.depthAlarm.alarmTopic, 'the sns.ITopic the depth alarm notifies');
    }
    requireSeconds(scope, `${id}.retentionPeriod`, props.retentionPeriod, 60, 1209600, 'Allowed: 1 minute to 14 days.');
    requireSeconds(scope, `${id}.visibilityTimeout`, props.visibilityTimeout, 0, 43200, 'Allowed: 0 seconds to 12 hours.');
    if (props.deadLetterQueueFor !== undefined) {
      if (props.deadLetterQueueFor.trim() === '') {
        throw new ComplianceValidationError(scope, `${id}.deadLetterQueueFor`, props.deadLetterQueueFor,
          'Allowed: a description of what sends the failed messages, for example "scheduled events EventBridge could not deliver".');
      }
      if (props.deadLetterQueue !== undefined) {
        throw new ComplianceValidationError(scope, `${id}.deadLetterQueue`, props.deadLetterQueue.queue.node.path,
          'A queue with deadLetterQueueFor is itself a dead-letter queue and cannot have one; set one of the two.');
      }
    }
    requireRange(scope, `${id}.deadLetterQueue.maxReceiveCount`, props.deadLetterQueue?.maxReceiveCount, 1, 1000);
    if (props.depthAlarm?.threshold !== undefined) {
      requireRange(scope, `${id}.depthAlarm.threshold`, props.depthAlarm.threshold, 1, 1000000, ' messages');
    }

    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const createdKey = props.encryptionKey === undefined
      ? new ComplianceKey(scope, `${id}Key`, { description: `Encrypts the messages of the SQS queue ${scope.node.path}/${id}`, removalPolicy })
      : undefined;
    const key = props.encryptionKey ?? createdKey!;
    const createdDeadLetterQueue = props.deadLetterQueueFor === undefined && props.deadLetterQueue === undefined
      ? new ComplianceQueue(scope, `${id}DeadLetterQueue`, {
        encryptionKey: key,
        deadLetterQueueFor: `messages of ${scope.node.path}/${id} that failed to be processed 3 times`,
        depthAlarm: props.depthAlarm ? { alarmTopic: props.depthAlarm.alarmTopic } : undefined,
        removalPolicy,
      })
      : undefined;
    const deadLetterQueue = props.deadLetterQueue ?? (createdDeadLetterQueue ? { queue: createdDeadLetterQueue } : undefined);

    super(scope, id, {
      queueName,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: props.retentionPeriod ?? Duration.days(14),
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: deadLetterQueue ? { queue: deadLetterQueue.queue, maxReceiveCount: deadLetterQueue.maxReceiveCount ?? 3 } : undefined,
      removalPolicy,
    });
    this.key = key;
    this.createdKey = createdKey;
    this.createdDeadLetterQueue = createdDeadLetterQueue;

    if (props.deadLetterQueueFor !== undefined) {
      NagControl.SQS_DEAD_LETTER_QUEUE.acknowledge(this.node.defaultChild!,
        `This queue is itself a dead-letter queue (${props.deadLetterQueueFor}); a dead-letter queue of a dead-letter queue would only move the same messages again.${props.depthAlarm ? ' Its depth is alarmed.' : ''}`);
    }
    if (props.depthAlarm) {
      this.depthAlarm = new cloudwatch.Alarm(this, 'DepthAlarm', {
        alarmDescription: `${this.node.path} holds ${props.depthAlarm.threshold ?? 1} or more messages`,
        metric: this.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: props.depthAlarm.threshold ?? 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      const action = new cloudwatchActions.SnsAction(props.depthAlarm.alarmTopic);
      this.depthAlarm.addAlarmAction(action);
      this.depthAlarm.addOkAction(action);
      if (props.depthAlarm.alarmTopic instanceof ComplianceTopic) {
        props.depthAlarm.alarmTopic.allowServicePublish('cloudwatch.amazonaws.com', { sourceArn: this.depthAlarm.alarmArn });
      }
    }
    if (props.removalPolicy !== undefined && props.removalPolicy !== RemovalPolicy.RETAIN) {
      warnWeakened(this, 'removalPolicy', 'the queue is deleted with its messages when it leaves the stack');
    }
  }
}

/** Require a duration within a range of seconds, unless it is a token. */
function requireSeconds(scope: Construct, prop: string, value: Duration | undefined, min: number, max: number, allowed: string): void {
  if (value === undefined || value.isUnresolved()) {
    return;
  }
  let seconds: number;
  try {
    seconds = value.toSeconds();
  } catch {
    throw new ComplianceValidationError(scope, prop, value, `${allowed} Use a whole number of seconds.`);
  }
  if (seconds < min || seconds > max) {
    throw new ComplianceValidationError(scope, prop, value, allowed);
  }
}
