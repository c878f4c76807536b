import { PathBuilder } from './builders';
import { LivePaths } from './live-paths';
import { deliver } from './target-delivery';

/**
 * `events-target`, as the synth model's `eventsRule`: for each target of each rule, EventBridge
 * delivers as `events.amazonaws.com` with `aws:SourceArn` (the rule) and `aws:SourceAccount`, or,
 * when the target names a role, assumes it (`role-trust`) and delivers with the role's identity
 * policies; a target's dead-letter queue is sent to as `events.amazonaws.com`. Each delivery is
 * judged against the target's live policy (`target-delivery.ts`), with the target key's use after it.
 */
export const EVENTS_TARGET: PathBuilder = {
  family: 'events-target',
  datasets: ['events.rules', 'sns.topics', 'sqs.queues', 'lambda.functions', 'kms.keys', 'iam.authorizationDetails'],
  requiredActions: [
    'events:ListEventBuses', 'events:ListRules', 'events:ListTargetsByRule',
    'sns:ListTopics', 'sns:GetTopicAttributes', 'sqs:ListQueues', 'sqs:GetQueueAttributes', 'lambda:ListFunctions', 'lambda:GetPolicy',
    'kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy', 'iam:GetAccountAuthorizationDetails',
  ],
  build(live: LivePaths): string[] {
    const inv = live.inv;
    const judged: string[] = [];
    for (const rule of inv.eventRules ?? []) {
      if (!rule.targets || rule.targets.length === 0) continue;
      judged.push(rule.arn);
      const source = `rule ${rule.name}`;
      const context = { 'aws:SourceAccount': inv.accountId, 'aws:SourceArn': rule.arn };
      const events = { service: 'events.amazonaws.com' };
      for (const t of rule.targets) {
        if (t.roleArn) {
          const role = live.role(t.roleArn);
          live.trust(rule.arn, source, t.roleArn, 'events.amazonaws.com', context);
          deliver(live, { family: 'events-target', judged: rule.arn, source, targetArn: t.arn, principal: role.principal, context: {}, role });
        } else {
          deliver(live, { family: 'events-target', judged: rule.arn, source, targetArn: t.arn, principal: events, context });
        }
        if (t.deadLetterArn) {
          deliver(live, { family: 'events-target', judged: rule.arn, source, targetArn: t.deadLetterArn, principal: events, context });
        }
      }
    }
    return judged;
  },
};
