import { fakeEnv, fixtureAccount, REGIONS, withEnv } from './fake-aws/fixtures';
import { securityGroupAccount } from './fake-aws/scenarios';
import { FakeAws } from './fake-aws/server';
import { AwsClients } from '../../src/scanner/runtime/clients';
import { runScan } from '../../src/scanner/runtime/engine';
import { Finding, findingId, ScanReport } from '../../src/scanner/runtime/report';
import {
  ASFF_REQUIRED_FIELDS, asffProblems, batches, importToSecurityHub, MAX_FINDINGS_PER_CALL, MAX_REQUEST_BYTES, productArn, toAsff,
} from '../../src/scanner/runtime/security-hub';

jest.setTimeout(120_000);

const HOME = 'us-east-1';

async function scan(fake: FakeAws, regions = ['eu-west-1'], checkIds?: string[]): Promise<ScanReport> {
  return withEnv(fakeEnv(fake.url), () => runScan({ accountId: '123456789012', regions, checkIds, homeRegion: HOME }));
}

async function importing(
  fake: FakeAws, report: ScanReport, previous: ScanReport | null, region = HOME, concurrency = 8, maxFindingsPerCall?: number,
) {
  const clients = new AwsClients({ maxAttempts: 3, concurrency });
  try {
    return await withEnv(fakeEnv(fake.url), () => importToSecurityHub(clients, report, previous, { region, baseDelayMs: 1, maxFindingsPerCall }));
  } finally {
    clients.destroy();
  }
}

/** `n` synthetic findings of one check, for batching and pacing (no scan needed). */
function withManyFindings(report: ScanReport, n: number, reasonBytes = 40): ScanReport {
  const template = report.findings[0];
  const findings: Finding[] = Array.from({ length: n }, (_, i) => {
    const resourceId = `arn:aws:ec2:eu-west-1:123456789012:security-group/sg-${String(i).padStart(8, '0')}`;
    return { ...template, resourceId, findingId: findingId('123456789012', 'eu-west-1', template.checkId, resourceId), reason: 'x'.repeat(reasonBytes) };
  });
  return { ...report, findings };
}

describe('ASFF', () => {
  let fake: FakeAws;
  let report: ScanReport;
  beforeAll(async () => {
    fake = new FakeAws(fixtureAccount());
    await fake.start();
    report = await scan(fake, REGIONS);
  });
  afterAll(() => fake.stop());

  test('every finding of the fixture account has the required fields, within ASFF limits, control id from FSBP', () => {
    expect(report.findings.length).toBeGreaterThan(5);
    for (const f of report.findings) {
      const a = toAsff(report, f);
      expect({ id: f.findingId, problems: asffProblems(a) }).toEqual({ id: f.findingId, problems: [] });
      for (const k of ASFF_REQUIRED_FIELDS) expect(a[k]).toBeDefined();
      expect(a.ProductArn).toBe(productArn('aws', HOME, '123456789012'));
      expect(a.Compliance).toMatchObject({ Status: 'FAILED', SecurityControlId: f.fsbp[0] ?? f.checkId });
      expect(a.Resources![0]).toMatchObject({ Id: f.resourceId, Region: f.region === 'global' ? HOME : f.region });
      // ASFF has no type for EBS snapshots; every other type the checks report has one.
      if (f.resourceType !== 'AWS::EC2::Snapshot') expect({ type: f.resourceType, asff: a.Resources![0].Type }).not.toEqual({ type: f.resourceType, asff: 'Other' });
    }
  });

  test('asffProblems names a missing required field, an overlong title and a finding over 240 KB', () => {
    const a = toAsff(report, report.findings[0]);
    expect(asffProblems({ ...a, Types: undefined })).toContain('Types is required');
    expect(asffProblems({ ...a, Title: 't'.repeat(300) })).toContain('Title is longer than 256');
    expect(asffProblems({ ...a, ProductFields: { big: 'x'.repeat(250 * 1024) } }).join()).toMatch(/over the 245760-byte limit/);
  });

  test('the import is accepted whole by Security Hub (fake checks required fields, size and product ARN)', async () => {
    const result = await importing(fake, report, null);
    expect(result).toMatchObject({ imported: report.findings.length, resolved: 0, failed: [] });
    expect(Object.keys(fake.securityHub.findings)).toHaveLength(report.findings.length);
  });
});

