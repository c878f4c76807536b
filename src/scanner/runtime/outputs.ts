import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BatchWriteItemCommand, WriteRequest } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { AwsClients, errorCode, ScanApiError } from './clients';
import { toOcsf } from './ocsf';
import { Finding, ScanReport } from './report';

// ---------------------------------------------------------------------------------------------
// S3: the report, encrypted with the given KMS key
// ---------------------------------------------------------------------------------------------

export interface ReportLocation {
  readonly bucket: string;
  readonly kmsKeyId: string;
  /** @default 'compliance-scans/' */
  readonly prefix?: string;
}

export function reportKeys(report: ScanReport, prefix = 'compliance-scans/'): { report: string; latest: string; ocsf: string } {
  const day = report.startedAt.slice(0, 10);
  const dated = `${prefix}reports/${day}/${report.scanId}`;
  return { report: `${dated}.json`, latest: `${prefix}latest.json`, ocsf: `${dated}.ocsf.json` };
}

/** The previous report could not be read for a reason other than its absence (AccessDenied, KMS). */
export class PreviousReportError extends Error {
  public readonly name = 'PreviousReportUnreadable';
  constructor(
    public readonly bucket: string,
    public readonly key: string,
    /** The S3 API that failed (ListObjectsV2 or GetObject). */
    public readonly api: string,
    public readonly code: string,
    /** The permission the call needs, as IAM names it. */
    public readonly permission: string,
    public readonly cause: unknown,
  ) {
    super(`the previous report s3://${bucket}/${key} could not be read: ${api} answered ${code}. The scanner's role needs ${permission}; ` +
      'new critical findings are judged as if there were no previous report.');
  }
}

/**
 * The previous `latest.json`, or null on the first scan.
 *
 * The key is looked up with ListObjectsV2 first: S3 answers a GetObject on a missing key with
 * 403 AccessDenied, not 404, to a caller that may not list the bucket, so "no previous report"
 * cannot be told from "denied" by GetObject alone. The listing is granted for this one prefix
 * (`s3:prefix` condition). A key deleted between the two calls (404 NoSuchKey) is absent; any
 * other error, AccessDenied first of all, is a `PreviousReportError` naming bucket, key and the
 * permission the call needs.
 */
export async function readPreviousReport(clients: AwsClients, region: string, loc: ReportLocation): Promise<ScanReport | null> {
  const key = reportKeys({ startedAt: '', scanId: '' } as ScanReport, loc.prefix).latest;
  const fail = (e: unknown, api: string, permission: string): never => {
    const code = e instanceof ScanApiError ? e.record.code : errorCode(e);
    throw new PreviousReportError(loc.bucket, key, api, code, permission, e);
  };
  let listed;
  try {
    listed = await clients.send({ service: 's3', region, api: 'ListObjectsV2', resource: `${loc.bucket}/${key}` }, (c, abortSignal) =>
      c.send(new ListObjectsV2Command({ Bucket: loc.bucket, Prefix: key, MaxKeys: 1 }), { abortSignal }));
  } catch (e) {
    return fail(e, 'ListObjectsV2', `s3:ListBucket on arn:aws:s3:::${loc.bucket} with s3:prefix ${key}`);
  }
  if (!(listed.Contents ?? []).some((o) => o.Key === key)) return null;
  let out;
  try {
    out = await clients.call({ service: 's3', region, api: 'GetObject', resource: `${loc.bucket}/${key}`, absentOn: ['NoSuchKey', 'NotFound'] },
      (c, abortSignal) => c.send(new GetObjectCommand({ Bucket: loc.bucket, Key: key }), { abortSignal }));
  } catch (e) {
    return fail(e, 'GetObject', `s3:GetObject on arn:aws:s3:::${loc.bucket}/${key} and kms:Decrypt on the key that encrypts it`);
  }
  if (!out?.Body) return null;
  return JSON.parse(await out.Body.transformToString('utf8')) as ScanReport;
}

/** Writes the report under a dated key and as `latest.json`, both SSE-KMS with the given key. */
export async function writeReport(clients: AwsClients, region: string, loc: ReportLocation, report: ScanReport): Promise<string[]> {
  const keys = reportKeys(report, loc.prefix);
  const body = JSON.stringify(report);
  await Promise.all([keys.report, keys.latest].map((key) => putObject(clients, region, loc, key, body)));
  return [keys.report, keys.latest];
}

/**
 * Writes the findings as OCSF Compliance Findings (a JSON array) beside the dated report, with
 * the report's key; with `includePassed`, the passed checks too.
 */
