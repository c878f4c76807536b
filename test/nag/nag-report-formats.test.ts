import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, aws_s3 as s3, aws_sqs as sqs } from 'aws-cdk-lib';
import { ComplianceBucket, NagReport } from '../../src';
import { acknowledgeFinding } from '../../src/core/acknowledge';
import { newStack } from '../nag-helper';

// The SARIF 2.1.0 schema and validator of Microsoft's SARIF SDK.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sarifMatchers = require('@microsoft/jest-sarif');
expect.extend(sarifMatchers);
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

const REASON = 'The queue only buffers public, non-sensitive build notifications; SSE-SQS is enough for them.';

function build(): { app: App; report: NagReport; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-out-'));
  const app = new App({ outdir });
  const stack = newStack(app, 'Formats');
  new s3.Bucket(stack, 'Plain');
  new ComplianceBucket(stack, 'Audit');
  const queue = new sqs.Queue(stack, 'Notes', { enforceSSL: true });
  acknowledgeFinding(queue.node.defaultChild!, 'AwsSolutions-SQS3', REASON);
  app.synth();
  return { app, report: NagReport.collect(app), outdir };
}

describe('NagReport outputs', () => {
  const { report, outdir } = build();
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('findings and acknowledgments carry the template file and logical id', () => {
    const plain = report.findings.find((f) => f.ruleId === 'AwsSolutions-S1' && f.resourcePath === 'Formats/Plain/Resource')!;
    expect(plain).toMatchObject({ templateFile: 'Formats.template.json', logicalId: expect.stringMatching(/^Plain/) });
    expect(report.acknowledged).toEqual(expect.arrayContaining([expect.objectContaining({
      pack: 'AwsSolutions', ruleId: 'AwsSolutions-SQS3', resourcePath: 'Formats/Notes/Resource', reason: REASON, logicalId: expect.stringMatching(/^Notes/),
    })]));
    // Acknowledged findings are not among the unacknowledged ones.
    expect(report.findings.some((f) => f.ruleId === 'AwsSolutions-SQS3' && f.resourcePath === 'Formats/Notes/Resource')).toBe(false);
  });

  test('SARIF 2.1.0 is valid against the OASIS schema, with rules, help text, construct paths and template lines', () => {
    const log = JSON.parse(report.toSarif({ templateDirectory: outdir }));
    expect(log).toBeValidSarifLog();
    const run = log.runs[0];
    const results = run.results as any[];
    expect(results.filter((r) => !r.suppressions)).toHaveLength(report.findings.length);
    expect(results.filter((r) => r.suppressions)).toHaveLength(report.acknowledged.length);
    const s1 = run.tool.driver.rules.find((r: any) => r.id === 'AwsSolutions-S1');
    expect(s1.help.text.length).toBeGreaterThan(20);
    const plain = results.find((r) => r.ruleId === 'AwsSolutions-S1' && r.locations[0].logicalLocations[0].fullyQualifiedName === 'Formats/Plain/Resource');
    const loc = plain.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe(`${outdir}/Formats.template.json`);
    const line = fs.readFileSync(path.join(outdir, 'Formats.template.json'), 'utf8').split('\n')[loc.region.startLine - 1];
    expect(line.trim()).toBe(`"${plain.locations[0].logicalLocations[0].name}": {`);
    expect(run.tool.driver.rules[plain.ruleIndex].id).toBe('AwsSolutions-S1');
    const acked = results.find((r) => r.suppressions && r.ruleId === 'AwsSolutions-SQS3');
    expect(acked.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: REASON }]);
    // Fingerprints are stable: the same app gives the same ones.
    const again = JSON.parse(build().report.toSarif({ templateDirectory: outdir }));
    expect(again.runs[0].results.map((r: any) => r.partialFingerprints)).toEqual(results.map((r) => r.partialFingerprints));
  });

  test('the SARIF validator is live: a log that breaks the schema is rejected', () => {
    const log = JSON.parse(report.toSarif());
    log.runs[0].results[0].level = 'fatal';
    expect(log).not.toBeValidSarifLog();
  });

  test('JUnit XML: a suite per pack, a case per rule and resource; findings fail, acknowledgments are skipped with their reason', () => {
    const xml = report.toJunit();
    const count = (re: RegExp) => (xml.match(re) ?? []).length;
    expect(count(/<testsuite /g)).toBe(report.packNames.length);
    expect(count(/<failure /g)).toBe(report.findings.length);
    expect(count(/<skipped /g)).toBe(report.acknowledged.length);
    expect(xml).toContain(`<skipped message="acknowledged: ${REASON}"/>`);
    const passes = count(/<testcase [^>]*\/>/g);
    expect(passes).toBeGreaterThan(report.findings.length);
    expect(xml).toMatch(new RegExp(`<testsuites name="cdk-nag" tests="${report.findings.length + report.acknowledged.length + passes}" failures="${report.findings.length}"`));
    expect(xml).toContain('<testcase name="AwsSolutions-S1" classname="Formats/Plain/Resource">');
  });

  test('CSV: a row per finding then per acknowledgment, quoted as RFC 4180 says, never read as a formula', () => {
    const rows = report.toCsv().trimEnd().split('\r\n');
    expect(rows[0]).toBe('status,pack,rule_id,severity,resource_path,template,logical_id,description,reason');
    expect(rows).toHaveLength(1 + report.findings.length + report.acknowledged.length);
    expect(rows.filter((r) => r.startsWith('acknowledged,'))).toHaveLength(report.acknowledged.length);
    expect(rows.find((r) => r.includes('AwsSolutions-SQS3'))).toContain(REASON);
    const injected = NagReport.collect(formulaApp());
    expect(injected.toCsv()).toContain(",\"'=HYPERLINK(\"\"http://x\"\"),1\"");
  });

  test('write* create the directory and write the same text', () => {
    const file = path.join(outdir, 'reports', 'nag.sarif');
    report.writeSarif(file, { templateDirectory: outdir });
    expect(fs.readFileSync(file, 'utf8')).toBe(report.toSarif({ templateDirectory: outdir }));
    report.writeJunit(path.join(outdir, 'reports', 'nag.xml'));
    report.writeCsv(path.join(outdir, 'reports', 'nag.csv'));
    expect(fs.readFileSync(path.join(outdir, 'reports', 'nag.csv'), 'utf8')).toBe(report.toCsv());
  });
});

/** An acknowledgment whose reason a spreadsheet would run as a formula. */
function formulaApp(): App {
  const app = new App();
  const queue = new sqs.Queue(newStack(app, 'Csv'), 'Q', { enforceSSL: true });
  acknowledgeFinding(queue.node.defaultChild!, 'AwsSolutions-SQS3', '=HYPERLINK("http://x"),1');
  return app;
}
