/**
 * scheduler-target-authorized through the real SDK against the fake endpoint: schedules whose role
 * may call the target (and dead-letter queue) pass, others fail naming the denied action, a schedule
 * whose GetSchedule is denied and a role the account does not hold are ERROR,
 * never PASS; a target kind the check does not judge is not applicable.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:runs`;
const DLQ = `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`;
const LOCKED_DLQ = `arn:aws:sqs:${REGION}:${ACCOUNT}:locked-dlq`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

describe('scheduler-target-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    const s = emptyAccount([REGION]);
    s.roles = [
      { RoleName: 'good', trust: TRUST, inline: { p: policy({ Effect: 'Allow', Action: ['sns:Publish', 'sqs:SendMessage'], Resource: [TOPIC, DLQ, LOCKED_DLQ] }) } },
      { RoleName: 'nodlq', trust: TRUST, inline: { p: policy({ Effect: 'Allow', Action: 'sns:Publish', Resource: TOPIC }) } },
    ];
    s.regions[REGION].topics = [{ Name: 'runs' }];
    s.regions[REGION].queues = [
      { QueueName: 'dlq' },
      // the role may send, the queue's policy denies it
      { QueueName: 'locked-dlq', policy: JSON.stringify(policy({ Effect: 'Deny', Principal: { AWS: role('good') }, Action: 'sqs:SendMessage', Resource: LOCKED_DLQ })) },
    ];
    s.regions[REGION].schedules = [
      { Name: 'ok', Target: { Arn: TOPIC, RoleArn: role('good'), DeadLetterArn: DLQ } },
      { Name: 'ok-universal', GroupName: 'ops', Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sns:publish', RoleArn: role('nodlq') } },
      { Name: 'no-dlq-permission', Target: { Arn: TOPIC, RoleArn: role('nodlq'), DeadLetterArn: DLQ } },
      { Name: 'dlq-policy-denies', Target: { Arn: TOPIC, RoleArn: role('good'), DeadLetterArn: LOCKED_DLQ } },
      { Name: 'missing-role', Target: { Arn: TOPIC, RoleArn: role('gone') } },
      { Name: 'kinesis', Target: { Arn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/s`, RoleArn: role('good') } },
      { Name: 'unreadable', Target: { Arn: TOPIC, RoleArn: role('good') } },
    ];
    fake = new FakeAws(s, {
      pageSize: 2,
      authorize: async (r, api) => {
        if (api === 'GetSchedule' && r.path.includes('unreadable')) throw new AwsHttpError(403, 'AccessDeniedException', 'not authorized to perform: scheduler:GetSchedule');
      },
    });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('allowed paths pass, a denied one fails, unreadable or undecidable schedules are ERROR', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: [REGION], checkIds: ['scheduler-target-authorized'] }));
    const check = report.checks.find((c) => c.id === 'scheduler-target-authorized')!;
    expect(report.findings.map((f) => f.resourceId.split(':schedule/')[1]).sort()).toEqual(['default/dlq-policy-denies', 'default/no-dlq-permission']);
    const reason = (name: string) => report.findings.find((f) => f.resourceId.endsWith(`/${name}`))!.reason;
    expect(reason('no-dlq-permission')).toMatch(/^schedule default\/no-dlq-permission -> dlq queue: sqs:SendMessage for .* denied: /);
    // the role's policy allows the send; the queue's policy denies it, which the schedule's own policy cannot undo
    expect(reason('dlq-policy-denies')).toMatch(/^schedule default\/dlq-policy-denies -> locked-dlq queue: sqs:SendMessage for .* denied: explicitly denied by the queue policy of locked-dlq/);
    // ok passes; ok-universal is ERROR (sns:Publish on the resources its input names, and the role allows one topic only); kinesis is not judged
    expect(check.counts).toEqual({ passed: 1, failed: 2, notApplicable: 1, errored: 3 });
    expect(check.errors.map((e) => (e.resource ?? '').split(':schedule/')[1]).sort()).toEqual(['default/missing-role', 'default/unreadable', 'ops/ok-universal']);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'scheduler', api: 'GetSchedule', code: 'AccessDeniedException' })]);
  });

  test('a denied ListSchedules makes the Region ERROR, never PASS', async () => {
    await fake.stop();
    fake = new FakeAws(emptyAccount([REGION]), {
      authorize: async (_r, api) => {
        if (api === 'ListSchedules') throw new AwsHttpError(403, 'AccessDeniedException', 'not authorized to perform: scheduler:ListSchedules');
      },
    });
    url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: [REGION], checkIds: ['scheduler-target-authorized'] }));
    const check = report.checks.find((c) => c.id === 'scheduler-target-authorized')!;
    expect(check.counts.passed).toBe(0);
    expect(check.counts.errored).toBe(1);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'scheduler', api: 'ListSchedules', code: 'AccessDeniedException' })]);
  });
});
