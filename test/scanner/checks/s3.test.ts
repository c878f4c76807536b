import { inv, only, statuses } from './helpers';
import { s3AccountPublicAccessBlock } from '../../../src/scanner/runtime/checks/s3/account-public-access-block';
import { s3BucketAccessLogging } from '../../../src/scanner/runtime/checks/s3/bucket-access-logging';
import { s3BucketAclsDisabled } from '../../../src/scanner/runtime/checks/s3/bucket-acls-disabled';
import { s3BucketKmsEncryption } from '../../../src/scanner/runtime/checks/s3/bucket-kms-encryption';
import { s3BucketNoPublicRead } from '../../../src/scanner/runtime/checks/s3/bucket-no-public-read';
import { s3BucketNoPublicWrite } from '../../../src/scanner/runtime/checks/s3/bucket-no-public-write';
import { s3BucketPublicAccessBlock } from '../../../src/scanner/runtime/checks/s3/bucket-public-access-block';
import { s3BucketTlsOnly } from '../../../src/scanner/runtime/checks/s3/bucket-tls-only';
import { ALL_USERS, AUTHENTICATED_USERS } from '../../../src/scanner/runtime/checks/s3/bucket-util';
import { s3BucketVersioning } from '../../../src/scanner/runtime/checks/s3/bucket-versioning';
import { BucketInfo, PublicAccessBlock } from '../../../src/scanner/runtime/model';

const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const ALL_OFF: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

function bucket(name: string, extra: Partial<BucketInfo> = {}): BucketInfo {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: 'eu-west-1',
    publicAccessBlock: ALL_ON,
    policy: null,
    acl: [],
    encryption: 'aws:kms',
    loggingTarget: 'logs',
    objectOwnership: 'BucketOwnerEnforced',
    versioning: 'Enabled',
    ...extra,
  };
}
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const publicGet = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };

