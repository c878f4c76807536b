/**
 * Scanner benchmark: 10,000 resources behind the fake AWS endpoint (in its own process) with
 * 50 ms latency and a 20 requests/second token bucket per API. Prints numbers; asserts nothing.
 *
 *   npx projen bench:scanner        [-- --skip-baseline]
 *   env: BENCH_CONCURRENCY (default 16), BENCH_RETRY_MODE (standard | adaptive), BENCH_PACING (1 | 0)
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { createInterface } from 'readline';
import { AwsClients } from '../src/scanner/runtime/clients';
import { COLLECTORS } from '../src/scanner/runtime/collectors';
import { runScan, selectChecks } from '../src/scanner/runtime/engine';
import { DatasetKey, GLOBAL_DATASETS } from '../src/scanner/runtime/model';
import { writeFindings } from '../src/scanner/runtime/outputs';
import { BENCH_MIX, BENCH_REGION } from '../test/scanner/fake-aws/scenarios';
import { FakeAwsOptions, FakeAwsStats } from '../test/scanner/fake-aws/server';

const ROOT = path.join(__dirname, '..');
const RATE = 20;
const BURST = 20;
const LATENCY_MS = 50;
const FAKE_PAGE = 100;
const CHECKS = selectChecks().filter((c) => !c.id.startsWith('iam-') && !c.id.startsWith('cloudtrail-')).map((c) => c.id);
const TOTAL = Object.values(BENCH_MIX).reduce((a, b) => a + b, 0);
/** Resources each check must see: the check that covers each resource type. */
const COVERAGE: Array<[string, number]> = [
  ['ec2-sg-no-public-ssh', BENCH_MIX.securityGroups], ['ec2-ebs-attached-volume-encrypted', BENCH_MIX.volumes],
  ['ec2-ebs-snapshot-not-public', BENCH_MIX.snapshots], ['ec2-nacl-no-public-admin-ports', BENCH_MIX.networkAcls],
  ['ec2-vpc-flow-logs-enabled', BENCH_MIX.vpcs], ['kms-key-rotation', BENCH_MIX.kmsKeys], ['lambda-supported-runtime', BENCH_MIX.functions],
  ['rds-instance-not-public', BENCH_MIX.dbInstances], ['s3-bucket-versioning', BENCH_MIX.buckets],
];

interface Fake {
  url: string;
  stats(): Promise<FakeAwsStats>;
  stop(): void;
}

