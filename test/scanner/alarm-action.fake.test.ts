/**
 * cloudwatch-alarm-action-authorized through the real SDK against the fake endpoint: DescribeAlarms
 * paged with pages smaller than the data (metric and composite alarms), each SNS action judged
 * against the topic's live policy; a denied DescribeAlarms is ERROR for the Region, never PASS.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECK = 'cloudwatch-alarm-action-authorized';
const topic = (name: string, owner = '123456789012') => `arn:aws:sns:eu-west-1:${owner}:${name}`;
const alarm = (name: string) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${name}`;

function account() {
  const s = emptyAccount(['eu-west-1', 'us-east-1']);
  s.regions['us-east-1'].alarms = [{ AlarmName: 'no-actions' }];
  const r = s.regions['eu-west-1'];
  r.kmsKeys = [{ KeyId: 'k', KeyManager: 'CUSTOMER', KeyState: 'Enabled' }];
  r.topics = [{ Name: 'alerts', KmsMasterKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k' }, { Name: 'bare', policy: null }];
  r.alarms = [
    { AlarmName: 'a-ok', AlarmActions: [topic('alerts')], OKActions: [topic('alerts')] },
    { AlarmName: 'b-default-policy', AlarmActions: [topic('bare')] },
    { AlarmName: 'c-ec2-only', AlarmActions: ['arn:aws:automate:eu-west-1:ec2:stop'] },
    { AlarmName: 'd-missing-topic', InsufficientDataActions: [topic('missing')] },
    { AlarmName: 'e-other-account', AlarmActions: [topic('central', '999999999999')] },
    { AlarmName: 'f-composite', composite: true, AlarmActions: [topic('alerts')] },
  ];
  return s;
}

describe('cloudwatch-alarm-action-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('pages of 2: allowed topics PASS, the default policy and a missing topic FAIL, another account\'s topic is ERROR, no SNS action N/A', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(fake.stats.requests['monitoring:DescribeAlarms']).toBe(3);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 2, notApplicable: 1, errored: 1 });
    const byId = Object.fromEntries(report.findings.map((f) => [f.resourceId, f]));
    // findings are the FAILs; the undecided e-other-account is counted as ERROR
    expect(Object.keys(byId).sort()).toEqual([alarm('b-default-policy'), alarm('d-missing-topic')]);
    expect(JSON.stringify(byId[alarm('b-default-policy')])).toContain('cloudwatch.amazonaws.com');
    expect(JSON.stringify(byId[alarm('d-missing-topic')])).toContain('does not exist');
  });

  test('a Region whose alarms cannot be described is ERROR, with the API error in context; throttling is retried', async () => {
    fake = new FakeAws(account(), {
      throttleFirst: { 'sns:GetTopicAttributes': 1 },
      authorize: async (r, api) => {
        if (r.service === 'monitoring' && r.region === 'eu-west-1') throw new AwsHttpError(400, 'AccessDenied', `User is not authorized to perform: cloudwatch:${api}`);
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [CHECK] }));
    expect(report.status).toBe('PARTIAL');
    expect(report.errors).toEqual([expect.objectContaining({ service: 'cloudwatch', api: 'DescribeAlarms', code: 'AccessDenied' })]);
    expect(report.checks[0].counts).toEqual({ passed: 0, failed: 0, notApplicable: 1, errored: 1 });
  });
});
