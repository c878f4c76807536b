import { randomUUID } from 'crypto';
import { setMaxListeners } from 'events';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ALL_CHECKS } from './checks';
import { AwsClients, errorCode, ResilienceOptions, ScanApiError } from './clients';
import { COLLECTORS } from './collectors';
import { CollectContext } from './collectors/context';
import { Check, CheckResult, DATASET_FIELD, DatasetKey, GLOBAL_DATASETS, Inventory, SEVERITIES, Severity, serviceOf } from './model';
import { CheckError, CheckReport, Finding, REPORT_SCHEMA_VERSION, ScanReport, ScanStatus, ServiceReport, sortFindings, toFinding } from './report';
import { CheckTally, computeScore } from './scoring';

export interface ScanOptions extends ResilienceOptions {
  /** Regions to scan. @default every region enabled for the account (ec2:DescribeRegions) */
  readonly regions?: readonly string[];
  /** Check ids to run. @default every check */
  readonly checkIds?: readonly string[];
  /** Overall budget from the start of the scan; the report is written PARTIAL when it runs out. @default 600000 */
  readonly deadlineMs?: number;
  /** Region for global services and discovery. @default 'us-east-1' */
  readonly homeRegion?: string;
  /** Skips sts:GetCallerIdentity when given (with `partition`). */
  readonly accountId?: string;
  /** @default 'aws' */
  readonly partition?: string;
  /** Page size for every paginated call (tests); default each API's maximum. */
  readonly pageSize?: number;
  /** Credential report polling interval. @default 2000 */
  readonly credentialReportPollMs?: number;
  /** Extra SDK client configuration (credentials in tests). */
  readonly clientConfig?: Record<string, unknown>;
  /** Progress callback (the CLI prints these). */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Clock for age-based checks. @default now */
  readonly now?: Date;
}

export interface ProgressEvent {
  readonly dataset: DatasetKey;
  readonly region: string;
  readonly ok: boolean;
  readonly done: number;
  readonly total: number;
}

/** A region or dataset a check could not use. */
interface UnitFailure {
  readonly code: string;
  readonly message: string;
}

const DEADLINE_CODE = 'ScanDeadlineExceeded';

export class UnknownCheckError extends Error {
  constructor(ids: readonly string[]) {
    super(`invalid checkIds: ${ids.join(', ')}. Known check ids: ${ALL_CHECKS.map((c) => c.id).join(', ')}`);
    this.name = 'UnknownCheckError';
  }
}

export function selectChecks(ids?: readonly string[]): Check[] {
  if (!ids || ids.length === 0) return [...ALL_CHECKS];
  const unknown = ids.filter((id) => !ALL_CHECKS.some((c) => c.id === id));
  if (unknown.length > 0) throw new UnknownCheckError(unknown);
  return ALL_CHECKS.filter((c) => ids.includes(c.id));
}

/**
 * Runs a scan: discovers identity and regions, collects each needed dataset once per region
 * (concurrently, under per-service limits and breakers), evaluates the checks and builds the
 * report. Never throws for AWS errors: they end up in the report (PARTIAL or FAILED).
 */
