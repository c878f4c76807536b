import { actionMatches, asList, isEveryone } from '../../policy/template-values';

/**
 * SNS.TopicPolicy: a topic has a policy of its own (not SNS's default) and none of its statements
 * allows `sns:Publish` to everyone without a condition. One judgement for
 * `CompliancePack-SnsTopicPolicy` (the template's `AWS::SNS::TopicPolicy` and
 * `AWS::SNS::TopicInlinePolicy` documents for the topic) and the scanner's `sns-topic-policy` (the
 * topic's `Policy` attribute, where SNS's default policy stands for "no topic policy").
 */
export function topicPolicyOpensPublish(statements: readonly any[]): boolean {
  return statements.some((s) => s?.Effect === 'Allow'
    && isEveryone(s.Principal) && s.Condition === undefined
    && asList(s.Action).some((a) => actionMatches(a, 'sns:Publish')));
}

/** The Sid of the statement of the policy SNS gives a topic that has none of its own. */
export const DEFAULT_TOPIC_STATEMENT_SID = '__default_statement_ID';

/**
 * Whether a live topic policy is SNS's default one (`__default_statement_ID` only, the account's
 * principals on the topic): what a topic without a topic policy of its own reports. A topic policy
 * set by a stack replaces the whole document.
 */
export function isDefaultTopicPolicy(statements: readonly any[]): boolean {
  return statements.length === 0 || statements.every((s) => s?.Sid === DEFAULT_TOPIC_STATEMENT_SID);
}
