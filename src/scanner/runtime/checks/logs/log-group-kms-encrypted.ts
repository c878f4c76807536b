import { logGroupKmsEncrypted } from '../../../../controls/judgement/log-groups';
import { fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { LOG_GROUPS } from '../resource-kinds';

/**
 * Logs.KmsEncrypted: the run-time side of `CompliancePack-LogGroupKmsEncrypted` (ComplianceLogGroup's
 * default), so a key disassociated in the console or a log group created without one is seen; the same
 * judgement (`src/controls/judgement/log-groups.ts`).
 */
export const logsLogGroupKmsEncrypted = defineResourceCheck(
  LOG_GROUPS,
  {
    id: 'logs-log-group-kms-encrypted',
    title: 'CloudWatch log groups are encrypted with a KMS key',
    severity: 'MEDIUM',
    remediation: 'Associate a customer managed KMS key with the log group (AssociateKmsKey), a key whose policy lets logs.<region>.amazonaws.com use it for this log group.',
    requiredActions: ['logs:DescribeLogGroups'],
  },
  (g) => (logGroupKmsEncrypted(g.kmsKeyId) ? pass(g.arn, `encrypted with ${g.kmsKeyId}`) : fail(g.arn, 'no KMS key (kmsKeyId) associated')),
);
