/**
 * dynamodb-table-kms-cmk through the real SDK against the fake endpoint: ListTables paged smaller
 * than the data, DescribeTable per table, who manages each key from the region's keys (ListKeys,
 * DescribeKey), and a table that cannot be read reported as ERROR.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const key = (id: string, owner = '123456789012') => `arn:aws:kms:eu-west-1:${owner}:key/${id}`;

function account() {
  const s = emptyAccount(['eu-west-1']);
  const eu = s.regions['eu-west-1'];
  eu.kmsKeys = [{ KeyId: 'cmk', KeyManager: 'CUSTOMER', KeyState: 'Enabled' }, { KeyId: 'aws-dynamodb', KeyManager: 'AWS', KeyState: 'Enabled' }];
  eu.tables = [
    { TableName: 'a-cmk', pitr: true, kmsKeyArn: key('cmk') },
    { TableName: 'b-aws-managed', pitr: true, kmsKeyArn: key('aws-dynamodb') },
    { TableName: 'c-aws-owned', pitr: true },
    { TableName: 'd-other-account', pitr: true, kmsKeyArn: key('shared', '210987654321') },
    { TableName: 'e-denied', pitr: true, kmsKeyArn: key('cmk') },
  ];
  return s;
}

describe('dynamodb-table-kms-cmk against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('every table across pages of 2, the keys\' managers from the region\'s keys; unreadable is ERROR', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (api === 'DescribeTable' && r.json.TableName === 'e-denied') throw new AwsHttpError(400, 'AccessDeniedException', 'not authorized to perform: dynamodb:DescribeTable');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['dynamodb-table-kms-cmk'], pageSize: 2 }));
    expect(schemaErrors(report)).toEqual([]);
    expect(fake.stats.requests['dynamodb:ListTables']).toBe(3);
    expect(fake.stats.requests['dynamodb:DescribeTable']).toBe(5);
    // the region's two keys, once for every table
    expect(fake.stats.requests['kms:DescribeKey']).toBe(2);
    expect(fake.stats.requests['kms:GetKeyRotationStatus']).toBeUndefined();
    expect(report.findings.map((f) => `${f.resourceId.split('/')[1]}: ${f.reason}`).sort()).toEqual([
      `b-aws-managed: encrypted with the AWS managed ${key('aws-dynamodb')} (aws/dynamodb), not a customer managed key`,
      'c-aws-owned: encrypted with the AWS owned key, not a customer managed key',
    ]);
    const c = report.checks[0];
    expect(c.counts).toEqual({ passed: 2, failed: 2, notApplicable: 0, errored: 1 });
    expect(c.errors).toEqual([expect.objectContaining({ resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/e-denied', code: 'ResourceDataUnavailable' })]);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'dynamodb', api: 'DescribeTable', code: 'AccessDeniedException', resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/e-denied' })]);
  });

  test('one collector, only the calls the checks being run are granted', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const pitr = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['dynamodb-pitr-enabled'], pageSize: 2 }));
    expect(pitr.errors).toEqual([]);
    expect(fake.stats.requests['dynamodb:DescribeContinuousBackups']).toBe(5);
    expect(fake.stats.requests['dynamodb:DescribeTable']).toBeUndefined();
    expect(fake.requestsFor('kms')).toBe(0);
    const cmk = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['dynamodb-table-kms-cmk'], pageSize: 2 }));
    expect(cmk.errors).toEqual([]);
    expect(fake.stats.requests['dynamodb:DescribeContinuousBackups']).toBe(5);
    expect(fake.stats.requests['dynamodb:DescribeTable']).toBe(5);
  });
});
