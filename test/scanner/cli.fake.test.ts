import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { fakeEnv, fixtureAccount, REGIONS, withEnv } from './fake-aws/fixtures';
import { FakeAws } from './fake-aws/server';
import { ocsfErrors } from './ocsf-schema';
import { schemaErrors } from './schema';
import { exitCode, main } from '../../src/scanner/runtime/cli';
import { ScanReport } from '../../src/scanner/runtime/report';

jest.setTimeout(60_000);

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

describe('cdk-compliance-scan', () => {
  let fake: FakeAws;
  let dir: string;
  beforeEach(async () => {
    fake = new FakeAws(fixtureAccount());
    await fake.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
  });
  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('writes the JSON and HTML reports, prints progress and a summary, exits 1 on high findings', async () => {
    const t = io();
    const out = path.join(dir, 'report.json');
    const html = path.join(dir, 'report.html');
    const code = await withEnv(fakeEnv(fake.url), () => main(['--regions', REGIONS.join(','), '--out', out, '--html', html, '--fail-on', 'high'], t.io));
    expect(code).toBe(1);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as ScanReport;
    expect(report.status).toBe('COMPLETE');
    expect(schemaErrors(report)).toEqual([]);
    expect(t.err.some((l) => /^\[\d+\/\d+\] ec2\.securityGroups eu-west-1 ok$/.test(l))).toBe(true);
    expect(t.out.join('\n')).toContain(`status COMPLETE  score ${report.score.overall}`);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)=/); // self-contained
    for (const [cat, b] of Object.entries(report.score.byCategory)) {
      // a category with nothing to judge (no log groups in the fixture) has no score: drawn empty, n/a
      const score = b!.score ?? '';
      expect(page).toContain(`<span class="label">${cat}</span><span class="track"><span class="bar" data-score="${score}" style="width:${b!.score ?? 0}%`);
    }
    expect(page).toContain('rds-instance-not-public');
  });

  test('--ocsf writes valid OCSF Compliance Findings; --security-hub imports them, --previous resolves the fixed ones', async () => {
    const t = io();
    const out = path.join(dir, 'report.json');
    const ocsf = path.join(dir, 'findings.ocsf.json');
    const args = ['--regions', REGIONS.join(','), '--out', out, '--ocsf', ocsf, '--ocsf-passed', '--security-hub', '--quiet'];
    const first = await withEnv(fakeEnv(fake.url), () => main(args, t.io));
    expect(first).toBe(1);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as ScanReport;
    const events = JSON.parse(fs.readFileSync(ocsf, 'utf8')) as Array<Record<string, any>>;
    expect(events.length).toBeGreaterThan(report.findings.length);
    for (const e of events) expect(ocsfErrors(e)).toEqual([]);
    const failedUids = events.filter((e) => e.compliance.status_id === 3).map((e) => e.finding_info.uid);
    expect(failedUids.sort()).toEqual(report.findings.map((f) => f.findingId).sort());
    expect(t.out.join('\n')).toContain(`security hub (us-east-1): ${report.findings.length} imported, 0 resolved`);
    fake.state.regions['eu-west-1'].dbInstances.forEach((d) => { d.PubliclyAccessible = false; });
    const t2 = io();
    await withEnv(fakeEnv(fake.url), () => main(['--regions', REGIONS.join(','), '--security-hub', '--previous', out, '--quiet'], t2.io));
    expect(t2.out.join('\n')).toContain(`${report.findings.length - 1} imported, 1 resolved`);
    expect(Object.values(fake.securityHub.findings).filter((f) => f.Workflow.Status === 'RESOLVED').map((f) => f.GeneratorId)).toEqual(['cdk-compliance-scanner/rds-instance-not-public']);
  });

  test('the packaged command (assets/scanner/cli, the `cdk-compliance-scan` bin) writes OCSF that the schema accepts', async () => {
    const bin = path.join(__dirname, '..', '..', 'assets', 'scanner', 'cli', 'index.js');
    const ocsf = path.join(dir, 'bin.ocsf.json');
    const run = await promisify(execFile)(process.execPath, [bin, '--regions', REGIONS.join(','), '--ocsf', ocsf, '--fail-on', 'none', '--quiet'], {
      env: { ...process.env, ...fakeEnv(fake.url) }, timeout: 60_000,
    });
    expect(run.stdout).toContain('status COMPLETE');
    const events = JSON.parse(fs.readFileSync(ocsf, 'utf8')) as unknown[];
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) expect(ocsfErrors(e)).toEqual([]);
  });

  test('exit 2 when Security Hub refuses findings, naming them and the error code', async () => {
    const t = io();
    fake.securityHub.failNext = { count: 1000, code: 'InvalidInput', message: 'Finding does not adhere to Amazon Finding Format' };
    const code = await withEnv(fakeEnv(fake.url), () => main(['--regions', 'eu-west-1', '--checks', 'rds-instance-not-public', '--security-hub', '--quiet'], t.io));
    expect(code).toBe(2);
    expect(t.err.join('\n')).toMatch(/securityhub BatchImportFindings in us-east-1: 1 finding\(s\) not imported: cdk-compliance-scanner\/[0-9a-f]{64} InvalidInput Finding does not adhere/);
  });

  test('exit 0 when nothing reaches --fail-on', async () => {
    const t = io();
    const code = await withEnv(fakeEnv(fake.url), () => main(['--regions', 'eu-west-1', '--checks', 'kms-key-rotation', '--fail-on', 'critical', '--quiet'], t.io));
    expect(code).toBe(0);
    expect(t.err).toEqual([]);
  });

  test('exit 2 when the scan cannot complete', async () => {
    const t = io();
    const code = await withEnv({ ...fakeEnv('http://127.0.0.1:1'), AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, () =>
      main(['--regions', 'eu-west-1', '--checks', 'kms-key-rotation', '--quiet'], t.io));
    expect(code).toBe(2);
  });

  test('bad arguments exit 2 naming the argument and value', async () => {
    for (const [args, msg] of [
      [['--regions', 'mars'], 'invalid --regions: mars'],
      [['--checks', 'nope'], 'invalid --checks: nope'],
      [['--fail-on', 'severe'], 'invalid --fail-on: severe'],
      [['--concurrency', '0'], 'invalid --concurrency: 0'],
      [['--bogus'], "Unknown option '--bogus'"],
      [['--deadline', '-5'], 'invalid --deadline: -5. Must be a positive number of seconds'],
      [['--deadline=-5'], 'invalid --deadline: -5. Must be a positive number of seconds'],
      [['--concurrency', '-1'], 'invalid --concurrency: -1'],
      [['--deadline'], 'invalid --deadline: no value given. Must be a positive number of seconds'],
      [['--regions', '--quiet'], 'invalid --regions: no value given'],
      [['--ocsf-passed'], 'invalid --ocsf-passed: only used with --ocsf'],
      [['--previous', '/nonexistent/report.json', '--security-hub'], 'invalid --previous: /nonexistent/report.json: ENOENT'],
      [['--ocsf'], 'invalid --ocsf: no value given. Must be a file name'],
    ] as Array<[string[], string]>) {
      const t = io();
      expect(await main(args, t.io)).toBe(2);
      expect(t.err.join('\n')).toContain(msg);
    }
  });

  test('a well-formed Region the partition does not have, or an opt-in Region not enabled, is refused before anything is collected', async () => {
    fake.state.notOptedInRegions = ['ap-east-2'];
    for (const [region, msg] of [
      ['xx-nowhere-9', 'invalid --regions: xx-nowhere-9 is not a Region of this partition'],
      ['ap-east-2', 'invalid --regions: ap-east-2 is an opt-in Region not enabled for this account'],
    ]) {
      const t = io();
      const before = fake.requestsFor('ec2');
      const code = await withEnv(fakeEnv(fake.url), () => main(['--regions', `eu-west-1,${region}`, '--quiet'], t.io));
      expect(code).toBe(2);
      expect(t.err.join('\n')).toContain(msg);
      expect(t.err.join('\n')).toContain('Enabled Regions: eu-west-1, us-east-1');
      // One DescribeRegions call, nothing collected.
      expect(fake.requestsFor('ec2') - before).toBe(1);
      expect(fake.requestsFor('s3') + fake.requestsFor('kms')).toBe(0);
    }
  });

  test('exit code rules', () => {
    const r = (status: string, severities: string[]) => ({ status, findings: severities.map((severity) => ({ severity })) }) as unknown as ScanReport;
    expect(exitCode(r('COMPLETE', ['MEDIUM']), 'HIGH')).toBe(0);
    expect(exitCode(r('COMPLETE', ['CRITICAL']), 'HIGH')).toBe(1);
    expect(exitCode(r('COMPLETE', ['LOW']), 'LOW')).toBe(1);
    expect(exitCode(r('COMPLETE', ['CRITICAL']), null)).toBe(0);
    expect(exitCode(r('PARTIAL', []), 'HIGH')).toBe(2);
    expect(exitCode(r('FAILED', []), null)).toBe(2);
  });
});
