import * as fs from 'fs';
import { parseArgs } from 'util';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { ALL_CHECKS } from './checks';
import { AwsClients } from './clients';
import { runScan } from './engine';
import { renderHtml } from './html';
import { REGION_PATTERN } from './input';
import { SEVERITIES, Severity } from './model';
import { toOcsf } from './ocsf';
import { ScanReport } from './report';
import { importToSecurityHub, SecurityHubImportError } from './security-hub';

export const USAGE = `Usage: cdk-compliance-scan [options]
  --regions <a,b>      regions to scan (default: every enabled region)
  --checks <a,b>       check ids to run (default: all; --list-checks shows them)
  --out <file>         write the JSON report
  --html <file>        write a self-contained HTML report
  --ocsf <file>        write the findings as OCSF 1.5.0 Compliance Findings (a JSON array)
  --ocsf-passed        with --ocsf, also one Pass event per check and Region that passed
  --security-hub       import the findings into AWS Security Hub (ASFF) in the home Region
  --previous <file>    a JSON report of an earlier scan (--out): with --security-hub, its findings
                       that this scan shows fixed are imported PASSED and ARCHIVED (resolved)
  --fail-on <level>    critical | high | medium | low | none (default: high)
  --concurrency <n>    calls in flight per service (default 8)
  --deadline <sec>     overall deadline in seconds (default 600)
  --quiet              no progress output
  --list-checks        print the checks and exit
Exit status: 0 complete with nothing at or above --fail-on, 1 findings at or above it, 2 scan not complete, bad arguments
or findings Security Hub did not accept.
Uses the caller's AWS credentials (AWS_PROFILE, environment, SSO, ...) and honours AWS_ENDPOINT_URL[_<SERVICE>].`;

export interface CliIo {
  out(s: string): void;
  err(s: string): void;
}

const FAIL_ON: Record<string, Severity | null> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', none: null };

export function exitCode(report: ScanReport, failOn: Severity | null): 0 | 1 | 2 {
  if (report.status !== 'COMPLETE') return 2;
  if (failOn === null) return 0;
  const levels = SEVERITIES.slice(0, SEVERITIES.indexOf(failOn) + 1);
  return report.findings.some((f) => levels.includes(f.severity)) ? 1 : 0;
}

export function summaryTable(report: ScanReport): string {
  const lines = [
    `Account ${report.accountId}  regions ${report.regions.join(',')}  status ${report.status}  score ${report.score.overall ?? 'n/a'}`,
    ...report.statusReasons.map((r) => `  ! ${r}`),
    '',
    'category    score   checks  passed  failed',
    ...Object.entries(report.score.byCategory).map(([k, v]) =>
      `${k.padEnd(10)} ${String(v?.score ?? 'n/a').padStart(6)}  ${String(v?.checksScored ?? 0).padStart(6)}  ${String(v?.passed ?? 0).padStart(6)}  ${String(v?.failed ?? 0).padStart(6)}`),
    '',
    `findings: ${SEVERITIES.map((s) => `${s} ${report.summary.findingsBySeverity[s]}`).join('  ')}`,
    ...report.findings.slice(0, 15).map((f) => `  [${f.severity}] ${f.checkId}  ${f.region}  ${f.resourceId}`),
    ...(report.findings.length > 15 ? [`  ... and ${report.findings.length - 15} more`] : []),
  ];
  return lines.join('\n');
}

/** Options that take a value, and what the value must be (for the message when it is missing). */
const VALUE_OPTIONS: Record<string, string> = {
  'regions': 'a comma-separated list of Region names such as eu-west-1',
  'checks': 'a comma-separated list of check ids (see --list-checks)',
  'out': 'a file name',
  'html': 'a file name',
  'ocsf': 'a file name',
  'previous': 'a JSON report file written by --out',
  'fail-on': `one of ${Object.keys(FAIL_ON).join(', ')}`,
  'concurrency': 'an integer from 1 to 64',
  'deadline': 'a positive number of seconds',
};

/**
 * `argv` with each value option joined to its value (`--deadline=-5`), so that a value starting
 * with a dash reaches our own validation; a value option with nothing after it (or another option
 * after it) is reported naming the option.
 */
function joinOptionValues(argv: string[]): { args: string[]; problems: string[] } {
  const args: string[] = [];
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') && !argv[i].includes('=') ? argv[i].slice(2) : undefined;
    if (name === undefined || !(name in VALUE_OPTIONS)) {
      args.push(argv[i]);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      problems.push(`invalid --${name}: no value given. Must be ${VALUE_OPTIONS[name]}`);
      continue;
    }
    args.push(`--${name}=${value}`);
    i++;
  }
  return { args, problems };
}

