/** The controls catalog entries of SNS. */
import { ControlEntry, control, fw } from './entry';
import { ENCRYPTION_AT_REST_NIST, ENCRYPTION_AT_REST_HIPAA } from './requirement-sets';

export const SNS_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'SNS.1',
    title: 'SNS topics are encrypted at rest with a customer managed KMS key',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['SNS.1'], nist80053r5: ENCRYPTION_AT_REST_NIST, hipaa: ENCRYPTION_AT_REST_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceTopic' }],
    packRules: ['SnsTopicKms'],
    stockNagRules: ['HIPAA.Security-SNSEncryptedKMS', 'NIST.800.53.R5-SNSEncryptedKMS', 'PCI.DSS.321-SNSEncryptedKMS'],
    nagControl: 'SNS_KMS',
    scannerChecks: [{ id: 'sns-topic-kms-encryption', compliantWhen: 'Judged as `CompliancePack-SnsTopicKms` judges the template (`src/controls/judgement/sns-kms.ts`): PASS when the topic has a customer managed KMS key (`KmsMasterKeyId`); the AWS managed `alias/aws/sns`, which FSBP accepts, FAILs, as does no key. A topic whose attributes could not be read is `ERROR`. Never not applicable.' }],
  }),
  control({
    id: 'SNS.TopicPolicy',
    title: 'SNS topic policies deny non-TLS publishing and let only the intended publishers in',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceTopic' }],
    packRules: ['SnsTopicPolicy'],
    scannerChecks: [{ id: 'sns-topic-policy', compliantWhen: 'Judged as `CompliancePack-SnsTopicPolicy` judges the template (`src/controls/judgement/sns-topic-policy.ts`), on the `Policy` that `GetTopicAttributes` reports: PASS when the topic has a policy of its own none of whose statements allows `sns:Publish` to everyone (`*`) without a condition. SNS\'s default topic policy (only the `__default_statement_ID` statement), which a topic without a topic policy of its own reports and which stands for the template\'s missing `AWS::SNS::TopicPolicy`, FAILs, as does a statement opening publishing to everyone. A topic whose attributes could not be read, or whose policy is not a readable document, is `ERROR`. Never not applicable.' }],
  }),
];
