import { notApplicable } from '../../model';
import { ALARM_ACTION, alarmTopics } from '../../paths/alarm-action';
import { definePathCheck, withoutKeyUse } from '../define';

/**
 * CloudWatch.AlarmActionAuthorized: the run-time side of `CompliancePack-AlarmActionAuthorized`,
 * the `alarm-action` paths built from the live alarms and topic policies (`paths/alarm-action.ts`).
 */
export const cloudwatchAlarmActionAuthorized = definePathCheck(
  {
    id: 'cloudwatch-alarm-action-authorized',
    title: 'CloudWatch alarms may publish to their SNS action topics',
    severity: 'HIGH',
    category: 'cloudwatch',
    resourceType: 'AWS::CloudWatch::Alarm',
    remediation: 'Allow cloudwatch.amazonaws.com sns:Publish in the topic policy of each action topic, scoped with aws:SourceArn (the alarm) or aws:SourceAccount, and let it use the topic\'s key (kms:GenerateDataKey, kms:Decrypt).',
    ...withoutKeyUse(ALARM_ACTION),
  },
  ALARM_ACTION,
  (inv) => (inv.cloudwatchAlarms ?? []).filter((a) => alarmTopics(a).length === 0).map((a) => notApplicable(a.arn, 'no SNS action')),
);
