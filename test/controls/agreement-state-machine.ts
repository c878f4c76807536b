/**
 * StepFunctions.TasksAuthorized: a state machine with its role's inline policy, as a template (the
 * role in the same stack) and as the scanner sees it (DescribeStateMachine and the role in the
 * account's authorization details).
 */
import { aws_iam as iam, aws_stepfunctions as sfn } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/machine-role`;
const SM_ARN = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:machine`;
const JOB_DEF = `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/job:1`;
const QUEUE = `arn:aws:batch:eu-west-1:${ACCOUNT}:job-queue/queue`;
const LOG_GROUP = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:machine:*`;
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

const submitJob = (prefix = '') => ({
  StartAt: 'Run',
  States: {
    Run: {
      Type: 'Parallel',
      End: true,
      Branches: [{ StartAt: 'Submit', States: { Submit: { Type: 'Task', Resource: `arn:aws:states:::batch:submitJob${prefix}`, Parameters: { JobName: 'j', JobDefinition: JOB_DEF, JobQueue: QUEUE }, End: true } } }],
    },
  },
});
const noTasks = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

function machineFixture(name: string, expected: Verdict, definition: object, statements: object[], logs = false): Fixture {
  const policy = { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const role = new iam.CfnRole(stack, 'Role', { roleName: 'machine-role', assumeRolePolicyDocument: TRUST, policies: [{ policyName: 'tasks', policyDocument: policy }] });
      return new sfn.CfnStateMachine(stack, 'Machine', {
        stateMachineName: 'machine',
        roleArn: role.attrArn,
        definitionString: JSON.stringify(definition),
        loggingConfiguration: logs ? { level: 'ALL', destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: LOG_GROUP } }] } : undefined,
      });
    },
    live: () => ({
      stateMachines: [{ name: 'machine', arn: SM_ARN, type: 'STANDARD', roleArn: ROLE_ARN, definition: JSON.stringify(definition), logDestinations: logs ? [LOG_GROUP] : [] }],
      authorizationDetails: {
        users: [],
        policies: [],
        roles: [{ roleName: 'machine-role', arn: ROLE_ARN, path: '/', trustPolicy: JSON.stringify(TRUST), inlinePolicies: [{ name: 'tasks', document: JSON.stringify(policy) }], attachedPolicyArns: [] }],
      },
    }),
  };
}

const allow = (action: string | string[], resource: string | string[]) => ({ Effect: 'Allow', Action: action, Resource: resource });

export const STEPFUNCTIONS_TASKS: SharedControl = {
  id: 'StepFunctions.TasksAuthorized',
  rule: 'StateMachineTasksAuthorized',
  check: 'stepfunctions-tasks-authorized',
  fixtures: [
    machineFixture('submitJob in a branch, both resources allowed', 'compliant', submitJob('.sync'), [allow('batch:SubmitJob', [JOB_DEF, QUEUE])]),
    machineFixture('submitJob, batch:* on *', 'compliant', submitJob(), [allow('batch:*', '*')]),
    machineFixture('submitJob, the queue only', 'non-compliant', submitJob(), [allow('batch:SubmitJob', QUEUE)]),
    machineFixture('submitJob, nothing allowed', 'non-compliant', submitJob(), []),
    machineFixture('submitJob, allowed then denied', 'non-compliant', submitJob(), [allow('batch:SubmitJob', '*'), { Effect: 'Deny', Action: 'batch:SubmitJob', Resource: JOB_DEF }]),
    machineFixture('logging, log delivery allowed', 'compliant', noTasks, [allow('logs:*', '*')], true),
    machineFixture('logging, log delivery on the log group only', 'non-compliant', noTasks, [allow('logs:*', LOG_GROUP)], true),
  ],
};

export const STATE_MACHINE_SHARED: SharedControl[] = [STEPFUNCTIONS_TASKS];
