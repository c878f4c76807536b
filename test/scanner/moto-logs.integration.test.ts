/**
 * The CloudWatch Logs checks against moto (server mode): log groups created through the real SDK,
 * collected through DescribeLogGroups' paginator with pages smaller than the data, exactly the
 * expected findings.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const CHECKS = ['logs-log-group-kms-encrypted', 'logs-log-group-retention'];

describe('CloudWatch Logs checks against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const kms = new KMSClient({ region: REGION });
      const logs = new CloudWatchLogsClient({ region: REGION });
      const key = (await kms.send(new CreateKeyCommand({ Description: 'logs' }))).KeyMetadata!.Arn!;
      const groups: Array<[string, string | undefined, number | undefined]> = [
        ['/aws/lambda/good', key, 365],
        ['/aws/lambda/no-key', undefined, 30],
        ['/aws/lambda/forever', key, undefined],
        ['/app/plain', undefined, undefined],
        ['/app/one-day', key, 1],
      ];
      for (const [name, kmsKeyId, days] of groups) {
        await logs.send(new CreateLogGroupCommand({ logGroupName: name, kmsKeyId }));
        if (days !== undefined) await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
      }
      kms.destroy();
      logs.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, pages of 2', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: CHECKS, pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    const got = report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':log-group:')[1]}`).sort();
    expect(got).toEqual([
      'logs-log-group-kms-encrypted /app/plain',
      'logs-log-group-kms-encrypted /aws/lambda/no-key',
      'logs-log-group-retention /app/plain',
      'logs-log-group-retention /aws/lambda/forever',
    ]);
    expect(report.findings[0].resourceId).toMatch(/^arn:aws:logs:eu-west-1:\d{12}:log-group:[^*]+$/);
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.errored}`]));
    expect(counts).toEqual({ 'logs-log-group-kms-encrypted': '3/2/0', 'logs-log-group-retention': '3/2/0' });
  });
});