export async function writeOcsf(
  clients: AwsClients, region: string, loc: ReportLocation, report: ScanReport, includePassed = false,
): Promise<string> {
  const key = reportKeys(report, loc.prefix).ocsf;
  await putObject(clients, region, loc, key, JSON.stringify(toOcsf(report, { includePassed })));
  return key;
}

async function putObject(clients: AwsClients, region: string, loc: ReportLocation, key: string, body: string): Promise<void> {
  await clients.send({ service: 's3', region, api: 'PutObject', resource: `${loc.bucket}/${key}` }, (c, abortSignal) =>
    c.send(new PutObjectCommand({
      Bucket: loc.bucket,
      Key: key,
      Body: body,
      ContentType: 'application/json',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: loc.kmsKeyId,
      BucketKeyEnabled: true,
    }), { abortSignal }));
}

// ---------------------------------------------------------------------------------------------
// DynamoDB: findings in BatchWriteItem chunks of 25, UnprocessedItems retried until none remain
// ---------------------------------------------------------------------------------------------

export const BATCH_SIZE = 25;

export interface FindingsWriteOptions {
  readonly table: string;
  /** Give up (and throw, naming how many items are left) after this many rounds per chunk. @default 12 */
  readonly maxRounds?: number;
  /** Backoff base between rounds (full jitter, doubled each round, capped at 5 s). @default 50 */
  readonly baseDelayMs?: number;
  /** Days findings are kept (TTL attribute `expiresAt`). @default 90 */
  readonly ttlDays?: number;
}

export interface FindingsWriteResult {
  readonly written: number;
  readonly calls: number;
  /** Calls that only re-sent UnprocessedItems. */
  readonly unprocessedRetries: number;
}

/** The finding's own fields, stored as they are in its item (strings). */
const FINDING_ATTRIBUTES = ['findingId', 'checkId', 'severity', 'category', 'region', 'resourceId', 'resourceType', 'status', 'reason'] as const;

export function findingItem(f: Finding, report: ScanReport, ttlDays: number): Record<string, { S: string } | { N: string }> {
  return {
    ...Object.fromEntries(FINDING_ATTRIBUTES.map((name) => [name, { S: f[name] }])),
    accountId: { S: report.accountId },
    scanId: { S: report.scanId },
    lastSeen: { S: report.startedAt },
    expiresAt: { N: String(Math.floor(Date.parse(report.startedAt) / 1000) + ttlDays * 86400) },
  };
}

export async function writeFindings(
  clients: AwsClients,
  region: string,
  opts: FindingsWriteOptions,
  report: ScanReport,
): Promise<FindingsWriteResult> {
  const maxRounds = opts.maxRounds ?? 12;
  const base = opts.baseDelayMs ?? 50;
  const requests: WriteRequest[] = report.findings.map((f) => ({ PutRequest: { Item: findingItem(f, report, opts.ttlDays ?? 90) } }));
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_SIZE) chunks.push(requests.slice(i, i + BATCH_SIZE));
  let calls = 0;
  let retries = 0;
  // Chunks go out concurrently; the dynamodb limiter bounds how many are in flight.
  await Promise.all(chunks.map(async (chunk, index) => {
    let pending = chunk;
    for (let round = 0; pending.length > 0; round++) {
      if (round >= maxRounds) {
        throw new Error(`DynamoDB ${opts.table}: ${pending.length} finding(s) of chunk ${index} still unprocessed after ${maxRounds} rounds`);
      }
      if (round > 0) {
        retries++;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(5000, base * 2 ** round)));
      }
      calls++;
      const out = await clients.send({ service: 'dynamodb', region, api: 'BatchWriteItem', resource: opts.table }, (c, abortSignal) =>
        c.send(new BatchWriteItemCommand({ RequestItems: { [opts.table]: pending } }), { abortSignal }));
      pending = out.UnprocessedItems?.[opts.table] ?? [];
    }
  }));
  return { written: requests.length, calls, unprocessedRetries: retries };
}

// ---------------------------------------------------------------------------------------------
// SNS: a summary when the score falls below the threshold or a new critical finding appears
// ---------------------------------------------------------------------------------------------

/** SNS rejects messages over 256 KiB (262,144 bytes); we stay under with a margin for encoding. */
export const SNS_MAX_BYTES = 256 * 1024 - 2048;

export interface AlertDecision {
  readonly alert: boolean;
  readonly reasons: readonly string[];
  readonly newCritical: readonly Finding[];
}

