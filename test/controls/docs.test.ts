import * as fs from 'fs';
import * as path from 'path';
import { generatedDocuments, ROOT } from '../../scripts/generated-docs';
import { CONTROLS } from '../../src/controls';
import { renderCheckTable, renderControlsMarkdown, replaceSection } from '../../src/controls/docs';
import { ALL_CHECKS } from '../../src/scanner/runtime/checks';

test.each(generatedDocuments().map(([file, content]) => [file, content]))('%s is current (regenerate with scripts/rules-md.ts)', (file, content) => {
  expect(fs.readFileSync(path.join(ROOT, file), 'utf-8')).toEqual(content);
});

test('the crosswalk has a row per control with its rule, check and framework ids', () => {
  const text = renderControlsMarkdown();
  for (const c of CONTROLS) {
    const row = text.split('\n').find((l) => l.startsWith(`| \`${c.id}\` |`))!;
    expect(row).toBeDefined();
    for (const id of [...c.packRules.map((r) => `CompliancePack-${r}`), ...c.scannerChecks.map((k) => k.id), ...c.frameworks.fsbp, ...c.frameworks.pciDss40]) {
      expect(row).toContain(id);
    }
  }
  expect(text).toContain('| `S3.5` |');
  expect(text).toMatch(/\| `S3\.5` \|.*`CompliancePack-S3TlsOnlyPolicy`.*`s3-bucket-tls-only`.*4\.2\.1/);
});

test('the check table has a row per check, with the catalog\'s control, FSBP and CIS ids and what it accepts', () => {
  const table = renderCheckTable(ALL_CHECKS);
  expect(table.split('\n')).toHaveLength(ALL_CHECKS.length + 2);
  expect(table).toContain('| `s3-bucket-tls-only` | `S3.5` | MEDIUM | s3 | AWS::S3::Bucket | S3.5 | 2.1.1 |');
});

test('a document whose generated section lost its markers is an error, not silently rewritten', () => {
  expect(() => replaceSection('no markers here', 'checks', 'x')).toThrow(/generated section checks is missing/);
});
