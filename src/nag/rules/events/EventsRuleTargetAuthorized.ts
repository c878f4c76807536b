import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * An EventBridge rule cannot deliver to one of its targets (SNS topic, SQS queue, Lambda function,
 * Step Functions state machine, log group, event bus) or to a target's dead-letter queue, as AWS
 * evaluates the request: `events.amazonaws.com` with `aws:SourceArn` of the rule against the
 * target's resource policy, or the target's role against its identity policies.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #25 (findings and failures routed to a topic that never
 * receives them). One finding per denied path (`<target>::<action>`); decisions that depend on
 * deploy-time values are not findings.
 */
export default pathRule('events-target', {
  name: 'EventsRuleTargetAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::Events::Rule'],
  info: 'An EventBridge rule\'s target does not authorise the delivery.',
  explanation: 'EventBridge delivers to SNS, SQS, Lambda and CloudWatch Logs as events.amazonaws.com with aws:SourceArn of the rule, so the target\'s resource policy must admit it; targets with a role (Step Functions, event buses, SNS with authorizeUsingRole) need the role\'s policy to allow the action. A denied delivery only counts as FailedInvocations and nobody hears of it. Add the statement the finding names (aws-cdk-lib targets add it for targets of the same stack).',
});
