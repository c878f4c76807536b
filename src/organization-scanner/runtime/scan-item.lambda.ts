import { Logger } from '@aws-lambda-powertools/logger';
import { EnvReader, BUCKET, KMS_KEY } from './env';
import { ItemResult, scanItem } from './member';
import { ChildInput, RUN_ID, runPrefix } from './run-store';
import { InvalidInputError, REGION_PATTERN } from '../../scanner/runtime/input';

const logger = new Logger({ serviceName: 'organization-scanner' });

/** The part of the Lambda context the handler uses. */
export interface LambdaContextLike {
  getRemainingTimeInMillis(): number;
}

function parseChild(raw: unknown): ChildInput {
  const e = (raw ?? {}) as Partial<ChildInput>;
  const item = e.item;
  if (!RUN_ID.test(String(e.runId ?? '')) || !item || !/^\d{12}$/.test(String(item.accountId)) || !REGION_PATTERN.test(String(item.region))
    || !Array.isArray(item.checkIds) || !Array.isArray(item.regions) || item.regions.some((r) => !REGION_PATTERN.test(String(r))) || typeof item.scope !== 'string') {
    throw new InvalidInputError(`invalid item: ${JSON.stringify(raw)}. Must be { runId, item: { accountId, accountName, region, regions, scope, checkIds } }.`);
  }
  return e as ChildInput;
}

/** One child of the Distributed Map: scans one account in one Region through its member role. */
export async function handler(event: unknown, context?: LambdaContextLike): Promise<ItemResult> {
  const env = new EnvReader(process.env, 'organization scan item');
  const bucket = env.required('REPORT_BUCKET', BUCKET, 'an S3 bucket name');
  const kmsKeyId = env.required('REPORT_KMS_KEY_ID', KMS_KEY, 'a KMS key ARN');
  const table = env.required('FINDINGS_TABLE', /^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name');
  const roleName = env.required('MEMBER_ROLE_NAME', /^[\w+=,.@-]{1,64}$/, 'an IAM role name');
  const externalId = env.required('EXTERNAL_ID', /^[\w+=,.@:/-]{2,1224}$/, 'an external id');
  const concurrency = env.int('SCAN_CONCURRENCY', 8, 1, 64);
  const reserveMs = env.int('OUTPUT_RESERVE_MS', 30_000, 1000, 300_000);
  env.done();
  const { runId, item } = parseChild(event);
  const remaining = context?.getRemainingTimeInMillis() ?? 900_000;
  const result = await scanItem(item, {
    roleName,
    externalId,
    partition: process.env.AWS_PARTITION ?? 'aws',
    stsRegion: process.env.AWS_REGION ?? 'us-east-1',
    deadlineMs: Math.max(5_000, remaining - reserveMs),
    concurrency,
    sessionName: `compliance-scan-${runId}`,
    outputs: { bucket, kmsKeyId, table, prefix: runPrefix(runId) },
  });
  logger.info('item scanned', { runId, accountId: item.accountId, scope: item.scope, status: result.status, score: result.score, findings: result.findings, durationMs: result.durationMs });
  return result;
}
