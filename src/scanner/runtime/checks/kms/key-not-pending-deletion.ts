import { fail, notApplicable, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { KMS_KEYS } from '../resource-kinds';

export const kmsKeyNotPendingDeletion = defineResourceCheck(
  KMS_KEYS,
  {
    id: 'kms-key-not-pending-deletion',
    title: 'Customer managed KMS keys are not scheduled for deletion unintentionally',
    severity: 'HIGH',
    remediation: 'If the deletion is unintended, cancel it (kms:CancelKeyDeletion) before the waiting period ends.',
    requiredActions: ['kms:ListKeys', 'kms:DescribeKey'],
  },
  (k) => {
    if (k.keyManager !== 'CUSTOMER') return notApplicable(k.arn, 'AWS managed key');
    return k.keyState === 'PendingDeletion' || k.keyState === 'PendingReplicaDeletion'
      ? fail(k.arn, `key state ${k.keyState}`)
      : pass(k.arn, `key state ${k.keyState}`);
  },
);
