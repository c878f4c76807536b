/**
 * KMS.NoKmsStar: the same key policy as a template's `KeyPolicy` and as GetKeyPolicy returns it.
 */
import { aws_kms as kms } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;

function fixture(name: string, expected: Verdict, statements: object[]): Fixture {
  const keyPolicy = { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => new kms.CfnKey(stack, 'K', { keyPolicy }),
    live: () => ({
      kmsKeys: [{
        keyId: 'k', arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k`, keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', policy: JSON.stringify(keyPolicy),
      }],
    }),
  };
}

const KMS_NO_KMS_STAR: SharedControl = {
  id: 'KMS.NoKmsStar',
  rule: 'KmsKeyPolicyNoKmsStar',
  check: 'kms-key-policy-no-kms-star',
  fixtures: [
    fixture('administration and use separate', 'compliant', [
      { Effect: 'Allow', Principal: { AWS: ROOT }, Action: ['kms:Create*', 'kms:Put*', 'kms:ScheduleKeyDeletion'], Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: ROOT }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
    ]),
    fixture('the default key policy (kms:* to the root)', 'non-compliant', [{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }]),
    fixture('* to a role', 'non-compliant', [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/r` }, Action: ['kms:Decrypt', '*'], Resource: '*' }]),
    fixture('KMS:* in capitals', 'non-compliant', [{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'KMS:*', Resource: '*' }]),
    fixture('kms:* only denied', 'compliant', [
      { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:Decrypt', Resource: '*' },
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ]),
  ],
};

export const KMS_SHARED: SharedControl[] = [KMS_NO_KMS_STAR];
