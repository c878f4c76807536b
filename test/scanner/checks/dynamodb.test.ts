import { inv, statuses } from './helpers';
import { dynamodbTableKmsCmk } from '../../../src/scanner/runtime/checks/dynamodb/table-kms-cmk';
import { TableInfo } from '../../../src/scanner/runtime/model';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/k';
const table = (name: string, extra: Partial<TableInfo> = {}): TableInfo => ({
  name, arn: `arn:aws:dynamodb:eu-west-1:123456789012:table/${name}`, pointInTimeRecovery: 'ENABLED', kmsMasterKeyArn: KEY, kmsKeyManager: 'CUSTOMER', ...extra,
});

describe('dynamodb-table-kms-cmk', () => {
  test('a customer managed key PASSes; aws/dynamodb and the AWS owned key FAIL', () => {
    const i = inv({
      dynamoDbTables: [
        table('cmk'),
        table('aws-managed', { kmsKeyManager: 'AWS' }),
        table('aws-owned', { kmsMasterKeyArn: null, kmsKeyManager: undefined }),
        table('other-account', { kmsMasterKeyArn: 'arn:aws:kms:eu-west-1:210987654321:key/x' }),
      ],
    });
    expect(statuses(dynamodbTableKmsCmk, i)).toEqual(['PASS', 'FAIL', 'FAIL', 'PASS']);
    const [, managed, owned] = dynamodbTableKmsCmk.evaluate(i);
    expect(managed.reason).toContain('AWS managed');
    expect(owned.reason).toContain('AWS owned');
  });

  test('a table whose description or key manager could not be read is ERROR, never PASS', () => {
    const i = inv({ dynamoDbTables: [table('unread', { kmsMasterKeyArn: undefined }), table('key-unread', { kmsKeyManager: undefined })] });
    expect(statuses(dynamodbTableKmsCmk, i)).toEqual(['ERROR', 'ERROR']);
    expect(dynamodbTableKmsCmk.evaluate(i)[1].reason).toContain('DescribeKey');
  });

  test('no tables, no results; metadata from the catalog', () => {
    expect(dynamodbTableKmsCmk.evaluate(inv({ dynamoDbTables: [] }))).toEqual([]);
    expect(dynamodbTableKmsCmk.controlId).toBe('DynamoDB.CustomerManagedKey');
    expect(dynamodbTableKmsCmk.requiredActions).toEqual(['dynamodb:ListTables', 'dynamodb:DescribeTable', 'kms:DescribeKey']);
  });
});
