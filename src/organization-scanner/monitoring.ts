// How the OrganizationScanner runs and is watched: the schedule that starts runs, the alarms and the dashboard.
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ComplianceQueue } from '../core/compliance-queue';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { errorsMetric, queueDepthMetric } from '../core/monitored-function';
import { ScannerAlarms, SEVERITIES } from '../scanner/monitoring';

/** Metric dimension `service` that the runtime's metrics carry. */
const METRIC_SERVICE = 'organization-scanner';

/** A run metric of the organization scanner: dimension `service`, one day unless `props` says otherwise. */
export function organizationMetric(
  namespace: string, metricName: string, dimensions: Record<string, string>, props: cloudwatch.MetricOptions,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace, metricName, dimensionsMap: { service: METRIC_SERVICE, ...dimensions }, period: Duration.days(1), ...props,
  });
}

/** The schedule of the runs and where its undeliverable events go. */
export interface RunSchedule {
  readonly rule: events.Rule;
  readonly deadLetterQueue: sqs.Queue;
}

/** `ScheduleDeadLetterQueue`, `ScheduleRole` and the rule `Schedule` that starts a run: three retries within two hours, then the queue. */
export function runSchedule(scope: Construct, key: kms.IKey, stateMachine: sfn.IStateMachine, schedule: events.Schedule | undefined): RunSchedule {
  const deadLetterQueue = new ComplianceQueue(scope, 'ScheduleDeadLetterQueue', { encryptionKey: key, deadLetterQueueFor: 'scheduled runs EventBridge could not start; its depth is alarmed' });
  const eventsRole = new ManagedPolicyRole(scope, 'ScheduleRole', {
    assumedBy: new iam.ServicePrincipal('events.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } } }),
    description: `Starts the organization compliance scans of ${scope.node.path}`,
  });
  const rule = new events.Rule(scope, 'Schedule', {
    description: `Starts the organization compliance scanner ${scope.node.path}`,
    schedule: schedule ?? events.Schedule.rate(Duration.days(1)),
    targets: [new targets.SfnStateMachine(stateMachine, {
      role: eventsRole, retryAttempts: 3, maxEventAge: Duration.hours(2), deadLetterQueue,
    })],
  });
  return { rule, deadLetterQueue };
}

/** The run metrics the alarms and the dashboard show (the scanner's public `metric*` methods and its metric factory). */
export interface RunMetrics {
  metricScore(): cloudwatch.Metric;
  metricAccountsNotScanned(): cloudwatch.Metric;
  metric(metricName: string, dimensions: Record<string, string>, props: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** The organization scanner's alarms. */
export interface RunAlarms {
  readonly runFailedAlarm: cloudwatch.Alarm;
  readonly notScannedAlarm: cloudwatch.Alarm;
  readonly scoreAlarm: cloudwatch.Alarm;
  readonly itemErrorsAlarm: cloudwatch.Alarm;
  readonly scheduleDeadLetterAlarm: cloudwatch.Alarm;
}

/** Failed runs, accounts not scanned, the score, failed items and undeliverable schedule events. */
export function runAlarms(alarms: ScannerAlarms, scoreThreshold: number, stateMachine: sfn.StateMachine, itemFunction: lambda.Function,
  scheduleDeadLetterQueue: sqs.IQueue, metrics: RunMetrics): RunAlarms {
  return {
    runFailedAlarm: alarms.alarm('RunFailedAlarm', stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }), 1,
      'an organization scan run failed (its plan, or more items than tolerated); see the run report'),
    notScannedAlarm: alarms.alarm('NotScannedAlarm', metrics.metricAccountsNotScanned(), 1, 'a run could not scan every account; the report says which and why'),
    scoreAlarm: alarms.alarm('ScoreAlarm', metrics.metricScore(), scoreThreshold, `the organization score fell below ${scoreThreshold}`, cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD),
    itemErrorsAlarm: alarms.alarm('ItemErrorsAlarm', errorsMetric(itemFunction), 1, 'item scans failed (they are retried; items that fail every attempt are reported as not scanned)'),
    scheduleDeadLetterAlarm: alarms.alarm('ScheduleDeadLetterAlarm', queueDepthMetric(scheduleDeadLetterQueue), 1,
      'EventBridge could not start a scheduled run; the event is in the schedule dead-letter queue'),
  };
}

/** The dashboard (`Dashboard`): score, accounts, findings by severity, run duration, item scans, and every alarm. */
export function runDashboard(
  scope: Construct, stateMachine: sfn.StateMachine, itemFunction: lambda.Function, metrics: RunMetrics, alarms: RunAlarms,
): cloudwatch.Dashboard {
  const hourly = (m: (p: cloudwatch.MetricOptions) => cloudwatch.Metric) => m.call(itemFunction, { period: Duration.hours(1) });
  return new cloudwatch.Dashboard(scope, 'Dashboard', {
    defaultInterval: Duration.days(14),
    widgets: [
      [
        new cloudwatch.SingleValueWidget({ title: 'Organization score', metrics: [metrics.metricScore()], width: 6, height: 6 }),
        new cloudwatch.GraphWidget({ title: 'Accounts', left: [metrics.metric('AccountsScanned', {}, { statistic: 'Maximum' }), metrics.metricAccountsNotScanned()], width: 9, height: 6 }),
        new cloudwatch.GraphWidget({
          title: 'Findings by severity', left: SEVERITIES.map((s) => metrics.metric('FindingsBySeverity', { Severity: s }, { statistic: 'Maximum', label: s })), stacked: true, width: 9, height: 6,
        }),
      ],
      [
        new cloudwatch.GraphWidget({ title: 'Run duration', left: [stateMachine.metricTime({ statistic: 'Maximum', period: Duration.hours(1) })], width: 12, height: 6 }),
        new cloudwatch.GraphWidget({
          title: 'Item scans',
          left: [hourly(itemFunction.metricInvocations), hourly(itemFunction.metricErrors), hourly(itemFunction.metricThrottles)],
          right: [itemFunction.metricDuration({ statistic: 'Maximum', period: Duration.hours(1) })],
          width: 12,
          height: 6,
        }),
      ],
      [new cloudwatch.AlarmStatusWidget({
        title: 'Alarms', alarms: [alarms.runFailedAlarm, alarms.notScannedAlarm, alarms.scoreAlarm, alarms.itemErrorsAlarm, alarms.scheduleDeadLetterAlarm], width: 24,
      })],
    ],
  });
}
