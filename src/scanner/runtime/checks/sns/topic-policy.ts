import { isDefaultTopicPolicy, topicPolicyOpensPublish } from '../../../../controls/judgement/sns-topic-policy';
import { statementsOf } from '../../../../policy/template-values';
import { errored, fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { SNS_TOPICS } from '../resource-kinds';

/**
 * SNS.TopicPolicy: the run-time side of `CompliancePack-SnsTopicPolicy` (ComplianceTopic's default),
 * judged with the same module (`src/controls/judgement/sns-topic-policy.ts`) on the topic's live
 * `Policy`. A topic without a policy of its own reports SNS's default one, which stands for the
 * template's "no topic policy".
 */
export const snsTopicPolicy = defineResourceCheck(
  SNS_TOPICS,
  {
    id: 'sns-topic-policy',
    title: 'SNS topics have a topic policy of their own that does not let everyone publish',
    severity: 'HIGH',
    remediation: 'Set a topic policy that names the publishers (services scoped with aws:SourceArn / aws:SourceAccount, accounts by id) and denies requests without TLS; never allow sns:Publish to "*" without a condition.',
    requiredActions: ['sns:ListTopics', 'sns:GetTopicAttributes'],
  },
  (t) => {
    if (t.policy === undefined) return errored(t.arn, 'could not read the topic attributes (Policy)');
    const statements = statementsOf(t.policy ?? undefined);
    if (statements === undefined) return errored(t.arn, 'the topic policy is not a policy document the scanner can read');
    if (t.policy === null || isDefaultTopicPolicy(statements)) {
      return fail(t.arn, 'no topic policy of its own: SNS\'s default policy lets every principal of the account publish');
    }
    if (topicPolicyOpensPublish(statements)) return fail(t.arn, 'a statement of the topic policy allows sns:Publish to everyone ("*") without a condition');
    return pass(t.arn, `a topic policy of its own (${statements.length} statement(s)), none allowing sns:Publish to everyone without a condition`);
  },
);
