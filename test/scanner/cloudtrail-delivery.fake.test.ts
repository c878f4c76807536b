/**
 * cloudtrail-delivery-authorized through the real SDK against the fake endpoint: trails (DescribeTrails,
 * GetTrailStatus) judged against the live bucket policies (ListBuckets, GetBucketPolicy) and their
 * CloudWatch Logs role's policies (GetAccountAuthorizationDetails); a delivery error GetTrailStatus
 * reports FAILs; a bucket policy that could not be read, a bucket of another account and a Region whose
 * trails could not be read are ERROR, never PASS.
 */
import { fakeEnv, fixtureAccount, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeAccountState } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const ACCOUNT = '123456789012';
const CHECK = 'cloudtrail-delivery-authorized';
const trailArn = (name: string) => `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/${name}`;

function delivery(bucket: string, trail: string) {
  const condition = { 'aws:SourceArn': trailArn(trail) };
  return [
    { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${bucket}`, Condition: { StringEquals: condition } },
    { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/AWSLogs/${ACCOUNT}/*`, Condition: { StringEquals: { ...condition, 's3:x-amz-acl': 'bucket-owner-full-control' } } },
  ];
}

function account(): FakeAccountState {
  const s = emptyAccount(['eu-west-1', 'us-east-1']);
  const trail = { HomeRegion: 'eu-west-1', IsMultiRegionTrail: false, LogFileValidationEnabled: true, IsLogging: true };
  s.regions['eu-west-1'].trails = [
    { ...trail, Name: 'good', S3BucketName: 'trail-logs' },
    { ...trail, Name: 'not-granted', S3BucketName: 'trail-logs-no-policy' },
    { ...trail, Name: 'reported', S3BucketName: 'trail-logs', LatestDeliveryError: 'AccessDenied' },
    { ...trail, Name: 'foreign', S3BucketName: 'bucket-of-another-account' },
    { ...trail, Name: 'unreadable', S3BucketName: 'trail-logs-denied' },
    {
      ...trail,
      Name: 'to-logs',
      S3BucketName: 'trail-logs',
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail-logs`,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/trail:*`,
    },
    {
      ...trail,
      Name: 'to-logs-denied',
      S3BucketName: 'trail-logs',
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail-logs`,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/elsewhere:*`,
    },
  ];
  const grants = ['good', 'reported', 'foreign', 'unreadable', 'to-logs', 'to-logs-denied'].flatMap((t) => delivery('trail-logs', t));
  s.buckets = [
    { Name: 'trail-logs', Region: 'eu-west-1', policy: JSON.stringify({ Version: '2012-10-17', Statement: grants }) },
    { Name: 'trail-logs-no-policy', Region: 'eu-west-1' },
    { Name: 'trail-logs-denied', Region: 'eu-west-1', policy: JSON.stringify({ Version: '2012-10-17', Statement: delivery('trail-logs-denied', 'unreadable') }) },
  ];
  s.roles = [{
    RoleName: 'trail-logs',
    trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    inline: { logs: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/trail:*` }] } },
  }];
  return s;
}

describe('cloudtrail-delivery-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('allowed, denied, reported and undecidable paths, each trail judged in its home Region', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (api === 'GetBucket:policy' && r.path.startsWith('/trail-logs-denied')) throw new AwsHttpError(403, 'AccessDenied', 'not authorized to perform: s3:GetBucketPolicy');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [CHECK] }));
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/').pop()).sort()).toEqual(['not-granted', 'reported', 'to-logs-denied']);
    // PASS: good, to-logs; ERROR: foreign (a bucket the account does not list), unreadable (GetBucketPolicy denied)
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 3, notApplicable: 0, errored: 2 });
    expect(report.findings.find((f) => f.resourceId === trailArn('reported'))?.reason ?? '').toContain('AccessDenied');
  });

  test('the default account: AccountAudit\'s trail may deliver (PASS), its copy in another Region not applicable', async () => {
    fake = new FakeAws(fixtureAccount());
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [CHECK] }));
    expect(report.errors).toEqual([]);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 0, notApplicable: 1, errored: 0 });
  });

  test('a Region whose trails cannot be read (throttled) is ERROR, never PASS', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (r.service === 'cloudtrail' && api === 'DescribeTrails') throw new AwsHttpError(400, 'ThrottlingException', 'Rate exceeded');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], maxAttempts: 1 }));
    expect(report.checks[0].counts).toEqual({ passed: 0, failed: 0, notApplicable: 0, errored: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ service: 'cloudtrail', api: 'DescribeTrails', code: 'ThrottlingException' })]);
  });
});
