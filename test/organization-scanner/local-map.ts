import { FakeAccountState } from '../scanner/fake-aws/model';

/**
 * Runs items the way a Distributed Map with a Lambda task runs them: at most `maxConcurrency`
 * children at once, each retried on the listed error names with exponential backoff, and writes
 * the result writer's output (manifest.json, SUCCEEDED_0.json, FAILED_0.json, each child's
 * Input and Output as JSON strings, Error and Cause for failures) to the fake S3.
 */
export interface LocalMapOptions {
  readonly maxConcurrency: number;
  readonly retry: { readonly errors: readonly string[]; readonly maxAttempts: number; readonly intervalMs: number; readonly backoffRate: number };
  readonly toleratedFailurePercentage: number;
}

export interface LocalMapRun {
  readonly attempts: Record<string, number>;
  /** The Map itself failed: more children failed than tolerated. */
  readonly exceededTolerance: boolean;
  readonly manifestKey: string;
}

export async function runLocalMap<I>(
  items: readonly I[],
  selector: (item: I) => unknown,
  child: (input: unknown) => Promise<unknown>,
  opts: LocalMapOptions,
  out: { state: FakeAccountState; bucket: string; prefix: string; label: (item: I) => string },
): Promise<LocalMapRun> {
  const succeeded: object[] = [];
  const failed: object[] = [];
  const attempts: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      const input = selector(item);
      const label = out.label(item);
      for (let attempt = 1; ; attempt++) {
        attempts[label] = attempt;
        try {
          const output = await child(input);
          succeeded.push({ Input: JSON.stringify(input), Output: JSON.stringify(output), Status: 'SUCCEEDED' });
          break;
        } catch (e) {
          const err = e as Error;
          const retriable = opts.retry.errors.includes(err.name) || opts.retry.errors.includes('States.ALL');
          if (!retriable || attempt >= opts.retry.maxAttempts) {
            failed.push({ Input: JSON.stringify(input), Status: 'FAILED', Error: err.name, Cause: JSON.stringify({ errorType: err.name, errorMessage: err.message }) });
            break;
          }
          await new Promise((r) => setTimeout(r, opts.retry.intervalMs * opts.retry.backoffRate ** (attempt - 1)));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.maxConcurrency, items.length) }, worker));
  const run = `${out.prefix}map-run-1/`;
  const put = (key: string, body: unknown) => { out.state.s3Objects[`${out.bucket}/${key}`] = { body: JSON.stringify(body), headers: {} }; };
  put(`${run}SUCCEEDED_0.json`, succeeded);
  put(`${run}FAILED_0.json`, failed);
  put(`${run}manifest.json`, {
    DestinationBucket: out.bucket,
    MapRunArn: 'arn:aws:states:us-east-1:123456789012:mapRun:org/map-run-1',
    ResultFiles: { FAILED: [{ Key: `${run}FAILED_0.json`, Size: 1 }], PENDING: [], SUCCEEDED: [{ Key: `${run}SUCCEEDED_0.json`, Size: 1 }] },
  });
  return { attempts, exceededTolerance: (failed.length / Math.max(1, items.length)) * 100 > opts.toleratedFailurePercentage, manifestKey: `${run}manifest.json` };
}
