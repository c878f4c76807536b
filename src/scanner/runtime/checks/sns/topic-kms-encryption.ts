import { topicKeyIsCustomerManaged } from '../../../../controls/judgement/sns-kms';
import { errored, fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { SNS_TOPICS } from '../resource-kinds';

/**
 * SNS.1: the run-time side of `CompliancePack-SnsTopicKms` (ComplianceTopic's default), so a key
 * removed or swapped for `alias/aws/sns` in the console is seen; the same judgement (`src/controls/judgement/sns-kms.ts`).
 */
export const snsTopicKmsEncryption = defineResourceCheck(
  SNS_TOPICS,
  {
    id: 'sns-topic-kms-encryption',
    title: 'SNS topics are encrypted at rest with a customer managed KMS key',
    severity: 'MEDIUM',
    remediation: 'Set a KMS key on the topic (KmsMasterKeyId), a customer managed key whose policy lets the publishers use it.',
    requiredActions: ['sns:ListTopics', 'sns:GetTopicAttributes'],
  },
  (t) => {
    if (t.kmsMasterKeyId === undefined) return errored(t.arn, 'could not read the topic attributes');
    if (topicKeyIsCustomerManaged(t.kmsMasterKeyId)) return pass(t.arn, `encrypted with ${t.kmsMasterKeyId}`);
    return fail(t.arn, t.kmsMasterKeyId ? `encrypted with the AWS managed ${t.kmsMasterKeyId}, not a customer managed key` : 'no KMS key (KmsMasterKeyId) set');
  },
);
