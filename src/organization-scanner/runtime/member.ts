import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ScanItem } from './targets';
import { AwsClients, errorCode, isServiceFailure, ScanApiError } from '../../scanner/runtime/clients';
import { runScan } from '../../scanner/runtime/engine';
import { writeFindings, writeReport } from '../../scanner/runtime/outputs';
import { Finding, ScanReport } from '../../scanner/runtime/report';

/** Outcome of one item: `NOT_SCANNED` when the member role could not be assumed. */
export type ItemStatus = 'COMPLETE' | 'PARTIAL' | 'FAILED' | 'NOT_SCANNED';

/** A finding as the organization report lists it. */
export interface OrgFinding {
  readonly findingId: string;
  readonly accountId: string;
  readonly region: string;
  readonly checkId: string;
  readonly severity: Finding['severity'];
  readonly resourceId: string;
  readonly reason: string;
}

/** What one child returns to the Distributed Map (kept small: Step Functions caps a state's output at 256 KiB). */
export interface ItemResult {
  readonly accountId: string;
  readonly accountName: string;
  readonly region: string;
  /** The item's Region, or `global:<service>`. */
  readonly scope: string;
  readonly status: ItemStatus;
  readonly reasons: readonly string[];
  /** Error code when the item was not scanned (AccessDenied, ...). */
  readonly errorCode?: string;
  readonly score: number | null;
  /** Per check: [id, passed, failed, notApplicable, errored], from which account and organization scores are computed. */
  readonly tallies: ReadonlyArray<readonly [string, number, number, number, number]>;
  readonly findings: number;
  readonly topFindings: readonly OrgFinding[];
  readonly apiErrors: number;
  readonly durationMs: number;
  readonly scanId?: string;
  readonly reportKey?: string;
}

/** A failure worth another attempt of the item (throttling, 5xx, timeouts): the Map's retrier matches its name. */
export class TransientItemError extends Error {
  public readonly name = 'TransientItemError';
  constructor(message: string) {
    super(message);
  }
}

export interface ItemOptions {
  /** Name of the member role in every account. */
  readonly roleName: string;
  readonly externalId: string;
  /** @default 'aws' */
  readonly partition?: string;
  /** Region of the STS endpoint (the scanner's own Region). */
  readonly stsRegion: string;
  /** Budget of the scan itself. */
  readonly deadlineMs: number;
  readonly concurrency?: number;
  readonly maxAttempts?: number;
  /** Findings listed in the item result. @default 10 */
  readonly topFindings?: number;
  /** Outputs; omitted in a dry run. */
  readonly outputs?: { readonly bucket: string; readonly kmsKeyId: string; readonly table: string; readonly prefix: string };
  /** Extra SDK client configuration (tests). */
  readonly clientConfig?: Record<string, unknown>;
  /** Session name in CloudTrail of the member account. @default 'compliance-scan' */
  readonly sessionName?: string;
}

export function memberRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

const slim = (accountId: string, f: Finding): OrgFinding => ({
  findingId: f.findingId, accountId, region: f.region, checkId: f.checkId, severity: f.severity, resourceId: f.resourceId, reason: f.reason,
});

/**
 * Scans one (account, Region) item: assumes the member role (with the external id), runs the
 * scanner engine on that Region with the item's checks under the assumed credentials, writes the
 * item's report and findings, and returns a compact result. An account whose role cannot be
 * assumed for good (AccessDenied, missing role) is `NOT_SCANNED` with the reason; a throttled or
 * failing STS after every SDK retry throws `TransientItemError`, for the Map to retry the item.
 */
export async function scanItem(item: ScanItem, opts: ItemOptions): Promise<ItemResult> {
  const started = Date.now();
  const partition = opts.partition ?? 'aws';
  const roleArn = memberRoleArn(partition, item.accountId, opts.roleName);
  const base = { accountId: item.accountId, accountName: item.accountName, region: item.region, scope: item.scope };
  const sts = new AwsClients({ maxAttempts: opts.maxAttempts ?? 5 }, undefined, opts.clientConfig ?? {});
  let credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  try {
    const out = await sts.send({ service: 'sts', region: opts.stsRegion, api: 'AssumeRole', resource: roleArn }, (c, abortSignal) =>
      c.send(new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: (opts.sessionName ?? 'compliance-scan').slice(0, 64),
        ExternalId: opts.externalId,
        DurationSeconds: 3600,
      }), { abortSignal }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`sts:AssumeRole for ${roleArn} returned no credentials`);
    credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } catch (e) {
    const cause = e instanceof ScanApiError ? e.cause : e;
    const code = e instanceof ScanApiError ? e.record.code : errorCode(e);
    const message = (e as Error).message ?? String(e);
    if (isServiceFailure(cause) || code === 'CallDeadlineExceeded' || code === 'TimeoutError') {
      throw new TransientItemError(`account ${item.accountId} ${item.scope}: ${message}`);
    }
    return {
      ...base,
      status: 'NOT_SCANNED',
      errorCode: code,
      reasons: [`the member role could not be assumed: ${message}`],
      score: null,
      tallies: [],
      findings: 0,
      topFindings: [],
      apiErrors: 1,
      durationMs: Date.now() - started,
    };
  } finally {
    sts.destroy();
  }

  const report: ScanReport = await runScan({
    regions: [...item.regions],
    checkIds: item.checkIds,
    accountId: item.accountId,
    partition,
    homeRegion: item.region,
    deadlineMs: opts.deadlineMs,
    concurrency: opts.concurrency,
    maxAttempts: opts.maxAttempts,
    clientConfig: { ...(opts.clientConfig ?? {}), credentials },
  });
  let reportKey: string | undefined;
  if (opts.outputs) {
    const out = new AwsClients({ maxAttempts: opts.maxAttempts ?? 5 });
    try {
      const prefix = `${opts.outputs.prefix}accounts/${item.accountId}/${item.scope.replace(':', '-')}/`;
      [reportKey] = await writeReport(out, opts.stsRegion, { bucket: opts.outputs.bucket, kmsKeyId: opts.outputs.kmsKeyId, prefix }, report);
      await writeFindings(out, opts.stsRegion, { table: opts.outputs.table }, report);
    } finally {
      out.destroy();
    }
  }
  return {
    ...base,
    status: report.status,
    reasons: report.statusReasons,
    ...(report.status === 'FAILED' ? { errorCode: report.errors[0]?.code ?? report.checks.flatMap((c) => c.errors)[0]?.code ?? 'ScanFailed' } : {}),
    score: report.score.overall,
    tallies: report.checks.map((c) => [c.id, c.counts.passed, c.counts.failed, c.counts.notApplicable, c.counts.errored] as const),
    findings: report.findings.length,
    topFindings: report.findings.slice(0, opts.topFindings ?? 10).map((f) => slim(item.accountId, f)),
    apiErrors: report.errors.length,
    durationMs: Date.now() - started,
    scanId: report.scanId,
    reportKey,
  };
}
