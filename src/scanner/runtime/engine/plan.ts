/** Planning a scan: which checks run, in which account and regions, and which (dataset, region) units they need collected. */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ALL_CHECKS } from '../checks';
import { AwsClients, ScanApiError } from '../clients';
import { Check, DatasetKey, GLOBAL_DATASETS } from '../model';

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

/** The account and regions a scan covers. */
export interface ScanScope {
  readonly accountId: string;
  readonly partition: string;
  readonly homeRegion: string;
  readonly regions: readonly string[];
}

/** What a scan is told of its scope; anything missing is discovered. */
export interface ScopeOptions {
  /** Skips sts:GetCallerIdentity when given (with `partition`). */
  readonly accountId?: string;
  /** @default 'aws' */
  readonly partition?: string;
  /** @default every region enabled for the account (ec2:DescribeRegions) */
  readonly regions?: readonly string[];
}

/**
 * The scope, with the account from sts:GetCallerIdentity and the enabled regions from
 * ec2:DescribeRegions where the options leave them out. Never throws: when discovery fails,
 * `failure` says why and the scope holds what was learnt before.
 */
export async function discoverScope(clients: AwsClients, homeRegion: string, options: ScopeOptions): Promise<{ scope: ScanScope; failure?: string }> {
  let accountId = options.accountId ?? 'unknown';
  let partition = options.partition ?? 'aws';
  let regions: string[] = [...(options.regions ?? [])];
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
    const failure = `could not start: ${e instanceof ScanApiError ? e.message : String(e)}`;
    return { scope: { accountId, partition, homeRegion, regions }, failure };
  }
  return { scope: { accountId, partition, homeRegion, regions } };
}

/** One dataset to collect in one region (`global` for global datasets and global checks). */
export interface CollectionUnit {
  readonly dataset: DatasetKey;
  readonly region: string;
}

/** The regions a check is evaluated in: `global` once, or each scanned region. */
export function checkRegions(check: Pick<Check, 'scope'>, regions: readonly string[]): readonly string[] {
  return check.scope === 'global' ? ['global'] : regions;
}

/** The key of the unit that holds `dataset` for a check evaluated in `region`. */
export function unitKey(dataset: DatasetKey, region: string): string {
  return `${dataset}@${GLOBAL_DATASETS.has(dataset) ? 'global' : region}`;
}

/** Each (dataset, region) the checks read, once, however many checks share it; by key. */
export function planUnits(checks: readonly Check[], regions: readonly string[]): Map<string, CollectionUnit> {
  const units = new Map<string, CollectionUnit>();
  for (const c of checks) {
    for (const r of checkRegions(c, regions)) {
      for (const d of c.datasets) {
        const region = GLOBAL_DATASETS.has(d) ? 'global' : r;
        units.set(unitKey(d, r), { dataset: d, region });
      }
    }
  }
  return units;
}
