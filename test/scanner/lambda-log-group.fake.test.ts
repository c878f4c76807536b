/**
 * lambda-explicit-log-group through the real SDK against the fake endpoint: the log group
 * ListFunctions names, judged with the Region's log groups (DescribeLogGroups); a Region whose log
 * groups cannot be listed is ERROR, never PASS.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeAccountState } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECK = 'lambda-explicit-log-group';

function account(): FakeAccountState {
  const s = emptyAccount(['eu-west-1']);
  s.regions['eu-west-1'].functions = [
    { FunctionName: 'own' }, // `own-logs`
    { FunctionName: 'precreated', LogGroup: '/aws/lambda/precreated' },
    { FunctionName: 'never-invoked', LogGroup: null },
    { FunctionName: 'invoked', LogGroup: null },
  ];
  s.regions['eu-west-1'].logGroups = [
    { logGroupName: '/aws/lambda/precreated', retentionInDays: 30 },
    { logGroupName: '/aws/lambda/invoked' },
    { logGroupName: 'own-logs', retentionInDays: 7 },
  ];
  return s;
}

describe('lambda-explicit-log-group against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('the implicit log group fails unless it was created ahead of the function with a retention', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split(':').pop()).sort()).toEqual(['invoked', 'never-invoked']);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 2, notApplicable: 0, errored: 0 });
    expect(fake.stats.requests['logs:DescribeLogGroups']).toBe(2);
  });

  test('log groups that cannot be listed: ERROR for the Region, no finding', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (r.service === 'logs') throw new AwsHttpError(400, 'AccessDeniedException', `User is not authorized to perform: logs:${api}`);
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK] }));
    expect(report.findings).toEqual([]);
    expect(report.checks[0].counts.errored).toBe(1);
    expect(report.checks[0].errors[0].code).toBe('AccessDeniedException');
  });
});
