/**
 * DynamoDB.CustomerManagedKey: the same table as a template resource and as DescribeTable (and
 * DescribeKey for its key) report it.
 */
import { aws_dynamodb as dynamodb, aws_kms as kms, Stack } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { KmsKeyInfo, TableInfo } from '../../src/scanner/runtime/model';

const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/table-key`;
const AWS_KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/aws-dynamodb-key`;

const key = (arn: string, keyManager: 'AWS' | 'CUSTOMER'): KmsKeyInfo => ({
  keyId: arn.split('/')[1], arn, keyManager, keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS',
});

/** The fixtures' table, named `table`, with `extra` properties. */
export function cfnTable(stack: Stack, extra: Partial<dynamodb.CfnTableProps>): dynamodb.CfnTable {
  return new dynamodb.CfnTable(stack, 'T', {
    tableName: 'table',
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
    ...extra,
  });
}

type Sse = (stack: Stack) => dynamodb.CfnTable.SSESpecificationProperty | undefined;

function fixture(name: string, expected: Verdict, sse: Sse, live: Partial<TableInfo>): Fixture {
  return {
    name,
    expected,
    synth: (stack) => cfnTable(stack, { sseSpecification: sse(stack) }),
    live: () => ({
      dynamoDbTables: [{ name: 'table', arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/table`, pointInTimeRecovery: 'ENABLED', ...live }],
      kmsKeys: [key(KEY_ARN, 'CUSTOMER'), key(AWS_KEY_ARN, 'AWS')],
    }),
  };
}

const DYNAMODB_CMK: SharedControl = {
  id: 'DynamoDB.CustomerManagedKey',
  rule: 'DynamoDbCustomerManagedKey',
  check: 'dynamodb-table-kms-cmk',
  fixtures: [
    fixture('a customer managed key by ARN', 'compliant', () => ({ sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: KEY_ARN }), { kmsMasterKeyArn: KEY_ARN }),
    fixture('a key of the stack, by reference', 'compliant', (stack) => ({
      sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: new kms.CfnKey(stack, 'K', { keyPolicy: { Version: '2012-10-17', Statement: [] } }).attrArn,
    }), { kmsMasterKeyArn: KEY_ARN }),
    // the template names the AWS managed key by alias; the account reports its key ARN, and DescribeKey says AWS manages it
    fixture('the AWS managed alias/aws/dynamodb', 'non-compliant', () => ({ sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: 'alias/aws/dynamodb' }), { kmsMasterKeyArn: AWS_KEY_ARN }),
    fixture('SSE with KMS but no key named (the AWS managed key)', 'non-compliant', () => ({ sseEnabled: true, sseType: 'KMS' }), { kmsMasterKeyArn: AWS_KEY_ARN }),
    fixture('no SSE specification (the AWS owned key)', 'non-compliant', () => undefined, { kmsMasterKeyArn: null }),
    fixture('SSE disabled (the AWS owned key)', 'non-compliant', () => ({ sseEnabled: false }), { kmsMasterKeyArn: null }),
  ],
};

export const DYNAMODB_SHARED: SharedControl[] = [DYNAMODB_CMK];
