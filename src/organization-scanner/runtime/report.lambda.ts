import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { PublishCommand } from '@aws-sdk/client-sns';
import { EnvReader, BUCKET, KMS_KEY } from './env';
import { buildOrgReport, OrgReport, orgSummaryMessage, renderOrgHtml } from './org-report';
import { ORG_PREFIX, putObject, readMapResults, RUN_ID, runPrefix } from './run-store';
import { AwsClients } from '../../scanner/runtime/clients';
import { InvalidInputError } from '../../scanner/runtime/input';
import { SNS_MAX_BYTES } from '../../scanner/runtime/outputs';

const logger = new Logger({ serviceName: 'organization-scanner' });
const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'OrganizationScanner', serviceName: 'organization-scanner' });

export interface ReportEvent {
  readonly plan: { readonly runId: string; readonly startedAt: string; readonly items: number };
  /** The Map's output: where the result writer put its manifest. */
  readonly map?: { readonly ResultWriterDetails?: { readonly Bucket: string; readonly Key: string } };
  /** The Map's error, when it failed (tolerated failures exceeded). */
  readonly mapError?: { readonly Error?: string; readonly Cause?: string };
}

export interface ReportResult {
  readonly runId: string;
  readonly status: string;
  readonly score: number | null;
  readonly accountsNotScanned: number;
  readonly reportKeys: string[];
}

/** Last state of a run: the organization report (JSON and HTML), one SNS summary, the run's metrics. */
export async function handler(event: ReportEvent): Promise<ReportResult> {
  const env = new EnvReader(process.env, 'organization scan report');
  const bucket = env.required('REPORT_BUCKET', BUCKET, 'an S3 bucket name');
  const kmsKeyId = env.required('REPORT_KMS_KEY_ID', KMS_KEY, 'a KMS key ARN');
  const topicArn = env.required('ALERT_TOPIC_ARN', /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, 'an SNS topic ARN');
  env.done();
  const runId = String(event?.plan?.runId ?? '');
  if (!RUN_ID.test(runId)) throw new InvalidInputError(`invalid event: ${JSON.stringify(event)}. Must carry plan.runId.`);
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const clients = new AwsClients({ maxAttempts: 8 });
  try {
    const details = event.map?.ResultWriterDetails;
    const { results, failed } = details ? await readMapResults(clients, region, details.Bucket, details.Key) : { results: [], failed: [] };
    const runError = event.mapError ? `${event.mapError.Error ?? 'Error'}: ${event.mapError.Cause ?? ''}`.trim() : undefined;
    const report: OrgReport = buildOrgReport({
      runId, startedAt: event.plan.startedAt, finishedAt: new Date().toISOString(), results, failed, planned: event.plan.items, runError,
    });
    const store = { bucket, kmsKeyId };
    const json = JSON.stringify(report);
    const html = renderOrgHtml(report);
    const keys = [`${runPrefix(runId)}report.json`, `${runPrefix(runId)}report.html`, `${ORG_PREFIX}latest.json`, `${ORG_PREFIX}latest.html`];
    await Promise.all(keys.map((key) => putObject(clients, region, store, key, key.endsWith('.json') ? json : html, key.endsWith('.json') ? 'application/json' : 'text/html')));
    const subject = `Organization compliance ${report.status}: score ${report.summary.score ?? 'n/a'}, ${report.summary.accountsNotScanned} account(s) not scanned`.slice(0, 100);
    await clients.send({ service: 'sns', region, api: 'Publish', resource: topicArn }, (c, abortSignal) =>
      c.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: orgSummaryMessage(report, SNS_MAX_BYTES) }), { abortSignal }));
    if (report.summary.score !== null) metrics.addMetric('OrganizationScore', MetricUnit.Percent, report.summary.score);
    metrics.addMetric('AccountsScanned', MetricUnit.Count, report.summary.accountsComplete + report.summary.accountsPartial);
    metrics.addMetric('AccountsNotScanned', MetricUnit.Count, report.summary.accountsNotScanned);
    metrics.addMetric('ItemsNotScanned', MetricUnit.Count, report.summary.itemsNotScanned);
    metrics.addMetric('Findings', MetricUnit.Count, report.summary.findings);
    for (const [severity, count] of Object.entries(report.summary.findingsBySeverity)) {
      const single = metrics.singleMetric();
      single.addDimension('Severity', severity);
      single.addMetric('FindingsBySeverity', MetricUnit.Count, count);
    }
    metrics.publishStoredMetrics();
    logger.info('organization report written', { runId, status: report.status, score: report.summary.score, notScanned: report.notScanned.length });
    return { runId, status: report.status, score: report.summary.score, accountsNotScanned: report.summary.accountsNotScanned, reportKeys: keys };
  } finally {
    clients.destroy();
  }
}
