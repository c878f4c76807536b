/** The controls catalog entries of KMS. */
import { ControlEntry, control, fw } from './entry';

export const KMS_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'KMS.3',
    title: 'Customer managed KMS keys are not scheduled for deletion unintentionally',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['KMS.3'], nist80053r5: ['SC-12', 'SC-12(2)'] }),
    enforcedBy: [{ construct: 'ComplianceKey', weakenedBy: 'removalPolicy' }],
    scannerChecks: [{ id: 'kms-key-not-pending-deletion', compliantWhen: 'PASS unless the key state is `PendingDeletion` or `PendingReplicaDeletion` (disabled keys pass). AWS managed keys are not applicable.' }],
  }),
  control({
    id: 'KMS.4',
    title: 'Customer managed symmetric KMS keys have automatic rotation enabled',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['KMS.4'], cis: ['3.6'], nist80053r5: ['SC-12', 'SC-12(2)', 'SC-28(3)'], pciDss321: ['3.6.4'], pciDss40: ['3.7.4'] }),
    enforcedBy: [{ construct: 'ComplianceKey' }],
    scannerChecks: [{ id: 'kms-key-rotation', compliantWhen: 'PASS when automatic rotation is enabled. Not applicable: AWS managed keys, key specs other than `SYMMETRIC_DEFAULT`, origins other than `AWS_KMS` (imported material, custom key stores) and keys not in state `Enabled`.' }],
  }),
  control({
    id: 'KMS.NoKmsStar',
    title: 'Key policies grant kms:* to no one, the account root included',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceKey' }],
    packRules: ['KmsKeyPolicyNoKmsStar'],
    scannerChecks: [{ id: 'kms-key-policy-no-kms-star', compliantWhen: 'Judged as `CompliancePack-KmsKeyPolicyNoKmsStar` judges the template (`src/controls/judgement/kms-key-policy.ts`): a customer managed key PASSes when no `Allow` statement of its policy (GetKeyPolicy `default`) has the action `kms:*` or `*`, whoever the principal (the account root included, so the default key policy AWS writes FAILs). AWS managed keys are not applicable; a key whose policy could not be read is `ERROR`.' }],
  }),
  control({
    id: 'KMS.UseAuthorized',
    title: 'Services and roles that encrypt with a key may use it',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceKey' }],
    packRules: ['KmsKeyUseAuthorized'],
    scannerChecks: [{ id: 'kms-key-use-authorized', compliantWhen: 'Every live path builder (`PATH_BUILDERS`; today EventBridge Scheduler\'s: a schedule\'s role publishing to an encrypted topic) adds its key-use paths (kms:GenerateDataKey, kms:Decrypt with `kms:ViaService`, `kms:CallerAccount` and the encryption context the service sends), judged by `evaluateRequest` against the live key policy (GetKeyPolicy; for `alias/aws/<service>` the AWS managed key\'s policy) and the role\'s identity policies; reported per key. PASS when every use of the key is allowed, FAIL naming each denied use (a key of the Region that does not exist is denied), `ERROR` when one is undecidable (its key policy could not be read, a key named by a customer alias, a key of another Region). A customer managed key no modelled path uses is not applicable; keys of other accounts are not judged.' }],
  }),
];
