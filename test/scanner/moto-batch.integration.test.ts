/**
 * The Batch job definition checks against moto in server mode, through the real SDK: job
 * definitions registered with and without retries, timeouts and privilege, one revision
 * deregistered (INACTIVE, not judged), must yield exactly the expected findings.
 *
 * What moto does not do, and where it is covered instead: moto answers DescribeJobDefinitions in
 * one page (it ignores maxResults and never returns nextToken) and drops ECS and multi-node
 * properties from its answer; the paging and those container shapes are covered against the fake
 * endpoint (batch.fake.test.ts) and by the collector's unit test (checks/batch.test.ts).
 */
import { BatchClient, DeregisterJobDefinitionCommand, RegisterJobDefinitionCommand } from '@aws-sdk/client-batch';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const IMAGE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';
const CHECKS = ['batch-job-retry-strategy', 'batch-job-timeout', 'batch-no-privileged-containers'];
const resources = { resourceRequirements: [{ type: 'VCPU' as const, value: '1' }, { type: 'MEMORY' as const, value: '2048' }] };

describe('Batch checks against moto (server mode)', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const batch = new BatchClient({ region: REGION });
      const register = (name: string, extra: Record<string, unknown>, privileged = false) => batch.send(new RegisterJobDefinitionCommand({
        jobDefinitionName: name, type: 'container', containerProperties: { image: IMAGE, privileged, ...resources }, ...extra,
      }));
      await register('compliant', { retryStrategy: { attempts: 3 }, timeout: { attemptDurationSeconds: 3600 } });
      await register('no-retry-no-timeout', {});
      await register('single-attempt', { retryStrategy: { attempts: 1 }, timeout: { attemptDurationSeconds: 600 } });
      await register('privileged', { retryStrategy: { attempts: 2 }, timeout: { attemptDurationSeconds: 600 } }, true);
      const gone = await register('deregistered', {}, true);
      await batch.send(new DeregisterJobDefinitionCommand({ jobDefinition: gone.jobDefinitionArn }));
      batch.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('every ACTIVE job definition yields exactly the expected findings', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: CHECKS, pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('COMPLETE');
    expect(report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':').slice(5).join(':')}`).sort()).toEqual([
      'batch-job-retry-strategy job-definition/no-retry-no-timeout:1',
      'batch-job-retry-strategy job-definition/single-attempt:1',
      'batch-job-timeout job-definition/no-retry-no-timeout:1',
      'batch-no-privileged-containers job-definition/privileged:1',
    ]);
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.notApplicable}`]));
    expect(counts).toEqual({ 'batch-job-retry-strategy': '2/2/0', 'batch-job-timeout': '3/1/0', 'batch-no-privileged-containers': '3/1/0' });
    expect(schemaErrors(report)).toEqual([]);
  });
});
