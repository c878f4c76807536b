/** The controls catalog entries of CloudWatch Logs. */
import { ControlEntry, control, fw } from './entry';
import { ENCRYPTION_AT_REST_HIPAA } from './requirement-sets';

export const LOGS_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'Logs.KeyAllowsLogs',
    title: 'A log group\'s KMS key lets CloudWatch Logs use it',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceLogGroup' }],
    packRules: ['LogGroupKeyAllowsLogs'],
    scannerChecks: [{ id: 'logs-key-allows-logs', compliantWhen: 'Judged as `CompliancePack-LogGroupKeyAllowsLogs` judges the template (`src/controls/judgement/log-groups.ts`): a log group with a `kmsKeyId` PASSes when the live key policy (GetKeyPolicy `default`) has `Allow` statements for a `logs.` service principal granting `kms:GenerateDataKey` and `kms:Decrypt` (wildcards count; conditions are not judged); otherwise it FAILs, as does a key of the account\'s Region that does not exist and an AWS managed key. A log group without a key, or whose key is of another account, is not applicable; one whose key policy could not be read (or the keys of the Region, or a key of another Region) is `ERROR`.' }],
  }),
  control({
    id: 'Logs.KmsEncrypted',
    title: 'CloudWatch log groups are encrypted with a KMS key',
    severity: 'MEDIUM',
    frameworks: fw({ nist80053r5: ['AU-9(3)', 'CP-9', 'SC-8(3)', 'SC-8(4)', 'SC-13', 'SC-28(1)', 'SI-19(4)'], pciDss321: ['3.4'], hipaa: ENCRYPTION_AT_REST_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceLogGroup' }],
    packRules: ['LogGroupKmsEncrypted'],
    stockNagRules: ['HIPAA.Security-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'PCI.DSS.321-CloudWatchLogGroupEncrypted'],
    nagControl: 'LOG_GROUP_KMS',
    scannerChecks: [{ id: 'logs-log-group-kms-encrypted', compliantWhen: 'Judged as `CompliancePack-LogGroupKmsEncrypted` judges the template (`src/controls/judgement/log-groups.ts`): PASS when `DescribeLogGroups` reports a `kmsKeyId` for the log group (any key: CloudWatch Logs takes customer managed keys only), FAIL when it reports none. Never not applicable; when the region\'s log groups could not be listed the check is `ERROR` for the region.' }],
  }),
  control({
    id: 'Logs.Retention',
    title: 'CloudWatch log groups have a retention period',
    severity: 'LOW',
    frameworks: fw({ nist80053r5: ['AC-16', 'AT-4', 'AU-6(3)', 'AU-6(4)', 'AU-6(6)', 'AU-6(9)', 'AU-10', 'AU-11', 'AU-11(1)', 'AU-12(1)', 'AU-12(2)', 'AU-12(3)', 'AU-14', 'CA-7', 'PM-14', 'PM-21', 'PM-31', 'SC-28(2)', 'SI-4(17)', 'SI-12'], pciDss321: ['3.1', '10.7'], hipaa: ['164.312(b)'] }),
    enforcedBy: [{ construct: 'ComplianceLogGroup', weakenedBy: 'retention' }, { construct: 'AccountAudit', weakenedBy: 'logRetention' }],
    packRules: ['LogGroupRetention'],
    stockNagRules: ['HIPAA.Security-CloudWatchLogGroupRetentionPeriod', 'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod', 'PCI.DSS.321-CloudWatchLogGroupRetentionPeriod', 'Serverless-CloudWatchLogGroupRetentionPeriod'],
    nagControl: 'LOG_GROUP_RETENTION',
    scannerChecks: [{ id: 'logs-log-group-retention', compliantWhen: 'Judged as `CompliancePack-LogGroupRetention` judges the template (`src/controls/judgement/log-groups.ts`): PASS when `DescribeLogGroups` reports a `retentionInDays` (any period), FAIL when it reports none (events never expire). Never not applicable; when the region\'s log groups could not be listed the check is `ERROR` for the region.' }],
  }),
];
