/**
 * logs-key-allows-logs against moto (server mode): keys created through the real SDK with a policy
 * that grants CloudWatch Logs and with the default key policy (the account root only), log groups
 * encrypted with each, collected through DescribeLogGroups and ListKeys / DescribeKey / GetKeyPolicy
 * with pages smaller than the data: exactly the expected findings.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';

describe('logs-key-allows-logs against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const kms = new KMSClient({ region: REGION });
      const logs = new CloudWatchLogsClient({ region: REGION });
      const root = 'arn:aws:iam::123456789012:root';
      const forLogs = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: root }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { Service: `logs.${REGION}.amazonaws.com` }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*' },
        ],
      });
      const good = (await kms.send(new CreateKeyCommand({ Description: 'for logs', Policy: forLogs }))).KeyMetadata!.Arn!;
      const rootOnly = (await kms.send(new CreateKeyCommand({ Description: 'default policy' }))).KeyMetadata!.Arn!;
      const groups: Array<[string, string | undefined]> = [['/app/good', good], ['/app/good-too', good], ['/app/root-only', rootOnly], ['/app/plain', undefined]];
      for (const [name, kmsKeyId] of groups) {
        await logs.send(new CreateLogGroupCommand({ logGroupName: name, kmsKeyId }));
      }
      kms.destroy();
      logs.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, pages of 2', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['logs-key-allows-logs'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split(':log-group:')[1])).toEqual(['/app/root-only']);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 1, notApplicable: 1, errored: 0 });
  });
});
