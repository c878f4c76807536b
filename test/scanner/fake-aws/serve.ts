/**
 * Runs FakeAws in its own process (benchmarks: the fake must not share the scanner's event loop
 * and CPU). Prints `{"url": ...}` on stdout; `GET /__fake/stats` returns its statistics;
 * exits when stdin closes. Usage: ts-node serve.ts <scenario> '<FakeAwsOptions JSON>'
 */
import { benchAccount, securityGroupAccount } from './scenarios';
import { FakeAws } from './server';

const scenarios: Record<string, () => ReturnType<typeof benchAccount>> = {
  bench: benchAccount,
  sg2500: () => securityGroupAccount(2500),
};

async function main(): Promise<void> {
  const [name, opts] = process.argv.slice(2);
  const fake = new FakeAws(scenarios[name](), JSON.parse(opts ?? '{}'));
  await fake.start();
  process.stdout.write(JSON.stringify({ url: fake.url }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', () => void fake.stop().then(() => process.exit(0)));
}

void main();
