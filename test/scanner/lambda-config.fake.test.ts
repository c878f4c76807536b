/**
 * The Lambda configuration checks through the real SDK against the fake endpoint: ListFunctions and
 * ListFunctionEventInvokeConfigs paged smaller than the data, GetFunctionConcurrency per function,
 * an unreadable function reported as ERROR, and reads no selected check needs not made.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeAccountState, FakeFunction } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECKS = ['lambda-inside-vpc', 'lambda-active-tracing', 'lambda-reserved-concurrency', 'lambda-failure-destination'];
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:failures';

function account(): FakeAccountState {
  const s = emptyAccount(['eu-west-1']);
  const functions: FakeFunction[] = [
    { FunctionName: 'compliant' },
    { FunctionName: 'outside-vpc', VpcId: null },
    { FunctionName: 'passthrough', TracingMode: 'PassThrough' },
    { FunctionName: 'no-tracing', TracingMode: null },
    { FunctionName: 'unreserved', ReservedConcurrency: null },
    { FunctionName: 'capped', ReservedConcurrency: 0 },
    // the on-failure destination is on the third configuration: found only by paging
    { FunctionName: 'alias-destination', DeadLetterTargetArn: null, eventInvokeConfigs: [{ Qualifier: '$LATEST' }, { Qualifier: '1' }, { Qualifier: 'live', OnFailure: TOPIC }] },
    { FunctionName: 'no-destination', DeadLetterTargetArn: null, eventInvokeConfigs: [{ Qualifier: '$LATEST' }, { Qualifier: '1' }, { Qualifier: 'live' }] },
    { FunctionName: 'denied', DeadLetterTargetArn: null },
  ];
  s.regions['eu-west-1'].functions = functions;
  return s;
}

describe('Lambda configuration checks against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (r.service === 'lambda' && r.path.includes('/functions/denied/') && api !== 'GetPolicy') {
          throw new AwsHttpError(403, 'AccessDeniedException', `User is not authorized to perform: lambda:${api}`);
        }
      },
    });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('exactly the expected results, pages smaller than the data, an unreadable function ERROR', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: CHECKS, pageSize: 2 }));
    expect(report.status).toBe('PARTIAL');
    const check = (id: string) => report.checks.find((c) => c.id === id)!;
    const failed = (id: string) => report.findings.filter((f) => f.checkId === id).map((f) => f.resourceId.split(':').pop()).sort();
    const errored = (id: string) => check(id).errors.map((e) => e.resource?.split(':').pop()).sort();

    expect(failed('lambda-inside-vpc')).toEqual(['outside-vpc']);
    expect(failed('lambda-active-tracing')).toEqual(['no-tracing', 'passthrough']);
    expect(failed('lambda-reserved-concurrency')).toEqual(['unreserved']);
    expect(errored('lambda-reserved-concurrency')).toEqual(['denied']);
    expect(failed('lambda-failure-destination')).toEqual(['no-destination']);
    expect(errored('lambda-failure-destination')).toEqual(['denied']);
    expect(check('lambda-inside-vpc').counts).toEqual({ passed: 8, failed: 1, notApplicable: 0, errored: 0 });
    expect(check('lambda-reserved-concurrency').counts).toEqual({ passed: 7, failed: 1, notApplicable: 0, errored: 1 });
    // DLQ (6), the alias's destination (1); no destination (1); unreadable (1)
    expect(check('lambda-failure-destination').counts).toEqual({ passed: 7, failed: 1, notApplicable: 0, errored: 1 });

    expect(fake.stats.requests['lambda:ListFunctions']).toBe(5); // 9 functions, pages of 2
    expect(fake.stats.requests['lambda:GetFunctionConcurrency']).toBe(9);
    // without a DLQ only: 3 functions; 3 configurations in pages of 2 for two of them, none for the third
    expect(fake.stats.requests['lambda:ListFunctionEventInvokeConfigs']).toBe(5);
    expect(report.errors.map((e) => `${e.service} ${e.api} ${e.code} ${e.resource?.split(':').pop()}`).sort()).toEqual([
      'lambda GetFunctionConcurrency AccessDeniedException denied',
      'lambda ListFunctionEventInvokeConfigs AccessDeniedException denied',
    ]);
  });

  test('the concurrency and event invoke configurations are not read when no selected check needs them', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['lambda-active-tracing'] }));
    expect(report.errors).toEqual([]);
    expect(fake.stats.requests['lambda:GetFunctionConcurrency']).toBeUndefined();
    expect(fake.stats.requests['lambda:ListFunctionEventInvokeConfigs']).toBeUndefined();
    expect(report.checks[0].counts).toMatchObject({ passed: 7, failed: 2, errored: 0 });
  });
});
