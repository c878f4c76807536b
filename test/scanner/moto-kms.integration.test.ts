/**
 * kms-key-policy-no-kms-star against moto (server mode): keys created through the real SDK with
 * the default key policy (kms:* to the root) and with separate administration and use statements,
 * collected through ListKeys' paginator with pages smaller than the data (DescribeKey, GetKeyPolicy),
 * exactly the expected findings.
 */
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';

describe('kms-key-policy-no-kms-star against moto', () => {
  let moto: MotoServer | undefined;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const kms = new KMSClient({ region: REGION });
      const root = 'arn:aws:iam::123456789012:root';
      const separated = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: root }, Action: ['kms:Create*', 'kms:Put*', 'kms:Describe*', 'kms:Get*', 'kms:ScheduleKeyDeletion'], Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: root }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
        ],
      });
      ids.default1 = (await kms.send(new CreateKeyCommand({ Description: 'default policy' }))).KeyMetadata!.KeyId!;
      ids.default2 = (await kms.send(new CreateKeyCommand({ Description: 'default policy' }))).KeyMetadata!.KeyId!;
      ids.separated = (await kms.send(new CreateKeyCommand({ Description: 'separated', Policy: separated }))).KeyMetadata!.KeyId!;
      kms.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, pages of 2', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['kms-key-policy-no-kms-star'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/')[1]).sort()).toEqual([ids.default1, ids.default2].sort());
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 2, notApplicable: 0, errored: 0 });
  });
});
