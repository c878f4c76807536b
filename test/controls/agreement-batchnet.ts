/**
 * Agreement fixtures of the network controls of AWS Batch and of VPC gateway endpoints: a gateway
 * endpoint with or without route tables; a compute environment in subnets whose route tables send,
 * or do not send, the default route to an internet gateway; a job definition that assigns, or does
 * not assign, public IPs. Written once, synthesized for the rule and described (the API's shape,
 * through the collectors' own mapping where there is one) for the check.
 */
import { aws_batch as batch, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { computeEnvironmentInfo, jobDefinitionInfo } from '../../src/scanner/runtime/collectors/batch';
import { RouteInfo } from '../../src/scanner/runtime/model';

const IMAGE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';
const VPC = 'vpc-0123456789abcdef0';

// ----- EC2.GatewayEndpointRouteTables -----------------------------------------------------------

function endpointFixture(name: string, expected: Verdict, type: string | undefined, routeTableIds: string[] | undefined): Fixture {
  return {
    name,
    expected,
    synth: (stack) => new ec2.CfnVPCEndpoint(stack, 'E', { vpcId: VPC, serviceName: 'com.amazonaws.eu-west-1.s3', vpcEndpointType: type, routeTableIds }),
    live: () => ({
      vpcEndpoints: [{ vpcEndpointId: 'vpce-0123456789abcdef0', vpcId: VPC, type: type ?? 'Gateway', serviceName: 'com.amazonaws.eu-west-1.s3', state: 'available', routeTableIds: routeTableIds ?? [] }],
    }),
  };
}

const GATEWAY_ENDPOINTS: SharedControl = {
  id: 'EC2.GatewayEndpointRouteTables',
  rule: 'VpcGatewayEndpointRouteTables',
  check: 'ec2-vpc-gateway-endpoint-route-tables',
  fixtures: [
    endpointFixture('a gateway endpoint in two route tables', 'compliant', 'Gateway', ['rtb-0a', 'rtb-0b']),
    endpointFixture('the type unset (Gateway) in one route table', 'compliant', undefined, ['rtb-0a']),
    endpointFixture('a gateway endpoint with an empty list', 'non-compliant', 'Gateway', []),
    endpointFixture('a gateway endpoint without route tables', 'non-compliant', 'Gateway', undefined),
  ],
};

// ----- Batch.PrivateNetwork: compute environments -------------------------------------------------

interface SubnetShape {
  readonly mapPublicIp?: boolean;
  /** The non-local route of its route table: a default route to an internet gateway (by reference or id), to a NAT gateway, or a narrower one to an internet gateway. */
  readonly route?: 'igw' | 'igw-id-v6' | 'nat' | 'igw-narrow';
}

function liveRoute(shape: SubnetShape): RouteInfo[] {
  const local: RouteInfo = { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local' };
  switch (shape.route) {
    case 'igw': return [local, { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0123456789abcdef0' }];
    case 'igw-id-v6': return [local, { destinationIpv6CidrBlock: '::/0', gatewayId: 'igw-0123456789abcdef0' }];
    case 'nat': return [local, { destinationCidrBlock: '0.0.0.0/0' }];
    case 'igw-narrow': return [local, { destinationCidrBlock: '192.0.2.0/24', gatewayId: 'igw-0123456789abcdef0' }];
    default: return [local];
  }
}

function subnetsFixture(name: string, expected: Verdict, shapes: SubnetShape[]): Fixture {
  const ids = shapes.map((_, i) => `subnet-0000000000000000${i}`);
  return {
    name,
    expected,
    synth: (stack) => {
      const igw = new ec2.CfnInternetGateway(stack, 'Igw');
      const refs = shapes.map((shape, i) => {
        const subnet = new ec2.CfnSubnet(stack, `S${i}`, { vpcId: VPC, cidrBlock: `10.0.${i}.0/24`, mapPublicIpOnLaunch: shape.mapPublicIp });
        const table = new ec2.CfnRouteTable(stack, `T${i}`, { vpcId: VPC });
        new ec2.CfnSubnetRouteTableAssociation(stack, `A${i}`, { subnetId: subnet.ref, routeTableId: table.ref });
        const route = (props: Omit<ec2.CfnRouteProps, 'routeTableId'>) => new ec2.CfnRoute(stack, `R${i}`, { routeTableId: table.ref, ...props });
        if (shape.route === 'igw') route({ destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
        if (shape.route === 'igw-id-v6') route({ destinationIpv6CidrBlock: '::/0', gatewayId: 'igw-0123456789abcdef0' });
        if (shape.route === 'nat') route({ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0123456789abcdef0' });
        if (shape.route === 'igw-narrow') route({ destinationCidrBlock: '192.0.2.0/24', gatewayId: igw.ref });
        return subnet.ref;
      });
      return new batch.CfnComputeEnvironment(stack, 'C', {
        type: 'MANAGED',
        computeEnvironmentName: 'compute',
        computeResources: { type: 'FARGATE', maxvCpus: 4, subnets: refs, securityGroupIds: ['sg-0123456789abcdef0'] },
      });
    },
    live: () => ({
      batchComputeEnvironments: [computeEnvironmentInfo({
        computeEnvironmentName: 'compute',
        computeEnvironmentArn: `arn:aws:batch:eu-west-1:${ACCOUNT}:compute-environment/compute`,
        type: 'MANAGED',
        computeResources: { type: 'FARGATE', maxvCpus: 4, subnets: ids, securityGroupIds: ['sg-0123456789abcdef0'] },
      })],
      subnets: shapes.map((s, i) => ({ subnetId: ids[i], vpcId: VPC, mapPublicIpOnLaunch: !!s.mapPublicIp })),
      routeTables: [
        { routeTableId: 'rtb-main', vpcId: VPC, main: true, subnetIds: [], routes: liveRoute({}) },
        ...shapes.map((s, i) => ({ routeTableId: `rtb-0000000000000000${i}`, vpcId: VPC, main: false, subnetIds: [ids[i]], routes: liveRoute(s) })),
      ],
    }),
  };
}

const BATCH_SUBNETS: SharedControl = {
  id: 'Batch.PrivateNetwork',
  rule: 'BatchPublicNetwork',
  check: 'batch-compute-environment-private-subnets',
  fixtures: [
    subnetsFixture('private subnets with a NAT default route', 'compliant', [{ route: 'nat' }, { route: 'nat' }]),
    subnetsFixture('an isolated subnet (local routes only)', 'compliant', [{}]),
    subnetsFixture('a narrower route to the internet gateway', 'compliant', [{ route: 'igw-narrow' }]),
    subnetsFixture('0.0.0.0/0 to an internet gateway', 'non-compliant', [{ route: 'igw' }]),
    subnetsFixture('::/0 to an internet gateway', 'non-compliant', [{ route: 'igw-id-v6' }]),
    subnetsFixture('public IPs mapped on launch', 'non-compliant', [{ mapPublicIp: true, route: 'nat' }]),
    subnetsFixture('the second subnet public', 'non-compliant', [{ route: 'nat' }, { route: 'igw' }]),
  ],
};

// ----- Batch.PrivateNetwork: job definitions ------------------------------------------------------

function jobFixture(name: string, expected: Verdict, shape: Partial<batch.CfnJobDefinitionProps>): Fixture {
  const def = { type: 'container', platformCapabilities: ['FARGATE'], containerProperties: { image: IMAGE }, ...shape };
  return {
    name,
    expected,
    synth: (stack) => new batch.CfnJobDefinition(stack, 'J', { jobDefinitionName: 'job', ...def }),
    live: () => ({
      batchJobDefinitions: [jobDefinitionInfo({
        jobDefinitionName: 'job', revision: 1, status: 'ACTIVE', jobDefinitionArn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/job:1`, ...(def as any),
      })],
    }),
  };
}

const BATCH_JOB_IP: SharedControl = {
  id: 'Batch.PrivateNetwork',
  rule: 'BatchPublicNetwork',
  check: 'batch-job-no-public-ip',
  fixtures: [
    jobFixture('assignPublicIp unset', 'compliant', {}),
    jobFixture('assignPublicIp DISABLED', 'compliant', { containerProperties: { image: IMAGE, networkConfiguration: { assignPublicIp: 'DISABLED' } } }),
    jobFixture('assignPublicIp ENABLED', 'non-compliant', { containerProperties: { image: IMAGE, networkConfiguration: { assignPublicIp: 'ENABLED' } } }),
    jobFixture('an ECS task assigning a public IP', 'non-compliant', {
      containerProperties: undefined,
      ecsProperties: { taskProperties: [{ containers: [{ name: 'a', image: IMAGE }], networkConfiguration: { assignPublicIp: 'ENABLED' } }] },
    }),
  ],
};

// ----- Batch.FargateRoleTrust ---------------------------------------------------------------------

type Trust = { services: string | string[]; condition?: Record<string, unknown> };

const trustDocument = (t: Trust) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: t.services }, Action: 'sts:AssumeRole', ...(t.condition ? { Condition: t.condition } : {}) }],
});

/** A Fargate job definition whose job role and execution role trust what `job` and `execution` say. */
function trustFixture(name: string, expected: Verdict, job: Trust, execution: Trust): Fixture {
  const roleArn = (role: string) => `arn:aws:iam::${ACCOUNT}:role/${role}`;
  return {
    name,
    expected,
    synth: (stack) => {
      const jobRole = new iam.CfnRole(stack, 'JobRole', { roleName: 'job-role', assumeRolePolicyDocument: trustDocument(job) });
      const executionRole = new iam.CfnRole(stack, 'ExecutionRole', { roleName: 'execution-role', assumeRolePolicyDocument: trustDocument(execution) });
      return new batch.CfnJobDefinition(stack, 'J', {
        jobDefinitionName: 'job',
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: { image: IMAGE, jobRoleArn: jobRole.attrArn, executionRoleArn: executionRole.attrArn },
      });
    },
    live: () => ({
      batchJobDefinitions: [jobDefinitionInfo({
        jobDefinitionName: 'job',
        revision: 1,
        status: 'ACTIVE',
        jobDefinitionArn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/job:1`,
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: { image: IMAGE, jobRoleArn: roleArn('job-role'), executionRoleArn: roleArn('execution-role') },
      })],
      authorizationDetails: {
        users: [],
        policies: [],
        roles: [['job-role', job], ['execution-role', execution]].map(([role, t]) => ({
          roleName: role as string, arn: roleArn(role as string), path: '/', trustPolicy: JSON.stringify(trustDocument(t as Trust)), inlinePolicies: [], attachedPolicyArns: [],
        })),
      },
    }),
  };
}

const ECS_TASKS: Trust = { services: 'ecs-tasks.amazonaws.com' };

const BATCH_FARGATE_TRUST: SharedControl = {
  id: 'Batch.FargateRoleTrust',
  rule: 'BatchFargateRoleTrust',
  check: 'batch-fargate-role-trust',
  fixtures: [
    trustFixture('both roles trust ecs-tasks', 'compliant', ECS_TASKS, ECS_TASKS),
    trustFixture('a list of services with ecs-tasks', 'compliant', { services: ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] }, ECS_TASKS),
    trustFixture('ecs-tasks on the condition of this account', 'compliant', { services: 'ecs-tasks.amazonaws.com', condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }, ECS_TASKS),
    trustFixture('the job role trusts EC2 only', 'non-compliant', { services: 'ec2.amazonaws.com' }, ECS_TASKS),
    trustFixture('the execution role trusts EC2 only', 'non-compliant', ECS_TASKS, { services: 'ec2.amazonaws.com' }),
    trustFixture('both roles trust Lambda', 'non-compliant', { services: 'lambda.amazonaws.com' }, { services: 'lambda.amazonaws.com' }),
  ],
};

// ----- Batch.ExecutionRoleAuthorized ------------------------------------------------------------

const ECR_IMAGE = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/app:1`;
const REPO_ARN = `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/app`;
const SECRET_ARN = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`;
const GROUP_ARN = (group: string) => `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${group}:*`;

const PULL = [
  { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
  { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: REPO_ARN },
];
const LOGS = (group = 'jobs') => [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: GROUP_ARN(group) }];
const SECRET = [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET_ARN }];

/** A job definition whose execution role's inline policy allows `statements`; its container pulls `image`, logs to group `jobs` and reads one secret (unless `secret` is false). */
type ExecutionOptions = { image?: string; platform?: string; secret?: boolean };

function executionFixture(name: string, expected: Verdict, statements: unknown[], opts: ExecutionOptions = {}): Fixture {
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/execution-role`;
  const document = { Version: '2012-10-17', Statement: statements };
  const trust = trustDocument(ECS_TASKS);
  const container = (role: unknown) => ({
    image: opts.image ?? ECR_IMAGE,
    executionRoleArn: role,
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'jobs' } },
    ...(opts.secret === false ? {} : { secrets: [{ name: 'DB', valueFrom: SECRET_ARN }] }),
  });
  return {
    name,
    expected,
    synth: (stack) => {
      const role = new iam.CfnRole(stack, 'ExecutionRole', { roleName: 'execution-role', assumeRolePolicyDocument: trust, policies: [{ policyName: 'run', policyDocument: document }] });
      return new batch.CfnJobDefinition(stack, 'J', {
        jobDefinitionName: 'job', type: 'container', platformCapabilities: [opts.platform ?? 'FARGATE'], containerProperties: container(role.attrArn) as any,
      });
    },
    live: () => ({
      batchJobDefinitions: [jobDefinitionInfo({
        jobDefinitionName: 'job',
        revision: 1,
        status: 'ACTIVE',
        jobDefinitionArn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/job:1`,
        type: 'container',
        platformCapabilities: [(opts.platform ?? 'FARGATE') as any],
        containerProperties: container(roleArn) as any,
      })],
      authorizationDetails: {
        users: [],
        policies: [],
        roles: [{ roleName: 'execution-role', arn: roleArn, path: '/', trustPolicy: JSON.stringify(trust), inlinePolicies: [{ name: 'run', document: JSON.stringify(document) }], attachedPolicyArns: [] }],
      },
    }),
  };
}

