// Synth-time checks of a ComplianceQueue's props, each naming the prop, the bad value and what is allowed.
import { Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ComplianceQueueProps } from './compliance-queue-props';
import { ComplianceValidationError, requireField, requireRange } from './validation';

/** SQS: 1 to 80 letters, digits, hyphens and underscores (`.fifo` names are FIFO queues, not supported here). */
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Throw a `ComplianceValidationError` on `scope`, for the prop `<id>.<prop>`, unless every prop of
 * the queue `id` is one SQS accepts (tokens are accepted as they are).
 */
export function validateQueueProps(scope: Construct, id: string, props: ComplianceQueueProps): void {
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
  validateDeadLetterQueueFor(scope, id, props);
  requireRange(scope, `${id}.deadLetterQueue.maxReceiveCount`, props.deadLetterQueue?.maxReceiveCount, 1, 1000);
  if (props.depthAlarm?.threshold !== undefined) {
    requireRange(scope, `${id}.depthAlarm.threshold`, props.depthAlarm.threshold, 1, 1000000, ' messages');
  }
}

/** A dead-letter queue says what it receives, and has no dead-letter queue of its own. */
function validateDeadLetterQueueFor(scope: Construct, id: string, props: ComplianceQueueProps): void {
  if (props.deadLetterQueueFor === undefined) {
    return;
  }
  if (props.deadLetterQueueFor.trim() === '') {
    throw new ComplianceValidationError(scope, `${id}.deadLetterQueueFor`, props.deadLetterQueueFor,
      'Allowed: a description of what sends the failed messages, for example "scheduled events EventBridge could not deliver".');
  }
  if (props.deadLetterQueue !== undefined) {
    throw new ComplianceValidationError(scope, `${id}.deadLetterQueue`, props.deadLetterQueue.queue.node.path,
      'A queue with deadLetterQueueFor is itself a dead-letter queue and cannot have one; set one of the two.');
  }
}

/** Require a duration within a range of seconds, unless it is a token. */
export function requireSeconds(scope: Construct, prop: string, value: Duration | undefined, min: number, max: number, allowed: string): void {
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
