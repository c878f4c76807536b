/**
 * Benchmark of the sample worker's processing: records per second on this machine, and the array
 * size that implies for one million records in a four-hour window (BatchScale.requiredArraySize,
 * headroom 2).
 *
 *   npx ts-node --project tsconfig.dev.json scripts/bench-batch-worker.ts [records]
 *
 * It measures parsing, checking and aggregation in memory; reading from S3 through the gateway
 * endpoint comes on top, so measure a real run before trusting the number for production.
 */
import { Duration } from 'aws-cdk-lib';
import { processFile, syntheticTransactions } from '../examples/batch-worker/transactions';
import { BatchScale } from '../src';

const records = Number(process.argv[2] ?? '1000000');
const content = syntheticTransactions(records);
processFile(syntheticTransactions(10_000), 0, 1); // warm-up
const rounds = 3;
let best = Infinity;
for (let i = 0; i < rounds; i++) {
  const start = process.hrtime.bigint();
  const result = processFile(content, 0, 1);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.records !== records) {
    throw new Error(`processed ${result.records} records, expected ${records}`);
  }
  best = Math.min(best, seconds);
}
const perSecond = Math.floor(records / best);
const window = Duration.hours(4);
console.log(`records: ${records}, best of ${rounds}: ${best.toFixed(3)} s, ${perSecond} records/s per worker`);
console.log(`array size for 1,000,000 records in 4 hours (headroom 2): ${BatchScale.requiredArraySize(1_000_000, perSecond, window, 2)}`);
console.log(`one worker would process 1,000,000 records in ${(1_000_000 / perSecond).toFixed(1)} s of the ${window.toSeconds()} s window`);