async function startFake(opts: FakeAwsOptions): Promise<Fake> {
  const child: ChildProcess = spawn(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', '--project', path.join(ROOT, 'tsconfig.dev.json'),
    path.join(ROOT, 'test/scanner/fake-aws/serve.ts'), 'bench', JSON.stringify(opts)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const url = (JSON.parse(line) as { url: string }).url;
  return {
    url,
    stats: async () => (await (await fetch(`${url}/__fake/stats`)).json()) as FakeAwsStats,
    stop: () => child.stdin!.end(),
  };
}

function useFake(url: string): void {
  Object.assign(process.env, { AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' });
}

/** Best time the rate limits allow: per API, (successful requests - burst) / rate, plus one latency. */
function lowerBoundMs(stats: FakeAwsStats): { ms: number; api: string } {
  let worst = { ms: 0, api: '' };
  for (const [api, n] of Object.entries(stats.requests)) {
    const ok = n - (stats.throttled[api] ?? 0);
    const ms = (Math.max(0, ok - BURST) / RATE) * 1000 + LATENCY_MS;
    if (ms > worst.ms) worst = { ms, api };
  }
  return worst;
}

function table(rows: Array<Record<string, string | number>>): string {
  const cols = Object.keys(rows[0] ?? {});
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r: Record<string, string | number>) => cols.map((c, i) => String(r[c]).padStart(w[i])).join('  ');
  return [line(Object.fromEntries(cols.map((c) => [c, c]))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const fakeOpts: FakeAwsOptions = { latencyMs: LATENCY_MS, throttle: { ratePerSec: RATE, burst: BURST }, pageSize: FAKE_PAGE };
  const retryMode = (process.env.BENCH_RETRY_MODE as 'standard' | 'adaptive' | undefined) ?? 'standard';
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
  const pacing = process.env.BENCH_PACING !== '0';
  console.log(`resources: ${TOTAL} (${Object.entries(BENCH_MIX).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  console.log(`fake (own process): ${LATENCY_MS} ms latency, token bucket ${RATE} req/s (burst ${BURST}) per API, pages of at most ${FAKE_PAGE}`);
  console.log(`engine: ${CHECKS.length} checks, concurrency ${concurrency} per service, retry mode ${retryMode}, per-API pacing ${pacing ? 'on' : 'off'}\n`);

  let engineWall = NaN;
  const fake = await startFake(fakeOpts);
  try {
    useFake(fake.url);
    const t0 = Date.now();
    const done: string[] = [];
    const report = await runScan({
      accountId: '123456789012',
      regions: [BENCH_REGION],
      checkIds: CHECKS,
      concurrency,
      retryMode,
      pacing,
      maxAttempts: 10,
      deadlineMs: 900_000,
      onProgress: (e) => done.push(`${e.dataset} ${((Date.now() - t0) / 1000).toFixed(1)}s`),
    });
    engineWall = Date.now() - t0;
    const lost = COVERAGE.map(([id, n]) => n - (report.checks.find((c) => c.id === id)?.resourcesEvaluated ?? 0)).reduce((a, b) => a + b, 0);
    console.log(`engine: status ${report.status}, wall ${(engineWall / 1000).toFixed(2)} s, resources lost ${lost} of ${TOTAL}, findings ${report.findings.length}`);
    console.log(`datasets done at: ${done.join(', ')}`);
    console.log(table(Object.entries(report.apiStats).map(([svc, s]) => ({
      service: svc, calls: s.calls, pages: s.pages, attempts: s.attempts, throttles: s.throttles, retries: s.retries, errors: s.errors,
    }))));
    const lb = lowerBoundMs(await fake.stats());
    console.log(`rate-limit lower bound ${(lb.ms / 1000).toFixed(2)} s (${lb.api}); wall / lower bound = ${(engineWall / lb.ms).toFixed(2)}`);

    const clients = new AwsClients({ concurrency });
    const t1 = Date.now();
    const w = await writeFindings(clients, 'us-east-1', { table: 'findings' }, report);
    clients.destroy();
    console.log(`dynamodb: ${w.written} findings in ${w.calls} BatchWriteItem calls (ceil(${w.written}/25) = ${Math.ceil(w.written / 25)}, `
      + `+ ${w.unprocessedRetries} UnprocessedItems retries), ${((Date.now() - t1) / 1000).toFixed(2)} s`);
  } finally {
    fake.stop();
  }

  if (!process.argv.includes('--skip-baseline')) {
    // Naive baseline: the same collectors, one dataset after another and one call at a time.
    const base = await startFake(fakeOpts);
    try {
      useFake(base.url);
      const clients = new AwsClients({ concurrency: 1, maxAttempts: 10, pacing: false });
      const ctx = { clients, accountId: '123456789012', partition: 'aws', regions: [BENCH_REGION], homeRegion: 'us-east-1' };
      const datasets = [...new Set(selectChecks(CHECKS).flatMap((c) => c.datasets))] as DatasetKey[];
      const t0 = Date.now();
      for (const d of datasets) await COLLECTORS[d](ctx, GLOBAL_DATASETS.has(d) ? 'global' : BENCH_REGION);
      const wall = Date.now() - t0;
      clients.destroy();
      const calls = Object.values(clients.stats).reduce((n, s) => n + s.calls, 0);
      console.log(`\nnaive sequential baseline: ${(wall / 1000).toFixed(2)} s, ${calls} calls; the engine is ${(wall / engineWall).toFixed(1)}x faster`);
    } finally {
      base.stop();
    }
  }

  const bundle = path.join(ROOT, 'assets', 'scanner', 'runtime', 'scanner.lambda', 'index.js');
  console.log(fs.existsSync(bundle)
    ? `lambda bundle: ${(fs.statSync(bundle).size / 1024 / 1024).toFixed(2)} MiB (assets/scanner/runtime/scanner.lambda/index.js, unminified, SDK v3 included)`
    : 'lambda bundle: not built (run npx projen bundle)');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
