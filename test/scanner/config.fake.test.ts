/**
 * AWS Config through the real SDK against the fake endpoint: one verdict per Region from its
 * recorders, their status and its delivery channels; a Region whose status cannot be read is ERROR
 * with the API and its error code, never a PASS.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1', 'sa-east-1'];

describe('config-recorder-recording against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    const s = emptyAccount(REGIONS);
    s.regions['us-east-1'].config = { recorders: [{ name: 'default', recording: false }], channels: [{ name: 'default', s3BucketName: 'config-delivery' }] };
    s.regions['ap-south-1'].config = { recorders: [], channels: [] };
    fake = new FakeAws(s, {
      authorize: async (r, api) => {
        if (api === 'DescribeConfigurationRecorderStatus' && r.region === 'sa-east-1') throw new AwsHttpError(400, 'AccessDeniedException', 'not authorized to perform: config:DescribeConfigurationRecorderStatus');
      },
    });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('recording passes (the default), stopped and absent fail, an unreadable Region is ERROR', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: REGIONS, checkIds: ['config-recorder-recording'] }));
    expect(report.findings.map((f) => `${f.region} ${f.reason}`).sort()).toEqual([
      'ap-south-1 no configuration recorder and no delivery channel',
      'us-east-1 the configuration recorder is stopped',
    ]);
    const check = report.checks.find((c) => c.id === 'config-recorder-recording')!;
    expect(check.counts).toEqual({ passed: 1, failed: 2, notApplicable: 0, errored: 1 });
    expect(check.errors).toEqual([expect.objectContaining({ region: 'sa-east-1', code: 'AccessDeniedException' })]);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'config', api: 'DescribeConfigurationRecorderStatus', region: 'sa-east-1', code: 'AccessDeniedException' })]);
    expect(fake.stats.requests['config:DescribeDeliveryChannels']).toBe(4);
  });
});
