// How a BatchPipeline is watched: failure alerts by EventBridge, alarms on AWS/States and the dead-letter queue, the dashboard, and the topic policy that lets them publish.
import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ComplianceTopic } from '../core/compliance-topic';
import { topicAlarm } from '../core/monitored-function';
import { publisherArn } from '../core/publisher-arn';

/** What the pipeline watches and where it reports. */
export interface MonitoringInputs {
  /** The queue whose failed jobs are reported. */
  readonly jobQueue: batch.IJobQueue;
  /** The state machine whose failed, timed-out and aborted runs are reported. */
  readonly stateMachine: sfn.StateMachine;
  /** Where schedule events and alerts that could not be delivered go. */
  readonly deadLetterQueue: sqs.Queue;
  /** Where failures and timeouts are reported. */
  readonly alertTopic: sns.ITopic;
  /** The processing window, drawn on the dashboard. */
  readonly window: Duration;
}

/** The rules, alarms and dashboard of the pipeline. */
export interface PipelineMonitoring {
  /** Reports failed Batch jobs of the queue to the alert topic. */
  readonly jobFailedRule: events.Rule;
  /** Reports runs that timed out or were aborted to the alert topic. */
  readonly runEndedRule: events.Rule;
  /** Alarm on the state machine's `ExecutionsFailed` metric. */
  readonly executionsFailedAlarm: cloudwatch.Alarm;
  /** Alarm on the state machine's `ExecutionsTimedOut` metric. */
  readonly executionsTimedOutAlarm: cloudwatch.Alarm;
  /** Alarm on messages in the dead-letter queue. */
  readonly deadLetterAlarm: cloudwatch.Alarm;
  /** The pipeline's dashboard. */
  readonly dashboard: cloudwatch.Dashboard;
}

/** The failure alerts, then the alarms, then the dashboard, each admitted to the alert topic. */
export function buildMonitoring(scope: Construct, inputs: MonitoringInputs): PipelineMonitoring {
  const publishers = new AlertPublishers(scope, inputs.alertTopic);
  const rules = buildFailureAlerts(scope, inputs, publishers);
  const alarms = buildAlarms(scope, inputs, publishers);
  const dashboard = buildDashboard(scope, inputs, [alarms.executionsFailedAlarm, alarms.executionsTimedOutAlarm, alarms.deadLetterAlarm]);
  return { ...rules, ...alarms, dashboard };
}

/**
 * `JobFailedRule` (failed Batch jobs of the queue, once per array job) and `RunEndedRule` (runs
 * that timed out or were aborted), publishing to the alert topic with the dead-letter queue.
 *
 * EventBridge publishes to SNS under the topic's resource policy (the documented path for SNS
 * targets, and the one that works with a KMS-encrypted topic): each rule is admitted by its own
 * ARN, and the topic's key lets EventBridge use it for this account only.
 */
export function buildFailureAlerts(scope: Construct, inputs: MonitoringInputs, publishers: AlertPublishers): Pick<PipelineMonitoring, 'jobFailedRule' | 'runEndedRule'> {
  const alertTarget = (message: events.RuleTargetInput) => new AlertTopicTarget(inputs.alertTopic, inputs.deadLetterQueue, message);
  const jobFailedRule = new events.Rule(scope, 'JobFailedRule', {
    description: `Failed jobs of ${scope.node.path}`,
    eventPattern: {
      source: ['aws.batch'],
      detailType: ['Batch Job State Change'],
      detail: {
        status: ['FAILED'],
        jobQueue: [inputs.jobQueue.jobQueueArn],
        // One alert per job: array children report through their parent.
        arrayProperties: { index: [{ exists: false }] },
      },
    },
    targets: [alertTarget(events.RuleTargetInput.fromObject({
      pipeline: scope.node.path,
      jobName: events.EventField.fromPath('$.detail.jobName'),
      jobId: events.EventField.fromPath('$.detail.jobId'),
      status: events.EventField.fromPath('$.detail.status'),
      statusReason: events.EventField.fromPath('$.detail.statusReason'),
    }))],
  });
  const runEndedRule = new events.Rule(scope, 'RunEndedRule', {
    description: `Runs of ${scope.node.path} that timed out or were aborted`,
    eventPattern: {
      source: ['aws.states'],
      detailType: ['Step Functions Execution Status Change'],
      detail: { status: ['TIMED_OUT', 'ABORTED'], stateMachineArn: [inputs.stateMachine.stateMachineArn] },
    },
    targets: [alertTarget(events.RuleTargetInput.fromObject({
      pipeline: scope.node.path,
      execution: events.EventField.fromPath('$.detail.executionArn'),
      status: events.EventField.fromPath('$.detail.status'),
    }))],
  });
  for (const rule of [jobFailedRule, runEndedRule]) {
    publishers.allow('events.amazonaws.com', publisherArn(inputs.alertTopic, rule));
    inputs.deadLetterQueue.addToResourcePolicy(new iam.PolicyStatement({
      sid: `AllowUndeliveredAlertsOf${rule.node.id}`,
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [inputs.deadLetterQueue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
    }));
  }
  return { jobFailedRule, runEndedRule };
}

/** Alarms on AWS/States metrics (published by Step Functions for every state machine: nothing to emit) and on the dead-letter queue. */
export function buildAlarms(scope: Construct, inputs: MonitoringInputs, publishers: AlertPublishers)
  : Pick<PipelineMonitoring, 'executionsFailedAlarm' | 'executionsTimedOutAlarm' | 'deadLetterAlarm'> {
  const alarm = (alarmId: string, metric: cloudwatch.IMetric, alarmDescription: string) => {
    const a = topicAlarm(scope, alarmId, inputs.alertTopic, { metric, threshold: 1, alarmDescription, notifyOk: false });
    publishers.allow('cloudwatch.amazonaws.com', publisherArn(inputs.alertTopic, a));
    return a;
  };
  const path = scope.node.path;
  const fiveMinutes = (statistic: string) => ({ period: Duration.minutes(5), statistic });
  return {
    executionsFailedAlarm: alarm('ExecutionsFailedAlarm', inputs.stateMachine.metricFailed(fiveMinutes('Sum')),
      `A run of ${path} failed (AWS/States ExecutionsFailed)`),
    executionsTimedOutAlarm: alarm('ExecutionsTimedOutAlarm', inputs.stateMachine.metricTimedOut(fiveMinutes('Sum')),
      `A run of ${path} ran past its processing window (AWS/States ExecutionsTimedOut)`),
    deadLetterAlarm: alarm('DeadLetterAlarm', inputs.deadLetterQueue.metricApproximateNumberOfMessagesVisible(fiveMinutes('Maximum')),
      `A schedule event or alert of ${path} could not be delivered (see its dead-letter queue)`),
  };
}

/** `Dashboard` in `scope`: runs, run duration against the processing window, and the alarms. */
export function buildDashboard(scope: Construct, inputs: MonitoringInputs, alarms: cloudwatch.IAlarm[]): cloudwatch.Dashboard {
  const stateMachine = inputs.stateMachine;
  return new cloudwatch.Dashboard(scope, 'Dashboard', {
    widgets: [[
      new cloudwatch.GraphWidget({
        title: 'Runs',
        left: [
          stateMachine.metricStarted({ statistic: 'Sum' }),
          stateMachine.metricSucceeded({ statistic: 'Sum' }),
          stateMachine.metricFailed({ statistic: 'Sum' }),
          stateMachine.metricTimedOut({ statistic: 'Sum' }),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Run duration against the processing window',
        left: [stateMachine.metricTime({ statistic: 'Maximum', period: Duration.hours(1) })],
        leftAnnotations: [{ value: inputs.window.toMilliseconds(), label: 'processing window', color: '#d62728' }],
        width: 12,
      }),
    ], [
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24 }),
    ]],
  });
}

