/**
 * The network checks of AWS Batch and VPC gateway endpoints against moto in server mode, through
 * the real SDK: gateway endpoints in route tables or in none, an interface endpoint; Fargate compute
 * environments in a private subnet, a subnet routed to an internet gateway, a subnet that maps public
 * IPs and a subnet on its VPC's main route table; job definitions assigning public IPs or not;
 * Fargate job definitions whose roles trust ecs-tasks or EC2 only; execution roles that may or may
 * not pull from ECR and write their log group. They must yield exactly the expected findings.
 */
import { BatchClient, CreateComputeEnvironmentCommand, RegisterJobDefinitionCommand } from '@aws-sdk/client-batch';
import {
  AssociateRouteTableCommand, AttachInternetGatewayCommand, CreateInternetGatewayCommand, CreateRouteCommand, CreateRouteTableCommand,
  CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, CreateVpcEndpointCommand, EC2Client, ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const IMAGE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';
const resources = { resourceRequirements: [{ type: 'VCPU' as const, value: '1' }, { type: 'MEMORY' as const, value: '2048' }] };

describe('Batch network and gateway endpoint checks against moto (server mode)', () => {
  let moto: MotoServer | undefined;
  const endpointIds: Record<string, string> = {};

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const ec2 = new EC2Client({ region: REGION });
      const batch = new BatchClient({ region: REGION });
      const iam = new IAMClient({ region: 'us-east-1' });
      const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }))).Vpc!.VpcId!;
      const subnet = async (cidr: string) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr }))).Subnet!.SubnetId!;
      const table = async (subnetId: string) => {
        const id = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
        await ec2.send(new AssociateRouteTableCommand({ RouteTableId: id, SubnetId: subnetId }));
        return id;
      };
      const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
      await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
      const privateSubnet = await subnet('10.2.1.0/24');
      const privateTable = await table(privateSubnet);
      const publicSubnet = await subnet('10.2.2.0/24');
      const publicTable = await table(publicSubnet);
      await ec2.send(new CreateRouteCommand({ RouteTableId: publicTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
      const mapsSubnet = await subnet('10.2.3.0/24');
      await table(mapsSubnet);
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: mapsSubnet, MapPublicIpOnLaunch: { Value: true } }));
      // no explicit association: the VPC's main route table (local routes only)
      const mainSubnet = await subnet('10.2.4.0/24');

      const endpoint = async (name: string, type: 'Gateway' | 'Interface', service: string, routeTables?: string[]) => {
        endpointIds[name] = (await ec2.send(new CreateVpcEndpointCommand({
          VpcId: vpcId,
          VpcEndpointType: type,
          ServiceName: `com.amazonaws.${REGION}.${service}`,
          RouteTableIds: routeTables,
          SubnetIds: type === 'Interface' ? [privateSubnet] : undefined,
        }))).VpcEndpoint!.VpcEndpointId!;
      };
      await endpoint('s3', 'Gateway', 's3', [privateTable]);
      await endpoint('dynamodb', 'Gateway', 'dynamodb');
      await endpoint('sqs', 'Interface', 'sqs');

      const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'batch', Description: 'batch', VpcId: vpcId }));
      const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'batch.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
      const serviceRole = await iam.send(new CreateRoleCommand({ RoleName: 'batch-service', AssumeRolePolicyDocument: trust }));
      const computeEnv = (name: string, subnets: string[]) => batch.send(new CreateComputeEnvironmentCommand({
        computeEnvironmentName: name,
        type: 'MANAGED',
        serviceRole: serviceRole.Role!.Arn,
        computeResources: { type: 'FARGATE', maxvCpus: 4, subnets, securityGroupIds: [sg.GroupId!] },
      }));
      await computeEnv('private', [privateSubnet]);
      await computeEnv('main-table', [mainSubnet]);
      await computeEnv('igw', [privateSubnet, publicSubnet]);
      await computeEnv('maps-public-ips', [mapsSubnet]);

      const register = (name: string, assignPublicIp?: 'ENABLED' | 'DISABLED') => batch.send(new RegisterJobDefinitionCommand({
        jobDefinitionName: name,
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: { image: IMAGE, ...resources, ...(assignPublicIp ? { networkConfiguration: { assignPublicIp } } : {}) },
      }));
      await register('default');
      await register('disabled', 'DISABLED');
      await register('enabled', 'ENABLED');

      // Fargate jobs whose roles trust ecs-tasks, or EC2 only
      const roleTrusting = async (name: string, service: string) => (await iam.send(new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] }),
      }))).Role!.Arn!;
      const ecsRole = await roleTrusting('ecs-task-role', 'ecs-tasks.amazonaws.com');
      const ec2Role = await roleTrusting('ec2-only-role', 'ec2.amazonaws.com');
      const withRoles = (name: string, executionRoleArn: string) => batch.send(new RegisterJobDefinitionCommand({
        jobDefinitionName: name,
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: { image: IMAGE, ...resources, jobRoleArn: ecsRole, executionRoleArn },
      }));
      await withRoles('trusted-roles', ecsRole);
      await withRoles('ec2-execution-role', ec2Role);

      // execution roles that may pull from ECR and write the log group (an inline policy), or may do nothing
      const execOk = await roleTrusting('exec-ok', 'ecs-tasks.amazonaws.com');
      await iam.send(new PutRolePolicyCommand({
        RoleName: 'exec-ok',
        PolicyName: 'run',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] }),
      }));
      const execNone = await roleTrusting('exec-none', 'ecs-tasks.amazonaws.com');
      const pulling = (name: string, executionRoleArn: string) => batch.send(new RegisterJobDefinitionCommand({
        jobDefinitionName: name,
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: {
          image: `123456789012.dkr.ecr.${REGION}.amazonaws.com/app:1`,
          ...resources,
          executionRoleArn,
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'jobs' } },
        },
      }));
      await pulling('exec-ok', execOk);
      await pulling('exec-none', execNone);
      for (const c of [batch, ec2, iam]) c.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('gateway endpoints: the one in no route table fails, the interface endpoint is not applicable', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['ec2-vpc-gateway-endpoint-route-tables'], pageSize: 5 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/').pop())).toEqual([endpointIds.dynamodb]);
    const c = report.checks[0].counts;
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([1, 1, 1, 0]);
    expect(schemaErrors(report)).toEqual([]);
  });

  test('compute environments and job definitions: public subnets and public IPs fail', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['batch-compute-environment-private-subnets', 'batch-job-no-public-ip'], pageSize: 5 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':').slice(5).join(':')}`).sort()).toEqual([
      'batch-compute-environment-private-subnets compute-environment/igw',
      'batch-compute-environment-private-subnets compute-environment/maps-public-ips',
      'batch-job-no-public-ip job-definition/enabled:1',
    ]);
    const counts = Object.fromEntries(report.checks.map((k) => [k.id, `${k.counts.passed}/${k.counts.failed}/${k.counts.notApplicable}/${k.counts.errored}`]));
    expect(counts).toEqual({ 'batch-compute-environment-private-subnets': '2/2/0/0', 'batch-job-no-public-ip': '6/1/0/0' });
    expect(schemaErrors(report)).toEqual([]);
  });

  test('Fargate job roles: the execution role trusting EC2 only fails; jobs without roles are not applicable', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['batch-fargate-role-trust'], pageSize: 5 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/').pop())).toEqual(['ec2-execution-role:1']);
    const c = report.checks[0].counts;
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([3, 1, 3, 0]);
    expect(schemaErrors(report)).toEqual([]);
  });

  test('execution roles: the one without policies may not pull its image nor write its logs', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['batch-execution-role-authorized'], pageSize: 5 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/').pop())).toEqual(['exec-none:1']);
    for (const action of ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'logs:PutLogEvents']) expect(report.findings[0].reason).toContain(action);
    const c = report.checks[0].counts;
    // the jobs without an execution role wire no path; trusted-roles and ec2-execution-role pull a public image and log nowhere
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([1, 1, 0, 0]);
    expect(schemaErrors(report)).toEqual([]);
  });
});
