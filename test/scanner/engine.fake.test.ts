import { EXPECTED_FINDINGS, fakeEnv, fixtureAccount, REGIONS, withEnv } from './fake-aws/fixtures';
import { FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan, UnknownCheckError } from '../../src/scanner/runtime/engine';
import { findingId } from '../../src/scanner/runtime/report';

describe('engine against the fake AWS endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    fake = new FakeAws(fixtureAccount(), { pageSize: 2 });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('fixture account yields exactly the expected findings in a COMPLETE, schema-valid report', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: REGIONS, credentialReportPollMs: 1 }));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('COMPLETE');
    expect(report.accountId).toBe('123456789012');
    const got = report.findings.map((f) => `${f.checkId} ${f.resourceId.split(/[:]/).slice(5).join(':')}`).sort();
    expect(got).toEqual(EXPECTED_FINDINGS);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.score.partial).toBe(false);
    expect(report.summary.failed).toBe(EXPECTED_FINDINGS.length);
    expect(report.summary.resourcesEvaluated).toBeGreaterThan(20);
  });

  test('finding ids are sha256(account|region|check|resource) and stable across scans', async () => {
    const [a, b] = await withEnv(fakeEnv(url), async () => [
      await runScan({ regions: REGIONS, credentialReportPollMs: 1 }),
      await runScan({ regions: REGIONS, credentialReportPollMs: 1 }),
    ]);
    expect(a.findings.map((f) => f.findingId)).toEqual(b.findings.map((f) => f.findingId));
    const f = a.findings.find((x) => x.checkId === 'rds-instance-not-public')!;
    expect(f.findingId).toBe(findingId('123456789012', 'eu-west-1', 'rds-instance-not-public', f.resourceId));
    expect(a.scanId).not.toBe(b.scanId);
  });

  test('each inventory is collected once per (service, region) and shared by its checks', async () => {
    await withEnv(fakeEnv(url), () => runScan({ regions: REGIONS, credentialReportPollMs: 1 }));
    // 7 security-group checks, 2 regions, 1 security group per page of 2 -> pages per region.
    const sgPages = { 'eu-west-1': 2, 'us-east-1': 1 };
    expect(fake.stats.requests['ec2:DescribeSecurityGroups']).toBe(sgPages['eu-west-1'] + sgPages['us-east-1']);
    expect(fake.stats.requests['iam:GetAccountAuthorizationDetails']).toBe(3); // 5 items, page of 2
    expect(fake.stats.requests['s3:ListBuckets']).toBe(3); // 5 buckets, page of 2
    // Buckets outside the scanned regions are not inspected.
    expect(fake.stats.requests['s3:GetBucket:versioning']).toBe(4);
    expect(fake.stats.requests['ec2:DescribeFlowLogs']).toBe(2);
  });

  test('selected checks run alone; unknown check ids are refused by name', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['rds-instance-not-public'] }));
    expect(report.checks.map((c) => c.id)).toEqual(['rds-instance-not-public']);
    expect(fake.requestsFor('iam')).toBe(0);
    await expect(runScan({ checkIds: ['rds-instance-not-public', 'no-such-check'] })).rejects.toThrow(UnknownCheckError);
    await expect(runScan({ checkIds: ['no-such-check'] })).rejects.toThrow(/invalid checkIds: no-such-check/);
  });

  test('an AccessDenied on one bucket marks only that bucket ERROR and the report PARTIAL', async () => {
    fake.state.buckets[0].policy = undefined;
    const denied = fake.state.buckets[1].Name;
    const orig = (fake as unknown as { s3: Function }).s3.bind(fake);
    (fake as unknown as { s3: Function }).s3 = (r: { path: string }, api: string) => {
      if (api === 'GetBucket:policy' && r.path.startsWith(`/${denied}`)) {
        throw Object.assign(new Error('Access Denied'), { status: 403, code: 'AccessDenied' });
      }
      return orig(r, api);
    };
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: REGIONS, credentialReportPollMs: 1, checkIds: ['s3-bucket-tls-only', 's3-bucket-versioning'] }));
    expect(report.status).toBe('PARTIAL');
    const tls = report.checks.find((c) => c.id === 's3-bucket-tls-only')!;
    expect(tls.counts).toMatchObject({ failed: 1, errored: 1 });
    expect(tls.errors[0].resource).toBe(`arn:aws:s3:::${denied}`);
    expect(report.checks.find((c) => c.id === 's3-bucket-versioning')!.counts.errored).toBe(0);
    expect(report.errors[0]).toMatchObject({ service: 's3', api: 'GetBucketPolicy', resource: denied, region: 'eu-west-1' });
  });
});
