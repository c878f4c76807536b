import { ItemResult, OrgFinding } from './member';
import { ScanItem } from './targets';
import { checkById } from '../../scanner/runtime/checks';
import { SEVERITIES, Severity } from '../../scanner/runtime/model';
import { CheckTally, computeScore, SCORE_FORMULA } from '../../scanner/runtime/scoring';

export const ORG_REPORT_SCHEMA_VERSION = '1.0.0';

/** A child of the Map that failed every attempt (from the result writer's FAILED files). */
export interface FailedItem {
  readonly item: ScanItem;
  readonly error: string;
  readonly cause: string;
}

export type AccountStatus = 'COMPLETE' | 'PARTIAL' | 'NOT_SCANNED';

/** One item of an account: a Region, or `global:<service>`. */
export interface ItemEntry {
  readonly scope: string;
  readonly status: string;
  readonly score: number | null;
  readonly findings: number;
  readonly reasons: readonly string[];
}

export interface AccountEntry {
  readonly accountId: string;
  readonly accountName: string;
  /** NOT_SCANNED when no item of the account could be scanned; PARTIAL when some could not, or some were partial. */
  readonly status: AccountStatus;
  /** Score of the account's scanned items together (the engine's formula); null when nothing was scored. */
  readonly score: number | null;
  readonly findings: number;
  readonly findingsBySeverity: Readonly<Record<Severity, number>>;
  /** The account's items: its Regions and global services. */
  readonly items: readonly ItemEntry[];
}

export interface NotScannedEntry {
  readonly accountId: string;
  readonly accountName: string;
  /** The item's Region, or `global:<service>`. */
  readonly scope: string;
  readonly code: string;
  readonly reason: string;
}

export interface OrgReport {
  readonly schemaVersion: string;
  readonly runId: string;
  readonly status: 'COMPLETE' | 'PARTIAL' | 'FAILED';
  readonly statusReasons: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly summary: {
    readonly accounts: number;
    readonly accountsComplete: number;
    readonly accountsPartial: number;
    readonly accountsNotScanned: number;
    readonly items: number;
    readonly itemsScanned: number;
    readonly itemsNotScanned: number;
    /** Score of every scanned item together; accounts not scanned are in no numerator or denominator, and make the run PARTIAL. */
    readonly score: number | null;
    readonly findings: number;
    readonly findingsBySeverity: Readonly<Record<Severity, number>>;
  };
  readonly accounts: readonly AccountEntry[];
  /** Items that could not be scanned, and why: never counted as compliant. */
  readonly notScanned: readonly NotScannedEntry[];
  /** The most severe findings across the organization. */
  readonly topFindings: readonly OrgFinding[];
  readonly scoreFormula: string;
}

const SEV_ORDER: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
const zeroSeverities = (): Record<Severity, number> => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

function score(results: readonly ItemResult[]): number | null {
  const byCheck = new Map<string, { passed: number; failed: number; notApplicable: number; errored: number }>();
  for (const r of results) {
    for (const [id, passed, failed, notApplicable, errored] of r.tallies) {
      const t = byCheck.get(id) ?? { passed: 0, failed: 0, notApplicable: 0, errored: 0 };
      byCheck.set(id, {
        passed: t.passed + passed, failed: t.failed + failed, notApplicable: t.notApplicable + notApplicable, errored: t.errored + errored,
      });
    }
  }
  const tallies: CheckTally[] = [];
  for (const [id, t] of byCheck) {
    const check = checkById(id);
    if (check) tallies.push({ check, ...t });
  }
  return computeScore(tallies).overall;
}

/** Failed Map children and NOT_SCANNED / FAILED items become `notScanned` entries. */
function notScannedOf(r: ItemResult): NotScannedEntry | undefined {
  if (r.status !== 'NOT_SCANNED' && r.status !== 'FAILED') return undefined;
  return { accountId: r.accountId, accountName: r.accountName, scope: r.scope, code: r.errorCode ?? 'ScanFailed', reason: r.reasons.join('; ') || 'the scan evaluated nothing' };
}

