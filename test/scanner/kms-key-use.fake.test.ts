/**
 * kms-key-use-authorized through the real SDK against the fake endpoint: the key-use paths of every
 * builder (today EventBridge Scheduler's: a schedule's role publishing to an encrypted topic), judged
 * against the live key policies and reported per key; a key no path uses is not applicable, a key
 * whose policy cannot be read is ERROR, never PASS.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const topic = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
const keyArn = (id: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;
const keyPolicy = (principal: object) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: ROOT }, Action: ['kms:Create*', 'kms:Put*', 'kms:Describe*'], Resource: '*' },
    { Effect: 'Allow', Principal: principal, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*' },
  ],
});

describe('kms-key-use-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    const s = emptyAccount([REGION]);
    s.roles = [{
      RoleName: 'publisher',
      trust: TRUST,
      inline: { p: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sns:Publish', 'kms:GenerateDataKey', 'kms:Decrypt'], Resource: '*' }] } },
    }];
    const r = s.regions[REGION];
    r.kmsKeys = [
      { KeyId: 'k-account', KeyManager: 'CUSTOMER', KeyState: 'Enabled', policy: keyPolicy({ AWS: ROOT }) },
      { KeyId: 'k-service-only', KeyManager: 'CUSTOMER', KeyState: 'Enabled', policy: keyPolicy({ Service: 'sns.amazonaws.com' }) },
      { KeyId: 'k-unreadable', KeyManager: 'CUSTOMER', KeyState: 'Enabled' },
      { KeyId: 'k-unused', KeyManager: 'CUSTOMER', KeyState: 'Enabled' },
    ];
    r.topics = [
      { Name: 'a', KmsMasterKeyId: keyArn('k-account') },
      { Name: 'b', KmsMasterKeyId: keyArn('k-service-only') },
      { Name: 'c', KmsMasterKeyId: keyArn('k-unreadable') },
      { Name: 'plain' },
    ];
    // none of AccountAudit's defaults (its alert topic, its Config channel) and their key beside the topics above
    r.eventRules = [];
    r.config = { recorders: [], channels: [] };
    const role = `arn:aws:iam::${ACCOUNT}:role/publisher`;
    r.schedules = ['a', 'b', 'c', 'plain'].map((t) => ({ Name: `to-${t}`, Target: { Arn: topic(t), RoleArn: role } }));
    fake = new FakeAws(s, {
      authorize: async (req, api) => {
        if (api === 'GetKeyPolicy' && req.body.includes('k-unreadable')) throw new AwsHttpError(400, 'AccessDeniedException', 'not authorized to perform: kms:GetKeyPolicy');
      },
    });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('one verdict per key: allowed, denied, undecidable, unused', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: [REGION], checkIds: ['kms-key-use-authorized'] }));
    const check = report.checks.find((c) => c.id === 'kms-key-use-authorized')!;
    expect(report.findings.map((f) => f.resourceId)).toEqual([keyArn('k-service-only')]);
    expect(report.findings[0].reason).toMatch(/^schedule default\/to-b -> b topic's key: kms:GenerateDataKey for role .*publisher denied: /);
    expect(check.counts).toEqual({ passed: 1, failed: 1, notApplicable: 1, errored: 1 });
    expect(check.errors.map((e) => e.resource)).toEqual([keyArn('k-unreadable')]);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'kms', api: 'GetKeyPolicy', code: 'AccessDeniedException' })]);
  });
});
