// How the ComplianceScanner is watched: its alarms (function health, dead letters, score, remediation) and its dashboard.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ScannerSettings } from './settings';
import { errorsMetric, queueDepthMetric, topicAlarm } from '../core/monitored-function';

/** Severities of the findings, as the engine's metrics name them. */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** The scan metrics a scanner offers (its public `metric*` methods). */
export interface ScanMetrics {
  metricScore(): cloudwatch.Metric;
  metricCategoryScore(category: string): cloudwatch.Metric;
  metricFindings(severity: string): cloudwatch.Metric;
}

/** Alarms of a scanner, each notifying its topic on ALARM and OK, named `<namePrefix>-<id>` with a prefix. */
export class ScannerAlarms {
  constructor(private readonly scope: Construct, private readonly topic: sns.ITopic, private readonly settings: ScannerSettings) {}

  /** An alarm `id` at `threshold` (at or above, unless `comparisonOperator` says otherwise). */
  public alarm(id: string, metric: cloudwatch.IMetric, threshold: number, description: string,
    comparisonOperator?: cloudwatch.ComparisonOperator): cloudwatch.Alarm {
    return topicAlarm(this.scope, id, this.topic, {
      alarmName: this.settings.name(id),
      alarmDescription: `${this.scope.node.path}: ${description}`,
      metric,
      threshold,
      comparisonOperator,
    });
  }
}

/** The scanner's own alarms. */
export interface FunctionAlarms {
  readonly errorsAlarm: cloudwatch.Alarm;
  readonly throttlesAlarm: cloudwatch.Alarm;
  readonly durationAlarm: cloudwatch.Alarm;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  readonly scheduleDeadLetterAlarm: cloudwatch.Alarm;
  readonly scoreAlarm: cloudwatch.Alarm;
}

/** Errors, throttles, scans close to the timeout, both dead-letter queues, and the score. */
export function functionAlarms(alarms: ScannerAlarms, settings: ScannerSettings, fn: lambda.Function,
  queues: { deadLetterQueue: sqs.IQueue; scheduleDeadLetterQueue: sqs.IQueue }, metrics: ScanMetrics): FunctionAlarms {
  const fiveMinutes = Duration.minutes(5);
  const threshold = settings.scoreThreshold;
  return {
    errorsAlarm: alarms.alarm('ErrorsAlarm', errorsMetric(fn), 1, 'the scanner function failed'),
    throttlesAlarm: alarms.alarm('ThrottlesAlarm', fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), 1, 'scanner invocations were throttled (reserved concurrency reached)'),
    durationAlarm: alarms.alarm('DurationAlarm', fn.metricDuration({ period: fiveMinutes, statistic: 'Maximum' }), settings.timeoutSeconds * 900,
      'a scan ran for 90% of the function timeout or more: raise the timeout or narrow the regions or checks'),
    deadLetterAlarm: alarms.alarm('DeadLetterAlarm', queueDepthMetric(queues.deadLetterQueue), 1,
      'an asynchronous scan failed every attempt; its event is in the dead-letter queue'),
    scheduleDeadLetterAlarm: alarms.alarm('ScheduleDeadLetterAlarm', queueDepthMetric(queues.scheduleDeadLetterQueue), 1,
      'EventBridge could not deliver a scheduled scan; the event is in the schedule dead-letter queue'),
    scoreAlarm: alarms.alarm('ScoreAlarm', metrics.metricScore(), threshold, `the compliance score fell below ${threshold}`, cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD),
  };
}

/** The dashboard (`Dashboard`): score, score per category, findings by severity, scan duration, and every alarm. */
export function scannerDashboard(
  scope: Construct, settings: ScannerSettings, fn: lambda.Function, metrics: ScanMetrics, alarms: cloudwatch.IAlarm[],
): cloudwatch.Dashboard {
  const categories = [...new Set(settings.enabled.map((c) => c.category))].sort();
  return new cloudwatch.Dashboard(scope, 'Dashboard', {
    dashboardName: settings.name('compliance'),
    defaultInterval: Duration.days(14),
    widgets: [
      [
        new cloudwatch.SingleValueWidget({ title: 'Compliance score', metrics: [metrics.metricScore()], width: 6, height: 6 }),
        new cloudwatch.GraphWidget({
          title: 'Score per category',
          left: categories.map((c) => metrics.metricCategoryScore(c)),
          leftYAxis: { min: 0, max: 100 },
          width: 18,
          height: 6,
        }),
      ],
      [
        new cloudwatch.GraphWidget({
          title: 'Findings by severity',
          left: SEVERITIES.map((s) => metrics.metricFindings(s)),
          stacked: true,
          width: 12,
          height: 6,
        }),
        new cloudwatch.GraphWidget({
          title: 'Scan duration',
          left: [fn.metricDuration({ statistic: 'Maximum', period: Duration.hours(1) })],
          leftAnnotations: [{ value: settings.timeoutSeconds * 1000, label: 'timeout' }],
          width: 12,
          height: 6,
        }),
      ],
      [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24 })],
    ],
  });
}
