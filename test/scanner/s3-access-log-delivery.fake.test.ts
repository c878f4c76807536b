/**
 * s3-access-log-delivery-authorized through the real SDK against the fake endpoint: each bucket with
 * server access logging (GetBucketLogging, its TargetPrefix) judged against its target bucket's
 * policy, ACL, object ownership and default encryption; a target the account does not list and a
 * target whose policy could not be read are ERROR, never PASS.
 */
import { fakeEnv, fixtureAccount, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeAccountState } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECK = 's3-access-log-delivery-authorized';
const grant = (target: string) => ({
  Effect: 'Allow',
  Principal: { Service: 'logging.s3.amazonaws.com' },
  Action: 's3:PutObject',
  Resource: `arn:aws:s3:::${target}/logs/*`,
  Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
});

function account(): FakeAccountState {
  const s = emptyAccount(['eu-west-1']);
  const base = { Region: 'eu-west-1', ownership: 'BucketOwnerEnforced' };
  s.buckets = [
    { ...base, Name: 'granted-logs', sse: 'AES256', policy: JSON.stringify({ Statement: [grant('granted-logs')] }) },
    { ...base, Name: 'kms-logs', sse: 'aws:kms', policy: JSON.stringify({ Statement: [grant('kms-logs')] }) },
    { ...base, Name: 'plain-logs', sse: 'AES256' },
    { ...base, Name: 'acl-logs', sse: 'AES256', ownership: 'ObjectWriter', aclGrants: [{ uri: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'WRITE' }] },
    { ...base, Name: 'unreadable-logs', sse: 'AES256', policy: JSON.stringify({ Statement: [grant('unreadable-logs')] }) },
    { ...base, Name: 'a-good', loggingTarget: 'granted-logs' },
    { ...base, Name: 'a-kms', loggingTarget: 'kms-logs' },
    { ...base, Name: 'a-plain', loggingTarget: 'plain-logs' },
    { ...base, Name: 'a-acl', loggingTarget: 'acl-logs' },
    { ...base, Name: 'a-foreign', loggingTarget: 'logs-of-another-account' },
    { ...base, Name: 'a-unreadable', loggingTarget: 'unreadable-logs' },
  ];
  return s;
}

describe('s3-access-log-delivery-authorized against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('policy, ACL and encryption of each target judged; undecidable targets are ERROR', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (api === 'GetBucket:policy' && r.path.startsWith('/unreadable-logs')) throw new AwsHttpError(403, 'AccessDenied', 'not authorized to perform: s3:GetBucketPolicy');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK] }));
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split(':::')[1]).sort()).toEqual(['a-kms', 'a-plain']);
    // PASS: a-good, a-acl; ERROR: a-foreign, a-unreadable; the five targets (no logging of their own) not applicable
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 2, notApplicable: 5, errored: 2 });
    expect(report.findings.find((f) => f.resourceId.endsWith(':::a-kms'))?.reason ?? '').toContain('SSE-KMS');
  });

  test('the default account: every bucket logs to the access log bucket, which allows it', async () => {
    fake = new FakeAws(fixtureAccount());
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [CHECK] }));
    expect(report.errors).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.checks[0].counts).toMatchObject({ failed: 0, errored: 0 });
    expect(report.checks[0].counts.passed).toBeGreaterThan(0);
  });

  test('buckets that cannot be listed (throttled) are ERROR, never PASS', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (r.service === 's3' && api === 'ListBuckets') throw new AwsHttpError(503, 'SlowDown', 'Please reduce your request rate.');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], maxAttempts: 1 }));
    expect(report.checks[0].counts).toEqual({ passed: 0, failed: 0, notApplicable: 0, errored: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ service: 's3', api: 'ListBuckets' })]);
  });
});
