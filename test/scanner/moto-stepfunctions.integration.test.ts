/**
 * The Step Functions checks against moto (server mode): roles and state machines created through
 * the real SDK, collected through ListStateMachines' paginator with pages smaller than the data and
 * DescribeStateMachine per machine; the tasks and the role trust judged from the live documents.
 */
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const CHECKS = ['stepfunctions-tasks-authorized', 'iam-role-trust-authorized'];
const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

describe('Step Functions checks against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const iam = new IAMClient({ region: REGION });
      const sfn = new SFNClient({ region: REGION });
      const account = '123456789012';
      const jobDef = `arn:aws:batch:${REGION}:${account}:job-definition/job:1`;
      const queue = `arn:aws:batch:${REGION}:${account}:job-queue/queue`;
      const roles: Array<[string, string, string[] | undefined]> = [
        ['submitter', 'states.amazonaws.com', [jobDef, queue]],
        ['powerless', 'states.amazonaws.com', undefined],
        ['lambda-trusting', 'lambda.amazonaws.com', [jobDef, queue]],
      ];
      const arns: Record<string, string> = {};
      for (const [name, service, resources] of roles) {
        arns[name] = (await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(service) }))).Role!.Arn!;
        if (resources) {
          await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'submit', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'batch:SubmitJob', Resource: resources }] }) }));
        }
      }
      const definition = JSON.stringify({ StartAt: 'Run', States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', Parameters: { JobName: 'j', JobDefinition: jobDef, JobQueue: queue }, End: true } } });
      for (const [name, role] of [['good', 'submitter'], ['denied', 'powerless'], ['untrusted', 'lambda-trusting']]) {
        await sfn.send(new CreateStateMachineCommand({ name, roleArn: arns[role], definition }));
      }
      iam.destroy();
      sfn.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, pages of 2', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: CHECKS, pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    const got = report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':').pop()}`).sort();
    expect(got).toEqual(['iam-role-trust-authorized untrusted', 'stepfunctions-tasks-authorized denied']);
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.errored}`]));
    expect(counts).toEqual({ 'stepfunctions-tasks-authorized': '2/1/0', 'iam-role-trust-authorized': '2/1/0' });
  });
});
