/** Summarizing a scan: service health, the score, the scan's status and the report itself. */
import { randomUUID } from 'crypto';
import { UnitResult } from './collect';
import { CheckEvaluation } from './evaluate';
import { CollectionUnit, ScanScope } from './plan';
import { AwsClients } from '../clients';
import { Check, DatasetKey, SEVERITIES, Severity, serviceOf } from '../model';
import { CheckReport, REPORT_SCHEMA_VERSION, ScanReport, ScanStatus, ServiceReport, sortFindings } from '../report';
import { computeScore, Score } from '../scoring';

/**
 * Each service's health: units collected and failed (planned units never collected count as
 * failed), resources its checks evaluated and its breaker. Every service a selected check reads is
 * listed, sorted by name.
 */
export function serviceReports(
  checks: readonly Check[],
  planned: ReadonlyMap<string, CollectionUnit>,
  data: ReadonlyMap<string, UnitResult>,
  evaluations: readonly CheckEvaluation[],
  breakerState: (service: string) => string,
): Record<string, ServiceReport> {
  const byService = new Map<string, { ok: number; failed: number }>();
  for (const [key, r] of data) {
    const svc = serviceOf(key.split('@')[0] as DatasetKey);
    const s = byService.get(svc) ?? { ok: 0, failed: 0 };
    if (r.ok) s.ok++;
    else s.failed++;
    byService.set(svc, s);
  }
  for (const d of checks.flatMap((c) => c.datasets)) {
    if (!byService.has(serviceOf(d))) byService.set(serviceOf(d), { ok: 0, failed: 0 });
  }
  const resources = resourcesByService(evaluations);
  const services: Record<string, ServiceReport> = {};
  for (const svc of [...byService.keys()].sort()) {
    const s = byService.get(svc)!;
    const expected = [...planned.values()].filter((u) => serviceOf(u.dataset) === svc).length;
    const failedTotal = s.failed + Math.max(0, expected - s.ok - s.failed);
    services[svc] = {
      status: failedTotal === 0 ? 'OK' : s.ok === 0 ? 'ERROR' : 'PARTIAL',
      datasetsCollected: s.ok,
      datasetsFailed: failedTotal,
      resourcesEvaluated: resources.get(svc)?.size ?? 0,
      breakerState: breakerState(svc),
    };
  }
  return services;
}

/** The distinct resources evaluated by the checks of each service (a check's service: that of its first dataset). */
export function resourcesByService(evaluations: readonly CheckEvaluation[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of evaluations) {
    const svc = serviceOf(e.check.datasets[0]);
    const set = out.get(svc) ?? new Set<string>();
    e.evaluated.forEach((x) => set.add(x));
    out.set(svc, set);
  }
  return out;
}

/**
 * The scan's status and every reason it is not COMPLETE: `forced` when given; FAILED when no
 * selected check could be evaluated anywhere; PARTIAL for a partial score, a reason already
 * given (the deadline) or an API error no check noticed (a bucket whose region could not be read
 * may still hide a resource).
 */
export function scanStatus(input: {
  readonly forced?: ScanStatus;
  readonly reasons: readonly string[];
  readonly checkReports: readonly CheckReport[];
  readonly score: Score;
  readonly apiErrors: number;
}): { status: ScanStatus; reasons: string[] } {
  const reasons = [...input.reasons];
  const anyEvaluated = input.checkReports.some((c) => c.regionsEvaluated.length > 0);
  let status: ScanStatus = input.forced
    ?? (!anyEvaluated && input.checkReports.length > 0 ? 'FAILED' : input.score.partial || reasons.length > 0 ? 'PARTIAL' : 'COMPLETE');
  if (status === 'FAILED' && reasons.length === 0) reasons.push('no check could be evaluated');
  if (status === 'PARTIAL' && input.score.partial) {
    const erroredChecks = input.checkReports.filter((c) => c.counts.errored > 0).map((c) => c.id);
    reasons.push(`${erroredChecks.length} check(s) could not evaluate everything: ${erroredChecks.join(', ')}`);
  }
  if (status === 'COMPLETE' && input.apiErrors > 0) {
    status = 'PARTIAL';
    reasons.push(`${input.apiErrors} API error(s); see errors`);
  }
  return { status, reasons };
}

/** What a scan's report is built from. */
export interface ScanOutcome {
  readonly scope: ScanScope;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly deadlineAt: number;
  /** Set when the scan could not start (FAILED). */
  readonly forced?: ScanStatus;
  /** Reasons known before evaluation (could not start, deadline reached). */
  readonly reasons: readonly string[];
  readonly checks: readonly Check[];
  readonly planned: ReadonlyMap<string, CollectionUnit>;
  readonly data: ReadonlyMap<string, UnitResult>;
  readonly evaluations: readonly CheckEvaluation[];
}

/** The report, finished now: score, status, summary, findings most severe first, services, API statistics and errors. */
export function buildReport(outcome: ScanOutcome, api: AwsClients): ScanReport {
  const { scope, evaluations } = outcome;
  const checkReports = evaluations.map((e) => e.report);
  const tallies = evaluations.map((e) => e.tally);
  const findings = evaluations.flatMap((e) => e.findings);
  const score = computeScore(tallies);
  const { status, reasons } = scanStatus({ forced: outcome.forced, reasons: outcome.reasons, checkReports, score, apiErrors: api.errors.length });
  const services = serviceReports(outcome.checks, outcome.planned, outcome.data, evaluations, (svc) => api.breaker(svc).state);
  const sum = (field: 'passed' | 'failed' | 'notApplicable' | 'errored') => tallies.reduce((n, t) => n + t[field], 0);
  const finished = Date.now();
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scanId: randomUUID(),
    status,
    statusReasons: reasons,
    accountId: scope.accountId,
    partition: scope.partition,
    homeRegion: scope.homeRegion,
    regions: scope.regions,
    startedAt: new Date(outcome.startedAt).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - outcome.startedAt,
    deadlineAt: new Date(outcome.deadlineAt).toISOString(),
    score,
    summary: {
      checksRun: outcome.checks.length,
      checksErrored: checkReports.filter((c) => c.counts.errored > 0).length,
      resourcesEvaluated: [...resourcesByService(evaluations).values()].reduce((n, s) => n + s.size, 0),
      passed: sum('passed'),
      failed: sum('failed'),
      notApplicable: sum('notApplicable'),
      errored: sum('errored'),
      findingsBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>,
    },
    checks: checkReports,
    findings: sortFindings(findings),
    services,
    apiStats: JSON.parse(JSON.stringify(api.stats)),
    errors: [...api.errors],
  };
}
