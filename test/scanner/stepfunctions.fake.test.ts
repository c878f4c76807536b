/**
 * stepfunctions-tasks-authorized through the real SDK against the fake endpoint: ListStateMachines
 * paged smaller than the data, DescribeStateMachine per machine, the role's live identity policies
 * judged against the calls of the definition; a machine that cannot be described and a denied
 * listing are ERROR, never PASS. The role trust of the state machines is judged too.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeAccountState } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECK = 'stepfunctions-tasks-authorized';
const ACCT = '123456789012';
const JOB_DEF = `arn:aws:batch:eu-west-1:${ACCT}:job-definition/job:1`;
const QUEUE = `arn:aws:batch:eu-west-1:${ACCT}:job-queue/queue`;
const TOPIC = `arn:aws:sns:eu-west-1:${ACCT}:done`;
const LOCKED = `arn:aws:sns:eu-west-1:${ACCT}:locked`;
const statesTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const allow = (action: string, resource: string | string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const submit = { StartAt: 'Run', States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', Parameters: { JobName: 'j', JobDefinition: JOB_DEF, JobQueue: QUEUE }, End: true } } };
const publish = { StartAt: 'Tell', States: { Tell: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: TOPIC, Message: 'done' }, End: true } } };
const publishLocked = { StartAt: 'Tell', States: { Tell: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: LOCKED, Message: 'done' }, End: true } } };
const runtimeQueue = { StartAt: 'Run', States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob', Parameters: { 'JobName': 'j', 'JobDefinition': JOB_DEF, 'JobQueue.$': '$.queue' }, End: true } } };
const pass = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

function account(): FakeAccountState {
  const s = emptyAccount(['eu-west-1']);
  s.regions['eu-west-1'].stateMachines = [
    { name: 'submits', roleName: 'submitter', definition: submit },
    { name: 'submits-denied', roleName: 'nothing', definition: submit },
    { name: 'publishes', roleName: 'publisher', definition: publish },
    // the role may publish, the topic's policy denies it
    { name: 'publishes-locked', roleName: 'publisher', definition: publishLocked },
    { name: 'queue-at-run-time', roleName: 'submitter', definition: runtimeQueue },
    { name: 'passes', roleName: 'nothing', definition: pass },
    { name: 'broken', roleName: 'nothing', definition: pass },
  ];
  s.roles = [
    { RoleName: 'submitter', trust: statesTrust, inline: { submit: allow('batch:SubmitJob', [JOB_DEF, QUEUE]) } },
    { RoleName: 'publisher', trust: statesTrust, inline: { publish: allow('sns:Publish', [TOPIC, LOCKED]) } },
    { RoleName: 'nothing', trust: statesTrust },
  ];
  s.regions['eu-west-1'].topics = [
    { Name: 'done' },
    { Name: 'locked', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: LOCKED }] }) },
  ];
  return s;
}

describe('stepfunctions-tasks-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('every state machine across pages of 2, judged against its role\'s policies', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (r.service === 'states' && api === 'DescribeStateMachine' && String(r.json.stateMachineArn).endsWith(':broken')) {
          throw new AwsHttpError(400, 'AccessDeniedException', 'User is not authorized to perform: states:DescribeStateMachine');
        }
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK, 'iam-role-trust-authorized'], pageSize: 2 }));
    const check = (id: string) => report.checks.find((c) => c.id === id)!;
    expect(report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':').pop()}`).sort()).toEqual([`${CHECK} publishes-locked`, `${CHECK} submits-denied`]);
    expect(report.findings.find((f) => f.resourceId.endsWith(':publishes-locked'))!.reason).toMatch(/locked topic: sns:Publish .*denied: explicitly denied by the topic policy of locked/);
    expect(report.findings[0].title ?? report.findings[0].resourceId).toBeTruthy();
    expect(check(CHECK).errors.map((e) => e.resource?.split(':').pop()).sort()).toEqual(['broken', 'queue-at-run-time']);
    expect(check(CHECK).counts).toEqual({ passed: 2, failed: 2, notApplicable: 1, errored: 2 });
    // the roles trust Step Functions: six machines described, all pass
    expect(check('iam-role-trust-authorized').counts).toEqual({ passed: 6, failed: 0, notApplicable: 0, errored: 0 });
    expect(fake.stats.requests['states:ListStateMachines']).toBe(4);
    expect(fake.stats.requests['states:DescribeStateMachine']).toBe(7);
  });

  test('a denied listing: ERROR for the Region, no finding', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (r.service === 'states' && api === 'ListStateMachines') throw new AwsHttpError(400, 'AccessDeniedException', 'User is not authorized to perform: states:ListStateMachines');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK] }));
    expect(report.findings).toEqual([]);
    expect(report.checks[0].counts.errored).toBe(1);
    expect(report.checks[0].errors[0].code).toBe('AccessDeniedException');
  });
});
