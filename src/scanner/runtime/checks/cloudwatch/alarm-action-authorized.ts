import { notApplicable } from '../../model';
import { ALARM_ACTION, alarmTopics } from '../../paths/alarm-action';
import { definePathCheck } from '../define';

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
    // the keys are the key-use family's (the builder adds those paths); this family's verdict does not read them
    requiredActions: ALARM_ACTION.requiredActions.filter((a) => !a.startsWith('kms:')),
    datasets: ALARM_ACTION.datasets.filter((d) => d !== 'kms.keys'),
  },
  ALARM_ACTION,
  (inv) => (inv.cloudwatchAlarms ?? []).filter((a) => alarmTopics(a).length === 0).map((a) => notApplicable(a.arn, 'no SNS action')),
);
