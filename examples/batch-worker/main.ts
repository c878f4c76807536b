/**
 * Entry point of the sample worker: one AWS Batch array child.
 *
 * Reads `s3://$INPUT_BUCKET/$INPUT_KEY` as a stream, processes its share of the records
 * (`AWS_BATCH_JOB_ARRAY_INDEX` of `ARRAY_SIZE`, see transactions.ts) and writes
 * `s3://$OUTPUT_BUCKET/$OUTPUT_PREFIX/part-<index>.json`. Exits non-zero on any error, which the
 * pipeline's retry strategy treats as an application error (no retry) and reports.
 *
 * The AWS SDK honours `AWS_ENDPOINT_URL`, so the same code runs against a local emulator
 * (see README.md). The SDK is a dependency of this example only (package.json here), loaded at
 * run time so that the library's own build does not depend on it.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { HEADER, SliceProcessor } from './transactions';

/** The part of `@aws-sdk/client-s3` the worker uses. */
export interface S3Sdk {
  S3Client: new (config: object) => { send(command: unknown): Promise<any> };
  GetObjectCommand: new (input: object) => unknown;
  PutObjectCommand: new (input: object) => unknown;
}

const SDK_MODULE: string = '@aws-sdk/client-s3';

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

/**
 * Process this child's share and write its result; returns the output key.
 *
 * @param env the environment (AWS Batch sets AWS_BATCH_JOB_ARRAY_INDEX, the pipeline the rest)
 * @param sdk the S3 SDK, loaded from `@aws-sdk/client-s3` unless given (tests give a fake)
 */
export async function run(env: NodeJS.ProcessEnv = process.env, sdk?: S3Sdk): Promise<string> {
  const s3Sdk: S3Sdk = sdk ?? await import(SDK_MODULE);
  const inputBucket = required(env, 'INPUT_BUCKET');
  const outputBucket = required(env, 'OUTPUT_BUCKET');
  const inputKey = env.INPUT_KEY ?? 'transactions.csv';
  const outputPrefix = env.OUTPUT_PREFIX ?? 'results';
  const index = Number(env.AWS_BATCH_JOB_ARRAY_INDEX ?? '0');
  const size = Number(env.ARRAY_SIZE ?? '1');

  // Path-style addressing for emulators on localhost (S3_FORCE_PATH_STYLE=true); AWS uses the default.
  const s3 = new s3Sdk.S3Client({ forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' });
  const object = await s3.send(new s3Sdk.GetObjectCommand({ Bucket: inputBucket, Key: inputKey }));
  const lines = createInterface({ input: object.Body as Readable, crlfDelay: Infinity });
  const processor = new SliceProcessor(index, size);
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      if (line.trim() !== HEADER) {
        throw new Error(`s3://${inputBucket}/${inputKey} does not start with the header '${HEADER}'`);
      }
      continue;
    }
    if (line.trim() !== '') {
      processor.add(line);
    }
  }
  const result = processor.result();
  const key = `${outputPrefix}/part-${String(index).padStart(5, '0')}.json`;
  await s3.send(new s3Sdk.PutObjectCommand({
    Bucket: outputBucket,
    Key: key,
    Body: JSON.stringify({ input: `s3://${inputBucket}/${inputKey}`, ...result }),
    ContentType: 'application/json',
  }));
  console.log(JSON.stringify({
    level: 'info',
    message: 'share processed',
    output: `s3://${outputBucket}/${key}`,
    records: result.records,
    accepted: result.accepted,
    rejected: result.rejected.length,
  }));
  return key;
}

if (require.main === module) {
  run().catch((err) => {
    console.error(JSON.stringify({ level: 'error', message: String(err?.message ?? err) }));
    process.exit(1);
  });
}
