/**
 * lambda-destination-authorized through the real SDK against the fake endpoint: the dead-letter
 * queue and the event invoke destinations of every qualifier (paged), judged against the role's
 * live policies; unreadable configurations are ERROR, never PASS.
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
    // DLQ not allowed by the role's policies: the queue policy is not read, so undecided
    { FunctionName: 'dlq-unknown', RoleName: 'bare' },
    // on-success destination on the third configuration (paging), not allowed
    { FunctionName: 'bus-denied', RoleName: 'bare', DeadLetterTargetArn: null, eventInvokeConfigs: [{ Qualifier: '$LATEST' }, { Qualifier: '1' }, { Qualifier: 'live', OnSuccess: BUS }] },
    { FunctionName: 'bus-ok', RoleName: 'sender', DeadLetterTargetArn: null, eventInvokeConfigs: [{ Qualifier: '$LATEST', OnFailure: BUS }] },
    // a function target without a permission for the role: denied by identity, the function policy is read (none)
    { FunctionName: 'to-function', RoleName: 'bare', DeadLetterTargetArn: null, eventInvokeConfigs: [{ Qualifier: '$LATEST', OnFailure: TARGET_FN }] },
    { FunctionName: 'target', RoleName: 'bare', DeadLetterTargetArn: null },
    { FunctionName: 'denied', RoleName: 'bare', DeadLetterTargetArn: null },
  ];
  s.roles = [
    { RoleName: 'sender', trust: lambdaTrust, inline: { send: allow('*', [`arn:aws:sqs:eu-west-1:${ACCT}:dlq-ok-dlq`, BUS]) } },
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
    expect(report.findings.map((f) => f.resourceId.split(':').pop()).sort()).toEqual(['bus-denied', 'to-function']);
    expect(check.errors.map((e) => e.resource?.split(':').pop()).sort()).toEqual(['denied', 'dlq-unknown']);
    expect(check.counts).toEqual({ passed: 2, failed: 2, notApplicable: 1, errored: 2 });
  });
});