/**
 * Admits the pipeline's rules and alarms to the alert topic: each service may publish on behalf
 * of the given source ARN only (topic policy), and use the topic's key for this account (key policy).
 * A topic or key imported into the app cannot be changed here: a warning on the pipeline names
 * what its owner must add, since without it every alert is dropped.
 */
export class AlertPublishers {
  /** Services already admitted to the alert topic (and its key). */
  private readonly services = new Set<string>();

  constructor(private readonly pipeline: Construct, private readonly topic: sns.ITopic) {}

  /** Let `service` publish to the alert topic on behalf of `sourceArn`. */
  public allow(service: string, sourceArn: string): void {
    const topic = this.topic;
    const account = Stack.of(this.pipeline).account;
    if (topic instanceof ComplianceTopic) {
      topic.allowServicePublish(service, { sourceArn, sourceAccount: account });
      return;
    }
    const published = topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(service)],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': sourceArn } },
    }));
    const first = !this.services.has(service);
    this.services.add(service);
    if (!published.statementAdded && first) {
      Annotations.of(this.pipeline).addWarningV2(`cdk-compliance-constructs:alertTopicPolicy:${service}`,
        `alertTopic is imported, so its topic policy cannot be changed here: it must allow ${service} to sns:Publish with aws:SourceAccount ${account} and aws:SourceArn of ${this.pipeline.node.path}'s ${service === 'events.amazonaws.com' ? 'EventBridge rules' : 'CloudWatch alarms'} (see the template), or these alerts are dropped.`);
    }
    if (first) {
      this.allowKeyUse(service, account);
    }
  }

  private allowKeyUse(service: string, account: string): void {
    const key = this.topic.masterKey;
    if (!key) {
      return;
    }
    const used = key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(service)],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': account } },
    }));
    if (!used.statementAdded) {
      Annotations.of(this.pipeline).addWarningV2(`cdk-compliance-constructs:alertTopicKey:${service}`,
        `The key of alertTopic is imported, so its key policy cannot be changed here: it must allow ${service} kms:GenerateDataKey and kms:Decrypt with aws:SourceAccount ${account}, or SNS refuses these alerts.`);
    }
  }
}

/**
 * An EventBridge target that publishes to an SNS topic under the topic's resource policy, with a
 * dead-letter queue and retries. Unlike `aws_events_targets.SnsTopic` it adds no topic-policy
 * statement of its own (that one admits every EventBridge rule of any account); the pipeline
 * admits each of its rules by ARN instead.
 */
export class AlertTopicTarget implements events.IRuleTarget {
  constructor(private readonly topic: sns.ITopic, private readonly deadLetterQueue: sqs.IQueue, private readonly message: events.RuleTargetInput) {}

  public bind(_rule: Parameters<events.IRuleTarget['bind']>[0], _id?: string): events.RuleTargetConfig {
    return {
      arn: this.topic.topicArn,
      input: this.message,
      targetResource: this.topic,
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: Duration.hours(2).toSeconds() },
    };
  }
}