/** What the organization report is built from. */
export interface OrgReportInput {
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly results: readonly ItemResult[];
  readonly failed: readonly FailedItem[];
  /** Items the plan listed: any with neither a result nor a failure was never run. */
  readonly planned?: number;
  readonly topFindings?: number;
  /** Why the run itself failed (the Map exceeded its tolerated failures), when it did. */
  readonly runError?: string;
}

/** An account's results and the items of it that could not be scanned. */
interface AccountItems {
  readonly name: string;
  readonly results: ItemResult[];
  readonly failedRegions: NotScannedEntry[];
}

const isScanned = (r: ItemResult) => r.status === 'COMPLETE' || r.status === 'PARTIAL';

/** Results and failures by account, and every item that could not be scanned (failed children first). */
export function groupByAccount(input: Pick<OrgReportInput, 'results' | 'failed'>): { byAccount: Map<string, AccountItems>; notScanned: NotScannedEntry[] } {
  const notScanned: NotScannedEntry[] = [];
  const byAccount = new Map<string, AccountItems>();
  const account = (id: string, name: string) => byAccount.get(id) ?? byAccount.set(id, { name, results: [], failedRegions: [] }).get(id)!;
  for (const f of input.failed) {
    const entry = { accountId: f.item.accountId, accountName: f.item.accountName, scope: f.item.scope, code: f.error || 'ItemFailed', reason: f.cause || 'the item failed every attempt' };
    notScanned.push(entry);
    account(entry.accountId, entry.accountName).failedRegions.push(entry);
  }
  for (const r of input.results) {
    const a = account(r.accountId, r.accountName);
    a.results.push(r);
    const ns = notScannedOf(r);
    if (ns) {
      notScanned.push(ns);
      a.failedRegions.push(ns);
    }
  }
  return { byAccount, notScanned };
}

/** One account's entry: its items (results, and failed items without one), status, score and findings. */
export function accountEntry(accountId: string, a: AccountItems): AccountEntry {
  const scanned = a.results.filter(isScanned);
  const findings = scanned.reduce((n, r) => n + r.findings, 0);
  const items: ItemEntry[] = [
    ...a.results.map((r) => ({ scope: r.scope, status: r.status, score: r.score, findings: r.findings, reasons: r.reasons })),
    ...a.failedRegions.filter((f) => !a.results.some((r) => r.scope === f.scope))
      .map((f) => ({ scope: f.scope, status: 'NOT_SCANNED', score: null, findings: 0, reasons: [`${f.code}: ${f.reason}`] })),
  ].sort((x, y) => x.scope.localeCompare(y.scope));
  const status: AccountStatus = scanned.length === 0 ? 'NOT_SCANNED'
    : items.every((r) => r.status === 'COMPLETE') ? 'COMPLETE' : 'PARTIAL';
  const accountScore = scanned.length === 0 ? null : score(scanned);
  return { accountId, accountName: a.name, status, score: accountScore, findings, findingsBySeverity: severityCounts(scanned), items };
}

/** The most severe findings of the scanned items: by severity, check, account, region and resource. */
function topFindings(scanned: readonly ItemResult[], limit: number): OrgFinding[] {
  return scanned.flatMap((r) => r.topFindings).sort((a, b) =>
    SEV_ORDER[a.severity] - SEV_ORDER[b.severity] || a.checkId.localeCompare(b.checkId) || a.accountId.localeCompare(b.accountId) ||
    a.region.localeCompare(b.region) || a.resourceId.localeCompare(b.resourceId)).slice(0, limit);
}

/**
 * The run's status and why it is not COMPLETE: FAILED when items ran (or the run failed) and none
 * was scanned; PARTIAL when the run failed, or items were not scanned, never run or scanned in part.
 */
