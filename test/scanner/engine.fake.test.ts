import { runScan } from '../../src/scanner/runtime/engine';
import { EXPECTED_FINDINGS, fakeEnv, fixtureAccount, REGIONS, withEnv } from './fake-aws/fixtures';
import { FakeAws } from './fake-aws/server';

describe('engine against the fake AWS endpoint', () => {
  test('fixture account yields exactly the expected findings and a COMPLETE report', async () => {
    const fake = new FakeAws(fixtureAccount(), { pageSize: 2 });
    const url = await fake.start();
    try {
      const report = await withEnv(fakeEnv(url), () => runScan({ regions: REGIONS, credentialReportPollMs: 1 }));
      expect(report.errors).toEqual([]);
      expect(report.status).toBe('COMPLETE');
      const got = report.findings.map((f) => `${f.checkId} ${f.resourceId.split(/[:]/).slice(5).join(':')}`).sort();
      expect(got).toEqual(EXPECTED_FINDINGS);
    } finally {
      await fake.stop();
    }
  });
});
