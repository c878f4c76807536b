import { inv, statuses } from './helpers';
import { dynamodbTableKmsCmk } from '../../../src/scanner/runtime/checks/dynamodb/table-kms-cmk';
import { KmsKeyInfo, TableInfo } from '../../../src/scanner/runtime/model';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/k';
const AWS_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/aws-dynamodb';
const key = (arn: string, keyManager: 'AWS' | 'CUSTOMER'): KmsKeyInfo => ({ keyId: arn.split('/')[1], arn, keyManager, keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS' });
const kmsKeys = [key(KEY, 'CUSTOMER'), key(AWS_KEY, 'AWS')];
const table = (name: string, extra: Partial<TableInfo> = {}): TableInfo => ({
  name, arn: `arn:aws:dynamodb:eu-west-1:123456789012:table/${name}`, pointInTimeRecovery: 'ENABLED', kmsMasterKeyArn: KEY, ...extra,
});

describe('dynamodb-table-kms-cmk', () => {
  test('a customer managed key PASSes; aws/dynamodb and the AWS owned key FAIL', () => {
    const i = inv({
      kmsKeys,
      dynamoDbTables: [
        table('cmk'),
        table('aws-managed', { kmsMasterKeyArn: AWS_KEY }),
        table('aws-owned', { kmsMasterKeyArn: null }),
        table('other-account', { kmsMasterKeyArn: 'arn:aws:kms:eu-west-1:210987654321:key/x' }),
      ],
    });
    expect(statuses(dynamodbTableKmsCmk, i)).toEqual(['PASS', 'FAIL', 'FAIL', 'PASS']);
    const [, managed, owned] = dynamodbTableKmsCmk.evaluate(i);
    expect(managed.reason).toContain('AWS managed');
    expect(owned.reason).toContain('AWS owned');
  });

  test('a table whose description could not be read, or whose key of the account is not listed, is ERROR, never PASS', () => {
    const i = inv({ kmsKeys, dynamoDbTables: [table('unread', { kmsMasterKeyArn: undefined }), table('key-unlisted', { kmsMasterKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/gone' })] });
    expect(statuses(dynamodbTableKmsCmk, i)).toEqual(['ERROR', 'ERROR']);
    expect(dynamodbTableKmsCmk.evaluate(i)[1].reason).toContain('ListKeys');
  });

  test('no tables, no results; metadata from the catalog', () => {
    expect(dynamodbTableKmsCmk.evaluate(inv({ dynamoDbTables: [] }))).toEqual([]);
    expect(dynamodbTableKmsCmk.controlId).toBe('DynamoDB.CustomerManagedKey');
    expect(dynamodbTableKmsCmk.requiredActions).toEqual(['dynamodb:ListTables', 'dynamodb:DescribeTable', 'kms:ListKeys', 'kms:DescribeKey']);
  });
});
