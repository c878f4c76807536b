/** The detection and alert part of an `AccountAudit`: GuardDuty, IAM Access Analyzer, the alert topic and the rule routing findings to it. */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AccountAuditProps } from './account-audit';
import { FindingSeverity } from './finding-severity';
import { ComplianceTopic } from '../core/compliance-topic';
import { publisherArn } from '../core/publisher-arn';
import { warnWeakened } from '../core/weakened';

/** An enabled GuardDuty detector with S3 protection. */
export function createDetector(scope: Construct): guardduty.CfnDetector {
  return new guardduty.CfnDetector(scope, 'Detector', {
    enable: true,
    findingPublishingFrequency: 'FIFTEEN_MINUTES',
    // S3 protection: GuardDuty analyses the S3 data events of every bucket (CloudTrail need not record them).
    dataSources: { s3Logs: { enable: true } },
  });
}

/** An IAM Access Analyzer of the account (or organization), unless `accessAnalyzer` is false, which leaves a warning. */
export function createAccessAnalyzer(scope: Construct, props: AccountAuditProps): accessanalyzer.CfnAnalyzer | undefined {
  if (!(props.accessAnalyzer ?? true)) {
    warnWeakened(scope, 'accessAnalyzer', 'no IAM Access Analyzer: buckets, keys, roles and queues shared outside the account are not reported');
    return undefined;
  }
  return new accessanalyzer.CfnAnalyzer(scope, 'AccessAnalyzer', {
    type: props.organizationTrail ? 'ORGANIZATION' : 'ACCOUNT',
  });
}

/** The given alert topic, else a new `ComplianceTopic`; a `ComplianceTopic` gets the email and HTTPS subscriptions. */
export function createAlertTopic(scope: Construct, props: AccountAuditProps): sns.ITopic {
  const topic = props.alertTopic ?? new ComplianceTopic(scope, 'Alerts', {
    displayName: 'Account audit alerts',
  });
  if (topic instanceof ComplianceTopic) {
    for (const address of props.alertEmails ?? []) {
      topic.addEmailSubscription(address);
    }
    for (const url of props.alertHttpsEndpoints ?? []) {
      topic.addHttpsSubscription(url);
    }
  }
  return topic;
}

/** Findings at or above the threshold go to the alert topic, undeliverable ones to its dead-letter queue. */
export function routeFindings(scope: Construct, topic: sns.ITopic, severity: FindingSeverity): events.Rule {
  const stack = Stack.of(scope);
  const rule = new events.Rule(scope, 'FindingsRule', {
    description: `GuardDuty findings of severity ${severity.label} (${severity.threshold}) and above to the alert topic`,
    eventPattern: {
      source: ['aws.guardduty'],
      detailType: ['GuardDuty Finding'],
      detail: { severity: events.Match.greaterThanOrEqual(severity.threshold) },
    },
  });
  const deadLetterQueue = topic instanceof ComplianceTopic ? topic.deadLetterQueue : createFindingsDeadLetterQueue(scope);
  rule.addTarget({
    bind: () => ({
      arn: topic.topicArn,
      retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: Duration.hours(24).toSeconds() },
      deadLetterConfig: { arn: deadLetterQueue.queueArn },
    }),
  });
  deadLetterQueue.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowFindingsRuleDeadLetters',
    principals: [new iam.ServicePrincipal('events.amazonaws.com')],
    actions: ['sqs:SendMessage'],
    resources: [deadLetterQueue.queueArn],
    conditions: { ArnEquals: { 'aws:SourceArn': publisherArn(deadLetterQueue, rule) } },
  }));
  if (topic instanceof ComplianceTopic) {
    topic.allowServicePublish('events.amazonaws.com', { sourceArn: publisherArn(topic, rule), sourceAccount: stack.account });
  } else {
    topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowGuardDutyFindingsRulePublish',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { ArnLike: { 'aws:SourceArn': publisherArn(topic, rule) }, StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
  }
  return rule;
}

/** A dead-letter queue for the findings rule when the alert topic is not a `ComplianceTopic` (which has its own). */
function createFindingsDeadLetterQueue(scope: Construct): sqs.Queue {
  const queue = new sqs.Queue(scope, 'FindingsDeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const reason = 'This queue is itself the dead-letter queue of the GuardDuty findings rule; a dead-letter queue of a dead-letter queue would only move the same events again.';
  for (const ruleId of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
    Validations.of(queue.node.defaultChild!).acknowledge({ id: ruleId, reason });
  }
  return queue;
}
