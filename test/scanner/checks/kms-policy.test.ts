import { inv, statuses } from './helpers';
import { kmsKeyPolicyNoKmsStar } from '../../../src/scanner/runtime/checks/kms/key-policy-no-kms-star';
import { KmsKeyInfo } from '../../../src/scanner/runtime/model';

const ROOT = 'arn:aws:iam::123456789012:root';
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const key = (id: string, extra: Partial<KmsKeyInfo> = {}): KmsKeyInfo => ({
  keyId: id, arn: `arn:aws:kms:eu-west-1:123456789012:key/${id}`, keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', ...extra,
});

describe('kms-key-policy-no-kms-star', () => {
  test('separate statements PASS; kms:* or * FAILs, the root\'s default policy included', () => {
    const i = inv({
      kmsKeys: [
        key('separated', { policy: policy({ Effect: 'Allow', Principal: { AWS: ROOT }, Action: ['kms:Create*', 'kms:Put*'], Resource: '*' }, { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:Decrypt', Resource: '*' }) }),
        key('default', { policy: policy({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }) }),
        key('star', { policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/r' }, Action: ['kms:Decrypt', '*'], Resource: '*' }) }),
        key('upper', { policy: policy({ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'KMS:*', Resource: '*' }) }),
        key('deny-star', { policy: policy({ Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) }),
        key('single-statement', { policy: JSON.stringify({ Statement: { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' } }) }),
      ],
    });
    expect(statuses(kmsKeyPolicyNoKmsStar, i)).toEqual(['PASS', 'FAIL', 'FAIL', 'FAIL', 'PASS', 'FAIL']);
  });

  test('AWS managed keys are not applicable; an unread or unparsable policy is ERROR, never PASS', () => {
    const i = inv({ kmsKeys: [key('aws', { keyManager: 'AWS' }), key('unread'), key('garbage', { policy: 'not json' })] });
    expect(statuses(kmsKeyPolicyNoKmsStar, i)).toEqual(['NOT_APPLICABLE', 'ERROR', 'ERROR']);
    expect(kmsKeyPolicyNoKmsStar.controlId).toBe('KMS.NoKmsStar');
    expect(kmsKeyPolicyNoKmsStar.evaluate(inv({ kmsKeys: [] }))).toEqual([]);
  });
});
