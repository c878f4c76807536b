/**
 * The Batch job definition checks against the fake endpoint, through the real SDK: the collector
 * pages DescribeJobDefinitions (a page of 2 for 5 revisions), keeps ACTIVE revisions only, and a
 * listing that fails leaves the checks ERROR for that Region with the API's error in the report.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeJobDefinition } from './fake-aws/model';
import { FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECKS = ['batch-job-retry-strategy', 'batch-job-timeout', 'batch-no-privileged-containers'];
const CE_CHECK = 'batch-compute-environment-imdsv2';

function account() {
  const s = emptyAccount(['eu-west-1', 'us-east-1']);
  const good = (name: string, revision = 1): FakeJobDefinition => ({
    jobDefinitionName: name,
    revision,
    type: 'container',
    platformCapabilities: ['FARGATE'],
    containerProperties: { image: 'public.ecr.aws/x/y:1', privileged: false },
    retryStrategy: { attempts: 3 },
    timeout: { attemptDurationSeconds: 3600 },
  });
  s.regions['eu-west-1'].jobDefinitions = [
    good('pipeline'),
    { ...good('pipeline', 2), retryStrategy: undefined, timeout: undefined },
    { ...good('old-privileged'), status: 'INACTIVE', containerProperties: { image: 'i', privileged: true } },
    { ...good('eks-privileged'), type: 'container', containerProperties: undefined, platformCapabilities: ['EC2'], eksProperties: { podProperties: { containers: [{ image: 'i', securityContext: { privileged: true } }] } } },
    { ...good('single-attempt'), retryStrategy: { attempts: 1 } },
  ];
  s.regions['eu-west-1'].launchTemplates = [
    { LaunchTemplateId: 'lt-0123456789abcdef0', LaunchTemplateName: 'pipeline', defaultVersion: 1, versions: [{ HttpTokens: 'required' }, { HttpTokens: 'optional' }] },
    { LaunchTemplateId: 'lt-0fedcba9876543210', LaunchTemplateName: 'legacy', defaultVersion: 1, versions: [{}] },
  ];
  const ec2 = (name: string, launchTemplate?: { launchTemplateId?: string; launchTemplateName?: string; version?: string }, type = 'EC2') =>
    ({ computeEnvironmentName: name, type: 'MANAGED' as const, computeResources: { type, subnets: ['subnet-1'], launchTemplate } });
  s.regions['eu-west-1'].computeEnvironments = [
    ec2('default-version', { launchTemplateId: 'lt-0123456789abcdef0' }),
    ec2('latest-version', { launchTemplateName: 'pipeline', version: '$Latest' }),
    ec2('version-1', { launchTemplateName: 'pipeline', version: '1' }, 'SPOT'),
    ec2('legacy', { launchTemplateName: 'legacy' }),
    ec2('no-template'),
    ec2('fargate', undefined, 'FARGATE'),
    ec2('deleted-template', { launchTemplateId: 'lt-0000000000000dead' }),
  ];
  s.regions['eu-west-1'].instances = [
    { InstanceId: 'i-0000000000000001', HttpTokens: 'required' },
    { InstanceId: 'i-0000000000000002' },
    { InstanceId: 'i-0000000000000003', HttpTokens: 'optional', State: 'terminated' },
    { InstanceId: 'i-0000000000000004', HttpTokens: 'required', State: 'stopped' },
    { InstanceId: 'i-0000000000000005', HttpEndpoint: 'disabled' },
    { InstanceId: 'i-0000000000000006', HttpTokens: 'optional' },
  ];
  return s;
}

describe('Batch job definition checks against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  afterEach(() => fake.stop());

  test('every ACTIVE revision is judged, across pages', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: CHECKS, pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('COMPLETE');
    expect(report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':').slice(5).join(':')}`).sort()).toEqual([
      'batch-job-retry-strategy job-definition/pipeline:2',
      'batch-job-retry-strategy job-definition/single-attempt:1',
      'batch-job-timeout job-definition/pipeline:2',
      'batch-no-privileged-containers job-definition/eks-privileged:1',
    ]);
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.notApplicable}`]));
    expect(counts).toEqual({ 'batch-job-retry-strategy': '2/2/0', 'batch-job-timeout': '3/1/0', 'batch-no-privileged-containers': '3/1/0' });
    // 5 revisions (4 ACTIVE, filtered by the service) in pages of 2, plus one empty page in us-east-1; collected once for the three checks.
    expect(fake.stats.requests['batch:DescribeJobDefinitions']).toBe(3);
    expect(schemaErrors(report)).toEqual([]);
  });

  test('compute environments across pages: the launch template version each names, $Default and $Latest resolved by EC2', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [CE_CHECK], pageSize: 2 }));
    expect(report.findings.map((f) => f.resourceId.split('/').pop()).sort()).toEqual(['latest-version', 'legacy', 'no-template']);
    const check = report.checks[0];
    expect([check.counts.passed, check.counts.failed, check.counts.notApplicable, check.counts.errored]).toEqual([2, 3, 1, 1]);
    expect(check.errors).toEqual([expect.objectContaining({ region: 'eu-west-1', code: 'ResourceDataUnavailable', resource: expect.stringContaining('deleted-template') })]);
    expect(check.errors[0].message).toContain('InvalidLaunchTemplateId.NotFound');
    expect(report.errors).toContainEqual(expect.objectContaining({ service: 'ec2', api: 'DescribeLaunchTemplateVersions', code: 'InvalidLaunchTemplateId.NotFound', resource: 'lt-0000000000000dead:$Default' }));
    // 7 compute environments in pages of 2 (4) plus one empty page in us-east-1; 5 launch template reads (not for Fargate, nor without a template)
    expect(fake.stats.requests['batch:DescribeComputeEnvironments']).toBe(5);
    expect(fake.stats.requests['ec2:DescribeLaunchTemplateVersions']).toBe(5);
    expect(report.findings.find((f) => f.resourceId.endsWith('/latest-version'))!.reason).toBe('launch template pipeline version $Latest has HttpTokens optional: IMDSv1 answers');
    expect(schemaErrors(report)).toEqual([]);
  });

  test('instances across pages: terminated ones are not judged; a failed listing is ERROR for its Region', async () => {
    fake = new FakeAws(account(), { pageSize: 5, fail5xx: {} });
    url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: ['ec2-instance-imdsv2'], pageSize: 5 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/').pop()).sort()).toEqual(['i-0000000000000002', 'i-0000000000000006']);
    const c = report.checks[0].counts;
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([3, 2, 0, 0]);
    // 6 reservations in pages of 5 (2) plus one empty page in us-east-1
    expect(fake.stats.requests['ec2:DescribeInstances']).toBe(3);
    await fake.stop();

    fake = new FakeAws(account(), { fail5xx: { ec2: 1000 } });
    url = await fake.start();
    const failed = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['ec2-instance-imdsv2'], maxAttempts: 2 }));
    expect(failed.checks[0].status).toBe('ERROR');
    expect(failed.errors).toContainEqual(expect.objectContaining({ service: 'ec2', region: 'eu-west-1', api: 'DescribeInstances', code: 'InternalError' }));
  });

  test('a listing that fails is ERROR for its Region, with the service, API and error code', async () => {
    fake = new FakeAws(account(), { pageSize: 2, fail5xx: { batch: 1000 } });
    url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: CHECKS, pageSize: 2, maxAttempts: 2 }));
    expect(report.findings).toEqual([]);
    for (const c of report.checks) {
      expect(c.status).toBe('ERROR');
      expect(c.errors).toEqual([expect.objectContaining({ region: 'eu-west-1', code: 'InternalFailure' })]);
    }
    expect(report.errors).toContainEqual(expect.objectContaining({ service: 'batch', region: 'eu-west-1', api: 'DescribeJobDefinitions', code: 'InternalFailure' }));
  });
});
