import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ItemResult } from './member';
import { FailedItem } from './org-report';
import { ScanItem } from './targets';
import { AwsClients } from '../../scanner/runtime/clients';

/** Key prefix of everything the organization scanner writes to its bucket. */
export const ORG_PREFIX = 'organization-scans/';

export interface Store {
  readonly bucket: string;
  readonly kmsKeyId: string;
}

export const runPrefix = (runId: string): string => `${ORG_PREFIX}runs/${runId}/`;

/** A run id is the Step Functions execution name: letters, digits, - and _ (at most 80). */
export const RUN_ID = /^[A-Za-z0-9_-]{1,80}$/;

export async function putObject(clients: AwsClients, region: string, store: Store, key: string, body: string, contentType: string): Promise<void> {
  await clients.send({ service: 's3', region, api: 'PutObject', resource: `${store.bucket}/${key}` }, (c, abortSignal) =>
    c.send(new PutObjectCommand({
      Bucket: store.bucket, Key: key, Body: body, ContentType: contentType, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: store.kmsKeyId, BucketKeyEnabled: true,
    }), { abortSignal }));
}

export async function getJson<T>(clients: AwsClients, region: string, bucket: string, key: string): Promise<T> {
  const out = await clients.send({ service: 's3', region, api: 'GetObject', resource: `${bucket}/${key}` }, (c, abortSignal) =>
    c.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }));
  return JSON.parse(await out.Body!.transformToString('utf8')) as T;
}

/** The manifest a Distributed Map's result writer leaves next to its result files. */
interface Manifest {
  readonly DestinationBucket?: string;
  readonly ResultFiles: Partial<Record<'SUCCEEDED' | 'FAILED' | 'PENDING', ReadonlyArray<{ readonly Key: string }>>>;
}
/** One child execution in a result file (Input and Output are JSON strings). */
interface ChildRecord {
  readonly Input?: string;
  readonly Output?: string;
  readonly Status?: string;
  readonly Error?: string;
  readonly Cause?: string;
}

/** The payload each child receives (the Map's item selector): the item and the run id. */
export interface ChildInput {
  readonly runId: string;
  readonly item: ScanItem;
}

/**
 * The children's results and failures of one Map Run, read from the result writer's manifest and
 * result files. A SUCCEEDED child's output is its `ItemResult`; a FAILED (or timed-out, aborted,
 * PENDING) child is a `FailedItem` with Step Functions' error and cause.
 */
export async function readMapResults(
  clients: AwsClients, region: string, bucket: string, manifestKey: string,
): Promise<{ results: ItemResult[]; failed: FailedItem[] }> {
  const manifest = await getJson<Manifest>(clients, region, bucket, manifestKey);
  const results: ItemResult[] = [];
  const failed: FailedItem[] = [];
  const files = [...(manifest.ResultFiles.SUCCEEDED ?? []), ...(manifest.ResultFiles.FAILED ?? []), ...(manifest.ResultFiles.PENDING ?? [])];
  const records = (await Promise.all(files.map((f) => getJson<ChildRecord[]>(clients, region, manifest.DestinationBucket ?? bucket, f.Key)))).flat();
  for (const rec of records) {
    if (rec.Status === 'SUCCEEDED' && rec.Output) {
      results.push(JSON.parse(rec.Output) as ItemResult);
      continue;
    }
    const input = (rec.Input ? JSON.parse(rec.Input) : {}) as Partial<ChildInput>;
    const item = input.item ?? { accountId: 'unknown', accountName: '', region: 'unknown', regions: [], scope: 'unknown', checkIds: [] };
    failed.push({ item, error: rec.Error ?? rec.Status ?? 'Unknown', cause: causeText(rec.Cause) });
  }
  return { results, failed };
}

/** A Lambda error's cause is a JSON document ({errorType, errorMessage, trace}): keep the message (the type is the record's Error). */
function causeText(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const c = JSON.parse(cause) as { errorMessage?: string };
    return c.errorMessage ?? cause;
  } catch {
    return cause;
  }
}
