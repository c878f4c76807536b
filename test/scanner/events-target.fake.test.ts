/**
 * events-target-authorized through the real SDK against the fake endpoint: every rule of every bus
 * (ListEventBuses, ListRules, ListTargetsByRule, pages smaller than the data), each target's
 * delivery judged against the live topic, queue and function policies; a rule whose targets cannot
 * be listed is ERROR, never PASS.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECK = 'events-target-authorized';
const ACCT = '123456789012';
const arn = (service: string, resource: string, owner = ACCT) => `arn:aws:${service}:eu-west-1:${owner}:${resource}`;
const rule = (name: string, bus = 'default') => arn('events', `rule/${bus === 'default' ? '' : `${bus}/`}${name}`);

function account() {
  const s = emptyAccount(['eu-west-1']);
  const r = s.regions['eu-west-1'];
  r.topics = [{ Name: 'alerts' }, { Name: 'bare', policy: null }];
  r.queues = [{ QueueName: 'no-policy-dlq' }];
  r.functions = [{
    FunctionName: 'fn',
    policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: arn('lambda', 'function:fn') }] }),
  }];
  r.eventRules = [
    { Name: 'a-ok', EventPattern: '{"source":["aws.guardduty"]}', targets: [{ Id: '1', Arn: arn('sns', 'alerts') }] },
    { Name: 'b-bare', targets: [{ Id: '1', Arn: arn('sns', 'bare') }] },
    { Name: 'c-fn', targets: [{ Id: '1', Arn: arn('lambda', 'function:fn') }] },
    { Name: 'd-ecs', targets: [{ Id: '1', Arn: arn('ecs', 'cluster/c'), RoleArn: `arn:aws:iam::${ACCT}:role/ecs-events` }] },
    { Name: 'e-dlq', targets: [{ Id: '1', Arn: arn('sns', 'alerts'), DeadLetterArn: arn('sqs', 'no-policy-dlq') }] },
    { Name: 'f-other-account', EventBusName: 'app', targets: [{ Id: '1', Arn: arn('sns', 'central', '999999999999') }] },
    { Name: 'g-no-targets', targets: [] },
  ];
  s.roles = [{ RoleName: 'ecs-events', trust: { Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }] } }];
  return s;
}

describe('events-target-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('pages of 2 across two buses: admitted targets PASS, denied ones FAIL, another account\'s topic ERROR, nothing judged N/A', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    // default bus: 6 rules in 3 pages; app: 1 page
    expect(fake.stats.requests['events:ListRules']).toBe(4);
    expect(fake.stats.requests['events:ListTargetsByRule']).toBe(7);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 2, notApplicable: 2, errored: 1 });
    expect(report.findings.map((f) => f.resourceId).sort()).toEqual([rule('b-bare'), rule('e-dlq')]);
    expect(JSON.stringify(report.findings.find((f) => f.resourceId === rule('e-dlq')))).toContain('sqs:SendMessage');
  });

  test('a rule whose targets cannot be listed is ERROR; throttled List calls are retried', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      throttleFirst: { 'events:ListRules': 1 },
      authorize: async (r, api) => {
        if (api === 'ListTargetsByRule' && r.json.Rule === 'a-ok') throw new AwsHttpError(400, 'AccessDeniedException', 'User is not authorized to perform: events:ListTargetsByRule');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(fake.stats.throttled['events:ListRules']).toBe(1);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'events', api: 'ListTargetsByRule', code: 'AccessDeniedException', resource: rule('a-ok') })]);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 2, notApplicable: 2, errored: 2 });
  });
});
