import { logGroupKmsEncrypted } from '../../../../controls/judgement/log-groups';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';

/**
 * Logs.KmsEncrypted: the run-time side of `CompliancePack-LogGroupKmsEncrypted` (ComplianceLogGroup's
 * default), so a key disassociated in the console or a log group created without one is seen; the same
 * judgement (`src/controls/judgement/log-groups.ts`).
 */
export const logsLogGroupKmsEncrypted = defineCheck(
  {
    id: 'logs-log-group-kms-encrypted',
    title: 'CloudWatch log groups are encrypted with a KMS key',
    severity: 'MEDIUM',
    category: 'logs',
    resourceType: 'AWS::Logs::LogGroup',
    remediation: 'Associate a customer managed KMS key with the log group (AssociateKmsKey), a key whose policy lets logs.<region>.amazonaws.com use it for this log group.',
    requiredActions: ['logs:DescribeLogGroups'],
    datasets: ['logs.logGroups'],
    scope: 'regional',
  },
  (inv) =>
    (inv.logGroups ?? []).map((g) =>
      (logGroupKmsEncrypted(g.kmsKeyId) ? pass(g.arn, `encrypted with ${g.kmsKeyId}`) : fail(g.arn, 'no KMS key (kmsKeyId) associated'))),
);
