// The ComplianceQueue construct: an SQS queue encrypted with a customer managed key, TLS only, with its own dead-letter queue or the reason it has none.
import {
  Duration,
  RemovalPolicy,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_kms as kms,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ComplianceKey } from './compliance-key';
import { ComplianceQueueDepthAlarmOptions, ComplianceQueueProps } from './compliance-queue-props';
import { validateQueueProps } from './compliance-queue-validation';
import { ComplianceTopic } from './compliance-topic';
import { NagControl } from './nag-control';
import { warnWeakened } from './weakened';

export * from './compliance-queue-props';

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
    validateQueueProps(scope, id, props);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const createdKey = props.encryptionKey === undefined
      ? new ComplianceKey(scope, `${id}Key`, { description: `Encrypts the messages of the SQS queue ${scope.node.path}/${id}`, removalPolicy })
      : undefined;
    const key = props.encryptionKey ?? createdKey!;
    const createdDeadLetterQueue = props.deadLetterQueueFor === undefined && props.deadLetterQueue === undefined
      ? ownDeadLetterQueue(scope, id, key, props.depthAlarm, removalPolicy)
      : undefined;
    const deadLetterQueue = props.deadLetterQueue ?? (createdDeadLetterQueue ? { queue: createdDeadLetterQueue } : undefined);

    super(scope, id, {
      queueName: props.queueName,
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
      this.depthAlarm = this.alarmOnDepth(props.depthAlarm);
    }
    if (props.removalPolicy !== undefined && props.removalPolicy !== RemovalPolicy.RETAIN) {
      warnWeakened(this, 'removalPolicy', 'the queue is deleted with its messages when it leaves the stack');
    }
  }

  /** `DepthAlarm`: at least `threshold` visible messages (maximum over five minutes), notifying the topic on ALARM and OK. */
  private alarmOnDepth(options: ComplianceQueueDepthAlarmOptions): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, 'DepthAlarm', {
      alarmDescription: `${this.node.path} holds ${options.threshold ?? 1} or more messages`,
      metric: this.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: options.threshold ?? 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const action = new cloudwatchActions.SnsAction(options.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    if (options.alarmTopic instanceof ComplianceTopic) {
      options.alarmTopic.allowServicePublish('cloudwatch.amazonaws.com', { sourceArn: alarm.alarmArn });
    }
    return alarm;
  }
}

/**
 * The dead-letter queue a work queue creates for itself: `<id>DeadLetterQueue`, a sibling with the
 * same key and removal policy, alarmed on the same topic when the work queue is.
 */
function ownDeadLetterQueue(
  scope: Construct, id: string, key: kms.IKey, depthAlarm: ComplianceQueueDepthAlarmOptions | undefined, removalPolicy: RemovalPolicy,
): ComplianceQueue {
  return new ComplianceQueue(scope, `${id}DeadLetterQueue`, {
    encryptionKey: key,
    deadLetterQueueFor: `messages of ${scope.node.path}/${id} that failed to be processed 3 times`,
    depthAlarm: depthAlarm ? { alarmTopic: depthAlarm.alarmTopic } : undefined,
    removalPolicy,
  });
}
