/**
 * dynamodb-table-kms-cmk against moto (server mode): tables created through the real SDK with a
 * customer managed key and with the AWS owned key, collected through ListTables' paginator with
 * pages smaller than the data (DescribeTable, DescribeKey), exactly the expected findings.
 *
 * The AWS managed key is not covered here: moto creates `alias/aws/dynamodb` as an ordinary key, and
 * its DescribeKey answers `KeyManager: CUSTOMER` where AWS answers `AWS`. test/scanner/dynamodb.fake.test.ts
 * covers that case with the fake endpoint, which answers as AWS does.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';

describe('dynamodb-table-kms-cmk against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const kms = new KMSClient({ region: REGION });
      const ddb = new DynamoDBClient({ region: REGION });
      const cmk = (await kms.send(new CreateKeyCommand({ Description: 'tables' }))).KeyMetadata!.Arn!;
      const base = { BillingMode: 'PAY_PER_REQUEST' as const, KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }] };
      await ddb.send(new CreateTableCommand({ ...base, TableName: 'cmk-a', SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: cmk } }));
      await ddb.send(new CreateTableCommand({ ...base, TableName: 'cmk-b', SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: cmk } }));
      await ddb.send(new CreateTableCommand({ ...base, TableName: 'aws-owned' }));
      kms.destroy();
      ddb.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, pages of 2', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['dynamodb-table-kms-cmk'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/')[1]).sort()).toEqual(['aws-owned']);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 1, notApplicable: 0, errored: 0 });
  });
});
