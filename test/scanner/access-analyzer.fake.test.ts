/**
 * IAM Access Analyzer through the real SDK against the fake endpoint (moto does not implement
 * Access Analyzer): ListAnalyzers paged smaller than the list, one verdict per Region, and a
 * Region whose analyzers cannot be listed reported ERROR with the API and its error code.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1'];

describe('iam-access-analyzer-enabled against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    const s = emptyAccount(REGIONS);
    // Many unused-access analyzers before the external one: found only on the last page.
    s.regions['eu-west-1'].analyzers = [
      ...Array.from({ length: 5 }, (_, i) => ({ name: `unused-${i}`, type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' })),
      { name: 'org-external', type: 'ORGANIZATION', status: 'ACTIVE' },
    ];
    s.regions['us-east-1'].analyzers = [{ name: 'external', type: 'ACCOUNT', status: 'DISABLED' }, { name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' }];
    fake = new FakeAws(s, {
      pageSize: 2,
      authorize: async (r, api) => {
        if (api === 'ListAnalyzers' && r.region === 'ap-south-1') throw new AwsHttpError(403, 'AccessDeniedException', 'not authorized to perform: access-analyzer:ListAnalyzers');
      },
    });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('per Region: the active external analyzer on a later page passes, a disabled one fails, an unreadable Region is ERROR', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: REGIONS, checkIds: ['iam-access-analyzer-enabled'], pageSize: 2 }));
    expect(fake.stats.requests['access-analyzer:ListAnalyzers']).toBe(3 + 1 + 1);
    expect(report.findings.map((f) => `${f.region} ${f.reason}`)).toEqual(['us-east-1 no external access analyzer is ACTIVE: external DISABLED']);
    const check = report.checks.find((c) => c.id === 'iam-access-analyzer-enabled')!;
    expect(check.counts).toEqual({ passed: 1, failed: 1, notApplicable: 0, errored: 1 });
    expect(check.errors).toEqual([expect.objectContaining({ region: 'ap-south-1', code: 'AccessDeniedException' })]);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'accessanalyzer', api: 'ListAnalyzers', region: 'ap-south-1', code: 'AccessDeniedException' })]);
  });

  test('the default fake account (the analyzer AccountAudit creates) passes', async () => {
    fake.state.regions['ap-south-1'].analyzers = undefined;
    fake.options.authorize = undefined;
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['ap-south-1'], checkIds: ['iam-access-analyzer-enabled'] }));
    expect(report.status).toBe('COMPLETE');
    expect(report.checks[0].counts.passed).toBe(1);
  });
});
