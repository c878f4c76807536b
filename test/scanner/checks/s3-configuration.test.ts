import { inv, statuses } from './helpers';
import { s3BucketDenyWrongEncryption } from '../../../src/scanner/runtime/checks/s3/bucket-deny-wrong-encryption';
import { s3BucketLifecycleRules } from '../../../src/scanner/runtime/checks/s3/bucket-lifecycle-rules';
import { s3BucketReplication } from '../../../src/scanner/runtime/checks/s3/bucket-replication';
import { BucketInfo } from '../../../src/scanner/runtime/model';
import { liveBucket } from '../../controls/agreement-harness';

const bucket = (name: string, extra: Partial<BucketInfo> = {}): BucketInfo => liveBucket({ name, arn: `arn:aws:s3:::${name}`, ...extra });

describe('S3 lifecycle, replication and wrong-encryption checks', () => {
  test('lifecycle: an enabled rule passes; only disabled rules, none or no configuration fail; unread is ERROR', () => {
    const i = inv({
      s3Buckets: [
        bucket('a', { lifecycleRules: [{ status: 'Disabled' }, { status: 'Enabled' }] }),
        bucket('b', { lifecycleRules: [{ status: 'Disabled' }] }),
        bucket('c', { lifecycleRules: [] }),
        bucket('d', { lifecycleRules: null }),
        bucket('e', { lifecycleRules: undefined }),
      ],
    });
    expect(statuses(s3BucketLifecycleRules, i)).toEqual(['PASS', 'FAIL', 'FAIL', 'FAIL', 'ERROR']);
    const [, disabled, , none, unread] = s3BucketLifecycleRules.evaluate(i);
    expect(disabled.reason).toBe('all 1 lifecycle rule(s) disabled');
    expect(none.reason).toBe('no lifecycle configuration');
    expect(unread.reason).toContain('lifecycleRules');
  });

  test('replication: an enabled rule passes and names its destination; disabled or none fail; unread is ERROR', () => {
    const i = inv({
      s3Buckets: [
        bucket('a', { replicationRules: [{ status: 'Enabled', destination: 'arn:aws:s3:::replica' }] }),
        bucket('b', { replicationRules: [{ status: 'Disabled', destination: 'arn:aws:s3:::replica' }] }),
        bucket('c', { replicationRules: null }),
        bucket('d', { replicationRules: undefined }),
      ],
    });
    expect(statuses(s3BucketReplication, i)).toEqual(['PASS', 'FAIL', 'FAIL', 'ERROR']);
    expect(s3BucketReplication.evaluate(i)[0].reason).toBe('replicates to arn:aws:s3:::replica');
  });

  test('deny of wrong encryption: such a deny passes and is named; others, no or an unparseable policy fail; unread is ERROR', () => {
    const deny = { Sid: 'DenyWrongKey', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::a/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'k' } } };
    const i = inv({
      s3Buckets: [
        bucket('a', { policy: JSON.stringify({ Statement: deny }) }),
        bucket('b', { policy: JSON.stringify({ Statement: [{ ...deny, Effect: 'Allow' }] }) }),
        bucket('c', { policy: null }),
        bucket('d', { policy: '{not json' }),
        bucket('e', { policy: undefined }),
      ],
    });
    expect(statuses(s3BucketDenyWrongEncryption, i)).toEqual(['PASS', 'FAIL', 'FAIL', 'FAIL', 'ERROR']);
    const [ok, , none] = s3BucketDenyWrongEncryption.evaluate(i);
    expect(ok.reason).toBe('policy denies puts with another encryption (DenyWrongKey)');
    expect(none.reason).toBe('no bucket policy');
  });

  test('no buckets: no results (never not applicable per bucket)', () => {
    expect(s3BucketLifecycleRules.evaluate(inv())).toEqual([]);
    expect(s3BucketReplication.evaluate(inv({ s3Buckets: [] }))).toEqual([]);
  });
});
