import { logGroupHasRetention } from '../../../../controls/judgement/log-groups';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';

/**
 * Logs.Retention: the run-time side of `CompliancePack-LogGroupRetention` (ComplianceLogGroup's and
 * AccountAudit's default), so a retention removed in the console ("Never expire") is seen; the same
 * judgement (`src/controls/judgement/log-groups.ts`).
 */
export const logsLogGroupRetention = defineCheck(
  {
    id: 'logs-log-group-retention',
    title: 'CloudWatch log groups have a retention period',
    severity: 'LOW',
    category: 'logs',
    resourceType: 'AWS::Logs::LogGroup',
    remediation: 'Set a retention period on the log group (PutRetentionPolicy) as long as your record-keeping rules require.',
    requiredActions: ['logs:DescribeLogGroups'],
    datasets: ['logs.logGroups'],
    scope: 'regional',
  },
  (inv) =>
    (inv.logGroups ?? []).map((g) =>
      (logGroupHasRetention(g.retentionInDays) ? pass(g.arn, `events expire after ${g.retentionInDays} days`) : fail(g.arn, 'no retention period (retentionInDays): events never expire'))),
);
