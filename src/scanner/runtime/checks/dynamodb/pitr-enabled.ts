import { pitrEnabled } from '../../../../controls/judgement/dynamodb-pitr';
import { errored, fail, pass } from '../../model';
import { defineCheck } from '../define';

/** DynamoDB.2: the run-time side of `CompliancePack-DynamoDbPointInTimeRecovery`, so recovery turned off in the console is seen. */
export const dynamodbPitrEnabled = defineCheck(
  {
    id: 'dynamodb-pitr-enabled',
    title: 'DynamoDB tables have point-in-time recovery enabled',
    severity: 'MEDIUM',
    category: 'dynamodb',
    resourceType: 'AWS::DynamoDB::Table',
    remediation: 'Turn on point-in-time recovery for the table (UpdateContinuousBackups).',
    requiredActions: ['dynamodb:ListTables', 'dynamodb:DescribeContinuousBackups'],
    datasets: ['dynamodb.tables'],
    scope: 'regional',
  },
  (inv) =>
    (inv.dynamoDbTables ?? []).map((t) => {
      if (t.pointInTimeRecovery === undefined) return errored(t.arn, 'could not read the continuous backups');
      return pitrEnabled(t.pointInTimeRecovery) ? pass(t.arn, 'point-in-time recovery enabled') : fail(t.arn, `point-in-time recovery ${t.pointInTimeRecovery ?? 'not reported'}`);
    }),
);