const BATCH_EXECUTION_ROLE: SharedControl = {
  id: 'Batch.ExecutionRoleAuthorized',
  rule: 'BatchExecutionRoleAuthorized',
  check: 'batch-execution-role-authorized',
  fixtures: [
    executionFixture('pull, logs and the secret allowed', 'compliant', [...PULL, ...LOGS(), ...SECRET]),
    executionFixture('ecr:* and logs:* on every resource', 'compliant', [{ Effect: 'Allow', Action: ['ecr:*', 'logs:*', 'secretsmanager:GetSecretValue'], Resource: '*' }]),
    executionFixture('no ecr:BatchGetImage', 'non-compliant', [PULL[0], { Effect: 'Allow', Action: 'ecr:GetDownloadUrlForLayer', Resource: REPO_ARN }, ...LOGS(), ...SECRET]),
    executionFixture('logs allowed on another group', 'non-compliant', [...PULL, ...LOGS('other'), ...SECRET]),
    executionFixture('the secret not readable', 'non-compliant', [...PULL, ...LOGS()]),
    executionFixture('a public image: nothing to pull from ECR', 'compliant', [...LOGS()], { image: 'public.ecr.aws/amazonlinux/amazonlinux:2023', secret: false }),
    executionFixture('on EC2 the instance role may pull: the image is not judged', 'compliant', [...LOGS(), ...SECRET], { platform: 'EC2' }),
    executionFixture('an explicit deny of PutLogEvents', 'non-compliant', [...PULL, ...LOGS(), ...SECRET, { Effect: 'Deny', Action: 'logs:PutLogEvents', Resource: '*' }]),
  ],
};

/** The network controls of Batch and VPC gateway endpoints, and the roles of Batch jobs, both sides judge. */
export const BATCHNET_SHARED: SharedControl[] = [GATEWAY_ENDPOINTS, BATCH_SUBNETS, BATCH_JOB_IP, BATCH_FARGATE_TRUST, BATCH_EXECUTION_ROLE];
