import { Logger } from '@aws-lambda-powertools/logger';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { EnvReader, ACCOUNT_ID, BUCKET, KMS_KEY, OU_ID } from './env';
import { putObject, RUN_ID, runPrefix } from './run-store';
import { buildItems, listTargetAccounts } from './targets';
import { AwsClients } from '../../scanner/runtime/clients';
import { InvalidInputError } from '../../scanner/runtime/input';

const logger = new Logger({ serviceName: 'organization-scanner' });

export interface PlanResult {
  readonly runId: string;
  readonly startedAt: string;
  readonly bucket: string;
  readonly itemsKey: string;
  readonly items: number;
  readonly accounts: number;
  readonly regions: string[];
}

/**
 * First state of a run: lists the target accounts (Organizations) and Regions, writes the
 * (account x Region) items to the bucket for the Distributed Map's item reader, and returns where.
 */
export async function handler(event: { runId?: unknown }): Promise<PlanResult> {
  const env = new EnvReader(process.env, 'organization scan planner');
  const bucket = env.required('REPORT_BUCKET', BUCKET, 'an S3 bucket name');
  const kmsKeyId = env.required('REPORT_KMS_KEY_ID', KMS_KEY, 'a KMS key ARN');
  const ous = env.list('TARGET_OU_IDS', OU_ID, 'organization root or OU ids');
  const excluded = env.list('EXCLUDED_ACCOUNT_IDS', ACCOUNT_ID, '12-digit account ids');
  const givenRegions = env.regions('SCAN_REGIONS');
  const checkIds = env.checkIds('SCAN_CHECK_IDS');
  env.done();
  const runId = String(event?.runId ?? '');
  if (!RUN_ID.test(runId)) throw new InvalidInputError(`invalid runId: ${JSON.stringify(event?.runId)}. Must be the execution name (letters, digits, - and _).`);
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const startedAt = new Date().toISOString();
  const clients = new AwsClients({ maxAttempts: 8 });
  try {
    const accounts = await listTargetAccounts({ organizationalUnitIds: ous, excludedAccountIds: excluded });
    const regions = givenRegions ?? ((await clients.send({ service: 'ec2', region, api: 'DescribeRegions' }, (c, abortSignal) =>
      c.send(new DescribeRegionsCommand({ AllRegions: false }), { abortSignal }))).Regions ?? []).map((r) => r.RegionName ?? '').filter(Boolean);
    const items = buildItems(accounts, regions, checkIds, region);
    const itemsKey = `${runPrefix(runId)}items.json`;
    await putObject(clients, region, { bucket, kmsKeyId }, itemsKey, JSON.stringify(items), 'application/json');
    logger.info('run planned', { runId, accounts: accounts.length, regions, items: items.length });
    return { runId, startedAt, bucket, itemsKey, items: items.length, accounts: accounts.length, regions: [...regions].sort() };
  } finally {
    clients.destroy();
  }
}
