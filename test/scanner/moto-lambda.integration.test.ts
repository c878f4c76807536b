/**
 * The Lambda configuration checks (Lambda.3, Lambda.7, Lambda.ReservedConcurrency,
 * Lambda.FailureDestination) against moto in server mode: functions created through the real SDK,
 * read back through ListFunctions (paged), GetFunctionConcurrency and ListFunctionEventInvokeConfigs.
 * moto answers ListFunctionEventInvokeConfigs with `LastModified` as an ISO string where Lambda sends
 * epoch seconds, so the SDK rejects its answer for a function that has a configuration (moto 5.2.5);
 * here only functions without one are read that way (an empty list, which deserializes). On-failure
 * destinations, the paging of the configurations and an unreadable function are covered against the
 * fake endpoint (lambda-config.fake.test.ts). moto also neither keeps nor returns `DeadLetterConfig`,
 * so every function here is without a failure destination; dead-letter queues are covered against the
 * fake endpoint too, whose functions have one unless a test removes it.
 */
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const CHECKS = ['lambda-inside-vpc', 'lambda-active-tracing', 'lambda-reserved-concurrency', 'lambda-failure-destination'];

describe('Lambda configuration checks against moto (server mode)', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const cfg = { region: REGION };
      const ec2 = new EC2Client(cfg);
      const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
      const vpcId = vpc.Vpc!.VpcId!;
      const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24' }));
      const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'fn', Description: 'function', VpcId: vpcId }));
      const iam = new IAMClient({ region: 'us-east-1' });
      const role = await iam.send(new CreateRoleCommand({
        RoleName: 'fn-role',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
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

  afterAll(() => {
    moto?.stop();
  });

  test('exactly the expected findings', async () => {
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