describe('S3 checks', () => {
  test('account public access block: all on passes, one off fails, none configured fails, not collected not applicable', () => {
    expect(only(s3AccountPublicAccessBlock, inv({ region: 'global', s3AccountPublicAccessBlock: ALL_ON })).status).toBe('PASS');
    const r = only(s3AccountPublicAccessBlock, inv({ s3AccountPublicAccessBlock: { ...ALL_ON, restrictPublicBuckets: false } }));
    expect(r.status).toBe('FAIL');
    expect(r.reason).toContain('restrictPublicBuckets');
    expect(only(s3AccountPublicAccessBlock, inv({ s3AccountPublicAccessBlock: null })).status).toBe('FAIL');
    expect(s3AccountPublicAccessBlock.evaluate(inv())).toEqual([]);
  });

  test('bucket public access block', () => {
    const i = inv({ s3Buckets: [bucket('a'), bucket('b', { publicAccessBlock: { ...ALL_ON, blockPublicAcls: false } }), bucket('c', { publicAccessBlock: null })] });
    expect(statuses(s3BucketPublicAccessBlock, i)).toEqual(['PASS', 'FAIL', 'FAIL']);
  });

  test('results carry the bucket region', () => {
    const r = s3BucketVersioning.evaluate(inv({ region: 'global', s3Buckets: [bucket('a', { region: 'ap-south-1' })] }));
    expect(r[0].region).toBe('ap-south-1');
  });

  test('a field that could not be collected is ERROR for that bucket only', () => {
    const i = inv({ s3Buckets: [bucket('a', { policy: undefined }), bucket('b')] });
    expect(statuses(s3BucketTlsOnly, i)).toEqual(['ERROR', 'FAIL']);
    expect(s3BucketTlsOnly.evaluate(i)[0].reason).toContain('policy');
  });

  test('public read: a condition that does not pin the caller (TLS only, a wildcard, a negated or IfExists operator) leaves the policy public', () => {
    const withCondition = (name: string, Condition: object) => bucket(name, { publicAccessBlock: null, policy: policy({ ...publicGet, Condition }) });
    const i = inv({
      s3AccountPublicAccessBlock: null,
      s3Buckets: [
        withCondition('tls', { Bool: { 'aws:SecureTransport': 'true' } }),
        withCondition('wildcard', { StringLike: { 'aws:SourceVpce': 'vpce-*' } }),
        withCondition('negated', { StringNotEquals: { 'aws:SourceAccount': '123456789012' } }),
        withCondition('ifexists', { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } }),
        withCondition('vpce', { StringEquals: { 'aws:SourceVpce': ['vpce-1'] } }),
        withCondition('org', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }),
      ],
    });
    expect(statuses(s3BucketNoPublicRead, i)).toEqual(['FAIL', 'FAIL', 'FAIL', 'FAIL', 'PASS', 'PASS']);
    expect(statuses(s3BucketNoPublicWrite, inv({ s3AccountPublicAccessBlock: null, s3Buckets: [bucket('w', { publicAccessBlock: null, policy: policy({ ...publicGet, Action: 's3:PutObject', Condition: { Bool: { 'aws:SecureTransport': true } } }) })] }))).toEqual(['FAIL']);
  });

  test('public read through NotAction: an Allow for everyone of every action but deletes grants GetObject', () => {
    const notAction = bucket('n', { publicAccessBlock: null, policy: policy({ Effect: 'Allow', Principal: '*', NotAction: 's3:Delete*', Resource: 'arn:aws:s3:::b/*' }) });
    expect(statuses(s3BucketNoPublicRead, inv({ s3AccountPublicAccessBlock: null, s3Buckets: [notAction] }))).toEqual(['FAIL']);
  });

  test('TLS only in another partition: a deny written with that partition\'s ARNs counts', () => {
    const cn = (name: string) => bucket(name, { policy: policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws-cn:s3:::${name}`, `arn:aws-cn:s3:::${name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) });
    expect(statuses(s3BucketTlsOnly, inv({ partition: 'aws-cn', s3Buckets: [cn('b')] }))).toEqual(['PASS']);
  });

  test('public read: ACL to AllUsers fails unless public ACLs are ignored or ACLs are disabled', () => {
    const acl = [{ grantee: ALL_USERS, permission: 'READ' }];
    const i = inv({
      s3AccountPublicAccessBlock: null,
      s3Buckets: [
        bucket('acl', { publicAccessBlock: null, objectOwnership: 'ObjectWriter', acl }),
        bucket('ignored', { publicAccessBlock: { ...ALL_OFF, ignorePublicAcls: true }, objectOwnership: 'ObjectWriter', acl }),
        bucket('enforced', { publicAccessBlock: null, acl }),
        bucket('auth', { publicAccessBlock: null, objectOwnership: 'ObjectWriter', acl: [{ grantee: AUTHENTICATED_USERS, permission: 'FULL_CONTROL' }] }),
      ],
    });
    expect(statuses(s3BucketNoPublicRead, i)).toEqual(['FAIL', 'PASS', 'PASS', 'FAIL']);
  });

  test('public read: policy for Principal * fails unless restricted by the account block; a condition scopes it', () => {
    const open = bucket('p', { publicAccessBlock: null, policy: policy(publicGet) });
    const conditioned = bucket('c', { publicAccessBlock: null, policy: policy({ ...publicGet, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }) });
    expect(statuses(s3BucketNoPublicRead, inv({ s3AccountPublicAccessBlock: null, s3Buckets: [open, conditioned] }))).toEqual(['FAIL', 'PASS']);
    expect(statuses(s3BucketNoPublicRead, inv({ s3AccountPublicAccessBlock: ALL_ON, s3Buckets: [open] }))).toEqual(['PASS']);
    expect(statuses(s3BucketNoPublicRead, inv({ s3Buckets: [bucket('wild', { publicAccessBlock: null, policy: policy({ ...publicGet, Principal: { AWS: '*' }, Action: 's3:*' }) })] }))).toEqual(['FAIL']);
  });

  test('public write: WRITE grant or s3:Put* for * fails; read-only policy passes', () => {
    const i = inv({
      s3Buckets: [
        bucket('w', { publicAccessBlock: null, objectOwnership: 'ObjectWriter', acl: [{ grantee: ALL_USERS, permission: 'WRITE' }] }),
        bucket('p', { publicAccessBlock: null, policy: policy({ ...publicGet, Action: ['s3:Put*'] }) }),
        bucket('r', { publicAccessBlock: null, policy: policy(publicGet) }),
      ],
    });
    expect(statuses(s3BucketNoPublicWrite, i)).toEqual(['FAIL', 'FAIL', 'PASS']);
  });

  test('TLS only: Deny on SecureTransport=false for s3:* or Get+Put passes; no policy fails', () => {
    const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    const i = inv({
      s3Buckets: [
        bucket('a', { policy: policy(deny) }),
        bucket('b', { policy: policy({ ...deny, Action: ['s3:GetObject', 's3:PutObject'] }) }),
        bucket('c', { policy: policy({ ...deny, Action: ['s3:GetObject'] }) }),
        bucket('d'),
      ],
    });
    expect(statuses(s3BucketTlsOnly, i)).toEqual(['PASS', 'PASS', 'FAIL', 'FAIL']);
  });

  test('KMS encryption, logging, ACLs disabled, versioning', () => {
    const i = inv({ s3Buckets: [bucket('good'), bucket('bad', { encryption: 'AES256', loggingTarget: null, objectOwnership: 'ObjectWriter', versioning: 'Suspended' })] });
    for (const c of [s3BucketKmsEncryption, s3BucketAccessLogging, s3BucketAclsDisabled, s3BucketVersioning]) {
      expect(statuses(c, i)).toEqual(['PASS', 'FAIL']);
    }
    expect(statuses(s3BucketKmsEncryption, inv({ s3Buckets: [bucket('x', { encryption: null })] }))).toEqual(['FAIL']);
  });

  test('no buckets: not applicable for every bucket check', () => {
    const checks = [s3BucketPublicAccessBlock, s3BucketNoPublicRead, s3BucketNoPublicWrite, s3BucketTlsOnly];
    for (const c of [...checks, s3BucketKmsEncryption, s3BucketAccessLogging, s3BucketAclsDisabled, s3BucketVersioning]) {
      expect(c.evaluate(inv({ s3Buckets: [] }))).toEqual([]);
    }
  });
});
