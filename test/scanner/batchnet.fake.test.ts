/**
 * The network checks of AWS Batch and VPC gateway endpoints against the fake endpoint, through the
 * real SDK: DescribeVpcEndpoints, DescribeSubnets and DescribeRouteTables paged; a subnet without an
 * explicit association judged by its VPC's main route table; a subnet that is not described is
 * ERROR, never PASS; a denied listing is ERROR for the Region; a throttled one is retried.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const ENDPOINTS = 'ec2-vpc-gateway-endpoint-route-tables';
const SUBNETS = 'batch-compute-environment-private-subnets';
const JOB_IP = 'batch-job-no-public-ip';
const TRUST = 'batch-fargate-role-trust';
const EXECUTION = 'batch-execution-role-authorized';

/** Fargate job definitions pulling from ECR and logging to CloudWatch Logs with execution roles that may, may not, or may for all the scanner knows. */
function executionAccount() {
  const s = emptyAccount(['eu-west-1']);
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  s.roles = [
    { RoleName: 'managed', trust, attached: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'] },
    { RoleName: 'logs-only', trust, inline: { logs: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] } } },
    { RoleName: 'unknown-managed', trust, attached: ['arn:aws:iam::aws:policy/SomePolicyTheScannerDoesNotHold'] },
  ];
  const job = (name: string, role: string, image = `${s.accountId}.dkr.ecr.eu-west-1.amazonaws.com/app:1`) => ({
    jobDefinitionName: name,
    revision: 1,
    type: 'container',
    platformCapabilities: ['FARGATE'],
    containerProperties: { image, executionRoleArn: `arn:aws:iam::${s.accountId}:role/${role}`, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'jobs' } } },
  });
  s.regions['eu-west-1'].jobDefinitions = [
    job('managed', 'managed'),
    job('logs-only', 'logs-only'),
    job('public-image', 'logs-only', 'public.ecr.aws/x/y:1'),
    job('unknown-managed', 'unknown-managed'),
    job('cross-account-repo', 'managed', '210987654321.dkr.ecr.eu-west-1.amazonaws.com/shared:1'),
    { jobDefinitionName: 'no-role', revision: 1, type: 'container', containerProperties: { image: 'i' } },
  ];
  return s;
}

