import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ObservedRule } from './nag-observer';

/** One result, unacknowledged or acknowledged, as the writers need it. */
export interface FormatEntry {
  readonly pack: string;
  readonly ruleId: string;
  readonly baseRuleId: string;
  readonly resourcePath: string;
  readonly severity: string;
  readonly description: string;
  readonly logicalId?: string;
  readonly templateFile?: string;
  /** Set when the finding is acknowledged. */
  readonly reason?: string;
}

export interface FormatInput {
  readonly packs: readonly string[];
  readonly rules: readonly ObservedRule[];
  readonly findings: readonly FormatEntry[];
  readonly acknowledged: readonly FormatEntry[];
  /** Rule and resource pairs that passed (JUnit test cases without failure). */
  readonly passed: ReadonlyArray<{ readonly pack: string; readonly ruleId: string; readonly resourcePath: string }>;
}

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

function level(severity: string): 'error' | 'warning' | 'note' {
  const s = severity.toLowerCase();
  return s === 'error' ? 'error' : s === 'warning' || s === 'warn' ? 'warning' : 'note';
}

/** The 1-based line of a resource's logical id in a synthesized template, if the file is there. */
function templateLine(file: string, logicalId: string | undefined, cache: Map<string, string[] | null>): number {
  if (!logicalId) return 1;
  if (!cache.has(file)) {
    try {
      cache.set(file, fs.readFileSync(file, 'utf8').split('\n'));
    } catch {
      cache.set(file, null);
    }
  }
  const lines = cache.get(file);
  const i = lines ? lines.findIndex((l) => l.trimStart().startsWith(`${JSON.stringify(logicalId)}:`)) : -1;
  return i >= 0 ? i + 1 : 1;
}

/** SARIF 2.1.0: one run of cdk-nag, its rules with help text, a result per finding; acknowledged ones carry a suppression. */
export function toSarif(input: FormatInput, templateDirectory: string): string {
  const rules = [...new Map(input.rules.map((r) => [r.id, r])).values()]
    .filter((r) => [...input.findings, ...input.acknowledged].some((f) => f.baseRuleId === r.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const cache = new Map<string, string[] | null>();
  const result = (f: FormatEntry) => {
    const uri = path.posix.join(templateDirectory.split(path.sep).join('/'), f.templateFile ?? 'template.json');
    return {
      ruleId: f.baseRuleId,
      ...(index.has(f.baseRuleId) ? { ruleIndex: index.get(f.baseRuleId) } : {}),
      level: level(f.severity),
      message: { text: `${f.ruleId} at ${f.resourcePath}: ${f.description}` },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri },
          region: { startLine: templateLine(path.join(templateDirectory, f.templateFile ?? ''), f.logicalId, cache) },
        },
        logicalLocations: [{ fullyQualifiedName: f.resourcePath, ...(f.logicalId ? { name: f.logicalId } : {}), kind: 'resource' }],
      }],
      partialFingerprints: { 'cdkNagFinding/v1': createHash('sha256').update(`${f.ruleId}|${f.resourcePath}`).digest('hex') },
      properties: { pack: f.pack, finding: f.ruleId, constructPath: f.resourcePath },
      ...(f.reason !== undefined ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.reason }] } : {}),
    };
  };
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk-nag',
          informationUri: 'https://github.com/cdklabs/cdk-nag',
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/[^A-Za-z0-9]/g, ''),
            shortDescription: { text: r.info },
            fullDescription: { text: r.explanation || r.info },
            help: { text: `${r.info}\n\n${r.explanation}`.trim(), markdown: `**${r.id}**: ${r.info}\n\n${r.explanation}`.trim() },
            defaultConfiguration: { level: level(r.level) },
            properties: { pack: r.pack, tags: ['security', 'cdk-nag', r.pack] },
          })),
        },
      },
      results: [...input.findings.map(result), ...input.acknowledged.map(result)],
    }],
  };
  return JSON.stringify(log, null, 2);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // Characters XML 1.0 cannot carry at all.
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/** JUnit XML: a suite per pack, a test case per rule and resource; findings fail, acknowledged ones are skipped with the reason. */
export function toJunit(input: FormatInput): string {
  const suites = input.packs.map((pack) => {
    const failing = input.findings.filter((f) => f.pack === pack);
    const acked = input.acknowledged.filter((f) => f.pack === pack);
    const passed = input.passed.filter((p) => p.pack === pack);
    const cases = [
      ...failing.map((f) => `    <testcase name="${xml(f.ruleId)}" classname="${xml(f.resourcePath)}">\n` +
        `      <failure type="${xml(f.severity)}" message="${xml(f.description)}">${xml(`${f.ruleId} at ${f.resourcePath}${f.logicalId ? ` (${f.templateFile} ${f.logicalId})` : ''}: ${f.description}`)}</failure>\n    </testcase>`),
      ...acked.map((f) => `    <testcase name="${xml(f.ruleId)}" classname="${xml(f.resourcePath)}">\n      <skipped message="${xml(`acknowledged: ${f.reason ?? ''}`)}"/>\n    </testcase>`),
      ...passed.map((p) => `    <testcase name="${xml(p.ruleId)}" classname="${xml(p.resourcePath)}"/>`),
    ];
    const total = failing.length + acked.length + passed.length;
    return `  <testsuite name="${xml(pack)}" tests="${total}" failures="${failing.length}" errors="0" skipped="${acked.length}">\n${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`;
  });
  const tests = input.findings.length + input.acknowledged.length + input.passed.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cdk-nag" tests="${tests}" failures="${input.findings.length}" errors="0" skipped="${input.acknowledged.length}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`;
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function cell(v: string | undefined): string {
  let s = v ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (RFC 4180): a row per finding, unacknowledged first, then the acknowledged ones with their reasons. */
export function toCsv(input: FormatInput): string {
  const header = ['status', 'pack', 'rule_id', 'severity', 'resource_path', 'template', 'logical_id', 'description', 'reason'];
  const row = (status: string, f: FormatEntry) =>
    [status, f.pack, f.ruleId, f.severity, f.resourcePath, f.templateFile, f.logicalId, f.description, f.reason].map(cell).join(',');
  return [header.join(','), ...input.findings.map((f) => row('unacknowledged', f)), ...input.acknowledged.map((f) => row('acknowledged', f))].join('\r\n') + '\r\n';
}
