/**
 * The bucket lifecycle and replication configurations and the bucket policy's deny of wrongly
 * encrypted puts through the real SDK against the fake
 * endpoint: pages smaller than the bucket list, S3's 404s for an absent configuration (a FAIL,
 * not an error) and an unreadable bucket (ERROR for that bucket only).
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount, FakeBucket } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const REGION = 'eu-west-1';

function account() {
  const s = emptyAccount([REGION]);
  const b = (Name: string, extra: Partial<FakeBucket>): FakeBucket => ({ Name, Region: REGION, ...extra });
  const sseDeny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject', Resource: '*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } };
  const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  s.buckets = [
    b('kept', { policy: policy(sseDeny), lifecycle: ['Enabled'], replication: [{ status: 'Enabled', destination: 'arn:aws:s3:::kept-replica' }] }),
    b('paused', { policy: policy({ ...sseDeny, Effect: 'Allow' }), lifecycle: ['Disabled', 'Disabled'], replication: [{ status: 'Disabled', destination: 'arn:aws:s3:::paused-replica' }] }),
    b('bare', {}),
    b('mixed', { policy: policy({ ...sseDeny, Action: 's3:*' }), lifecycle: ['Disabled', 'Enabled'] }),
    b('denied', { lifecycle: ['Enabled'], replication: [{ status: 'Enabled', destination: 'arn:aws:s3:::x' }] }),
  ];
  return s;
}

describe('S3 lifecycle and replication against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (r.path.startsWith('/denied') && ['GetBucket:lifecycle', 'GetBucket:replication', 'GetBucket:policy'].includes(api)) {
          throw new AwsHttpError(403, 'AccessDenied', 'Access Denied');
        }
      },
    });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('each bucket is judged from its own configuration; absent configurations and policies FAIL, an unreadable one is ERROR', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: [REGION], checkIds: ['s3-bucket-lifecycle-rules', 's3-bucket-replication', 's3-bucket-deny-wrong-encryption'], pageSize: 2 }));
    expect(fake.stats.requests['s3:ListBuckets']).toBe(3);
    const failed = (id: string) => report.findings.filter((f) => f.checkId === id).map((f) => f.resourceId.split(':').pop()).sort();
    const check = (id: string) => report.checks.find((x) => x.id === id)!;
    expect(failed('s3-bucket-lifecycle-rules')).toEqual(['bare', 'paused']);
    expect(failed('s3-bucket-replication')).toEqual(['bare', 'mixed', 'paused']);
    expect(check('s3-bucket-lifecycle-rules').counts).toEqual({ passed: 2, failed: 2, notApplicable: 0, errored: 1 });
    expect(check('s3-bucket-replication').counts).toEqual({ passed: 1, failed: 3, notApplicable: 0, errored: 1 });
    expect(failed('s3-bucket-deny-wrong-encryption')).toEqual(['bare', 'paused']);
    expect(check('s3-bucket-deny-wrong-encryption').counts).toEqual({ passed: 2, failed: 2, notApplicable: 0, errored: 1 });
    expect(check('s3-bucket-lifecycle-rules').errors.map((e) => e.resource)).toEqual(['arn:aws:s3:::denied']);
    expect(report.errors.map((e) => `${e.api} ${e.resource} ${e.code}`).sort()).toEqual([
      'GetBucketLifecycleConfiguration denied AccessDenied',
      'GetBucketPolicy denied AccessDenied',
      'GetBucketReplication denied AccessDenied',
    ]);
    expect(report.status).toBe('PARTIAL');
  });
});