export function orgRunStatus(input: OrgReportInput, notScanned: number, neverRun: number): { status: OrgReport['status']; reasons: string[] } {
  const reasons: string[] = [];
  if (input.runError) reasons.push(`the run failed: ${input.runError}`);
  if (notScanned > 0) reasons.push(`${notScanned} item(s) could not be scanned`);
  if (neverRun > 0) reasons.push(`${neverRun} planned item(s) have no result`);
  const partialItems = input.results.filter((r) => r.status === 'PARTIAL').length;
  if (partialItems > 0) reasons.push(`${partialItems} item(s) were scanned only in part`);
  const itemsRun = input.results.length + input.failed.length;
  const scanned = input.results.filter(isScanned).length;
  const status = scanned === 0 && (itemsRun > 0 || input.runError) ? 'FAILED' : reasons.length > 0 ? 'PARTIAL' : 'COMPLETE';
  return { status, reasons };
}

/**
 * The organization report from the children's results and failures. Deterministic for the same
 * inputs (accounts by id, regions by name, findings by severity, check, account, region, resource).
 */
export function buildOrgReport(input: OrgReportInput): OrgReport {
  const { byAccount, notScanned } = groupByAccount(input);
  const accounts = [...byAccount.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([id, a]) => accountEntry(id, a));
  const scannedResults = input.results.filter(isScanned);
  const itemsRun = input.results.length + input.failed.length;
  const neverRun = Math.max(0, (input.planned ?? itemsRun) - itemsRun);
  const { status, reasons } = orgRunStatus(input, notScanned.length, neverRun);
  sortNotScanned(notScanned);
  return {
    schemaVersion: ORG_REPORT_SCHEMA_VERSION,
    runId: input.runId,
    status,
    statusReasons: reasons,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    summary: {
      accounts: accounts.length,
      accountsComplete: accounts.filter((a) => a.status === 'COMPLETE').length,
      accountsPartial: accounts.filter((a) => a.status === 'PARTIAL').length,
      accountsNotScanned: accounts.filter((a) => a.status === 'NOT_SCANNED').length,
      items: itemsRun + neverRun,
      itemsScanned: scannedResults.length,
      itemsNotScanned: notScanned.length + neverRun,
      score: scannedResults.length === 0 ? null : score(scannedResults),
      findings: scannedResults.reduce((n, r) => n + r.findings, 0),
      findingsBySeverity: severityCounts(scannedResults),
    },
    accounts,
    notScanned,
    topFindings: topFindings(scannedResults, input.topFindings ?? 100),
    scoreFormula: `${SCORE_FORMULA}; an account's score and the organization's use the summed counts of their scanned items`,
  };
}

function sortNotScanned(list: NotScannedEntry[]): void {
  list.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.scope.localeCompare(b.scope));
}

/** Findings by severity, from each item's tallies (every failed resource, not only the listed ones). */
function severityCounts(results: readonly ItemResult[]): Record<Severity, number> {
  const out = zeroSeverities();
  for (const r of results) {
    for (const [id, , failed] of r.tallies) {
      const check = checkById(id);
      if (check) out[check.severity] += failed;
    }
  }
  return out;
}