/** Fargate job definitions naming roles that trust ecs-tasks, EC2 only, that do not exist, or of another account; one EC2 job definition. */
function trustAccount() {
  const s = emptyAccount(['eu-west-1']);
  const trust = (service: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
  s.roles = [
    { RoleName: 'job-role', trust: trust('ecs-tasks.amazonaws.com') },
    { RoleName: 'execution-role', Path: '/batch/', trust: trust('ecs-tasks.amazonaws.com') },
    { RoleName: 'ec2-role', trust: trust('ec2.amazonaws.com') },
  ];
  const role = (name: string, owner = s.accountId) => `arn:aws:iam::${owner}:role/${name}`;
  const job = (name: string, roles: Record<string, string>, platform = 'FARGATE') => ({
    jobDefinitionName: name,
    revision: 1,
    type: 'container',
    platformCapabilities: [platform],
    containerProperties: { image: 'public.ecr.aws/x/y:1', ...roles },
  });
  s.regions['eu-west-1'].jobDefinitions = [
    job('trusted', { jobRoleArn: role('job-role'), executionRoleArn: 'arn:aws:iam::123456789012:role/batch/execution-role' }),
    job('ec2-trust', { jobRoleArn: role('job-role'), executionRoleArn: role('ec2-role') }),
    job('missing-role', { executionRoleArn: role('deleted-role') }),
    job('other-account', { jobRoleArn: role('job-role', '210987654321') }),
    job('no-roles', {}),
    job('on-ec2', { jobRoleArn: role('ec2-role') }, 'EC2'),
  ];
  return s;
}

function account() {
  const s = emptyAccount(['eu-west-1', 'us-east-1']);
  const eu = s.regions['eu-west-1'];
  eu.vpcEndpoints = [
    { VpcEndpointId: 'vpce-s3', VpcId: 'vpc-1', ServiceName: 'com.amazonaws.eu-west-1.s3', RouteTableIds: ['rtb-private', 'rtb-isolated'] },
    { VpcEndpointId: 'vpce-ddb', VpcId: 'vpc-1', ServiceName: 'com.amazonaws.eu-west-1.dynamodb', RouteTableIds: [] },
    { VpcEndpointId: 'vpce-sqs', VpcId: 'vpc-1', ServiceName: 'com.amazonaws.eu-west-1.sqs', VpcEndpointType: 'Interface' },
  ];
  eu.subnets = [
    { SubnetId: 'subnet-private', VpcId: 'vpc-1' },
    { SubnetId: 'subnet-isolated', VpcId: 'vpc-1' },
    { SubnetId: 'subnet-public', VpcId: 'vpc-1', MapPublicIpOnLaunch: true },
    { SubnetId: 'subnet-igw', VpcId: 'vpc-1' },
    { SubnetId: 'subnet-main', VpcId: 'vpc-2' },
  ];
  const local = { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' };
  eu.routeTables = [
    { RouteTableId: 'rtb-main1', VpcId: 'vpc-1', main: true, routes: [local] },
    { RouteTableId: 'rtb-private', VpcId: 'vpc-1', subnets: ['subnet-private'], routes: [local, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' }] },
    { RouteTableId: 'rtb-isolated', VpcId: 'vpc-1', subnets: ['subnet-isolated'], routes: [local] },
    { RouteTableId: 'rtb-public', VpcId: 'vpc-1', subnets: ['subnet-public'], routes: [local, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' }] },
    { RouteTableId: 'rtb-igw', VpcId: 'vpc-1', subnets: ['subnet-igw'], routes: [local, { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-1' }] },
    // vpc-2's main route table goes to the internet: its subnets without an association are public
    { RouteTableId: 'rtb-main2', VpcId: 'vpc-2', main: true, routes: [local, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-2' }] },
  ];
  const env = (name: string, subnets: string[] | undefined, type = 'FARGATE') => ({
    computeEnvironmentName: name,
    type: subnets ? 'MANAGED' as const : 'UNMANAGED' as const,
    computeResources: subnets ? { type, subnets, securityGroupIds: ['sg-1'] } : undefined,
  });
  eu.computeEnvironments = [
    env('private', ['subnet-private', 'subnet-isolated']),
    env('public-ips', ['subnet-private', 'subnet-public'], 'SPOT'),
    env('igw', ['subnet-igw']),
    env('main-table', ['subnet-main']),
    env('unknown-subnet', ['subnet-private', 'subnet-gone']),
    env('unmanaged', undefined),
  ];
  const job = (name: string, assignPublicIp?: string) => ({
    jobDefinitionName: name,
    revision: 1,
    type: 'container',
    platformCapabilities: ['FARGATE'],
    containerProperties: { image: 'public.ecr.aws/x/y:1', ...(assignPublicIp ? { networkConfiguration: { assignPublicIp } } : {}) },
  });
  eu.jobDefinitions = [job('default'), job('disabled', 'DISABLED'), job('enabled', 'ENABLED')];
  return s;
}

const tail = (id: string) => id.split('/').pop();

describe('Batch network and gateway endpoint checks against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('gateway endpoints across pages: in no route table FAILs, interface endpoints are not applicable', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [ENDPOINTS], pageSize: 5 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => tail(f.resourceId))).toEqual(['vpce-ddb']);
    expect(report.findings[0].resourceId).toBe('arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint/vpce-ddb');
    const c = report.checks[0].counts;
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([1, 1, 1, 0]);
    // 3 endpoints in pages of 2, plus one empty page in us-east-1
    expect(fake.stats.requests['ec2:DescribeVpcEndpoints']).toBe(3);
    expect(schemaErrors(report)).toEqual([]);
  });

  test('compute environments: public IPs, a route to an internet gateway, the main route table; an unknown subnet is ERROR', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [SUBNETS, JOB_IP], pageSize: 5 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.checkId} ${tail(f.resourceId)}`).sort()).toEqual([
      `${SUBNETS} igw`, `${SUBNETS} main-table`, `${SUBNETS} public-ips`, `${JOB_IP} enabled:1`,
    ]);
    const byId = Object.fromEntries(report.checks.map((k) => [k.id, k]));
    const c = byId[SUBNETS].counts;
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([1, 3, 1, 1]);
    expect(byId[SUBNETS].errors).toEqual([expect.objectContaining({ resource: expect.stringContaining('unknown-subnet') })]);
    expect(byId[SUBNETS].errors[0].message).toContain('subnet-gone');
    const j = byId[JOB_IP].counts;
    expect([j.passed, j.failed]).toEqual([2, 1]);
    const reason = (env: string) => report.findings.find((f) => f.resourceId.endsWith(`/${env}`))!.reason;
    expect(reason('igw')).toContain('rtb-igw routes ::/0 to igw-1');
    expect(reason('main-table')).toContain('rtb-main2 routes 0.0.0.0/0 to igw-2');
    expect(reason('public-ips')).toContain('subnet-public maps public IPs on launch');
    // 5 subnets and 6 route tables in the fake's pages of 2 (3 each), plus one empty page each in us-east-1
    expect(fake.stats.requests['ec2:DescribeSubnets']).toBe(4);
    expect(fake.stats.requests['ec2:DescribeRouteTables']).toBe(4);
    expect(schemaErrors(report)).toEqual([]);
  });

  test('a denied route table listing is ERROR for the Region, never PASS; a throttled endpoint listing is retried', async () => {
    fake = new FakeAws(account(), {
      throttleFirst: { 'ec2:DescribeVpcEndpoints': 2 },
      authorize: async (r, api) => {
        if (r.service === 'ec2' && api === 'DescribeRouteTables') {
          throw new AwsHttpError(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.');
        }
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [SUBNETS, ENDPOINTS], maxAttempts: 4 }));
    const byId = Object.fromEntries(report.checks.map((k) => [k.id, k]));
    expect(byId[SUBNETS].status).toBe('ERROR');
    expect(byId[SUBNETS].counts.passed).toBe(0);
    expect(report.findings.filter((f) => f.checkId === SUBNETS)).toEqual([]);
    expect(report.errors).toContainEqual(expect.objectContaining({ service: 'ec2', region: 'eu-west-1', api: 'DescribeRouteTables', code: 'UnauthorizedOperation' }));
    expect(fake.stats.throttled['ec2:DescribeVpcEndpoints']).toBe(2);
    expect(byId[ENDPOINTS].counts.failed).toBe(1);
    expect(byId[ENDPOINTS].status).not.toBe('ERROR');
  });

  test('Fargate job roles: judged against their live trust policies; a denied IAM read is ERROR, never PASS', async () => {
    fake = new FakeAws(trustAccount());
    let url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [TRUST] }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => tail(f.resourceId)).sort()).toEqual(['ec2-trust:1', 'missing-role:1']);
    const c = report.checks[0].counts;
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([1, 2, 3, 0]);
    expect(report.findings.find((f) => f.resourceId.endsWith('/ec2-trust:1'))!.reason).toContain('ec2-role');
    await fake.stop();

    fake = new FakeAws(trustAccount(), {
      authorize: async (r, api) => {
        if (r.service === 'iam' && api === 'GetAccountAuthorizationDetails') throw new AwsHttpError(403, 'AccessDenied', 'not authorized to perform: iam:GetAccountAuthorizationDetails');
      },
    });
    url = await fake.start();
    const denied = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [TRUST], maxAttempts: 2 }));
    expect(denied.checks[0].status).toBe('ERROR');
    expect(denied.checks[0].counts.passed).toBe(0);
    expect(denied.findings).toEqual([]);
    expect(denied.errors).toContainEqual(expect.objectContaining({ service: 'iam', api: 'GetAccountAuthorizationDetails', code: 'AccessDenied' }));
  });

  test('execution roles: judged on their live identity policies; what the scanner cannot know is ERROR', async () => {
    fake = new FakeAws(executionAccount());
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [EXECUTION] }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => tail(f.resourceId))).toEqual(['logs-only:1']);
    expect(report.findings[0].reason).toContain('ecr:GetAuthorizationToken');
    const c = report.checks[0].counts;
    // no-role has no execution role: no path, no result
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([2, 1, 0, 2]);
    expect(report.checks[0].errors.map((e) => e.resource).sort()).toEqual([
      expect.stringContaining('cross-account-repo'), expect.stringContaining('unknown-managed'),
    ]);
  });
});
