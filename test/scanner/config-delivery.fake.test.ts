/**
 * config-delivery-authorized through the real SDK against the fake endpoint: each Region's delivery
 * channel (DescribeDeliveryChannels) judged against its bucket's policy (ListBuckets,
 * GetBucketPolicy) for config.amazonaws.com or the recorder's role; a bucket the account does not
 * list, a topic (whose policy is not read) and a Region whose channels cannot be read are ERROR.
 */
import { fakeEnv, fixtureAccount, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeAccountState } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const ACCOUNT = '123456789012';
const CHECK = 'config-delivery-authorized';
const configSays = (bucket: string) => [
  { Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${bucket}`, Condition: { StringEquals: { 'AWS:SourceAccount': ACCOUNT } } },
  {
    Effect: 'Allow',
    Principal: { Service: 'config.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `arn:aws:s3:::${bucket}/AWSLogs/${ACCOUNT}/Config/*`,
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'AWS:SourceAccount': ACCOUNT } },
  },
];

function account(): FakeAccountState {
  const s = emptyAccount(['eu-west-1', 'us-east-1', 'eu-central-1', 'ap-south-1']);
  const recorder = { name: 'default', recording: true };
  s.regions['eu-west-1'].config = { recorders: [recorder], channels: [{ name: 'default', s3BucketName: 'config-granted' }] };
  s.regions['us-east-1'].config = { recorders: [recorder], channels: [{ name: 'default', s3BucketName: 'config-plain' }] };
  s.regions['eu-central-1'].config = { recorders: [recorder], channels: [{ name: 'default', s3BucketName: 'config-of-another-account' }] };
  s.regions['ap-south-1'].config = { recorders: [recorder], channels: [{ name: 'default', s3BucketName: 'config-granted', snsTopicARN: `arn:aws:sns:ap-south-1:${ACCOUNT}:config` }] };
  s.buckets = [
    { Name: 'config-granted', Region: 'eu-west-1', policy: JSON.stringify({ Version: '2012-10-17', Statement: configSays('config-granted') }) },
    { Name: 'config-plain', Region: 'eu-west-1' },
  ];
  return s;
}

describe('config-delivery-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('each Region\'s channel judged by its bucket policy; undecidable paths are ERROR', async () => {
    fake = new FakeAws(account());
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1', 'eu-central-1', 'ap-south-1'], checkIds: [CHECK] }));
    expect(schemaErrors(report)).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId)).toEqual([`arn:aws:config:us-east-1:${ACCOUNT}:delivery-channel/default`]);
    // PASS: eu-west-1; ERROR: eu-central-1 (a bucket the account does not list), ap-south-1 (a topic)
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 1, notApplicable: 0, errored: 2 });
  });

  test('the default account: AccountAudit\'s channel may deliver in every Region', async () => {
    fake = new FakeAws(fixtureAccount());
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [CHECK] }));
    expect(report.errors).toEqual([]);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 0, notApplicable: 0, errored: 0 });
  });

  test('a Region whose delivery channels cannot be read (denied) is ERROR, never PASS', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (r.service === 'config' && api === 'DescribeDeliveryChannels') throw new AwsHttpError(400, 'AccessDeniedException', 'not authorized to perform: config:DescribeDeliveryChannels');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK] }));
    expect(report.checks[0].counts).toEqual({ passed: 0, failed: 0, notApplicable: 0, errored: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ service: 'config', api: 'DescribeDeliveryChannels', code: 'AccessDeniedException' })]);
  });
});
