import { logGroupHasRetention } from '../../../../controls/judgement/log-groups';
import { fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { LOG_GROUPS } from '../resource-kinds';

/**
 * Logs.Retention: the run-time side of `CompliancePack-LogGroupRetention` (ComplianceLogGroup's and
 * AccountAudit's default), so a retention removed in the console ("Never expire") is seen; the same
 * judgement (`src/controls/judgement/log-groups.ts`).
 */
export const logsLogGroupRetention = defineResourceCheck(
  LOG_GROUPS,
  {
    id: 'logs-log-group-retention',
    title: 'CloudWatch log groups have a retention period',
    severity: 'LOW',
    remediation: 'Set a retention period on the log group (PutRetentionPolicy) as long as your record-keeping rules require.',
    requiredActions: ['logs:DescribeLogGroups'],
  },
  (g) => (logGroupHasRetention(g.retentionInDays) ? pass(g.arn, `events expire after ${g.retentionInDays} days`) : fail(g.arn, 'no retention period (retentionInDays): events never expire')),
);