/**
 * Why some of the well-formed `regions` cannot be scanned: not a Region of the account's partition,
 * or an opt-in Region the account has not enabled (ec2:DescribeRegions with AllRegions, one call
 * with the scan's retries and a 15 s deadline). `undefined` when all can, or when the list could not
 * be read: the scan then runs and records the error itself.
 */
export async function unavailableRegions(regions: readonly string[], homeRegion: string): Promise<string | undefined> {
  const clients = new AwsClients({ maxAttempts: 3, callTimeoutMs: 15_000, requestTimeoutMs: 5_000 });
  let listed;
  try {
    listed = await clients.send({ service: 'ec2', region: homeRegion, api: 'DescribeRegions' }, (c, abortSignal) =>
      c.send(new DescribeRegionsCommand({ AllRegions: true }), { abortSignal }));
  } catch {
    return undefined;
  } finally {
    clients.destroy();
  }
  const known = new Map((listed.Regions ?? []).map((r) => [r.RegionName ?? '', r.OptInStatus ?? '']));
  const problems = regions.flatMap((name) => {
    if (!known.has(name)) return [`${name} is not a Region of this partition`];
    if (known.get(name) === 'not-opted-in') return [`${name} is an opt-in Region not enabled for this account`];
    return [];
  });
  if (problems.length === 0) return undefined;
  const enabled = [...known].filter(([, status]) => status !== 'not-opted-in').map(([name]) => name).sort();
  return `${problems.join('; ')}. Enabled Regions: ${enabled.join(', ')}`;
}

