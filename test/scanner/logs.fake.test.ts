/**
 * The CloudWatch Logs collector through the real SDK against the fake endpoint: DescribeLogGroups
 * paged by its paginator with pages smaller than the data, both log group checks judged from one
 * collection, and a region whose log groups cannot be listed reported as ERROR, never as PASS.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/logs-key';
const CHECKS = ['logs-log-group-kms-encrypted', 'logs-log-group-retention'];

function account() {
  const s = emptyAccount(['eu-west-1', 'us-east-1']);
  s.regions['eu-west-1'].logGroups = [
    { logGroupName: '/aws/lambda/good', kmsKeyId: KEY, retentionInDays: 365 },
    { logGroupName: '/aws/lambda/no-key', retentionInDays: 30 },
    { logGroupName: '/aws/lambda/forever', kmsKeyId: KEY },
    { logGroupName: '/app/plain' },
    { logGroupName: '/app/one-day', kmsKeyId: KEY, retentionInDays: 1 },
  ];
  s.regions['us-east-1'].logGroups = [{ logGroupName: 'denied' }];
  return s;
}

describe('CloudWatch Logs checks against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  afterEach(() => fake.stop());

  test('every log group across pages of 2, each judged once by both checks', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: CHECKS, pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    // 5 log groups, 2 per page: 3 pages, collected once for both checks
    expect(fake.stats.requests['logs:DescribeLogGroups']).toBe(3);
    const got = report.findings.map((f) => `${f.checkId} ${f.resourceId}`).sort();
    const arn = (n: string) => `arn:aws:logs:eu-west-1:123456789012:log-group:${n}`;
    expect(got).toEqual([
      `logs-log-group-kms-encrypted ${arn('/app/plain')}`,
      `logs-log-group-kms-encrypted ${arn('/aws/lambda/no-key')}`,
      `logs-log-group-retention ${arn('/app/plain')}`,
      `logs-log-group-retention ${arn('/aws/lambda/forever')}`,
    ]);
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.notApplicable}/${c.counts.errored}`]));
    expect(counts).toEqual({ 'logs-log-group-kms-encrypted': '3/2/0/0', 'logs-log-group-retention': '3/2/0/0' });
  });

  test('a region whose log groups cannot be listed is ERROR for both checks, with the API error in context', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (r.service === 'logs' && r.region === 'us-east-1') {
          throw new AwsHttpError(400, 'AccessDeniedException', `User is not authorized to perform: logs:${api}`);
        }
      },
    });
    url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: CHECKS, pageSize: 2 }));
    expect(report.status).toBe('PARTIAL');
    for (const c of report.checks) {
      expect(c.counts).toEqual({ passed: 3, failed: 2, notApplicable: 0, errored: 1 });
      expect(c.errors).toEqual([expect.objectContaining({ region: 'us-east-1', code: 'AccessDeniedException' })]);
    }
    expect(report.errors).toEqual([expect.objectContaining({ service: 'logs', api: 'DescribeLogGroups', region: 'us-east-1', code: 'AccessDeniedException' })]);
    expect(report.findings.some((f) => f.region === 'us-east-1')).toBe(false);
  });
});