describe('BatchImportFindings', () => {
  let fake: FakeAws;
  let report: ScanReport;
  beforeEach(async () => {
    fake = new FakeAws(securityGroupAccount(20, 'eu-west-1', 1));
    await fake.start();
    report = await scan(fake, ['eu-west-1'], ['ec2-sg-no-public-ssh']);
  });
  afterEach(() => fake.stop());

  test('at most 100 findings and 6 MB per call; a re-import updates instead of duplicating', async () => {
    const many = withManyFindings(report, 250);
    const first = await importing(fake, many, null);
    expect(first).toMatchObject({ imported: 250, calls: 3, failed: [] });
    expect(fake.securityHub.calls.map((c) => c.findings).sort()).toEqual([100, 100, 50]);
    const later = { ...many, scanId: 'second', startedAt: new Date(Date.parse(many.startedAt) + 60_000).toISOString() };
    await importing(fake, later, many);
    expect(Object.keys(fake.securityHub.findings)).toHaveLength(250);
    expect(Object.values(fake.securityHub.findings).every((f) => f.ProductFields['cdk-compliance-constructs/ScanId'] === 'second')).toBe(true);
    // Big findings: the 6 MB limit splits before 100.
    const big = batches(withManyFindings(report, 100).findings.map((f) => toAsff(report, f)).map((a) => ({ ...a, ProductFields: { ...a.ProductFields, detail: 'x'.repeat(100 * 1024) } })));
    expect(big.map((b) => b.length)).toEqual([60, 40]);
    expect(big.length).toBeGreaterThan(1);
    for (const b of big) expect(Buffer.byteLength(JSON.stringify({ Findings: b }))).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    for (const b of big) expect(b.length).toBeLessThanOrEqual(MAX_FINDINGS_PER_CALL);
  });

  test('paced under 10 requests/s with a burst of 30: no call throttled by a limiter enforcing exactly that', async () => {
    fake.options.throttle = { ratePerSec: 10, burst: 30 };
    const started = Date.now();
    // 45 small calls, all allowed in flight at once: only the pacing keeps them under the limit.
    const result = await importing(fake, withManyFindings(report, 45, 10), null, HOME, 64, 1);
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ imported: 45, calls: 45, failed: [] });
    expect(fake.stats.throttled['securityhub:BatchImportFindings'] ?? 0).toBe(0);
    expect(fake.stats.requests['securityhub:BatchImportFindings']).toBe(45);
    // 10 at once, then 9 per second: the other 35 calls take at least 3.8 s.
    expect(elapsed).toBeGreaterThanOrEqual(3800);
  });

  test('findings failed with a transient code are retried; refused ones are returned with code and message', async () => {
    fake.securityHub.failNext = { count: 7, code: 'InternalException', message: 'Internal service failure' };
    const retried = await importing(fake, report, null);
    expect(retried).toMatchObject({ imported: 20, retried: 7, failed: [] });
    expect(Object.keys(fake.securityHub.findings)).toHaveLength(20);
    // Imported into a Region other than the product ARN's: Security Hub refuses every finding; not retried.
    const refused = await importing(fake, report, null, 'eu-west-1');
    expect(refused.imported).toBe(0);
    expect(refused.retried).toBe(0);
    expect(refused.failed).toHaveLength(20);
    expect(refused.failed[0]).toMatchObject({ code: 'AccessDeniedException', message: expect.stringContaining('product/123456789012/default') });
  });

  test('a finding fixed by the next scan is re-imported PASSED and ARCHIVED, and Security Hub resolves it', async () => {
    await importing(fake, report, null);
    const sgs = fake.state.regions['eu-west-1'].securityGroups;
    for (const sg of sgs.slice(0, 5)) sg.ingress = [];
    const next = await scan(fake, ['eu-west-1'], ['ec2-sg-no-public-ssh']);
    expect(next.findings).toHaveLength(15);
    const result = await importing(fake, next, report);
    expect(result).toMatchObject({ imported: 15, resolved: 5, failed: [] });
    const stored = Object.values(fake.securityHub.findings);
    expect(stored).toHaveLength(20);
    const resolved = stored.filter((f) => f.Workflow.Status === 'RESOLVED');
    expect(resolved).toHaveLength(5);
    for (const f of resolved) expect(f).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } });
    expect(stored.filter((f) => f.Workflow.Status === 'NEW' && f.RecordState === 'ACTIVE')).toHaveLength(15);
  });

  test('a finding whose check errored in this scan is not resolved (not seen is not fixed)', async () => {
    const errored: ScanReport = {
      ...report,
      findings: [],
      checks: report.checks.map((c) => ({ ...c, regionsEvaluated: [], errors: [{ region: 'eu-west-1', code: 'AccessDenied', message: 'denied' }] })),
    };
    const result = await importing(fake, { ...errored, findings: [withManyFindings(report, 1).findings[0]] }, report);
    expect(result.resolved).toBe(0);
  });
});
