/**
 * logs-key-allows-logs through the real SDK against the fake endpoint: each encrypted log group
 * judged by the live policy of its key (ListKeys, DescribeKey, GetKeyPolicy), a key policy that
 * could not be read or a Region whose keys could not be listed reported as ERROR, never as PASS.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const ACCOUNT = '123456789012';
const key = (id: string, region = 'eu-west-1') => `arn:aws:kms:${region}:${ACCOUNT}:key/${id}`;
const group = (name: string, region = 'eu-west-1') => `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`;
const ROOT = { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
const LOGS = {
  Sid: 'Logs',
  Effect: 'Allow',
  Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
  Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
  Resource: '*',
  Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` } },
};
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

function account() {
  const s = emptyAccount(['eu-west-1', 'us-east-1']);
  const eu = s.regions['eu-west-1'];
  eu.kmsKeys = [
    { KeyId: 'for-logs', KeyManager: 'CUSTOMER', KeyState: 'Enabled', policy: policy(ROOT, LOGS) },
    { KeyId: 'root-only', KeyManager: 'CUSTOMER', KeyState: 'Enabled', policy: policy(ROOT) },
    { KeyId: 'denied', KeyManager: 'CUSTOMER', KeyState: 'Enabled', policy: policy(ROOT, LOGS) },
  ];
  eu.logGroups = [
    { logGroupName: '/app/good', kmsKeyId: key('for-logs'), retentionInDays: 365 },
    { logGroupName: '/app/root-only', kmsKeyId: key('root-only'), retentionInDays: 365 },
    { logGroupName: '/app/deleted-key', kmsKeyId: key('gone'), retentionInDays: 365 },
    { logGroupName: '/app/unreadable', kmsKeyId: key('denied'), retentionInDays: 365 },
    { logGroupName: '/app/other-account', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/shared', retentionInDays: 365 },
    { logGroupName: '/app/plain', retentionInDays: 365 },
  ];
  s.regions['us-east-1'].kmsKeys = [{ KeyId: 'us-key', KeyManager: 'CUSTOMER', KeyState: 'Enabled', policy: policy(ROOT, LOGS) }];
  s.regions['us-east-1'].logGroups = [{ logGroupName: '/app/us', kmsKeyId: key('us-key', 'us-east-1'), retentionInDays: 365 }];
  return s;
}

describe('logs-key-allows-logs against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('pass, fail, not applicable and an unreadable key policy, across pages of 2', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (api === 'GetKeyPolicy' && String(r.json.KeyId) === 'denied') throw new AwsHttpError(400, 'AccessDeniedException', 'not authorized to perform: kms:GetKeyPolicy');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['logs-key-allows-logs'], pageSize: 2 }));
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId).sort()).toEqual([group('/app/deleted-key'), group('/app/root-only')]);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 2, notApplicable: 2, errored: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ service: 'kms', api: 'GetKeyPolicy', code: 'AccessDeniedException', resource: key('denied') })]);
  });

  test('a Region whose keys cannot be listed (throttled past the retries) is ERROR for its encrypted log groups', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (r.service === 'kms' && r.region === 'us-east-1' && api === 'ListKeys') throw new AwsHttpError(400, 'ThrottlingException', 'Rate exceeded');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: ['logs-key-allows-logs'], pageSize: 2, maxAttempts: 1 }));
    expect(report.status).toBe('PARTIAL');
    // eu-west-1 as above, without the unreadable key; us-east-1 ERROR, its one log group never a PASS
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 2, notApplicable: 2, errored: 1 });
    expect(report.findings.some((f) => f.region === 'us-east-1')).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'kms', api: 'ListKeys', region: 'us-east-1', code: 'ThrottlingException' })]);
  });
});
