/**
 * ec2-flow-log-delivery-authorized through the real SDK against the fake endpoint: flow logs
 * (DescribeFlowLogs, paged) to CloudWatch Logs judged by their role's policies
 * (GetAccountAuthorizationDetails), to S3 by the bucket policy (ListBuckets, GetBucketPolicy); a
 * `DeliverLogsStatus` of `FAILED` FAILs; a bucket the account does not list and a Region whose flow
 * logs could not be read are ERROR, never PASS.
 */
import { fakeEnv, fixtureAccount, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeAccountState } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const ACCOUNT = '123456789012';
const CHECK = 'ec2-flow-log-delivery-authorized';
const group = (name: string) => `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${name}:*`;

function account(): FakeAccountState {
  const s = emptyAccount(['eu-west-1']);
  const base = { ResourceId: 'vpc-1', FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' as const, DeliverLogsStatus: 'SUCCESS' };
  const role = `arn:aws:iam::${ACCOUNT}:role/flow-logs`;
  s.regions['eu-west-1'].flowLogs = [
    { ...base, FlowLogId: 'fl-logs', LogDestinationType: 'cloud-watch-logs', LogDestination: group('/flow'), LogGroupName: '/flow', DeliverLogsPermissionArn: role },
    { ...base, FlowLogId: 'fl-logs-other', LogDestinationType: 'cloud-watch-logs', LogDestination: group('/other'), LogGroupName: '/other', DeliverLogsPermissionArn: role },
    { ...base, FlowLogId: 'fl-s3', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-logs' },
    { ...base, FlowLogId: 'fl-s3-failed', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-logs', DeliverLogsStatus: 'FAILED', DeliverLogsErrorMessage: 'Access error' },
    { ...base, FlowLogId: 'fl-s3-plain', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::plain-bucket' },
    { ...base, FlowLogId: 'fl-s3-foreign', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::bucket-of-another-account' },
    { ...base, FlowLogId: 'fl-firehose', LogDestinationType: 'kinesis-data-firehose', LogDestination: `arn:aws:firehose:eu-west-1:${ACCOUNT}:deliverystream/flow` },
  ];
  const logDelivery = { 'aws:SourceAccount': ACCOUNT };
  s.buckets = [
    {
      Name: 'flow-logs',
      Region: 'eu-west-1',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::flow-logs/AWSLogs/${ACCOUNT}/*`, Condition: { StringEquals: { ...logDelivery, 's3:x-amz-acl': 'bucket-owner-full-control' } } },
          { Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::flow-logs', Condition: { StringEquals: logDelivery } },
        ],
      }),
    },
    { Name: 'plain-bucket', Region: 'eu-west-1' },
  ];
  s.roles = [{
    RoleName: 'flow-logs',
    trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    inline: { logs: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: group('/flow') }] } },
  }];
  return s;
}

describe('ec2-flow-log-delivery-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('each flow log judged by its destination, pages of 2', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(schemaErrors(report)).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/').pop()).sort()).toEqual(['fl-logs-other', 'fl-s3-failed', 'fl-s3-plain']);
    expect(report.findings.find((f) => f.resourceId.endsWith('/fl-s3-failed'))?.reason ?? '').toContain('Access error');
    // PASS: fl-logs, fl-s3; ERROR: fl-s3-foreign; N/A: fl-firehose
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 3, notApplicable: 1, errored: 1 });
  });

  test('the default account: nothing to report', async () => {
    fake = new FakeAws(fixtureAccount());
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [CHECK] }));
    expect(report.errors).toEqual([]);
    expect(report.checks[0].counts).toMatchObject({ failed: 0, errored: 0 });
  });

  test('a Region whose flow logs cannot be read (denied) is ERROR, never PASS', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (r.service === 'ec2' && api === 'DescribeFlowLogs') throw new AwsHttpError(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK] }));
    expect(report.checks[0].counts).toEqual({ passed: 0, failed: 0, notApplicable: 0, errored: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ service: 'ec2', api: 'DescribeFlowLogs', code: 'UnauthorizedOperation' })]);
  });
});
