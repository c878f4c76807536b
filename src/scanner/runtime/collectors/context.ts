import { AwsClients } from '../clients';

export interface CollectContext {
  readonly clients: AwsClients;
  readonly accountId: string;
  readonly partition: string;
  /** Regions being scanned. */
  readonly regions: readonly string[];
  /** Region for global services (IAM, S3 listing, S3 Control). */
  readonly homeRegion: string;
  /** Page size for every paginated call (tests use small pages); default: each API's maximum. */
  readonly pageSize?: number;
  /** Credential report wait between polls. @default 2000 */
  readonly credentialReportPollMs?: number;
  /**
   * The IAM actions of the checks being run (their `requiredActions`). A collector shared by several
   * checks makes only the calls these grant, so a scanner that runs some of them is never denied.
   * @default every call
   */
  readonly actions?: ReadonlySet<string>;
}

/** Whether the checks being run grant `action`, so the collector may call it. */
export function wants(ctx: CollectContext, action: string): boolean {
  return ctx.actions === undefined || ctx.actions.has(action);
}

/** The page size for an API: the override, clamped to what the API accepts, or its maximum. */
export function pageSize(ctx: CollectContext, min: number, max: number): number {
  if (ctx.pageSize === undefined) return max;
  return Math.min(max, Math.max(min, ctx.pageSize));
}

/** Runs `fn` for each item concurrently (the service limiter bounds what is in flight). */
export function forEach<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map(fn));
}

/** Undefined instead of a thrown error: the error is already in the scan's error log with context. */
export async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch {
    return undefined;
  }
}
