import { ListKeysCommand } from '@aws-sdk/client-kms';
import { GetBucketPolicyCommand, GetBucketVersioningCommand } from '@aws-sdk/client-s3';
import { fakeEnv, fixtureAccount, REGIONS, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { securityGroupAccount } from './fake-aws/scenarios';
import { FakeAws, FakeAwsOptions } from './fake-aws/server';
import { schemaErrors } from './schema';
import { AwsClients } from '../../src/scanner/runtime/clients';
import { runScan } from '../../src/scanner/runtime/engine';

async function withFake<T>(state: ConstructorParameters<typeof FakeAws>[0], opts: FakeAwsOptions, fn: (fake: FakeAws) => Promise<T>): Promise<T> {
  const fake = new FakeAws(state, opts);
  const url = await fake.start();
  try {
    return await withEnv(fakeEnv(url), () => fn(fake));
  } finally {
    await fake.stop();
  }
}

const SG_CHECK = 'ec2-sg-no-public-ssh';
// Generous: these tests wait out real SDK backoff and timeouts; none asserts a duration except against a deadline.
jest.setTimeout(120_000);
const base = { accountId: '123456789012', regions: ['eu-west-1'], checkIds: [SG_CHECK] };

describe('pagination through the real SDK paginators', () => {
  const PAGE = 5;
  test.each([PAGE - 1, PAGE, PAGE + 1, 2 * PAGE + 1])('%i security groups with page size 5: nothing lost or duplicated', async (n) => {
    await withFake(securityGroupAccount(n), { pageSize: PAGE }, async (fake) => {
      const report = await runScan({ ...base, pageSize: PAGE });
      expect(report.status).toBe('COMPLETE');
      const check = report.checks.find((c) => c.id === SG_CHECK)!;
      expect(check.counts.passed + check.counts.failed).toBe(n);
      expect(check.resourcesEvaluated).toBe(n);
      expect(check.counts.failed).toBe(Math.ceil(n / 10));
      expect(fake.stats.requests['ec2:DescribeSecurityGroups']).toBe(Math.max(1, Math.ceil(n / PAGE)));
      expect(report.apiStats.ec2.pages).toBe(Math.max(1, Math.ceil(n / PAGE)));
    });
  });

  test('2,500 security groups: every one evaluated exactly once', async () => {
    await withFake(securityGroupAccount(2500), { pageSize: 100 }, async (fake) => {
      const report = await runScan(base);
      expect(report.status).toBe('COMPLETE');
      const check = report.checks.find((c) => c.id === SG_CHECK)!;
      expect(check.resourcesEvaluated).toBe(2500);
      expect(report.findings).toHaveLength(250);
      expect(new Set(report.findings.map((f) => f.resourceId)).size).toBe(250);
      expect(fake.stats.requests['ec2:DescribeSecurityGroups']).toBe(25);
      expect(schemaErrors(report)).toEqual([]);
    });
  });
});

describe('throttling, 5xx and retries', () => {
  test('throttled calls are retried to completion and counted', async () => {
    // 300 groups in pages of 10 = 30 calls against a bucket of 2 tokens refilled at 40/s; the first two
    // are throttled whatever the pace, so a slow machine still sees throttling.
    await withFake(securityGroupAccount(300), { pageSize: 10, throttle: { ratePerSec: 40, burst: 2 }, throttleFirst: { 'ec2:DescribeSecurityGroups': 2 } }, async (fake) => {
      const report = await runScan({ ...base, checkIds: [SG_CHECK, 'ec2-vpc-flow-logs-enabled', 'ec2-ebs-attached-volume-encrypted'], maxAttempts: 20 });
      expect(report.errors).toEqual([]);
      expect(report.status).toBe('COMPLETE');
      expect(report.checks.find((c) => c.id === SG_CHECK)!.resourcesEvaluated).toBe(300);
      const throttled = Object.entries(fake.stats.throttled).filter(([k]) => k.startsWith('ec2:')).reduce((n, [, v]) => n + v, 0);
      expect(throttled).toBeGreaterThan(0);
      expect(report.apiStats.ec2.throttles).toBe(throttled);
      expect(report.apiStats.ec2.retries).toBe(throttled);
      expect(report.apiStats.ec2.attempts).toBe(fake.requestsFor('ec2'));
    });
  });

  test('5xx responses are retried and the scan completes', async () => {
    await withFake(fixtureAccount(), { fail5xx: { iam: 3, ec2: 2 } }, async (fake) => {
      const report = await runScan({ regions: REGIONS, credentialReportPollMs: 1 });
      expect(report.status).toBe('COMPLETE');
      expect(fake.stats.failed).toBe(5);
      expect(report.apiStats.iam.retries + report.apiStats.ec2.retries).toBe(5);
    });
  });
});

describe('pacing of throttled APIs whose answers are mostly 404s', () => {
  /** Buckets with versioning and nothing else: GetBucketPolicy, -Encryption, -OwnershipControls and GetPublicAccessBlock answer 404. */
  function bareBuckets(n: number) {
    const s = emptyAccount(['eu-west-1']);
    s.buckets = Array.from({ length: n }, (_, i) => ({ Name: `bucket-${i}`, Region: 'eu-west-1', versioning: 'Enabled' }));
    return s;
  }

  test('a 404 answer (NoSuchBucketPolicy) raises a paced API\'s rate exactly as a 200 does', async () => {
    await withFake(bareBuckets(1), {}, async () => {
      const clients = new AwsClients();
      try {
        const policy = clients.pacer('s3:eu-west-1:GetBucketPolicy');
        const versioning = clients.pacer('s3:eu-west-1:GetBucketVersioning');
        // Throttled with nothing admitted in the last second: both paced at the floor of 1 request/second.
        policy.throttled();
        versioning.throttled();
        expect([policy.rate, versioning.rate]).toEqual([1, 1]);
        const spec = (api: string, absentOn: string[] = []) => ({ service: 's3' as const, region: 'eu-west-1', api, resource: 'bucket-0', absentOn });
        for (let i = 0; i < 4; i++) {
          await expect(clients.call(spec('GetBucketPolicy', ['NoSuchBucketPolicy']), (c, abortSignal) =>
            c.send(new GetBucketPolicyCommand({ Bucket: 'bucket-0' }), { abortSignal }))).resolves.toBeNull();
          await expect(clients.send(spec('GetBucketVersioning'), (c, abortSignal) =>
            c.send(new GetBucketVersioningCommand({ Bucket: 'bucket-0' }), { abortSignal }))).resolves.toMatchObject({ Status: 'Enabled' });
        }
        expect(policy.rate).toBeGreaterThan(4); // 1 -> 3 -> 3.67 -> 4.21 -> 4.69 (+2/rate per admitted request)
        expect(policy.rate).toBeCloseTo(versioning.rate!, 9);
      } finally {
        clients.destroy();
      }
    });
  });

  test('seven S3 APIs throttled at once, four of them answering 404: every bucket collected, every throttle retried, before a deadline the old 1 request/second pace could not meet', async () => {
    const n = 60;
    const checkIds = ['s3-bucket-versioning', 's3-bucket-tls-only', 's3-bucket-public-access-block', 's3-bucket-kms-encryption', 's3-bucket-acls-disabled', 's3-bucket-access-logging'];
    // Each API's first three requests are throttled whatever the pace, so every pacer starts at the floor of
    // 1 request/second even on a machine too busy to exceed the 20/s bucket.
    const apis = ['policy', 'encryption', 'ownershipControls', 'publicAccessBlock', 'versioning', 'logging', 'acl'];
    const throttleFirst = Object.fromEntries(apis.map((api) => [`s3:GetBucket:${api}`, 3]));
    await withFake(bareBuckets(n), { throttle: { ratePerSec: 20, burst: 2 }, throttleFirst }, async (fake) => {
      // 60 calls per API at 20/s take about 3 s; an API stuck at 1 request/second needs about 60 s.
      const report = await runScan({ accountId: '123456789012', regions: ['eu-west-1'], checkIds, concurrency: 16, maxAttempts: 20, deadlineMs: 30_000 });
      expect(report.errors).toEqual([]);
      expect(report.status).toBe('COMPLETE');
      for (const id of checkIds) expect(`${id} ${report.checks.find((c) => c.id === id)!.resourcesEvaluated}`).toBe(`${id} ${n}`);
      const throttled = Object.entries(fake.stats.throttled).filter(([k]) => k.startsWith('s3:GetBucket:'));
      for (const [api, first] of Object.entries(throttleFirst)) expect(fake.stats.throttled[api] ?? 0).toBeGreaterThanOrEqual(first);
      const total = throttled.reduce((sum, [, v]) => sum + v, 0);
      expect(report.apiStats.s3.throttles).toBe(total);
      expect(report.apiStats.s3.retries).toBe(total);
      for (const api of ['policy', 'encryption', 'ownershipControls', 'publicAccessBlock', 'versioning']) {
        expect(fake.stats.requests[`s3:GetBucket:${api}`] - (fake.stats.throttled[`s3:GetBucket:${api}`] ?? 0)).toBe(n);
      }
    });
  });
});

describe('outages', () => {
  test('a hanging service opens its breaker; the scan ends PARTIAL before its deadline and every other service completes', async () => {
    const deadlineMs = 30_000;
    await withFake(fixtureAccount(), { hang: ['kms'] }, async () => {
      const report = await runScan({
        regions: REGIONS,
        credentialReportPollMs: 1,
        deadlineMs,
        callTimeoutMs: 10_000,
        // long enough that the services that answer are never cut off on a busy machine; the hung one is
        requestTimeoutMs: 2_000,
        maxAttempts: 2,
        breakerThreshold: 1,
        breakerCooldownMs: 60_000,
        concurrencyByService: { kms: 1 },
      });
      expect(report.status).toBe('PARTIAL');
      expect(report.durationMs).toBeLessThan(deadlineMs);
      expect(report.services.kms).toMatchObject({ status: 'ERROR', breakerState: 'OPEN', datasetsCollected: 0 });
      expect(report.apiStats.kms.shortCircuited).toBeGreaterThanOrEqual(1);
      for (const [svc, s] of Object.entries(report.services)) if (svc !== 'kms') expect(`${svc} ${s.status}`).toBe(`${svc} OK`);
      for (const c of report.checks) {
        if (c.category === 'kms') expect(c.status).toBe('ERROR');
        // who manages a table's key is KMS's answer (DescribeKey): unknown, the two tables are ERROR, never PASS
        else if (c.id === 'dynamodb-table-kms-cmk') expect(c.counts).toMatchObject({ passed: 0, errored: 2 });
        // a log group's key policy is KMS's answer too: each Region ERROR
        else if (c.id === 'logs-key-allows-logs') expect(c.counts).toMatchObject({ passed: 0, errored: 2 });
        else expect(`${c.id} errored ${c.counts.errored}`).toBe(`${c.id} errored 0`);
      }
      expect(report.score.byCategory.kms?.score).toBeNull();
      expect(report.score.overall).not.toBeNull();
      const kmsErrors = report.errors.filter((e) => e.service === 'kms');
      expect(kmsErrors.map((e) => e.code).sort()).toEqual(['CircuitOpen', 'TimeoutError']);
      expect(kmsErrors.every((e) => e.api === 'ListKeys' && REGIONS.includes(e.region))).toBe(true);
      expect(report.errors.filter((e) => e.service !== 'kms')).toEqual([]);
      expect(schemaErrors(report)).toEqual([]);
    });
  });

  test('a service that stops answering mid-scan costs seconds: once its breaker opens, queued calls fail at once and give their slots back', async () => {
    // Two Regions with 40 keys each; KMS answers ListKeys, then never answers DescribeKey. With 2
    // slots, the first two DescribeKey calls time out and open the breaker; every later call must
    // fail at once. Before the fix, each short-circuited call kept its slot, so the second Region's
    // calls waited for a slot that never came and the scan ran to its deadline.
    const state = fixtureAccount();
    for (const region of REGIONS) {
      state.regions[region].kmsKeys = Array.from({ length: 40 }, (_, i) => ({ KeyId: `${region}-key-${i}`, KeyManager: 'CUSTOMER' as const, KeyState: 'Enabled', rotation: true }));
    }
    const deadlineMs = 60_000;
    await withFake(state, { hangApis: ['kms:DescribeKey'] }, async () => {
      const report = await runScan({
        regions: REGIONS,
        credentialReportPollMs: 1,
        deadlineMs,
        // long enough that the services that answer are never cut off on a busy machine; the hung calls
        // cost one timeout each until the breaker opens
        callTimeoutMs: 3_000,
        requestTimeoutMs: 2_000,
        maxAttempts: 1,
        breakerThreshold: 1,
        breakerCooldownMs: 600_000,
        concurrencyByService: { kms: 2 },
      });
      expect(report.status).toBe('PARTIAL');
      expect(report.statusReasons.join(' ')).not.toContain('deadline');
      expect(report.durationMs).toBeLessThan(15_000);
      expect(report.services.kms).toMatchObject({ status: 'ERROR', breakerState: 'OPEN' });
      for (const [svc, s] of Object.entries(report.services)) if (svc !== 'kms') expect(`${svc} ${s.status}`).toBe(`${svc} OK`);
      expect(report.errors.filter((e) => e.service !== 'kms')).toEqual([]);
    });
  });

  test('a short-circuited call gives its concurrency slot back', async () => {
    await withFake(fixtureAccount(), { hang: ['kms'] }, async () => {
      const clients = new AwsClients({
        callTimeoutMs: 300, requestTimeoutMs: 200, maxAttempts: 1, breakerThreshold: 1, breakerCooldownMs: 600_000, concurrencyByService: { kms: 1 },
      });
      try {
        const call = () => clients.send({ service: 'kms', region: REGIONS[0], api: 'ListKeys' }, (c, signal) => c.send(new ListKeysCommand({}), { abortSignal: signal }));
        await expect(call()).rejects.toThrow();
        // The breaker is open: each of these must fail at once, even with a single slot. A slot kept
        // by the first short-circuited call would leave the second waiting forever.
        const within = async <T>(p: Promise<T>, ms: number): Promise<T> => {
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`still waiting for a slot after ${ms} ms`)), ms);
          });
          try {
            return await Promise.race([p, late]);
          } finally {
            clearTimeout(timer);
          }
        };
        for (let i = 0; i < 5; i++) await expect(within(call(), 2_000)).rejects.toThrow(/circuit breaker for kms is open/);
        expect(clients.statsFor('kms').shortCircuited).toBe(5);
      } finally {
        clients.destroy();
      }
    });
  });

  test('the overall deadline writes a PARTIAL report instead of waiting on a hung call', async () => {
    await withFake(fixtureAccount(), { hang: ['ec2'] }, async () => {
      const report = await runScan({ accountId: '123456789012', regions: REGIONS, deadlineMs: 1500, callTimeoutMs: 600_000, requestTimeoutMs: 600_000, credentialReportPollMs: 1 });
      expect(report.status).toBe('PARTIAL');
      expect(report.statusReasons.join(' ')).toContain('deadline');
      expect(report.durationMs).toBeLessThan(20_000);
      expect(report.services.ec2.status).toBe('ERROR');
      expect(report.services.iam.status).toBe('OK');
      expect(report.checks.find((c) => c.id === 'iam-no-admin-star-policy')!.status).toBe('FAIL');
    });
  });

  test('nothing reachable: FAILED with a reason, never a score of 100', async () => {
    await withEnv({ ...fakeEnv('http://127.0.0.1:1'), AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, async () => {
      const report = await runScan({ maxAttempts: 1, connectionTimeoutMs: 500 });
      expect(report.status).toBe('FAILED');
      expect(report.statusReasons[0]).toContain('sts:GetCallerIdentity');
      expect(report.score.overall).toBeNull();
      expect(report.errors[0]).toMatchObject({ service: 'sts', api: 'GetCallerIdentity', region: 'us-east-1' });
      expect(schemaErrors(report)).toEqual([]);
    });
  });
});

describe('endpoint variables', () => {
  test('AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL, natively in the SDK', async () => {
    const general = new FakeAws(fixtureAccount());
    const ec2Only = new FakeAws(fixtureAccount());
    const [g, e] = [await general.start(), await ec2Only.start()];
    try {
      await withEnv({ ...fakeEnv(g), AWS_ENDPOINT_URL_EC2: e }, async () => {
        const report = await runScan({ accountId: '123456789012', regions: ['eu-west-1'], checkIds: [SG_CHECK, 'kms-key-rotation'] });
        expect(report.status).toBe('COMPLETE');
      });
      expect(ec2Only.requestsFor('ec2')).toBeGreaterThan(0);
      expect(general.requestsFor('ec2')).toBe(0);
      expect(general.requestsFor('kms')).toBeGreaterThan(0);
      expect(ec2Only.requestsFor('kms')).toBe(0);
    } finally {
      await general.stop();
      await ec2Only.stop();
    }
  });
});
