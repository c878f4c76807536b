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
  const options = JSON.parse(opts ?? '{}');
  // `bench-org`: the benchmark account as the one member of an organization (its role assumed with AssumeRole).
  if (name === 'bench-org') {
    options.organization = {
      rootId: 'r-bench',
      ous: [],
      roleName: 'ComplianceScannerMember',
      accounts: [{ Id: '210987654321', Name: 'bench', Status: 'ACTIVE', parentId: 'r-bench', state: { ...benchAccount(), accountId: '210987654321' } }],
    };
  }
  const fake = new FakeAws(scenarios[name === 'bench-org' ? 'bench' : name](), options);
  await fake.start();
  process.stdout.write(JSON.stringify({ url: fake.url }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', () => void fake.stop().then(() => process.exit(0)));
}

void main();
