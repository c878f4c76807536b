import { PathBuilder } from './builders';
import { LivePaths } from './live-paths';
import { deliver } from './target-delivery';
import { AlarmInfo } from '../model';

/** The SNS topics an alarm notifies (alarm, OK and insufficient-data actions, once each); EC2, Auto Scaling and Systems Manager actions are not data paths. */
export function alarmTopics(alarm: AlarmInfo): string[] {
  return [...new Set([...alarm.alarmActions, ...alarm.okActions, ...alarm.insufficientDataActions])].filter((a) => /^arn:[^:]+:sns:/.test(a));
}

/**
 * `alarm-action`, as the synth model's `alarm`: CloudWatch publishes to each SNS action topic as
 * `cloudwatch.amazonaws.com` with `aws:SourceArn` (the alarm) and `aws:SourceAccount`, judged
 * against the live topic policy, then uses the topic's key (`kms:GenerateDataKey`, `kms:Decrypt`).
 */
export const ALARM_ACTION: PathBuilder = {
  family: 'alarm-action',
  datasets: ['cloudwatch.alarms', 'sns.topics', 'kms.keys'],
  requiredActions: ['cloudwatch:DescribeAlarms', 'sns:ListTopics', 'sns:GetTopicAttributes', 'kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy'],
  build(live: LivePaths): string[] {
    const inv = live.inv;
    const judged: string[] = [];
    for (const alarm of inv.cloudwatchAlarms ?? []) {
      const topics = alarmTopics(alarm);
      if (topics.length === 0) continue;
      judged.push(alarm.arn);
      const context = { 'aws:SourceAccount': inv.accountId, 'aws:SourceArn': alarm.arn };
      for (const topic of topics) {
        deliver(live, { family: 'alarm-action', judged: alarm.arn, source: `alarm ${alarm.name}`, targetArn: topic, principal: { service: 'cloudwatch.amazonaws.com' }, context });
      }
    }
    return judged;
  },
};
