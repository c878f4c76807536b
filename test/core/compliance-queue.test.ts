import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ComplianceKey, ComplianceQueue, ComplianceTopic } from '../../src';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

function queuePolicies(template: Template): any[] {
  return (Object.values(template.findResources('AWS::SQS::QueuePolicy')) as any[]).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('ComplianceQueue defaults', () => {
  const stack = newStack();
  const queue = new ComplianceQueue(stack, 'Work');
  const template = Template.fromStack(stack);

  test('encrypts messages with a new ComplianceKey that rotates and is retained', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkKey'), 'Arn'] },
    });
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    expect(queue.createdKey).toBeInstanceOf(ComplianceKey);
    expect(queue.key).toBe(queue.createdKey);
  });

  test('keeps messages 14 days and is retained on removal', () => {
    template.hasResource('AWS::SQS::Queue', {
      Properties: Match.objectLike({ MessageRetentionPeriod: 1209600 }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('denies every action without TLS', () => {
    expect(queuePolicies(template)).toContainEqual(expect.objectContaining({
      Effect: 'Deny',
      Action: 'sqs:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
  });

  test('gets its own dead-letter queue (same key) after 3 failed receives', () => {
    expect(queue.createdDeadLetterQueue).toBeInstanceOf(ComplianceQueue);
    expect(queue.createdDeadLetterQueue!.key).toBe(queue.key);
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkDeadLetterQueue'), 'Arn'] }, maxReceiveCount: 3 },
    });
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('creates no alarm and leaves no warning', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(queue.depthAlarm).toBeUndefined();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('draws no finding in any pack', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('ComplianceQueue with every option', () => {
  const stack = newStack();
  const key = new ComplianceKey(stack, 'GivenKey');
  const topic = new ComplianceTopic(stack, 'Alerts');
  const failed = new ComplianceQueue(stack, 'Failed', {
    encryptionKey: key,
    deadLetterQueueFor: 'messages the work queue could not process',
    depthAlarm: { alarmTopic: topic },
  });
  const queue = new ComplianceQueue(stack, 'Work', {
    queueName: 'audit-work_1',
    encryptionKey: key,
    retentionPeriod: Duration.days(4),
    visibilityTimeout: Duration.minutes(15),
    deadLetterQueue: { queue: failed, maxReceiveCount: 5 },
    depthAlarm: { alarmTopic: topic, threshold: 100 },
  });
  const template = Template.fromStack(stack);

  test('uses the given key, name, retention, visibility timeout and dead-letter queue', () => {
    expect(queue.key).toBe(key);
    expect(queue.createdKey).toBeUndefined();
    expect(queue.createdDeadLetterQueue).toBeUndefined();
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'audit-work_1',
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GivenKey'), 'Arn'] },
      MessageRetentionPeriod: 345600,
      VisibilityTimeout: 900,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Failed'), 'Arn'] }, maxReceiveCount: 5 },
    });
    template.resourceCountIs('AWS::SQS::Queue', 3); // the two queues and the topic's own dead-letter queue
  });

  test('a dead-letter queue has no redrive policy of its own', () => {
    const failedQueue = (failed.node.defaultChild as sqs.CfnQueue);
    expect(failedQueue.redrivePolicy).toBeUndefined();
  });

  test('depth alarms notify the topic on ALARM and OK, and the topic lets CloudWatch publish for them only', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 100,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alerts') }],
      OKActions: [{ Ref: Match.stringLikeRegexp('^Alerts') }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 1 });
    const topicStatements = (Object.values(template.findResources('AWS::SNS::TopicPolicy')) as any[])[0].Properties.PolicyDocument.Statement;
    const cloudwatch = topicStatements.filter((s: any) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(cloudwatch).toHaveLength(2);
    for (const statement of cloudwatch) {
      expect(JSON.stringify(statement.Condition)).toContain('aws:SourceArn');
    }
  });

  test('draws no finding in any pack', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

test('with a depth alarm and its own dead-letter queue, the dead-letter queue alarms on any message to the same topic', () => {
  const stack = newStack();
  const topic = new ComplianceTopic(stack, 'Alerts');
  const queue = new ComplianceQueue(stack, 'Work', { depthAlarm: { alarmTopic: topic, threshold: 50 } });
  const template = Template.fromStack(stack);
  expect(queue.createdDeadLetterQueue!.depthAlarm).toBeDefined();
  template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    Threshold: 1,
    Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkDeadLetterQueue'), 'QueueName'] } }],
    AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alerts') }],
  });
  expect(formatFindings(nagFindings(stack))).toEqual([]);
});

test('a removal policy other than RETAIN works and leaves a warning', () => {
  const stack = newStack();
  new ComplianceQueue(stack, 'Work', { removalPolicy: RemovalPolicy.DESTROY });
  const template = Template.fromStack(stack);
  template.hasResource('AWS::SQS::Queue', { DeletionPolicy: 'Delete' });
  Annotations.fromStack(stack).hasWarning('/TestStack/Work', Match.stringLikeRegexp('removalPolicy weakens a secure default'));
});

describe('bad input fails at synth, naming the prop and the value', () => {
  test.each([
    ['queueName with a .fifo suffix', { queueName: 'audit.fifo' }, /TestStack: invalid Work\.queueName: 'audit\.fifo'\. Allowed: 1 to 80 letters/],
    ['queueName of 81 characters', { queueName: 'q'.repeat(81) }, /invalid Work\.queueName: 'q{81}'/],
    ['retentionPeriod of 15 days', { retentionPeriod: Duration.days(15) }, /invalid Work\.retentionPeriod: 15 days\. Allowed: 1 minute to 14 days/],
    ['retentionPeriod of 30 seconds', { retentionPeriod: Duration.seconds(30) }, /invalid Work\.retentionPeriod: 30 seconds\. Allowed: 1 minute to 14 days/],
    ['visibilityTimeout of 13 hours', { visibilityTimeout: Duration.hours(13) }, /invalid Work\.visibilityTimeout: 13 hours\. Allowed: 0 seconds to 12 hours/],
    ['visibilityTimeout of 1.5 seconds', { visibilityTimeout: Duration.millis(1500) }, /invalid Work\.visibilityTimeout: 1 second 500 millis\. .*whole number of seconds/],
    ['deadLetterQueueFor empty', { deadLetterQueueFor: ' ' }, /invalid Work\.deadLetterQueueFor: ' '\. Allowed: a description/],
    ['maxReceiveCount of 0', { deadLetterQueue: { queue: 'DLQ' as any, maxReceiveCount: 0 } }, /invalid Work\.deadLetterQueue\.maxReceiveCount: 0\. Allowed: a whole number from 1 to 1000/],
    ['depthAlarm.threshold of 0', { depthAlarm: { alarmTopic: 'TOPIC' as any, threshold: 0 } }, /invalid Work\.depthAlarm\.threshold: 0\. Allowed: a whole number from 1 to 1000000 messages/],
  ])('%s', (_case, props, message) => {
    const stack = newStack();
    const resolved: any = { ...props };
    if (resolved.deadLetterQueue?.queue === 'DLQ') {
      resolved.deadLetterQueue = { ...resolved.deadLetterQueue, queue: new ComplianceQueue(stack, 'Other', { deadLetterQueueFor: 'test' }) };
    }
    if (resolved.depthAlarm?.alarmTopic === 'TOPIC') {
      resolved.depthAlarm = { ...resolved.depthAlarm, alarmTopic: new ComplianceTopic(stack, 'Alerts') };
    }
    expect(() => new ComplianceQueue(stack, 'Work', resolved)).toThrow(message);
  });

  test('deadLetterQueueFor together with deadLetterQueue', () => {
    const stack = newStack();
    const other = new ComplianceQueue(stack, 'Other', { deadLetterQueueFor: 'test' });
    expect(() => new ComplianceQueue(stack, 'Work', { deadLetterQueueFor: 'failed events', deadLetterQueue: { queue: other } }))
      .toThrow(/invalid Work\.deadLetterQueue: 'TestStack\/Other'\. A queue with deadLetterQueueFor is itself a dead-letter queue/);
  });
});