/** The options as parseArgs reads them (each value option joined to its value first). */
function parseValues(args: string[]) {
  return parseArgs({
    args,
    options: {
      'regions': { type: 'string' },
      'checks': { type: 'string' },
      'out': { type: 'string' },
      'html': { type: 'string' },
      'ocsf': { type: 'string' },
      'ocsf-passed': { type: 'boolean', default: false },
      'security-hub': { type: 'boolean', default: false },
      'previous': { type: 'string' },
      'fail-on': { type: 'string', default: 'high' },
      'concurrency': { type: 'string' },
      'deadline': { type: 'string' },
      'quiet': { type: 'boolean', default: false },
      'list-checks': { type: 'boolean', default: false },
      'help': { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
}
type CliValues = ReturnType<typeof parseValues>;

/** What a scan from the command line is asked to do, every option checked. */
export interface CliOptions {
  readonly regions?: string[];
  readonly checkIds?: string[];
  readonly out?: string;
  readonly html?: string;
  readonly ocsf?: string;
  readonly ocsfPassed: boolean;
  readonly securityHub: boolean;
  /** The report of `--previous`; null without it. */
  readonly previous: ScanReport | null;
  /** The least severity that exits 1; null for none. */
  readonly failOn: Severity | null;
  readonly concurrency?: number;
  readonly deadlineMs?: number;
  readonly quiet: boolean;
}

/** The command line's values, or its usage message (with what is wrong first). */
export function parseCommandLine(argv: string[]): { values: CliValues } | { error: string } {
  const joined = joinOptionValues(argv);
  if (joined.problems.length > 0) return { error: `${joined.problems.join('\n')}\n${USAGE}` };
  try {
    return { values: parseValues(joined.args) };
  } catch (e) {
    return { error: `${(e as Error).message}\n${USAGE}` };
  }
}

/** The report named by `--previous`, or why it cannot be one. */
function readPrevious(file: string): { report: ScanReport } | { problem: string } {
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as ScanReport;
    if (!Array.isArray(report.findings) || !Array.isArray(report.checks)) throw new Error('not a scan report (no findings or checks)');
    return { report };
  } catch (e) {
    return { problem: `invalid --previous: ${file}: ${(e as Error).message}` };
  }
}

/** Checks each value; every problem is named (the option, the bad value and what is allowed). */
export function validateOptions(args: CliValues): { options: CliOptions } | { problems: string[] } {
  const problems: string[] = [];
  const regions = args.regions?.split(',').map((s) => s.trim()).filter(Boolean);
  const badRegions = (regions ?? []).filter((r) => !REGION_PATTERN.test(r));
  if (badRegions.length) problems.push(`invalid --regions: ${badRegions.join(', ')}. Must be region names such as eu-west-1`);
  const checkIds = args.checks?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = (checkIds ?? []).filter((id) => !ALL_CHECKS.some((c) => c.id === id));
  if (unknown.length) problems.push(`invalid --checks: ${unknown.join(', ')}. See --list-checks`);
  const failOnArg = (args['fail-on'] ?? 'high').toLowerCase();
  if (!(failOnArg in FAIL_ON)) problems.push(`invalid --fail-on: ${args['fail-on']}. Must be one of ${Object.keys(FAIL_ON).join(', ')}`);
  const concurrency = args.concurrency === undefined ? undefined : Number(args.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) problems.push(`invalid --concurrency: ${args.concurrency}. Must be an integer from 1 to 64`);
  const deadline = args.deadline === undefined ? undefined : Number(args.deadline);
  if (deadline !== undefined && (!Number.isFinite(deadline) || deadline <= 0)) problems.push(`invalid --deadline: ${args.deadline}. Must be a positive number of seconds`);
  let previous: ScanReport | null = null;
  if (args.previous !== undefined) {
    if (!args['security-hub']) problems.push('invalid --previous: only used with --security-hub');
    const read = readPrevious(args.previous);
    if ('problem' in read) problems.push(read.problem);
    else previous = read.report;
  }
  if (args['ocsf-passed'] && !args.ocsf) problems.push('invalid --ocsf-passed: only used with --ocsf');
  if (problems.length) return { problems };
  return {
    options: {
      regions,
      checkIds,
      out: args.out,
      html: args.html,
      ocsf: args.ocsf,
      ocsfPassed: args['ocsf-passed'] ?? false,
      securityHub: args['security-hub'] ?? false,
      previous,
      failOn: FAIL_ON[failOnArg],
      concurrency,
      deadlineMs: deadline === undefined ? undefined : deadline * 1000,
      quiet: args.quiet ?? false,
    },
  };
}

/** Writes the reports the options ask for. */
function writeOutputs(report: ScanReport, options: CliOptions): void {
  if (options.out) fs.writeFileSync(options.out, JSON.stringify(report, null, 2));
  if (options.html) fs.writeFileSync(options.html, renderHtml(report));
  if (options.ocsf) fs.writeFileSync(options.ocsf, JSON.stringify(toOcsf(report, { includePassed: options.ocsfPassed }), null, 2));
}

/** Imports the findings into Security Hub in the home Region; false when it failed or refused some. */
async function importFindings(report: ScanReport, options: CliOptions, homeRegion: string, io: CliIo): Promise<boolean> {
  const clients = new AwsClients({ concurrency: options.concurrency, maxAttempts: 5 });
  let imported;
  try {
    imported = await importToSecurityHub(clients, report, options.previous, { region: homeRegion });
  } catch (e) {
    io.err(`security hub: ${(e as Error).message}`);
    return false;
  } finally {
    clients.destroy();
  }
  io.out(`security hub (${homeRegion}): ${imported.imported} imported, ${imported.resolved} resolved, ${imported.calls} call(s)`);
  if (imported.failed.length > 0) {
    io.err(new SecurityHubImportError(homeRegion, imported.failed).message);
    return false;
  }
  return true;
}

/** Runs the scan the options describe and writes its outputs; returns the exit status. */
export async function runCommand(options: CliOptions, io: CliIo): Promise<number> {
  const homeRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  if (options.regions && options.regions.length > 0) {
    const refused = await unavailableRegions(options.regions, homeRegion);
    if (refused) {
      io.err(`invalid --regions: ${refused}\n${USAGE}`);
      return 2;
    }
  }
  const report = await runScan({
    regions: options.regions,
    checkIds: options.checkIds,
    concurrency: options.concurrency,
    deadlineMs: options.deadlineMs,
    homeRegion,
    onProgress: options.quiet ? undefined : (e) => io.err(`[${e.done}/${e.total}] ${e.dataset} ${e.region} ${e.ok ? 'ok' : 'FAILED'}`),
  });
  writeOutputs(report, options);
  io.out(summaryTable(report));
  if (options.securityHub && !(await importFindings(report, options, homeRegion, io))) return 2;
  return exitCode(report, options.failOn);
}

/** Runs the command line; returns the exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(argv);
  if ('error' in parsed) {
    io.err(parsed.error);
    return 2;
  }
  if (parsed.values.help) {
    io.out(USAGE);
    return 0;
  }
  if (parsed.values['list-checks']) {
    io.out(ALL_CHECKS.map((c) => `${c.id.padEnd(36)} ${c.severity.padEnd(8)} ${c.title}`).join('\n'));
    return 0;
  }
  const validated = validateOptions(parsed.values);
  if ('problems' in validated) {
    io.err(`${validated.problems.join('\n')}\n${USAGE}`);
    return 2;
  }
  return runCommand(validated.options, io);
}
