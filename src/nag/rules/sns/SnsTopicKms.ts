import { topicKeyIsCustomerManaged } from '../../../controls/judgement/sns-kms';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';

/**
 * An SNS topic is not encrypted with a customer managed KMS key.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #16 (and the encryption-at-rest requirement of #8, #21).
 * The AWS managed key `alias/aws/sns` does not count: its policy cannot be changed, so EventBridge
 * and CloudWatch alarms cannot publish to a topic encrypted with it. A token key counts.
 */
export default defineRule({
  name: 'SnsTopicKms',
  level: ERROR,
  resourceTypes: ['AWS::SNS::Topic'],
  info: 'The SNS topic is not encrypted with a customer managed KMS key.',
  explanation: 'Messages at rest in the topic are then protected only by a key whose use nobody can restrict or audit per topic. Set masterKey to a customer managed key whose policy lets the publishing services use it.',
  body: (_node, props) => (topicKeyIsCustomerManaged(props.KmsMasterKeyId) ? COMPLIANT : NON_COMPLIANT),
});
