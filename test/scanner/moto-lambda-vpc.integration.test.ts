/**
 * The Lambda configuration checks (Lambda.3, Lambda.7, Lambda.ReservedConcurrency,
 * Lambda.FailureDestination), their roles (IAM.LambdaRoleNoInlinePolicy) and the VPC checks of
 * AuditedVpc (EC2.NoOpenEgress) against moto in server mode: resources created through the real
 * SDK, read back through ListFunctions (paged), GetFunctionConcurrency, ListFunctionEventInvokeConfigs,
 * GetAccountAuthorizationDetails and DescribeSecurityGroups.
 * moto answers ListFunctionEventInvokeConfigs with `LastModified` as an ISO string where Lambda sends
 * epoch seconds, so the SDK rejects its answer for a function that has a configuration (moto 5.2.5);
 * here only functions without one are read that way (an empty list, which deserializes). On-failure
 * destinations, the paging of the configurations and an unreadable function are covered against the
 * fake endpoint (lambda-config.fake.test.ts). moto also neither keeps nor returns `DeadLetterConfig`,
 * so every function here is without a failure destination; dead-letter queues are covered against the
 * fake endpoint too, whose functions have one unless a test removes it.
 */
import { AuthorizeSecurityGroupEgressCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client, RevokeSecurityGroupEgressCommand } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const CHECKS = ['lambda-inside-vpc', 'lambda-active-tracing', 'lambda-reserved-concurrency', 'lambda-failure-destination'];

describe('Lambda and VPC checks against moto (server mode)', () => {
  let moto: MotoServer | undefined;
  const groups: Record<string, string> = {};

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const cfg = { region: REGION };
      const ec2 = new EC2Client(cfg);
      const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
      const vpcId = vpc.Vpc!.VpcId!;
      const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24' }));
      const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'fn', Description: 'function', VpcId: vpcId }));
      groups.fn = sg.GroupId!; // created with EC2's default allow-all egress
      // as AuditedVpc leaves a group: the default egress revoked, HTTPS to the VPC only
      const closed = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'endpoints', Description: 'endpoints', VpcId: vpcId }));
      groups.endpoints = closed.GroupId!;
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: closed.GroupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
      await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: closed.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.20.0.0/16' }] }] }));
      const dns = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'dns', Description: 'dns', VpcId: vpcId }));
      groups.dns = dns.GroupId!;
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: dns.GroupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
      await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: dns.GroupId, IpPermissions: [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] }));
      const iam = new IAMClient({ region: 'us-east-1' });
      const role = await iam.send(new CreateRoleCommand({
        RoleName: 'fn-role',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      }));
      const inlineRole = await iam.send(new CreateRoleCommand({
        RoleName: 'fn-inline-role',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      }));
      await iam.send(new PutRolePolicyCommand({
        RoleName: inlineRole.Role!.RoleName,
        PolicyName: 'extra',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }] }),
      }));
      await iam.send(new PutRolePolicyCommand({
        RoleName: inlineRole.Role!.RoleName,
        PolicyName: 'wide',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] }),
      }));
      await iam.send(new CreateRoleCommand({
        RoleName: 'jobs-role',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'batch.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      }));
      const lambda = new LambdaClient(cfg);
      const create = (name: string, extra: Record<string, unknown> = {}) => lambda.send(new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: role.Role!.Arn!,
        Code: { ZipFile: Buffer.from('exports.handler = async () => {};') },
        ...extra,
      }));
      await create('compliant', {
        VpcConfig: { SubnetIds: [subnet.Subnet!.SubnetId!], SecurityGroupIds: [sg.GroupId!] },
        TracingConfig: { Mode: 'Active' },
      });
      await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'compliant', ReservedConcurrentExecutions: 5 }));
      await create('traced', { TracingConfig: { Mode: 'Active' } });
      await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'traced', ReservedConcurrentExecutions: 0 }));
      await create('plain');
      for (const c of [ec2, iam, lambda]) c.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('ec2-sg-no-open-egress: exactly the groups with outbound rules to the internet fail', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['ec2-sg-no-open-egress'], pageSize: 5 }));
    expect(report.errors).toEqual([]);
    const failed = new Set(report.findings.map((f) => f.resourceId.split('/').pop()));
    const checked = report.checks[0];
    // moto's default VPC and the new VPC each have a default group with the default egress
    expect(failed.has(groups.fn)).toBe(true);
    expect(failed.has(groups.dns)).toBe(true);
    expect(failed.has(groups.endpoints)).toBe(false);
    expect(report.findings.find((f) => f.resourceId.endsWith(groups.dns))?.reason).toBe('udp/53 to ::/0');
    expect(report.findings.filter((f) => !Object.values(groups).includes(f.resourceId.split('/').pop()!)).every((f) => f.reason.includes('all traffic to 0.0.0.0/0'))).toBe(true);
    // fn, dns and the two default groups fail; endpoints passes
    expect(checked.counts).toEqual({ passed: 1, failed: 4, notApplicable: 0, errored: 0 });
  });

  test('iam-lambda-role-no-inline-policy: exactly the Lambda role with an inline policy fails', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['iam-lambda-role-no-inline-policy'], pageSize: 1 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.resourceId} ${f.reason}`)).toEqual(['arn:aws:iam::123456789012:role/fn-inline-role inline policies extra, wide']);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 1, notApplicable: 1, errored: 0 });
  });

  test('iam-no-write-on-wildcard-resource: exactly the role whose inline policy writes on "*" fails', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['iam-no-write-on-wildcard-resource'], pageSize: 1 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.resourceId} ${f.reason}`)).toEqual(['arn:aws:iam::123456789012:role/fn-inline-role inline policy wide allows sqs:SendMessage on "*"']);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 1, notApplicable: 0, errored: 0 });
  });

  test('Lambda configuration checks: exactly the expected findings', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: CHECKS, pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('COMPLETE');
    const got = report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':').pop()}`).sort();
    expect(got).toEqual([
      'lambda-active-tracing plain',
      'lambda-failure-destination compliant',
      'lambda-failure-destination plain',
      'lambda-failure-destination traced',
      'lambda-inside-vpc plain',
      'lambda-inside-vpc traced',
      'lambda-reserved-concurrency plain',
    ]);
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.errored}`]));
    expect(counts).toEqual({
      'lambda-inside-vpc': '1/2/0',
      'lambda-active-tracing': '2/1/0',
      'lambda-reserved-concurrency': '2/1/0',
      'lambda-failure-destination': '0/3/0',
    });
  });
});
