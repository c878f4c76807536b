import { tableKeyIsCustomerManaged } from '../../../../controls/judgement/dynamodb-kms';
import { errored } from '../../model';
import { defineResourceCheck } from '../define';
import { DYNAMODB_TABLES } from '../resource-kinds';

/**
 * DynamoDB.CustomerManagedKey: the run-time side of `CompliancePack-DynamoDbCustomerManagedKey`
 * (BatchPipeline's and ComplianceScanner's tables), so a table switched to the AWS owned or the AWS
 * managed key in the console is seen; the same judgement (`src/controls/judgement/dynamodb-kms.ts`).
 */
export const dynamodbTableKmsCmk = defineResourceCheck(
  DYNAMODB_TABLES,
  {
    id: 'dynamodb-table-kms-cmk',
    title: 'DynamoDB tables are encrypted with a customer managed KMS key',
    severity: 'MEDIUM',
    remediation: 'Encrypt the table with a customer managed KMS key (UpdateTable SSESpecification: SSEType KMS, KMSMasterKeyId).',
    requiredActions: ['dynamodb:ListTables', 'dynamodb:DescribeTable', 'kms:ListKeys', 'kms:DescribeKey'],
    datasets: ['dynamodb.tables', 'kms.keys'],
  },
  (t, _id, inv) => {
    if (t.kmsMasterKeyArn === undefined) return errored(t.arn, 'could not read the table description (DescribeTable)');
    if (t.kmsMasterKeyArn === null) return { ok: false, reason: 'encrypted with the AWS owned key, not a customer managed key' };
    // AWS managed keys live in the table's account: a key of another account is a customer managed key
    const manager = t.kmsMasterKeyArn.split(':')[4] !== inv.accountId ? 'CUSTOMER' : (inv.kmsKeys ?? []).find((k) => k.arn === t.kmsMasterKeyArn)?.keyManager;
    if (manager === undefined) return errored(t.arn, `${t.kmsMasterKeyArn} is not among the region's keys (ListKeys): who manages it is unknown`);
    return tableKeyIsCustomerManaged(t.kmsMasterKeyArn, manager)
      ? { ok: true, reason: `encrypted with the customer managed ${t.kmsMasterKeyArn}` }
      : { ok: false, reason: `encrypted with the AWS managed ${t.kmsMasterKeyArn} (aws/dynamodb), not a customer managed key` };
  },
);
