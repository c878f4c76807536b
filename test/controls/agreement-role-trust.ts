/**
 * IAM.RoleTrustAuthorized: a resource that names a role a service must assume, with the role's
 * trust policy, as a template (a role of the same stack) and as the scanner sees it (the resource
 * naming the role's ARN, the role in the account's authorization details).
 */
import { aws_batch as batch, aws_config as config, aws_iam as iam, aws_lambda as lambda, aws_stepfunctions as sfn, CfnResource, Stack } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { Inventory } from '../../src/scanner/runtime/model';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/consumer-role`;

type Consumer = 'lambda' | 'job' | 'compute' | 'machine' | 'recorder';
const SM_ARN = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:machine`;

function trustPolicy(service: string, condition?: Record<string, unknown>) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] };
}

function consumerOf(stack: Stack, consumer: Consumer, roleArn: string): CfnResource {
  if (consumer === 'lambda') {
    return new lambda.CfnFunction(stack, 'Fn', { functionName: 'fn', code: { zipFile: 'exports.handler = async () => {};' }, role: roleArn, handler: 'index.handler', runtime: 'nodejs22.x' });
  }
  if (consumer === 'job') {
    return new batch.CfnJobDefinition(stack, 'Job', { jobDefinitionName: 'job', type: 'container', containerProperties: { image: 'busybox', jobRoleArn: roleArn } });
  }
  if (consumer === 'recorder') {
    return new config.CfnConfigurationRecorder(stack, 'Recorder', { name: 'default', roleArn, recordingGroup: { allSupported: true } });
  }
  if (consumer === 'machine') {
    return new sfn.CfnStateMachine(stack, 'Machine', { stateMachineName: 'machine', roleArn, definitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' });
  }
  return new batch.CfnComputeEnvironment(stack, 'Ce', { computeEnvironmentName: 'ce', type: 'UNMANAGED', serviceRole: roleArn });
}

function liveConsumer(consumer: Consumer): Partial<Inventory> {
  if (consumer === 'lambda') return { lambdaFunctions: [{ functionName: 'fn', arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:fn`, policy: null, role: ROLE_ARN }] };
  if (consumer === 'job') return { batchJobDefinitions: [{ name: 'job', arn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/job:1`, revision: 1, privilegedFlags: [], taskRoles: [{ jobRoleArn: ROLE_ARN }] }] };
  if (consumer === 'recorder') return { configSetup: { recorders: [{ name: 'default', roleArn: ROLE_ARN, allSupported: true, recording: true }], deliveryChannels: [] } };
  if (consumer === 'machine') return { stateMachines: [{ name: 'machine', arn: SM_ARN, roleArn: ROLE_ARN, definition: '{}', logDestinations: [] }] };
  return { batchComputeEnvironments: [{ name: 'ce', arn: `arn:aws:batch:eu-west-1:${ACCOUNT}:compute-environment/ce`, serviceRole: ROLE_ARN }] };
}

function trustFixture(name: string, expected: Verdict, consumer: Consumer, trust: object): Fixture {
  return {
    name,
    expected,
    synth: (stack) => {
      const role = new iam.CfnRole(stack, 'Role', { roleName: 'consumer-role', assumeRolePolicyDocument: trust });
      return consumerOf(stack, consumer, role.attrArn);
    },
    live: () => ({
      ...liveConsumer(consumer),
      authorizationDetails: { users: [], policies: [], roles: [{ roleName: 'consumer-role', arn: ROLE_ARN, path: '/', trustPolicy: JSON.stringify(trust), inlinePolicies: [], attachedPolicyArns: [] }] },
    }),
  };
}

export const IAM_ROLE_TRUST: SharedControl = {
  id: 'IAM.RoleTrustAuthorized',
  rule: 'RoleTrustAuthorized',
  check: 'iam-role-trust-authorized',
  fixtures: [
    trustFixture('function role trusting Lambda', 'compliant', 'lambda', trustPolicy('lambda.amazonaws.com')),
    trustFixture('function role trusting ECS tasks', 'non-compliant', 'lambda', trustPolicy('ecs-tasks.amazonaws.com')),
    // Lambda sends no aws:SourceArn with its AssumeRole: a condition on it never matches
    trustFixture('function role conditioned on aws:SourceArn', 'non-compliant', 'lambda',
      trustPolicy('lambda.amazonaws.com', { ArnLike: { 'aws:SourceArn': `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:*` } })),
    trustFixture('job role trusting ECS tasks', 'compliant', 'job', trustPolicy('ecs-tasks.amazonaws.com')),
    trustFixture('job role trusting ECS tasks of this account', 'compliant', 'job', trustPolicy('ecs-tasks.amazonaws.com', { StringEquals: { 'aws:SourceAccount': ACCOUNT } })),
    trustFixture('job role trusting ECS tasks of another account', 'non-compliant', 'job', trustPolicy('ecs-tasks.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' } })),
    trustFixture('job role trusting Lambda', 'non-compliant', 'job', trustPolicy('lambda.amazonaws.com')),
    trustFixture('service role trusting Batch', 'compliant', 'compute', trustPolicy('batch.amazonaws.com')),
    trustFixture('service role trusting EC2', 'non-compliant', 'compute', trustPolicy('ec2.amazonaws.com')),
    // Step Functions sends aws:SourceArn (the state machine) and aws:SourceAccount
    trustFixture('state machine role conditioned on its ARN', 'compliant', 'machine', trustPolicy('states.amazonaws.com', { ArnEquals: { 'aws:SourceArn': SM_ARN } })),
    trustFixture('state machine role conditioned on another machine', 'non-compliant', 'machine',
      trustPolicy('states.amazonaws.com', { ArnEquals: { 'aws:SourceArn': `${SM_ARN}-other` } })),
    // AWS Config sends aws:SourceAccount only
    trustFixture('recorder role trusting Config of this account', 'compliant', 'recorder', trustPolicy('config.amazonaws.com', { StringEquals: { 'aws:SourceAccount': ACCOUNT } })),
    trustFixture('recorder role conditioned on aws:SourceArn', 'non-compliant', 'recorder',
      trustPolicy('config.amazonaws.com', { ArnLike: { 'aws:SourceArn': `arn:aws:config:eu-west-1:${ACCOUNT}:*` } })),
    trustFixture('state machine role trusting Lambda', 'non-compliant', 'machine', trustPolicy('lambda.amazonaws.com')),
  ],
};

export const ROLE_TRUST_SHARED: SharedControl[] = [IAM_ROLE_TRUST];
