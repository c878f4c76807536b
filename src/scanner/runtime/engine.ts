/**
 * The scan: plans which checks, datasets and regions (engine/plan), collects each dataset once per
 * region (engine/collect), evaluates the checks over those inventories (engine/evaluate) and
 * builds the report (engine/summarize), under one overall deadline.
 */
import { setMaxListeners } from 'events';
import { AwsClients, ResilienceOptions } from './clients';
import { CollectContext } from './collectors/context';
import { collectUnits, ProgressEvent } from './engine/collect';
import { evaluateChecks } from './engine/evaluate';
import { discoverScope, planUnits, ScanScope, selectChecks } from './engine/plan';
import { buildReport } from './engine/summarize';
import { Check } from './model';
import { ScanReport } from './report';

export { selectChecks, UnknownCheckError } from './engine/plan';
export type { ProgressEvent } from './engine/collect';

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

/**
 * Runs a scan: discovers identity and regions, collects each needed dataset once per region
 * (concurrently, under per-service limits and breakers), evaluates the checks and builds the
 * report. Never throws for AWS errors: they end up in the report (PARTIAL or FAILED).
 */
export async function runScan(options: ScanOptions = {}): Promise<ScanReport> {
  const startedAt = Date.now();
  const deadlineMs = options.deadlineMs ?? 600_000;
  const checks = selectChecks(options.checkIds);
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // every call in flight listens for the deadline
  const deadlineTimer = setTimeout(() => controller.abort(), deadlineMs);
  const deadlineReached = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
  const clients = new AwsClients(options, controller.signal, options.clientConfig ?? {});
  const times = { startedAt, deadlineAt: startedAt + deadlineMs };
  try {
    const { scope, failure } = await discoverScope(clients, options.homeRegion ?? 'us-east-1', options);
    if (failure !== undefined) {
      return buildReport({ ...times, scope, forced: 'FAILED', reasons: [failure], checks: [], planned: new Map(), data: new Map(), evaluations: [] }, clients);
    }
    const planned = planUnits(checks, scope.regions);
    const ctx = collectContext(clients, scope, checks, options);
    const collected = await collectUnits(ctx, planned, deadlineReached, { onProgress: options.onProgress });
    const reasons = collected.deadlineReached ? [`scan deadline of ${deadlineMs} ms reached before every inventory was collected`] : [];
    const evaluations = evaluateChecks(checks, { ...scope, now: (options.now ?? new Date()).toISOString() }, collected.results);
    return buildReport({ ...times, scope, reasons, checks, planned, data: collected.results, evaluations }, clients);
  } finally {
    clearTimeout(deadlineTimer);
    controller.abort();
    clients.destroy();
  }
}

function collectContext(clients: AwsClients, scope: ScanScope, checks: readonly Check[], options: ScanOptions): CollectContext {
  return {
    clients,
    accountId: scope.accountId,
    partition: scope.partition,
    regions: scope.regions,
    homeRegion: scope.homeRegion,
    pageSize: options.pageSize,
    credentialReportPollMs: options.credentialReportPollMs,
    actions: new Set(checks.flatMap((c) => c.requiredActions)),
  };
}
