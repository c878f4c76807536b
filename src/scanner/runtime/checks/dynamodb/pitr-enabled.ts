import { pitrEnabled } from '../../../../controls/judgement/dynamodb-pitr';
import { errored } from '../../model';
import { defineResourceCheck } from '../define';
import { DYNAMODB_TABLES } from '../resource-kinds';

/** DynamoDB.2: the run-time side of `CompliancePack-DynamoDbPointInTimeRecovery`, so recovery turned off in the console is seen. */
export const dynamodbPitrEnabled = defineResourceCheck(
  DYNAMODB_TABLES,
  {
    id: 'dynamodb-pitr-enabled',
    title: 'DynamoDB tables have point-in-time recovery enabled',
    severity: 'MEDIUM',
    remediation: 'Turn on point-in-time recovery for the table (UpdateContinuousBackups).',
    requiredActions: ['dynamodb:ListTables', 'dynamodb:DescribeContinuousBackups'],
  },
  (t) => {
    if (t.pointInTimeRecovery === undefined) return errored(t.arn, 'could not read the continuous backups');
    return pitrEnabled(t.pointInTimeRecovery)
      ? { ok: true, reason: 'point-in-time recovery enabled' }
      : { ok: false, reason: `point-in-time recovery ${t.pointInTimeRecovery ?? 'not reported'}` };
  },
);
