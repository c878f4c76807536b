/**
 * lambda-destination-authorized through the real SDK against the fake endpoint: the dead-letter
 * queue and the event invoke destinations of every qualifier (paged), judged against the role's
 * live policies and the queue's policy; unreadable configurations are ERROR, never PASS.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeAccountState } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECK = 'lambda-destination-authorized';
const ACCT = '123456789012';
const BUS = `arn:aws:events:eu-west-1:${ACCT}:event-bus/failures`;
const TARGET_FN = `arn:aws:lambda:eu-west-1:${ACCT}:function:target`;
const lambdaTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const allow = (action: string, resource: string | string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

function account(): FakeAccountState {
  const s = emptyAccount(['eu-west-1']);
  s.regions['eu-west-1'].functions = [
    // DLQ `<name>-dlq`, allowed by the sender role
    { FunctionName: 'dlq-ok', RoleName: 'sender' },
    // DLQ allowed by the role's policies, denied by the queue's policy
    { FunctionName: 'dlq-queue-denies', RoleName: 'sender' },
    // DLQ not allowed by the role's policies, allowed to the role by the queue's policy
    { FunctionName: 'dlq-queue-allows', RoleName: 'bare' },
    // on-success destination on the third configuration (paging), not allowed
    { FunctionName: 'bus-denied', RoleName: 'bare', DeadLetterTargetArn: null, eventInvokeConfigs: [{ Qualifier: '$LATEST' }, { Qualifier: '1' }, { Qualifier: 'live', OnSuccess: BUS }] },
    { FunctionName: 'bus-ok', RoleName: 'sender', DeadLetterTargetArn: null, eventInvokeConfigs: [{ Qualifier: '$LATEST', OnFailure: BUS }] },
    // a function target without a permission for the role: denied by identity, the function policy is read (none)
    { FunctionName: 'to-function', RoleName: 'bare', DeadLetterTargetArn: null, eventInvokeConfigs: [{ Qualifier: '$LATEST', OnFailure: TARGET_FN }] },
    { FunctionName: 'target', RoleName: 'bare', DeadLetterTargetArn: null },
    { FunctionName: 'denied', RoleName: 'bare', DeadLetterTargetArn: null },
  ];
  const queueArn = (fn: string) => `arn:aws:sqs:eu-west-1:${ACCT}:${fn}-dlq`;
  const queuePolicy = (effect: string, roleName: string, fn: string) => JSON.stringify({
    Version: '2012-10-17', Statement: [{ Effect: effect, Principal: { AWS: `arn:aws:iam::${ACCT}:role/${roleName}` }, Action: 'sqs:SendMessage', Resource: queueArn(fn) }],
  });
  s.regions['eu-west-1'].queues = [
    { QueueName: 'dlq-ok-dlq' },
    { QueueName: 'dlq-queue-denies-dlq', policy: queuePolicy('Deny', 'sender', 'dlq-queue-denies') },
    { QueueName: 'dlq-queue-allows-dlq', policy: queuePolicy('Allow', 'bare', 'dlq-queue-allows') },
  ];
  s.roles = [
    { RoleName: 'sender', trust: lambdaTrust, inline: { send: allow('*', [queueArn('dlq-ok'), queueArn('dlq-queue-denies'), BUS]) } },
    { RoleName: 'bare', trust: lambdaTrust },
  ];
  return s;
}

describe('lambda-destination-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('destinations of every qualifier, judged against the role\'s policies', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (r.service === 'lambda' && r.path.includes('/functions/denied/') && api === 'ListFunctionEventInvokeConfigs') {
          throw new AwsHttpError(403, 'AccessDeniedException', `User is not authorized to perform: lambda:${api}`);
        }
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], pageSize: 2 }));
    const check = report.checks[0];
    expect(report.findings.map((f) => f.resourceId.split(':').pop()).sort()).toEqual(['bus-denied', 'dlq-queue-denies', 'to-function']);
    expect(report.findings.find((f) => f.resourceId.endsWith(':dlq-queue-denies'))!.reason).toMatch(/explicitly denied by the queue policy of dlq-queue-denies-dlq/);
    expect(check.errors.map((e) => e.resource?.split(':').pop()).sort()).toEqual(['denied']);
    expect(check.counts).toEqual({ passed: 3, failed: 3, notApplicable: 1, errored: 1 });
  });
});
