/**
 * kms-key-policy-no-kms-star through the real SDK against the fake endpoint: ListKeys paged smaller
 * than the data, GetKeyPolicy for customer managed keys only, an unreadable policy ERROR, and the
 * kms.keys collector making only the calls of the checks being run.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const ROOT = 'arn:aws:iam::123456789012:root';
const star = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }] });

function account() {
  const s = emptyAccount(['eu-west-1']);
  s.regions['eu-west-1'].kmsKeys = [
    { KeyId: 'k1-separated', KeyManager: 'CUSTOMER', KeyState: 'Enabled', rotation: true },
    { KeyId: 'k2-star', KeyManager: 'CUSTOMER', KeyState: 'Enabled', rotation: true, policy: star },
    { KeyId: 'k3-aws', KeyManager: 'AWS', KeyState: 'Enabled' },
    { KeyId: 'k4-denied', KeyManager: 'CUSTOMER', KeyState: 'Enabled', rotation: true },
    { KeyId: 'k5-disabled-star', KeyManager: 'CUSTOMER', KeyState: 'Disabled', policy: star },
  ];
  return s;
}

describe('kms-key-policy-no-kms-star against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('customer managed keys across pages of 2 judged by their policies; unreadable is ERROR', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (api === 'GetKeyPolicy' && String(r.json.KeyId) === 'k4-denied') throw new AwsHttpError(400, 'AccessDeniedException', 'not authorized to perform: kms:GetKeyPolicy');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['kms-key-policy-no-kms-star'], pageSize: 2 }));
    expect(schemaErrors(report)).toEqual([]);
    expect(fake.stats.requests['kms:ListKeys']).toBe(3);
    expect(fake.stats.requests['kms:GetKeyPolicy']).toBe(4);
    expect(fake.stats.requests['kms:GetKeyRotationStatus']).toBeUndefined();
    expect(report.findings.map((f) => f.resourceId.split('/')[1]).sort()).toEqual(['k2-star', 'k5-disabled-star']);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 2, notApplicable: 1, errored: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ service: 'kms', api: 'GetKeyPolicy', code: 'AccessDeniedException', resource: 'arn:aws:kms:eu-west-1:123456789012:key/k4-denied' })]);
  });

  test('kms-key-rotation and kms-key-not-pending-deletion alone read no key policy', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['kms-key-rotation', 'kms-key-not-pending-deletion'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(fake.stats.requests['kms:GetKeyPolicy']).toBeUndefined();
    expect(fake.stats.requests['kms:GetKeyRotationStatus']).toBe(3);
    const pending = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['kms-key-not-pending-deletion'], pageSize: 2 }));
    expect(pending.errors).toEqual([]);
    expect(fake.stats.requests['kms:GetKeyRotationStatus']).toBe(3);
  });
});
