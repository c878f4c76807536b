import { errored, notApplicable } from '../../model';
import { EVENTS_TARGET } from '../../paths/events-target';
import { definePathCheck, withoutKeyUse } from '../define';

/**
 * Events.TargetAuthorized: the run-time side of `CompliancePack-EventsRuleTargetAuthorized`, the
 * `events-target` paths built from the live rules, targets and their policies (`paths/events-target.ts`).
 */
export const eventsTargetAuthorized = definePathCheck(
  {
    id: 'events-target-authorized',
    title: 'EventBridge rules may deliver to their targets',
    severity: 'HIGH',
    category: 'events',
    resourceType: 'AWS::Events::Rule',
    remediation: 'Let events.amazonaws.com (scoped with aws:SourceArn, the rule) deliver in the target\'s resource policy (topic, queue or function policy) and use its key, or give the target a role that may; let it send to the target\'s dead-letter queue.',
    ...withoutKeyUse(EVENTS_TARGET),
  },
  EVENTS_TARGET,
  (inv, withResult) => (inv.eventRules ?? []).filter((r) => !withResult.has(r.arn)).map((r) => r.targets === undefined
    ? errored(r.arn, 'could not list the rule\'s targets')
    : notApplicable(r.arn, r.targets.length === 0 ? 'no targets' : 'no target whose delivery is judged (SNS, SQS, Lambda, Step Functions, event bus, Batch)')),
);
