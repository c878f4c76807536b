import type { PathBuilder } from './builders';
import { LiveRole, LivePaths } from './live-paths';
import { deliver, DELIVERY_ACTIONS, DELIVERY_DATASETS } from './target-delivery';
import { evaluateRequest } from '../../../policy/evaluate';

/**
 * The paths of EventBridge Scheduler schedules (family `scheduler-target`), the run-time side of
 * the synth model's `schedule`: Scheduler assumes the schedule's role (trust, `role-trust`, with the
 * `aws:SourceAccount` and the schedule group's `aws:SourceArn` Scheduler sends), then calls the
 * target and sends failed invocations to the dead-letter queue with that role, and (key use) encrypts
 * with the key of an encrypted topic it publishes to.
 *
 * Each delivery is judged by the shared `deliver` (`target-delivery.ts`): the role's identity
 * policies and the target's live resource policy (topic, queue, function), as AWS evaluates a
 * request within one account, so an explicit deny in a queue or topic policy fails the schedule.
 */
export const schedulerTargetPaths: PathBuilder = {
  family: 'scheduler-target',
  datasets: ['scheduler.schedules', 'iam.authorizationDetails', ...DELIVERY_DATASETS],
  requiredActions: ['scheduler:ListSchedules', 'scheduler:GetSchedule', 'iam:GetAccountAuthorizationDetails', ...DELIVERY_ACTIONS],
  build(live: LivePaths): string[] {
    const inv = live.inv;
    const judged: string[] = [];
    for (const s of inv.schedules ?? []) {
      judged.push(s.arn);
      const source = `schedule ${s.groupName}/${s.name}`;
      if (!s.target) {
        live.undecided('scheduler-target', s.arn, source, 'target', 'deliver', 'its target could not be read (GetSchedule)');
        continue;
      }
      const region = s.arn.split(':')[3] || inv.region;
      const context = { 'aws:SourceAccount': inv.accountId, 'aws:SourceArn': `arn:${inv.partition}:scheduler:${region}:${inv.accountId}:schedule-group/${s.groupName}` };
      live.trust(s.arn, source, s.target.roleArn, 'scheduler.amazonaws.com', context);
      const role = live.role(s.target.roleArn);
      scheduleDelivery(live, s.arn, source, s.target.arn, role);
      if (s.target.deadLetterArn) {
        // EventBridge Scheduler sends to the dead-letter queue with the schedule's execution role.
        scheduleDelivery(live, s.arn, source, s.target.deadLetterArn, role);
      }
    }
    return judged;
  },
};

/** SDK service names of universal targets whose IAM prefix differs. */
const IAM_PREFIX: Record<string, string> = { sfn: 'states', cloudwatchlogs: 'logs', eventbridge: 'events', elasticloadbalancingv2: 'elasticloadbalancing' };

/**
 * The role's request on one target (or dead-letter queue): a templated target through the shared
 * `deliver` (its resource policy and key after the role's identity policies), a universal target
 * (`arn:aws:scheduler:::aws-sdk:<service>:<api>`) on the role's identity policies for every resource.
 */
function scheduleDelivery(live: LivePaths, judged: string, source: string, targetArn: string, role: LiveRole): void {
  const universal = /^arn:[^:]+:scheduler:::aws-sdk:([^:]+):(.+)$/.exec(targetArn);
  if (!universal) {
    // a target the synth model does not judge either (ECS, Kinesis, SageMaker, ...) adds nothing
    deliver(live, { family: 'scheduler-target', judged, source, targetArn, principal: role.principal, context: {}, role });
    return;
  }
  const action = `${IAM_PREFIX[universal[1]] ?? universal[1]}:${universal[2][0].toUpperCase()}${universal[2].slice(1)}`;
  // The resources the call names are in the target's input, not known: only a grant on every
  // resource ("*") decides; anything else is undecidable (never a silent PASS, nor a FAIL).
  const request = {
    principal: role.principal,
    resourceAccount: live.inv.accountId,
    context: {},
    identityPolicies: role.identity,
    unknownIdentityPolicies: role.unknownPolicies,
    mode: 'same-account' as const,
    action,
    resource: '*',
  };
  if (evaluateRequest(request).decision === 'allowed') {
    live.evaluate('scheduler-target', judged, source, `the ${universal[1]} API`, universal[1], request);
  } else {
    live.undecided('scheduler-target', judged, source, `the ${universal[1]} API`, action,
      `its role does not allow ${action} on every resource, and the resources the target's input names are not known`);
  }
}
