import {
  Account,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ALL_CHECKS } from '../../scanner/runtime/checks';
import { errorCode } from '../../scanner/runtime/clients';
import { serviceOf } from '../../scanner/runtime/model';

/**
 * One unit of work of the Distributed Map. An account is split into one item per Region (its
 * regional checks: EC2, VPC, EBS, KMS, Lambda, RDS, CloudTrail) and one item per global service
 * (its global checks: IAM, and S3, whose buckets of every scanned Region are read from one
 * listing), so that each account's global inventories are collected once per run and no item
 * holds an account's whole scan.
 */
export interface ScanItem {
  readonly accountId: string;
  readonly accountName: string;
  /** Where the engine starts (STS, discovery, global services). */
  readonly region: string;
  /** The Regions the engine scans: the item's Region, or every scanned Region for a global item. */
  readonly regions: readonly string[];
  /** The item's Region, or `global:<service>` for a global item. */
  readonly scope: string;
  /** The checks this item runs. */
  readonly checkIds: readonly string[];
}

/** An account the organization lists, with the status Organizations reports. */
export interface OrgAccount {
  readonly id: string;
  readonly name: string;
  readonly status: string;
}

export interface TargetOptions {
  /** Scan only the accounts under these OUs (or roots), recursively. @default every account of the organization */
  readonly organizationalUnitIds?: readonly string[];
  /** Accounts never scanned. */
  readonly excludedAccountIds?: readonly string[];
  /** Region of the Organizations endpoint. @default 'us-east-1' */
  readonly region?: string;
  /** Attempts per call (standard retry mode: backoff with jitter on throttling). @default 8 */
  readonly maxAttempts?: number;
  /** Page size asked for (tests). */
  readonly pageSize?: number;
}

/** An Organizations call failed; the message names the API, the parent and the error code. */
export class OrganizationsApiError extends Error {
  constructor(public readonly api: string, public readonly parent: string | undefined, public readonly code: string, message: string) {
    super(`organizations:${api}${parent ? ` for ${parent}` : ''} failed: ${code}: ${message}`);
    this.name = 'OrganizationsApiError';
  }
}

function organizationsClient(opts: TargetOptions): OrganizationsClient {
  return new OrganizationsClient({
    region: opts.region ?? 'us-east-1',
    maxAttempts: opts.maxAttempts ?? 8,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({ connectionTimeout: 3000, requestTimeout: 15000, throwOnRequestTimeout: true }),
  });
}

async function pages<T>(api: string, parent: string | undefined, page: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    let r;
    try {
      r = await page(token);
    } catch (e) {
      throw new OrganizationsApiError(api, parent, errorCode(e), (e as Error).message ?? String(e));
    }
    out.push(...r.items);
    if (r.next !== undefined && seen.has(r.next)) break; // a service repeating its token
    token = r.next;
    if (token) seen.add(token);
  } while (token);
  return out;
}

/**
 * The ACTIVE accounts to scan: every account of the organization (`ListAccounts`), or those under
 * the given OUs and roots, found by walking the tree (`ListChildren`, `ListAccountsForParent`),
 * minus the exclusions. Sorted by account id.
 */
export async function listTargetAccounts(opts: TargetOptions = {}): Promise<OrgAccount[]> {
  const client = organizationsClient(opts);
  const MaxResults = opts.pageSize;
  const toAccount = (a: Account): OrgAccount => ({ id: a.Id ?? '', name: a.Name ?? '', status: a.Status ?? a.State ?? 'UNKNOWN' });
  try {
    let accounts: OrgAccount[];
    if (!opts.organizationalUnitIds || opts.organizationalUnitIds.length === 0) {
      accounts = (await pages('ListAccounts', undefined, async (NextToken) => {
        const r = await client.send(new ListAccountsCommand({ NextToken, MaxResults }));
        return { items: r.Accounts ?? [], next: r.NextToken };
      })).map(toAccount);
    } else {
      const found = new Map<string, OrgAccount>();
      const queue = [...new Set(opts.organizationalUnitIds)];
      const visited = new Set<string>();
      while (queue.length > 0) {
        const parent = queue.shift()!;
        if (visited.has(parent)) continue;
        visited.add(parent);
        const [direct, children] = await Promise.all([
          pages('ListAccountsForParent', parent, async (NextToken) => {
            const r = await client.send(new ListAccountsForParentCommand({ ParentId: parent, NextToken, MaxResults }));
            return { items: r.Accounts ?? [], next: r.NextToken };
          }),
          pages('ListChildren', parent, async (NextToken) => {
            const r = await client.send(new ListChildrenCommand({ ParentId: parent, ChildType: 'ORGANIZATIONAL_UNIT', NextToken, MaxResults }));
            return { items: r.Children ?? [], next: r.NextToken };
          }),
        ]);
        for (const a of direct) found.set(a.Id ?? '', toAccount(a));
        for (const c of children) if (c.Id) queue.push(c.Id);
      }
      accounts = [...found.values()];
    }
    const excluded = new Set(opts.excludedAccountIds ?? []);
    return accounts.filter((a) => a.status === 'ACTIVE' && !excluded.has(a.id)).sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    client.destroy();
  }
}

/**
 * The items of a run: for each account, one per Region with the regional checks, and one per
 * service of the global checks (`global:iam`, `global:s3`) started in the home Region (`homeRegion`
 * when it is scanned, else the first Region) over every Region.
 */
export function buildItems(
  accounts: readonly OrgAccount[], regions: readonly string[], checkIds: readonly string[], homeRegion?: string,
): ScanItem[] {
  const sorted = [...new Set(regions)].sort();
  const home = homeRegion && sorted.includes(homeRegion) ? homeRegion : sorted[0];
  const checks = ALL_CHECKS.filter((c) => checkIds.includes(c.id));
  const regional = checks.filter((c) => c.scope === 'regional').map((c) => c.id);
  const globalByService = new Map<string, string[]>();
  for (const c of checks.filter((x) => x.scope === 'global')) {
    const service = serviceOf(c.datasets[0]);
    globalByService.set(service, [...(globalByService.get(service) ?? []), c.id]);
  }
  return accounts.flatMap((a) => [
    ...(regional.length === 0 ? [] : sorted.map((region) => ({
      accountId: a.id, accountName: a.name, region, regions: [region], scope: region, checkIds: regional,
    }))),
    ...[...globalByService.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([service, ids]) => ({
      accountId: a.id, accountName: a.name, region: home, regions: sorted, scope: `global:${service}`, checkIds: ids,
    })),
  ]);
}
