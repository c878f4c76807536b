/**
 * Agreement fixtures for the S3 controls judged from the bucket's lifecycle configuration and
 * policies: S3.13 (lifecycle rules), S3.DenyWrongEncryption.
 */
import { aws_s3 as s3 } from 'aws-cdk-lib';
import { BUCKET, BUCKET_ARN, bucketPolicyFixture, Fixture, liveBucket, SharedControl, Verdict } from './agreement-harness';


// ----- S3.13: lifecycle rules ----------------------------------------------------------------------

function lifecycleFixture(name: string, expected: Verdict, statuses: string[] | null): Fixture {
  return {
    name,
    expected,
    synth: (stack) => new s3.CfnBucket(stack, 'B', {
      bucketName: BUCKET,
      lifecycleConfiguration: statuses === null ? undefined : {
        rules: statuses.map((status, i) => ({ id: `r${i}`, status, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } })),
      },
    }),
    live: () => ({ s3Buckets: [liveBucket({ lifecycleRules: statuses === null ? null : statuses.map((status, i) => ({ id: `r${i}`, status })) })] }),
  };
}

const S3_13: SharedControl = {
  id: 'S3.13',
  rule: 'S3LifecycleRules',
  check: 's3-bucket-lifecycle-rules',
  fixtures: [
    lifecycleFixture('one enabled rule', 'compliant', ['Enabled']),
    lifecycleFixture('a disabled and an enabled rule', 'compliant', ['Disabled', 'Enabled']),
    lifecycleFixture('only disabled rules', 'non-compliant', ['Disabled', 'Disabled']),
    lifecycleFixture('an empty rule list', 'non-compliant', []),
    lifecycleFixture('no lifecycle configuration', 'non-compliant', null),
    lifecycleFixture('"enabled" in lower case (not a status S3 knows)', 'non-compliant', ['enabled']),
  ],
};

// ----- S3.DenyWrongEncryption: the policy refuses puts asking for another encryption -----------------

const sseDeny = (extra: Record<string, unknown> = {}) => ({
  Sid: 'DenyWrongEncryption',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:PutObject',
  Resource: `${BUCKET_ARN}/*`,
  Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
  ...extra,
});

const denyFixture = bucketPolicyFixture;

const S3_DENY_WRONG_ENCRYPTION: SharedControl = {
  id: 'S3.DenyWrongEncryption',
  rule: 'S3DenyWrongEncryptionPolicy',
  check: 's3-bucket-deny-wrong-encryption',
  fixtures: [
    denyFixture('ComplianceBucket\'s deny (StringNotEquals on the algorithm)', 'compliant', [sseDeny()]),
    denyFixture('the key id, StringNotEqualsIfExists', 'compliant', [sseDeny({ Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:eu-west-1:123456789012:key/k' } } })]),
    denyFixture('Null on the algorithm (puts naming none)', 'compliant', [sseDeny({ Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } })]),
    denyFixture('the key in mixed case, Principal *, s3:Put*', 'compliant', [sseDeny({ Principal: '*', Action: 's3:Put*', Condition: { StringNotLike: { 'S3:X-Amz-Server-Side-Encryption': 'aws:kms*' } } })]),
    denyFixture('Action *', 'compliant', [sseDeny({ Action: '*' })]),
    denyFixture('StringEquals (denies the right encryption)', 'non-compliant', [sseDeny({ Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } })]),
    denyFixture('an Allow, not a Deny', 'non-compliant', [sseDeny({ Effect: 'Allow' })]),
    denyFixture('one named account only', 'non-compliant', [sseDeny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })]),
    denyFixture('GetObject, not PutObject', 'non-compliant', [sseDeny({ Action: 's3:GetObject' })]),
    denyFixture('another condition key', 'non-compliant', [sseDeny({ Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } })]),
    denyFixture('no condition', 'non-compliant', [sseDeny({ Condition: undefined })]),
    denyFixture('no bucket policy', 'non-compliant', null),
  ],
};

export const S3_RC_SHARED: SharedControl[] = [S3_13, S3_DENY_WRONG_ENCRYPTION];
