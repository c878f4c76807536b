import { fakeEnv, fixtureAccount, REGIONS, withEnv } from './fake-aws/fixtures';
import { FakeAws } from './fake-aws/server';
import { complianceFindingSchema, ocsfErrors } from './ocsf-schema';
import { controlForCheck } from '../../src/controls';
import { runScan } from '../../src/scanner/runtime/engine';
import { OCSF_VERSION, toOcsf } from '../../src/scanner/runtime/ocsf';
import { ScanReport } from '../../src/scanner/runtime/report';

jest.setTimeout(300_000);

async function scanFixture(): Promise<ScanReport> {
  const fake = new FakeAws(fixtureAccount());
  const url = await fake.start();
  try {
    return await withEnv(fakeEnv(url), () => runScan({ accountId: '123456789012', regions: REGIONS }));
  } finally {
    await fake.stop();
  }
}

describe('OCSF Compliance Findings', () => {
  let report: ScanReport;
  beforeAll(async () => {
    complianceFindingSchema();
    report = await scanFixture();
  });

  test('every finding and passed check is a valid OCSF 1.5.0 Compliance Finding (class 2003, cloud profile)', () => {
    const events = toOcsf(report, { includePassed: true });
    expect(report.findings.length).toBeGreaterThan(5);
    expect(events.length).toBeGreaterThan(report.findings.length);
    for (const e of events) {
      expect({ uid: (e.finding_info as { uid: string }).uid, errors: ocsfErrors(e) }).toEqual({ uid: expect.any(String), errors: [] });
    }
  });

  test('a failed resource carries control, standards, status, resource, account and Region', () => {
    const f = report.findings.find((x) => x.fsbp.length > 0 && x.region !== 'global')!;
    const e = toOcsf(report).find((x) => (x.finding_info as { uid: string }).uid === f.findingId)!;
    expect(e).toMatchObject({
      class_uid: 2003,
      type_uid: 200301,
      metadata: { version: OCSF_VERSION },
      compliance: { control: f.fsbp[0], status_id: 3, standards: expect.arrayContaining(['AWS Foundational Security Best Practices v1.0.0']) },
      resources: [{ uid: f.resourceId, type: f.resourceType, region: f.region }],
      cloud: { provider: 'AWS', region: f.region, account: { uid: '123456789012' } },
    });
  });

  test("the control and its requirements are the controls catalog's: the same id and framework ids as the CompliancePack rule", () => {
    for (const e of toOcsf(report, { includePassed: true })) {
      const checkId = (e.finding_info as { product_uid: string }).product_uid;
      const entry = controlForCheck(checkId)!;
      const compliance = e.compliance as { control: string; requirements: string[]; standards: string[] };
      expect({ checkId, control: compliance.control }).toEqual({ checkId, control: entry.id });
      for (const id of entry.frameworks.nist80053r5) expect(compliance.requirements).toContain(`NIST.800-53.r5 ${id}`);
      if (entry.frameworks.nist80053r5.length > 0) expect(compliance.standards).toContain('NIST SP 800-53 Rev. 5');
    }
  });

  test('without includePassed only failures; passes carry status Pass', () => {
    expect(toOcsf(report)).toHaveLength(report.findings.length);
    const passed = toOcsf(report, { includePassed: true }).slice(report.findings.length);
    expect(passed.length).toBeGreaterThan(0);
    for (const e of passed) expect(e.compliance).toMatchObject({ status_id: 1, status: 'Pass' });
  });

  test('finding_info.uid is stable across scans', async () => {
    const again = await scanFixture();
    const uids = (r: ScanReport) => toOcsf(r, { includePassed: true }).map((e) => (e.finding_info as { uid: string }).uid).sort();
    expect(uids(again)).toEqual(uids(report));
  });

  test('the schema rejects an event that breaks it (the validator is live)', () => {
    const e = toOcsf(report)[0];
    expect(ocsfErrors({ ...e, compliance: { ...(e.compliance as object), status_id: 42 } })).not.toEqual([]);
    const { finding_info: _drop, ...noInfo } = e;
    expect(ocsfErrors(noInfo)).not.toEqual([]);
  });
});
