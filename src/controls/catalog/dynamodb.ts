/** The controls catalog entries of DynamoDB. */
import { ControlEntry, control, fw } from './entry';
import { BACKUP_NIST, BACKUP_HIPAA } from './requirement-sets';

export const DYNAMODB_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'DynamoDB.CustomerManagedKey',
    title: 'DynamoDB tables are encrypted with a customer managed KMS key',
    severity: 'MEDIUM',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['DynamoDbCustomerManagedKey'],
    scannerChecks: [{ id: 'dynamodb-table-kms-cmk', compliantWhen: 'Judged as `CompliancePack-DynamoDbCustomerManagedKey` judges the template (`src/controls/judgement/dynamodb-kms.ts`): PASS when `DescribeTable` reports `SSEType` `KMS` with a key that the region\'s keys (ListKeys, DescribeKey) say is customer managed (a key of another account is); the AWS managed `aws/dynamodb` key FAILs, as does the AWS owned key (no `SSEDescription`). A table whose description could not be read, or whose key of the account is not listed, is `ERROR`, and the region is `ERROR` when its keys could not be read. Never not applicable.' }],
  }),
  control({
    id: 'DynamoDB.2',
    title: 'DynamoDB tables have point-in-time recovery enabled',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['DynamoDB.2'], nist80053r5: [...BACKUP_NIST, 'SI-12'], hipaa: BACKUP_HIPAA }),
    enforcedBy: [{ construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['DynamoDbPointInTimeRecovery'],
    stockNagRules: ['AwsSolutions-DDB3', 'HIPAA.Security-DynamoDBPITREnabled', 'NIST.800.53.R5-DynamoDBPITREnabled'],
    nagControl: 'DYNAMODB_PITR',
    scannerChecks: [{ id: 'dynamodb-pitr-enabled', compliantWhen: 'PASS when `DescribeContinuousBackups` reports `PointInTimeRecoveryStatus` `ENABLED` (the mapping `CompliancePack-DynamoDbPointInTimeRecovery` applies to the template, `src/controls/judgement/dynamodb-pitr.ts`); `DISABLED` or none FAILs, a table whose status could not be read is `ERROR`. Never not applicable.' }],
  }),
  control({
    id: 'DynamoDB.4',
    title: 'DynamoDB tables are in an AWS Backup plan',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['DynamoDB.4'], nist80053r5: [...BACKUP_NIST, 'CP-6', 'CP-6(1)', 'SI-12'], hipaa: BACKUP_HIPAA }),
    enforcedBy: [{ construct: 'BatchPipeline', weakenedBy: 'backup' }],
    stockNagRules: ['HIPAA.Security-DynamoDBInBackupPlan', 'NIST.800.53.R5-DynamoDBInBackupPlan'],
    nagControl: 'DYNAMODB_BACKUP_PLAN',
    scannerChecks: [{ id: 'dynamodb-table-in-backup-plan', compliantWhen: 'PASS when a backup selection of an AWS Backup plan of the table\'s Region assigns it by ARN: an ARN or pattern of `Resources` (`*` matching any run of characters) matches the table\'s ARN, none of `NotResources` does, and the selection has no tag `Conditions` (`src/controls/judgement/backup-selection.ts`); FAIL when no selection can assign it. A selection that could assign it only through tags (`ListOfTags`, or `Conditions`; the table\'s tags are not read) or that could not be read (GetBackupSelection) makes the table `ERROR`, naming the selection; plans that could not be listed make every table `ERROR`. Resource type opt-in (DescribeRegionSettings) is not read. Never not applicable.' }],
  }),
];
