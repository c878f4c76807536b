/**
 * iam-role-trust-authorized through the real SDK against the fake endpoint: the roles Lambda
 * functions, Batch job definitions and compute environments, and Config recorders name, judged
 * against the live trust policies of GetAccountAuthorizationDetails; unreadable IAM is ERROR, never PASS.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeAccountState } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECK = 'iam-role-trust-authorized';
const ACCT = '123456789012';
const trusting = (service: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const role = (name: string) => `arn:aws:iam::${ACCT}:role/${name}`;

function account(): FakeAccountState {
  const s = emptyAccount(['eu-west-1']);
  const eu = s.regions['eu-west-1'];
  eu.functions = [
    { FunctionName: 'good' },
    { FunctionName: 'wrong-service', RoleName: 'tasks-role' },
    { FunctionName: 'missing-role', RoleName: 'deleted-role' },
  ];
  eu.jobDefinitions = [
    { jobDefinitionName: 'job-good', revision: 1, containerProperties: { image: 'busybox', jobRoleArn: role('tasks-role'), executionRoleArn: role('tasks-role') } },
    { jobDefinitionName: 'job-bad', revision: 1, containerProperties: { image: 'busybox', jobRoleArn: role('tasks-role'), executionRoleArn: role('lambda-exec') } },
  ];
  eu.computeEnvironments = [
    { computeEnvironmentName: 'ce-good', type: 'UNMANAGED', serviceRole: role('batch-service') },
    { computeEnvironmentName: 'ce-bad', type: 'UNMANAGED', serviceRole: role('lambda-exec') },
    // service-linked: its trust is AWS's, not judged
    { computeEnvironmentName: 'ce-linked', type: 'UNMANAGED', serviceRole: role('aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch') },
  ];
  // a recorder whose role trusts Lambda, not Config
  eu.config = { recorders: [{ name: 'default', recording: true, roleARN: role('lambda-exec') }], channels: [{ name: 'default', s3BucketName: 'config-bucket' }] };
  s.roles = [
    { RoleName: 'lambda-exec', trust: trusting('lambda.amazonaws.com') },
    { RoleName: 'tasks-role', trust: trusting('ecs-tasks.amazonaws.com') },
    { RoleName: 'batch-service', trust: trusting('batch.amazonaws.com') },
  ];
  return s;
}

describe('iam-role-trust-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('a role trusting another service, or missing, fails its consumer', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    const findings = Object.fromEntries(report.findings.map((f) => [f.resourceId.split(':').slice(5).join(':'), f.title ?? '']));
    expect(Object.keys(findings).sort()).toEqual(['compute-environment/ce-bad', 'configuration-recorder/default', 'function:missing-role', 'function:wrong-service', 'job-definition/job-bad:1']);
    expect(report.checks[0].counts).toEqual({ passed: 3, failed: 5, notApplicable: 0, errored: 0 });
  });

  test('authorization details that cannot be read: ERROR, no finding', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (r.service === 'iam') throw new AwsHttpError(403, 'AccessDenied', `User is not authorized to perform: iam:${api}`);
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK] }));
    expect(report.findings).toEqual([]);
    expect(report.checks[0].counts.errored).toBe(1);
    expect(report.checks[0].errors[0].code).toBe('AccessDenied');
  });
});