export async function runScan(options: ScanOptions = {}): Promise<ScanReport> {
  const started = Date.now();
  const deadlineMs = options.deadlineMs ?? 600_000;
  const deadlineAt = started + deadlineMs;
  const checks = selectChecks(options.checkIds);
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // every call in flight listens for the deadline
  const deadlineTimer = setTimeout(() => controller.abort(), deadlineMs);
  const deadlineReached = new Promise<'deadline'>((resolve) => controller.signal.addEventListener('abort', () => resolve('deadline'), { once: true }));
  const clients = new AwsClients(options, controller.signal, options.clientConfig ?? {});
  const homeRegion = options.homeRegion ?? 'us-east-1';
  let accountId = options.accountId ?? 'unknown';
  let partition = options.partition ?? 'aws';
  let regions: string[] = [...(options.regions ?? [])];
  const reasons: string[] = [];

  try {
    try {
      if (!options.accountId) {
        const id = await clients.send({ service: 'sts', region: homeRegion, api: 'GetCallerIdentity' }, (c, abortSignal) =>
          c.send(new GetCallerIdentityCommand({}), { abortSignal }));
        accountId = id.Account ?? 'unknown';
        partition = (id.Arn ?? '').split(':')[1] || partition;
      }
      if (regions.length === 0) {
        const r = await clients.send({ service: 'ec2', region: homeRegion, api: 'DescribeRegions' }, (c, abortSignal) =>
          c.send(new DescribeRegionsCommand({ AllRegions: false }), { abortSignal }));
        regions = (r.Regions ?? []).map((x) => x.RegionName ?? '').filter(Boolean).sort();
      }
    } catch (e) {
      reasons.push(`could not start: ${e instanceof ScanApiError ? e.message : String(e)}`);
      return finish('FAILED', [], new Map(), clients);
    }

    const ctx: CollectContext = {
      clients,
      accountId,
      partition,
      regions,
      homeRegion,
      pageSize: options.pageSize,
      credentialReportPollMs: options.credentialReportPollMs,
      actions: new Set(checks.flatMap((c) => c.requiredActions)),
    };

    // Each (dataset, region) is collected once and shared by every check that reads it.
    const units = new Map<string, { dataset: DatasetKey; region: string }>();
    for (const c of checks) {
      for (const r of c.scope === 'global' ? ['global'] : regions) {
        for (const d of c.datasets) {
          const region = GLOBAL_DATASETS.has(d) ? 'global' : r;
          units.set(`${d}@${region}`, { dataset: d, region });
        }
      }
    }
    const results = new Map<string, { ok: true; value: unknown } | { ok: false; failure: UnitFailure }>();
    let done = 0;
    const all = Promise.all(
      [...units.entries()].map(async ([key, u]) => {
        try {
          const value = await COLLECTORS[u.dataset](ctx, u.region);
          results.set(key, { ok: true, value });
        } catch (e) {
          const code = e instanceof ScanApiError ? e.record.code : errorCode(e);
          results.set(key, { ok: false, failure: { code, message: (e as Error).message ?? String(e) } });
        }
        options.onProgress?.({ dataset: u.dataset, region: u.region, ok: results.get(key)!.ok, done: ++done, total: units.size });
      }),
    );
    // The deadline wins over anything still in flight: the report is written with what we have.
    if ((await Promise.race([all, deadlineReached])) === 'deadline') {
      reasons.push(`scan deadline of ${deadlineMs} ms reached before every inventory was collected`);
    }
    return finish(undefined, checks, results, clients);
  } finally {
    clearTimeout(deadlineTimer);
    controller.abort();
    clients.destroy();
  }

  function finish(
    forced: ScanStatus | undefined,
    selected: readonly Check[],
    data: Map<string, { ok: true; value: unknown } | { ok: false; failure: UnitFailure }>,
    api: AwsClients,
  ): ScanReport {
    const now = (options.now ?? new Date()).toISOString();
    const findings: Finding[] = [];
    const checkReports: CheckReport[] = [];
    const tallies: CheckTally[] = [];
    const serviceResources = new Map<string, Set<string>>();
    for (const check of selected) {
      let passed = 0;
      let failed = 0;
      let notApplicable = 0;
      let erroredCount = 0;
      const evaluated = new Set<string>();
      const regionsEvaluated: string[] = [];
      const errors: CheckError[] = [];
      for (const unitRegion of check.scope === 'global' ? ['global'] : regions) {
        const inventory: Record<string, unknown> = { accountId, partition, region: unitRegion, regions, now };
        let failure: UnitFailure | undefined;
        for (const d of check.datasets) {
          const r = data.get(`${d}@${GLOBAL_DATASETS.has(d) ? 'global' : unitRegion}`);
          if (!r) failure ??= { code: DEADLINE_CODE, message: `${d} was not collected before the scan deadline` };
          else if (!r.ok) failure ??= { code: r.failure.code, message: `${d}: ${r.failure.message}` };
          else inventory[DATASET_FIELD[d]] = r.value;
        }
        let out: CheckResult[] = [];
        if (!failure) {
          try {
            out = check.evaluate(inventory as unknown as Inventory);
          } catch (e) {
            failure = { code: 'CheckEvaluationError', message: String((e as Error)?.message ?? e) };
          }
        }
        if (failure) {
          erroredCount++;
          errors.push({ region: unitRegion, ...failure });
          continue;
        }
        regionsEvaluated.push(unitRegion);
        for (const r of out) {
          const region = r.region ?? unitRegion;
          if (r.status === 'ERROR') {
            erroredCount++;
            errors.push({ region, resource: r.resourceId, code: 'ResourceDataUnavailable', message: r.reason });
            continue;
          }
          evaluated.add(`${region}|${r.resourceId}`);
          if (r.status === 'PASS') {passed++;} else if (r.status === 'NOT_APPLICABLE') {notApplicable++;} else {
            failed++;
            findings.push(toFinding(accountId, check, region, r.resourceId, r.reason));
          }
        }
      }
      const svc = serviceOf(check.datasets[0]);
      const set = serviceResources.get(svc) ?? new Set<string>();
      evaluated.forEach((x) => set.add(x));
      serviceResources.set(svc, set);
      tallies.push({ check, passed, failed, notApplicable, errored: erroredCount });
      checkReports.push({
        id: check.id,
        title: check.title,
        severity: check.severity,
        category: check.category,
        resourceType: check.resourceType,
        fsbp: check.fsbp,
        cis: check.cis,
        status: failed > 0 ? 'FAIL' : passed > 0 ? 'PASS' : erroredCount > 0 ? 'ERROR' : 'NOT_APPLICABLE',
        partial: erroredCount > 0 && regionsEvaluated.length + passed + failed + notApplicable > 0,
        counts: { passed, failed, notApplicable, errored: erroredCount },
        resourcesEvaluated: evaluated.size,
        regionsEvaluated,
        errors,
      });
    }

    const services: Record<string, ServiceReport> = {};
    const byService = new Map<string, { ok: number; failed: number }>();
    for (const [key, r] of data) {
      const svc = serviceOf(key.split('@')[0] as DatasetKey);
      const s = byService.get(svc) ?? { ok: 0, failed: 0 };
      if (r.ok) s.ok++;
      else s.failed++;
      byService.set(svc, s);
    }
    for (const check of selected) {
      for (const d of check.datasets) {
        const svc = serviceOf(d);
        if (!byService.has(svc)) byService.set(svc, { ok: 0, failed: 0 });
      }
    }
    for (const [svc, s] of [...byService.entries()].sort()) {
      const expected = [...new Set(selected.flatMap((c) => c.datasets.filter((d) => serviceOf(d) === svc)
        .flatMap((d) => (GLOBAL_DATASETS.has(d) || c.scope === 'global' ? ['global'] : regions).map((r) => `${d}@${GLOBAL_DATASETS.has(d) ? 'global' : r}`))))];
      const missing = expected.length - s.ok - s.failed;
      const failedTotal = s.failed + Math.max(0, missing);
      services[svc] = {
        status: failedTotal === 0 ? 'OK' : s.ok === 0 ? 'ERROR' : 'PARTIAL',
        datasetsCollected: s.ok,
        datasetsFailed: failedTotal,
        resourcesEvaluated: serviceResources.get(svc)?.size ?? 0,
        breakerState: api.breaker(svc).state,
      };
    }

    const score = computeScore(tallies);
    const anyEvaluated = checkReports.some((c) => c.regionsEvaluated.length > 0);
    let status: ScanStatus = forced ?? (!anyEvaluated && selected.length > 0 ? 'FAILED' : score.partial || reasons.length > 0 ? 'PARTIAL' : 'COMPLETE');
    if (status === 'FAILED' && reasons.length === 0) reasons.push('no check could be evaluated');
    if (status === 'PARTIAL' && score.partial) {
      const erroredChecks = checkReports.filter((c) => c.counts.errored > 0).map((c) => c.id);
      reasons.push(`${erroredChecks.length} check(s) could not evaluate everything: ${erroredChecks.join(', ')}`);
    }
    if (status === 'COMPLETE' && api.errors.length > 0) {
      // An error no check noticed (a bucket whose region could not be read) may still hide a resource.
      status = 'PARTIAL';
      reasons.push(`${api.errors.length} API error(s); see errors`);
    }
    const findingsBySeverity = Object.fromEntries(
      SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]),
    ) as Record<Severity, number>;
    const finished = Date.now();
    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      scanId: randomUUID(),
      status,
      statusReasons: reasons,
      accountId,
      partition,
      homeRegion,
      regions,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
      deadlineAt: new Date(deadlineAt).toISOString(),
      score,
      summary: {
        checksRun: selected.length,
        checksErrored: checkReports.filter((c) => c.counts.errored > 0).length,
        resourcesEvaluated: [...serviceResources.values()].reduce((n, s) => n + s.size, 0),
        passed: tallies.reduce((n, t) => n + t.passed, 0),
        failed: tallies.reduce((n, t) => n + t.failed, 0),
        notApplicable: tallies.reduce((n, t) => n + t.notApplicable, 0),
        errored: tallies.reduce((n, t) => n + t.errored, 0),
        findingsBySeverity,
      },
      checks: checkReports,
      findings: sortFindings(findings),
      services,
      apiStats: JSON.parse(JSON.stringify(api.stats)),
      errors: [...api.errors],
    };
  }
}