const esc = (s: unknown) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A self-contained HTML page: the organization's score, each account and Region, what could not be scanned, the top findings. */
export function renderOrgHtml(report: OrgReport): string {
  const fmt = (s: number | null) => (s === null ? 'n/a' : `${s}%`);
  const accounts = report.accounts.map((a) =>
    `<tr><td>${esc(a.accountId)}</td><td>${esc(a.accountName)}</td><td class="st-${esc(a.status)}">${esc(a.status)}</td><td>${fmt(a.score)}</td><td>${a.findings}</td>`
    + `<td>${a.items.map((r) => `${esc(r.scope)}: ${esc(r.status)} ${fmt(r.score)}`).join('<br>')}</td></tr>`).join('\n');
  const notScanned = report.notScanned.map((n) => `<tr><td>${esc(n.accountId)}</td><td>${esc(n.scope)}</td><td>${esc(n.code)}</td><td>${esc(n.reason)}</td></tr>`).join('\n');
  const findings = report.topFindings.map((f) =>
    `<tr><td>${esc(f.severity)}</td><td>${esc(f.checkId)}</td><td>${esc(f.accountId)}</td><td>${esc(f.region)}</td><td>${esc(f.resourceId)}</td><td>${esc(f.reason)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Organization compliance scan ${esc(report.runId)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#212529} table{border-collapse:collapse;font-size:.85rem;margin:1rem 0}
td,th{border-bottom:1px solid #dee2e6;padding:.3rem .5rem;text-align:left;vertical-align:top} .st-NOT_SCANNED{color:#c92a2a;font-weight:600} .st-PARTIAL{color:#e67700}</style></head><body>
<h1>Organization compliance scan <span>${esc(report.status)}</span></h1>
<p>run ${esc(report.runId)} · ${esc(report.startedAt)} to ${esc(report.finishedAt)}</p>
${report.statusReasons.length ? `<p><strong>Why not complete:</strong> ${esc(report.statusReasons.join('; '))}</p>` : ''}
<p id="score">Score: ${fmt(report.summary.score)} · accounts ${report.summary.accounts} (complete ${report.summary.accountsComplete}, partial ${report.summary.accountsPartial}, not scanned ${report.summary.accountsNotScanned}) · findings ${report.summary.findings}</p>
<h2>Accounts</h2>
<table><thead><tr><th>Account</th><th>Name</th><th>Status</th><th>Score</th><th>Findings</th><th>Items</th></tr></thead><tbody>
${accounts}
</tbody></table>
<h2>Not scanned (${report.notScanned.length})</h2>
<table><thead><tr><th>Account</th><th>Region or service</th><th>Code</th><th>Why</th></tr></thead><tbody>
${notScanned}
</tbody></table>
<h2>Top findings (${report.topFindings.length} of ${report.summary.findings})</h2>
<table><thead><tr><th>Severity</th><th>Check</th><th>Account</th><th>Region</th><th>Resource</th><th>Why</th></tr></thead><tbody>
${findings}
</tbody></table>
<p><small>${esc(report.scoreFormula)}</small></p>
</body></html>
`;
}

/** The run's one SNS message, no larger than `maxBytes` (UTF-8). */
export function orgSummaryMessage(report: OrgReport, maxBytes: number): string {
  const s = report.summary;
  const lines = [
    `Organization compliance scan ${report.status} (run ${report.runId})`,
    ...(report.statusReasons.length ? [`Why: ${report.statusReasons.join('; ')}`] : []),
    `Score: ${s.score ?? 'n/a'}`,
    `Accounts: ${s.accounts} (complete ${s.accountsComplete}, partial ${s.accountsPartial}, not scanned ${s.accountsNotScanned}); items ${s.itemsScanned} of ${s.items} scanned`,
    `Findings: ${SEVERITIES.map((k) => `${k} ${s.findingsBySeverity[k]}`).join(', ')}`,
    '',
    'Not scanned:',
    ...report.notScanned.map((n) => `  ${n.accountId} ${n.scope}: ${n.code}: ${n.reason}`),
    '',
    'Lowest-scoring accounts:',
    ...[...report.accounts].filter((a) => a.score !== null).sort((a, b) => a.score! - b.score! || a.accountId.localeCompare(b.accountId)).slice(0, 20)
      .map((a) => `  ${a.accountId} ${a.accountName}: ${a.score} (${a.findings} findings)`),
    '',
    'Top findings:',
    ...report.topFindings.map((f) => `  [${f.severity}] ${f.checkId} ${f.accountId} ${f.region} ${f.resourceId}`),
  ];
  let text = '';
  for (let i = 0; i < lines.length; i++) {
    const next = `${text}${i ? '\n' : ''}${lines[i]}`;
    const tail = `\n... ${lines.length - i} more line(s): see the report in S3`;
    if (Buffer.byteLength(next, 'utf8') + Buffer.byteLength(tail, 'utf8') > maxBytes) return text + tail;
    text = next;
  }
  return text;
}
