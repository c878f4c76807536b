import { fail, notApplicable, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { KMS_KEYS } from '../resource-kinds';

export const kmsKeyRotation = defineResourceCheck(
  KMS_KEYS,
  {
    id: 'kms-key-rotation',
    title: 'Customer managed symmetric KMS keys have automatic rotation enabled',
    severity: 'MEDIUM',
    remediation: 'Enable automatic key rotation on the key.',
    requiredActions: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyRotationStatus'],
  },
  (k) => {
    if (k.keyManager !== 'CUSTOMER') return notApplicable(k.arn, 'AWS managed key (rotated by AWS)');
    if (k.keySpec !== 'SYMMETRIC_DEFAULT') return notApplicable(k.arn, `rotation not supported for ${k.keySpec}`);
    if (k.origin !== 'AWS_KMS') return notApplicable(k.arn, `rotation not supported for origin ${k.origin}`);
    if (k.keyState !== 'Enabled') return notApplicable(k.arn, `key is ${k.keyState}`);
    return k.rotationEnabled ? pass(k.arn, 'rotation enabled') : fail(k.arn, 'automatic rotation disabled');
  },
);
