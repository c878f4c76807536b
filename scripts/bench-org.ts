/**
 * Organization scan benchmark: the child's measured time for one account of 10,000 resources on
 * the fake AWS endpoint (own process, 50 ms latency, 20 requests/second per API, the member role
 * assumed with sts:AssumeRole), with the Distributed Map's concurrency and the API rate limits,
 * gives the modelled wall time and cost of 100, 1,000 and 5,000 accounts x 4 Regions. Prints the
 * model's inputs next to its outputs; asserts nothing.
 *
 *   npx projen bench:org          env: BENCH_MAP_CONCURRENCY (default 100, the construct's default)
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { createInterface } from 'readline';
import { ItemResult, scanItem } from '../src/organization-scanner/runtime/member';
import { buildItems, ScanItem } from '../src/organization-scanner/runtime/targets';
import { selectChecks } from '../src/scanner/runtime/engine';
import { BENCH_MIX, BENCH_REGION } from '../test/scanner/fake-aws/scenarios';

const ROOT = path.join(__dirname, '..');
const ACCOUNT = '210987654321';
const REGIONS_PER_ACCOUNT = 4;
const LATENCY_MS = 50;
const RATE = 20;

/** Prices (us-east-1, on-demand, USD) and quotas the model uses: inputs, printed with the outputs. */
const INPUTS = {
  lambdaGbSecondArm: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  itemMemoryGb: 1,
  stepFunctionsPerThousandTransitions: 0.025,
  /** Per child execution: its start, the Lambda task, its end; a retried attempt adds one. */
  transitionsPerChild: 3,
  s3PerThousandPuts: 0.005,
  /** Item report and latest.json, plus the result writer's share. */
  putsPerItem: 2.1,
  dynamodbPerMillionWrites: 0.625,
  /** Lambda concurrent executions, default quota per account and Region. */
  lambdaConcurrencyQuota: 1000,
  /** sts:AssumeRole calls per second the scanner account may make (assumed quota, per account and Region). */
  stsAssumeRolePerSecond: 500,
  /** Distributed Map: child executions running at once, at most. */
  mapMaxConcurrency: 10_000,
};

