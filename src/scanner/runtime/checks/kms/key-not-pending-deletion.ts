import { fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';

export const kmsKeyNotPendingDeletion = defineCheck(
  {
    id: 'kms-key-not-pending-deletion',
    title: 'Customer managed KMS keys are not scheduled for deletion unintentionally',
    severity: 'HIGH',
    category: 'kms',
    resourceType: 'AWS::KMS::Key',
    remediation: 'If the deletion is unintended, cancel it (kms:CancelKeyDeletion) before the waiting period ends.',
    requiredActions: ['kms:ListKeys', 'kms:DescribeKey'],
    datasets: ['kms.keys'],
    scope: 'regional',
  },
  (inv) =>
    (inv.kmsKeys ?? []).map((k) => {
      if (k.keyManager !== 'CUSTOMER') return notApplicable(k.arn, 'AWS managed key');
      return k.keyState === 'PendingDeletion' || k.keyState === 'PendingReplicaDeletion'
        ? fail(k.arn, `key state ${k.keyState}`)
        : pass(k.arn, `key state ${k.keyState}`);
    }),
);
