/**
 * The messaging controls: SNS.TopicPolicy as a template's `AWS::SNS::TopicPolicy` (or none) and as
 * GetTopicAttributes' `Policy` (SNS's default policy when the topic has none of its own);
 * CloudWatch.AlarmActionAuthorized as an alarm notifying a topic of the app and as DescribeAlarms
 * with the live topic policy.
 */
import { aws_cloudwatch as cloudwatch, aws_sns as sns } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { defaultTopicPolicy } from '../../src/controls/judgement/aws-documents';

const TOPIC = 'fixture-topic';
const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:${TOPIC}`;

/** A topic with the given topic policy statements; `null`: no topic policy (live: SNS's default). */
function topicFixture(name: string, expected: Verdict, statements: object[] | null): Fixture {
  const document = statements === null ? null : { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const topic = new sns.CfnTopic(stack, 'T', { topicName: TOPIC });
      if (document) new sns.CfnTopicPolicy(stack, 'P', { topics: [topic.ref], policyDocument: document });
      return topic;
    },
    live: () => ({
      snsTopics: [{ name: TOPIC, arn: TOPIC_ARN, kmsMasterKeyId: null, policy: JSON.stringify(document ?? defaultTopicPolicy(ACCOUNT)) }],
    }),
  };
}

const TLS_ONLY = { Sid: 'AllowPublishThroughSSLOnly', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

const SNS_TOPIC_POLICY: SharedControl = {
  id: 'SNS.TopicPolicy',
  rule: 'SnsTopicPolicy',
  check: 'sns-topic-policy',
  fixtures: [
    topicFixture('no topic policy (live: the default policy)', 'non-compliant', null),
    topicFixture('as ComplianceTopic writes it: TLS only, a service scoped to the account', 'compliant', [
      TLS_ONLY,
      { Sid: 'AllowcloudwatchPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]),
    topicFixture('publishing open to everyone', 'non-compliant', [TLS_ONLY, { Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: TOPIC_ARN }]),
    topicFixture('SNS:* to {"AWS": "*"}', 'non-compliant', [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:*', Resource: TOPIC_ARN }]),
    topicFixture('everyone, with a condition', 'compliant', [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }]),
    topicFixture('everyone may only subscribe', 'compliant', [{ Effect: 'Allow', Principal: '*', Action: 'sns:Subscribe', Resource: TOPIC_ARN }]),
    topicFixture('an account may publish', 'compliant', [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sns:Publish', Resource: TOPIC_ARN }]),
  ],
};

const ALARM = 'fixture-alarm';
const ALARM_ARN = `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:${ALARM}`;
const CLOUDWATCH = { Service: 'cloudwatch.amazonaws.com' };

/** An alarm whose alarm action is the topic, with the given topic policy statements (`null`: none). */
function alarmFixture(name: string, expected: Verdict, statements: object[] | null): Fixture {
  const document = statements === null ? null : { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const topic = new sns.CfnTopic(stack, 'T', { topicName: TOPIC });
      if (document) new sns.CfnTopicPolicy(stack, 'P', { topics: [topic.ref], policyDocument: document });
      return new cloudwatch.CfnAlarm(stack, 'A', {
        alarmName: ALARM,
        metricName: 'Errors',
        namespace: 'App',
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        alarmActions: [topic.ref],
        okActions: [topic.ref],
      });
    },
    live: () => ({
      cloudwatchAlarms: [{ name: ALARM, arn: ALARM_ARN, type: 'MetricAlarm', alarmActions: [TOPIC_ARN], okActions: [TOPIC_ARN], insufficientDataActions: [] }],
      snsTopics: [{ name: TOPIC, arn: TOPIC_ARN, kmsMasterKeyId: null, policy: document ? JSON.stringify(document) : null }],
      kmsKeys: [],
    }),
  };
}

const ALARM_ACTION_AUTHORIZED: SharedControl = {
  id: 'CloudWatch.AlarmActionAuthorized',
  rule: 'AlarmActionAuthorized',
  check: 'cloudwatch-alarm-action-authorized',
  fixtures: [
    alarmFixture('CloudWatch allowed for the alarm (aws:SourceArn)', 'compliant', [
      TLS_ONLY, { Effect: 'Allow', Principal: CLOUDWATCH, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { ArnEquals: { 'aws:SourceArn': ALARM_ARN } } },
    ]),
    alarmFixture('CloudWatch allowed for the account (aws:SourceAccount)', 'compliant', [
      { Effect: 'Allow', Principal: CLOUDWATCH, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]),
    alarmFixture('CloudWatch allowed for another alarm only', 'non-compliant', [
      { Effect: 'Allow', Principal: CLOUDWATCH, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { ArnEquals: { 'aws:SourceArn': `${ALARM_ARN}-other` } } },
    ]),
    alarmFixture('only EventBridge may publish', 'non-compliant', [
      { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC_ARN },
    ]),
    alarmFixture('CloudWatch allowed, then denied without TLS (the service sends TLS)', 'compliant', [
      TLS_ONLY, { Effect: 'Allow', Principal: CLOUDWATCH, Action: 'sns:*', Resource: TOPIC_ARN },
    ]),
    alarmFixture('no topic policy: SNS\'s default policy', 'non-compliant', null),
  ],
};

export const MESSAGING_SHARED: SharedControl[] = [SNS_TOPIC_POLICY, ALARM_ACTION_AUTHORIZED];