async function startFake(): Promise<{ url: string; stop: () => void }> {
  const opts = { latencyMs: LATENCY_MS, throttle: { ratePerSec: RATE, burst: RATE }, pageSize: 100 };
  const child: ChildProcess = spawn(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', '--project', path.join(ROOT, 'tsconfig.dev.json'),
    path.join(ROOT, 'test/scanner/fake-aws/serve.ts'), 'bench-org', JSON.stringify(opts)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { url: (JSON.parse(line) as { url: string }).url, stop: () => child.stdin!.end() };
}

const fmt = (ms: number) => (ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);

async function main(): Promise<void> {
  const concurrency = Number(process.env.BENCH_MAP_CONCURRENCY ?? 100);
  const fake = await startFake();
  Object.assign(process.env, { AWS_ENDPOINT_URL: fake.url, AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' });
  const measured: Array<{ item: ScanItem; result: ItemResult; ms: number }> = [];
  try {
    // One account: its 10,000-resource Region, an empty Region, and its global services (IAM, S3).
    const items = buildItems([{ id: ACCOUNT, name: 'bench', status: 'ACTIVE' }], [BENCH_REGION, 'us-east-1'], selectChecks().map((c) => c.id), 'us-east-1');
    for (const item of items) {
      const t0 = Date.now();
      const result = await scanItem(item, { roleName: 'ComplianceScannerMember', externalId: 'bench', stsRegion: 'us-east-1', deadlineMs: 840_000, concurrency: 16, maxAttempts: 10 });
      measured.push({ item, result, ms: Date.now() - t0 });
    }
  } finally {
    fake.stop();
  }
  const heavy = measured.find((m) => m.item.scope === BENCH_REGION)!;
  const empty = measured.find((m) => m.item.scope === 'us-east-1')!;
  const globals = measured.filter((m) => m.item.scope.startsWith('global:'));
  console.log(`fake endpoint (own process): ${LATENCY_MS} ms latency, ${RATE} requests/s per API; one account of ${Object.values(BENCH_MIX).reduce((a, b) => a + b, 0)} resources in ${BENCH_REGION}`);
  console.log('measured, one child per item (AssumeRole + engine, no outputs):');
  for (const m of measured) {
    console.log(`  ${m.item.scope.padEnd(12)} ${fmt(m.ms).padStart(8)}  status ${m.result.status}, ${m.item.checkIds.length} checks, ${m.result.findings} findings, ${m.result.apiErrors} API errors`);
  }

  // Model. Items of one account share nothing but its per-account API limits, already in the measured times
  // (the fake throttles per API); items of different accounts share only the scanner account's quotas.
  const perAccount = {
    /** An account with 10,000 resources in one Region and three near-empty ones. */
    typical: heavy.ms + (REGIONS_PER_ACCOUNT - 1) * empty.ms + globals.reduce((n, g) => n + g.ms, 0),
    /** Every Region as heavy as the measured one. */
    heavy: REGIONS_PER_ACCOUNT * heavy.ms + globals.reduce((n, g) => n + g.ms, 0),
  };
  const itemsPerAccount = REGIONS_PER_ACCOUNT + globals.length;
  const longest = Math.max(...measured.map((m) => m.ms));
  const c = Math.min(concurrency, INPUTS.lambdaConcurrencyQuota, INPUTS.mapMaxConcurrency);
  console.log('\nmodel inputs:');
  console.log(`  Regions per account ${REGIONS_PER_ACCOUNT}; items per account ${itemsPerAccount} (${REGIONS_PER_ACCOUNT} Regions + ${globals.map((g) => g.item.scope).join(', ')})`);
  console.log(`  child time per account: typical ${fmt(perAccount.typical)} (one 10k Region, ${REGIONS_PER_ACCOUNT - 1} empty), heavy ${fmt(perAccount.heavy)} (every Region 10k); longest item ${fmt(longest)}`);
  console.log(`  Distributed Map concurrency ${concurrency} (effective ${c}: Lambda quota ${INPUTS.lambdaConcurrencyQuota}, Map limit ${INPUTS.mapMaxConcurrency}); AssumeRole ${INPUTS.stsAssumeRolePerSecond}/s (assumed)`);
  console.log(`  prices: Lambda arm64 $${INPUTS.lambdaGbSecondArm}/GB-s at ${INPUTS.itemMemoryGb} GB + $${INPUTS.lambdaPerMillionRequests}/M requests; Step Functions $${INPUTS.stepFunctionsPerThousandTransitions}/1k transitions `
    + `(${INPUTS.transitionsPerChild} per child); S3 $${INPUTS.s3PerThousandPuts}/1k PUT (${INPUTS.putsPerItem} per item); DynamoDB $${INPUTS.dynamodbPerMillionWrites}/M writes`);
  console.log('  wall = max(total child time / concurrency, items / AssumeRole rate) + longest item (list scheduling bound)');
  const findingsPerAccount = measured.reduce((n, m) => n + m.result.findings, 0);
  console.log('\nmodel outputs:');
  const rows: string[] = [];
  for (const accounts of [100, 1000, 5000]) {
    for (const [kind, ms] of Object.entries(perAccount)) {
      for (const cc of [...new Set([c, 1000])]) {
        const items = accounts * itemsPerAccount;
        const total = accounts * ms;
        const wall = Math.max(total / cc, (items / INPUTS.stsAssumeRolePerSecond) * 1000) + longest;
        const cost = (total / 1000) * INPUTS.itemMemoryGb * INPUTS.lambdaGbSecondArm + (items / 1e6) * INPUTS.lambdaPerMillionRequests
          + (items * INPUTS.transitionsPerChild / 1000) * INPUTS.stepFunctionsPerThousandTransitions
          + (items * INPUTS.putsPerItem / 1000) * INPUTS.s3PerThousandPuts
          + (accounts * findingsPerAccount / 1e6) * INPUTS.dynamodbPerMillionWrites;
        rows.push(`  ${String(accounts).padStart(5)} accounts x ${REGIONS_PER_ACCOUNT} Regions, ${kind.padEnd(7)} concurrency ${String(cc).padStart(4)}: ${String(items).padStart(6)} items, `
          + `wall ${fmt(wall).padStart(9)}, cost $${cost.toFixed(2)} per run`);
      }
    }
  }
  console.log(rows.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