/**
 * Whether a scan alerts, and why. With `previousUnreadable` (the previous report exists but could
 * not be read) every critical finding counts as new and the alert says why.
 */
export function decideAlert(report: ScanReport, previous: ScanReport | null, threshold: number, previousUnreadable?: string): AlertDecision {
  const before = new Set((previous?.findings ?? []).map((f) => f.findingId));
  const newCritical = report.findings.filter((f) => f.severity === 'CRITICAL' && !before.has(f.findingId));
  const reasons: string[] = [];
  if (previousUnreadable) reasons.push(previousUnreadable);
  if (report.score.overall !== null && report.score.overall < threshold) reasons.push(`score ${report.score.overall} is below the threshold ${threshold}`);
  if (newCritical.length > 0) reasons.push(`${newCritical.length} new critical finding(s)`);
  if (report.status === 'FAILED') reasons.push('the scan FAILED');
  return { alert: reasons.length > 0, reasons, newCritical };
}

/** A plain-text summary no larger than `maxBytes` (UTF-8), listing as many findings as fit. */
export function summaryMessage(report: ScanReport, decision: AlertDecision, maxBytes = SNS_MAX_BYTES): string {
  const head = [
    `Compliance scan ${report.status} for account ${report.accountId} (${report.regions.join(', ')})`,
    `Alert: ${decision.reasons.join('; ')}`,
    `Score: ${report.score.overall ?? 'n/a'}${report.score.partial ? ' (partial: some checks could not be evaluated)' : ''}`,
    ...Object.entries(report.score.byCategory).map(([k, v]) => `  ${k}: ${v?.score ?? 'n/a'}`),
    `Findings: ${Object.entries(report.summary.findingsBySeverity).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `Scan id: ${report.scanId}`,
    '',
    'Findings (new critical first):',
  ].join('\n');
  const newIds = new Set(decision.newCritical.map((f) => f.findingId));
  const ordered = [...decision.newCritical, ...report.findings.filter((f) => !newIds.has(f.findingId))];
  let text = head;
  let size = Buffer.byteLength(text, 'utf8');
  for (let i = 0; i < ordered.length; i++) {
    const f = ordered[i];
    const line = `\n[${f.severity}] ${f.checkId} ${f.region} ${f.resourceId}: ${f.reason}`;
    const tail = `\n... and ${ordered.length - i} more (see the report in S3)`;
    const lineBytes = Buffer.byteLength(line, 'utf8');
    if (size + lineBytes + Buffer.byteLength(tail, 'utf8') > maxBytes) {
      return text + tail;
    }
    text += line;
    size += lineBytes;
  }
  return text;
}

export async function publishSummary(
  clients: AwsClients,
  region: string,
  topicArn: string,
  report: ScanReport,
  decision: AlertDecision,
): Promise<void> {
  const subject = `Compliance ${report.status} ${report.accountId}: score ${report.score.overall ?? 'n/a'}`.slice(0, 100);
  await clients.send({ service: 'sns', region, api: 'Publish', resource: topicArn }, (c, abortSignal) =>
    c.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: summaryMessage(report, decision) }), { abortSignal }));
}

// ---------------------------------------------------------------------------------------------
// CloudWatch: scores as embedded metric format through Powertools Metrics
// ---------------------------------------------------------------------------------------------

/** Adds the scan's metrics (published by the caller with `publishStoredMetrics`). */
export function addScoreMetrics(metrics: Metrics, report: ScanReport): void {
  if (report.score.overall !== null) metrics.addMetric('ComplianceScore', MetricUnit.Percent, report.score.overall);
  metrics.addMetric('Findings', MetricUnit.Count, report.findings.length);
  metrics.addMetric('ScanErrors', MetricUnit.Count, report.errors.length);
  metrics.addMetric('ScanPartial', MetricUnit.Count, report.status === 'COMPLETE' ? 0 : 1);
  for (const [category, bucket] of Object.entries(report.score.byCategory)) {
    if (bucket?.score === null || bucket?.score === undefined) continue;
    const single = metrics.singleMetric();
    single.addDimension('Category', category);
    single.addMetric('CategoryScore', MetricUnit.Percent, bucket.score);
  }
  for (const [severity, count] of Object.entries(report.summary.findingsBySeverity)) {
    const single = metrics.singleMetric();
    single.addDimension('Severity', severity);
    single.addMetric('FindingsBySeverity', MetricUnit.Count, count);
  }
}
