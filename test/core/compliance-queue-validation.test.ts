import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ComplianceQueueProps } from '../../src';
import { requireSeconds, validateQueueProps } from '../../src/core/compliance-queue-validation';

function check(props: ComplianceQueueProps): () => void {
  return () => validateQueueProps(new Stack(), 'Work', props);
}

describe('validateQueueProps', () => {
  test('accepts the defaults, tokens and every value at its limits', () => {
    expect(check({})).not.toThrow();
    expect(check({ queueName: Token.asString({ Ref: 'Name' }), retentionPeriod: Duration.minutes(1), visibilityTimeout: Duration.hours(12) })).not.toThrow();
    expect(check({ queueName: 'a'.repeat(80), retentionPeriod: Duration.days(14), visibilityTimeout: Duration.seconds(0) })).not.toThrow();
  });

  test.each<[string, (stack: Stack) => ComplianceQueueProps, RegExp]>([
    ['a FIFO name', () => ({ queueName: 'jobs.fifo' }), /invalid Work\.queueName: 'jobs\.fifo'/],
    ['a dead-letter queue without its queue', () => ({ deadLetterQueue: {} as any }), /invalid Work\.deadLetterQueue\.queue: undefined/],
    ['a depth alarm without its topic', () => ({ depthAlarm: {} as any }), /invalid Work\.depthAlarm\.alarmTopic: undefined/],
    ['a retention under a minute', () => ({ retentionPeriod: Duration.seconds(59) }), /invalid Work\.retentionPeriod/],
    ['a visibility timeout over 12 hours', () => ({ visibilityTimeout: Duration.hours(13) }), /invalid Work\.visibilityTimeout/],
    ['a blank deadLetterQueueFor', () => ({ deadLetterQueueFor: '  ' }), /invalid Work\.deadLetterQueueFor/],
    ['deadLetterQueueFor with a dead-letter queue', (stack) => ({ deadLetterQueueFor: 'x', deadLetterQueue: { queue: new sqs.Queue(stack, 'D') } }),
      /invalid Work\.deadLetterQueue: 'Default\/D'.*set one of the two/],
    ['maxReceiveCount 0', (stack) => ({ deadLetterQueue: { queue: new sqs.Queue(stack, 'D'), maxReceiveCount: 0 } }),
      /invalid Work\.deadLetterQueue\.maxReceiveCount: 0/],
    ['a threshold of 0', (stack) => ({ depthAlarm: { alarmTopic: new sns.Topic(stack, 'T'), threshold: 0 } }), /invalid Work\.depthAlarm\.threshold: 0/],
  ])('refuses %s, naming the prop', (_name, props, message) => {
    const stack = new Stack();
    expect(() => validateQueueProps(stack, 'Work', props(stack))).toThrow(message);
  });
});

describe('requireSeconds', () => {
  const stack = new Stack();
  test('undefined and tokens pass', () => {
    expect(() => requireSeconds(stack, 'p', undefined, 0, 1, 'Allowed: x.')).not.toThrow();
    expect(() => requireSeconds(stack, 'p', Duration.seconds(Token.asNumber({ Ref: 'S' })), 0, 1, 'Allowed: x.')).not.toThrow();
  });

  test('a fraction of a second asks for whole seconds', () => {
    expect(() => requireSeconds(stack, 'p', Duration.millis(1500), 0, 10, 'Allowed: x.')).toThrow(/Allowed: x\. Use a whole number of seconds\./);
  });

  test('outside the range: the allowed text', () => {
    expect(() => requireSeconds(stack, 'p', Duration.seconds(11), 0, 10, 'Allowed: 0 to 10.')).toThrow(/invalid p: 11 seconds\. Allowed: 0 to 10\./);
    expect(() => requireSeconds(stack, 'p', Duration.seconds(10), 0, 10, 'Allowed: 0 to 10.')).not.toThrow();
  });
});
