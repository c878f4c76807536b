import { keyPolicyAllowsKmsStar } from '../../../../controls/judgement/kms-key-policy';
import { statementsOf } from '../../../../policy/template-values';
import { errored, fail, notApplicable, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { KMS_KEYS } from '../resource-kinds';

/**
 * KMS.NoKmsStar: the run-time side of `CompliancePack-KmsKeyPolicyNoKmsStar` (ComplianceKey's
 * policy), so a key policy edited in the console to grant `kms:*` is seen; the same judgement
 * (`src/controls/judgement/kms-key-policy.ts`).
 */
export const kmsKeyPolicyNoKmsStar = defineResourceCheck(
  KMS_KEYS,
  {
    id: 'kms-key-policy-no-kms-star',
    title: 'Customer managed KMS key policies do not allow kms:*',
    severity: 'HIGH',
    remediation: 'Replace the kms:* statement of the key policy with one for key administration (kms:Create*, kms:Put*, kms:ScheduleKeyDeletion, ...) and one for key use (kms:Decrypt, kms:GenerateDataKey*, ...), each for the principals that need it.',
    requiredActions: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy'],
  },
  (k) => {
    if (k.keyManager !== 'CUSTOMER') return notApplicable(k.arn, 'AWS managed key (its policy is AWS\'s)');
    if (k.policy === undefined) return errored(k.arn, 'could not read the key policy (GetKeyPolicy)');
    const statements = statementsOf(k.policy);
    if (statements === undefined) return errored(k.arn, 'the key policy is not a JSON policy document');
    return keyPolicyAllowsKmsStar(statements) ? fail(k.arn, 'a key policy statement allows kms:* (administration and use together)') : pass(k.arn, 'no statement allows kms:*');
  },
);
