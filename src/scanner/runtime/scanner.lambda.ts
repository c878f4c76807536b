import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { AwsClients, ScanApiError, ScanError } from './clients';
import { runScan } from './engine';
import { parseEnv, parseEvent } from './input';
import { addScoreMetrics, decideAlert, PreviousReportError, publishSummary, readPreviousReport, writeFindings, writeOcsf, writeReport } from './outputs';
import { ScanReport } from './report';
import { importToSecurityHub, SecurityHubImportError } from './security-hub';

const logger = new Logger({ serviceName: 'compliance-scanner' });
const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'ComplianceScanner', serviceName: 'compliance-scanner' });

/**
 * The log attributes of an API error. `service` and `message` are reserved keys of the
 * Powertools Logger (it drops them, with a warning), so they are logged as `awsService` and
 * `errorMessage`; `code` is logged as `errorCode`.
 */
export function apiErrorLogAttributes(e: ScanError): Record<string, string> {
  return {
    awsService: e.service,
    region: e.region,
    api: e.api,
    ...(e.resource ? { resource: e.resource } : {}),
    errorCode: e.code,
    errorMessage: e.message,
    at: e.at,
  };
}

/** The part of the Lambda context the handler uses. */
export interface LambdaContextLike {
  getRemainingTimeInMillis(): number;
}

export interface ScanResult {
  readonly scanId: string;
  readonly status: string;
  readonly score: number | null;
  readonly findings: number;
  readonly reportKeys: string[];
  readonly alerted: boolean;
  readonly dryRun: boolean;
}

/**
 * Scheduled (or manual) scan: validates the event and environment first, scans within the
 * Lambda's remaining time minus a reserve for the outputs, then writes the report to S3 (KMS),
 * findings to DynamoDB, scores to CloudWatch (EMF) and an SNS summary when warranted.
 */
export async function handler(event: unknown, context?: LambdaContextLike): Promise<ScanResult> {
  const env = parseEnv(process.env);
  const input = parseEvent(event);
  const remaining = context?.getRemainingTimeInMillis() ?? 900_000;
  const deadlineMs = Math.max(5_000, remaining - env.outputReserveMs);
  const region = process.env.AWS_REGION ?? 'us-east-1';
  logger.info('scan starting', { regions: input.regions ?? env.regions ?? 'all enabled', checkIds: input.checkIds ?? 'all', dryRun: input.dryRun, deadlineMs });

  let report: ScanReport = await runScan({
    regions: input.regions ?? env.regions,
    checkIds: input.checkIds ?? env.checkIds,
    deadlineMs,
    homeRegion: region,
    concurrency: env.concurrency,
    maxAttempts: env.maxAttempts,
  });
  for (const e of report.errors) logger.warn('api error', apiErrorLogAttributes(e));
  logger.info('scan finished', { scanId: report.scanId, status: report.status, score: report.score.overall, findings: report.findings.length, apiStats: report.apiStats });

  const summary = { scanId: report.scanId, status: report.status, score: report.score.overall, findings: report.findings.length };
  addScoreMetrics(metrics, report);
  metrics.publishStoredMetrics();

  if (input.dryRun) {
    return { ...summary, reportKeys: [], alerted: false, dryRun: true };
  }
  const clients = new AwsClients({ concurrency: env.concurrency, maxAttempts: env.maxAttempts });
  try {
    const loc = { bucket: env.reportBucket, kmsKeyId: env.reportKmsKeyId };
    let previous: ScanReport | null = null;
    let unreadable: PreviousReportError | undefined;
    try {
      previous = await readPreviousReport(clients, region, loc);
    } catch (e) {
      if (!(e instanceof PreviousReportError)) throw e;
      // The scan is still written, findings and alert included; the invocation fails afterwards.
      unreadable = e;
      logger.error('previous report unreadable', { bucket: e.bucket, key: e.key, api: e.api, errorCode: e.code, permission: e.permission, reason: e.message });
      report = {
        ...report,
        statusReasons: [...report.statusReasons, e.message],
        errors: [...report.errors, { service: 's3', region, api: e.api, resource: `${e.bucket}/${e.key}`, code: e.code, message: e.message, at: new Date().toISOString() }],
      };
    }
    const keys = await writeReport(clients, region, loc, report);
    keys.push(await writeOcsf(clients, region, loc, report, env.ocsfIncludePassed));
    const written = await writeFindings(clients, region, { table: env.findingsTable }, report);
    logger.info('findings written', { ...written });
    // A Security Hub failure (not enabled in the Region, denied, refused findings) never stops the
    // alert: it is logged and fails the invocation once every other output is out.
    let hubIncomplete: Error | undefined;
    if (env.securityHub) {
      try {
        const imported = await importToSecurityHub(clients, report, previous, { region });
        logger.info('security hub import', { imported: imported.imported, resolved: imported.resolved, calls: imported.calls, retried: imported.retried, failed: imported.failed.length });
        if (imported.failed.length > 0) {
          hubIncomplete = new SecurityHubImportError(region, imported.failed);
          logger.error('security hub import incomplete', { awsService: 'securityhub', api: 'BatchImportFindings', region, failed: imported.failed.slice(0, 20) });
        }
      } catch (e) {
        hubIncomplete = e as Error;
        logger.error('security hub import failed', e instanceof ScanApiError
          ? apiErrorLogAttributes(e.record)
          : { awsService: 'securityhub', api: 'BatchImportFindings', region, errorMessage: String((e as Error)?.message ?? e) });
      }
    }
    const decision = decideAlert(report, previous, env.scoreThreshold, unreadable?.message);
    if (decision.alert) await publishSummary(clients, region, env.alertTopicArn, report, decision);
    // Never swallowed: the function reports an error (Errors metric, errors alarm) once the outputs are out.
    if (unreadable) throw unreadable;
    if (hubIncomplete) throw hubIncomplete;
    return { ...summary, reportKeys: keys, alerted: decision.alert, dryRun: false };
  } finally {
    clients.destroy();
  }
}
