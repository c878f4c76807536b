import { topicPolicyOpensPublish } from '../../../controls/judgement/sns-topic-policy';
import { asList, statementsOf } from '../../../policy/template-values';
import { propertiesOf, stackResourcesOfType } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';
import { pointsAt } from '../shared';

/**
 * An SNS topic has no topic policy that restricts who may publish.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #16. Compliant: an `AWS::SNS::TopicPolicy` (or
 * `AWS::SNS::TopicInlinePolicy`) in the same stack for this topic, none of whose statements allows
 * `sns:Publish` to everyone without a condition (`src/controls/judgement/sns-topic-policy.ts`).
 */
export default defineRule({
  name: 'SnsTopicPolicy',
  level: ERROR,
  resourceTypes: ['AWS::SNS::Topic'],
  info: 'The SNS topic has no topic policy restricting who may publish.',
  explanation: 'Without a topic policy, who may publish is decided only by identity policies across the account; alert topics then accept forged messages from any principal allowed sns:Publish on "*". Add a topic policy that names the publishers and denies non-TLS requests (enforceSSL).',
  body: (node, props) => {
    const names = [props.TopicName];
    const documents: any[] = [];
    for (const policy of stackResourcesOfType(node, 'AWS::SNS::TopicPolicy')) {
      const p = propertiesOf(policy);
      if (p && asList(p.Topics).some((t) => pointsAt(t, node, names))) {
        documents.push(p.PolicyDocument);
      }
    }
    for (const policy of stackResourcesOfType(node, 'AWS::SNS::TopicInlinePolicy')) {
      const p = propertiesOf(policy);
      if (p && pointsAt(p.TopicArn, node, names)) {
        documents.push(p.PolicyDocument);
      }
    }
    if (documents.length === 0) {
      return NON_COMPLIANT;
    }
    const openPublish = documents.some((d) => topicPolicyOpensPublish(statementsOf(d) ?? []));
    return openPublish ? NON_COMPLIANT : COMPLIANT;
  },
});
