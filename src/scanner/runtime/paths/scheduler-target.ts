import type { PathBuilder } from './builders';
import { LiveRole, LivePaths, accountOfArn } from './live-paths';
import { evaluateRequest } from '../../../policy/evaluate';

/**
 * The paths of EventBridge Scheduler schedules (family `scheduler-target`), the run-time side of
 * the synth model's `schedule`: Scheduler assumes the schedule's role (trust, `role-trust`, with the
 * `aws:SourceAccount` and the schedule group's `aws:SourceArn` Scheduler sends), then calls the
 * target and sends failed invocations to the dead-letter queue with that role, and (key use) encrypts
 * with the key of an encrypted topic it publishes to.
 *
 * The role's identity policies decide (same account: an identity policy suffices). Resource policies
 * of targets are not read: a target's policy that would allow a role its own policy does not is not
 * seen, and an explicit deny in one is not either.
 */
export const schedulerTargetPaths: PathBuilder = {
  family: 'scheduler-target',
  datasets: ['scheduler.schedules', 'iam.authorizationDetails', 'sns.topics'],
  requiredActions: ['scheduler:ListSchedules', 'scheduler:GetSchedule', 'iam:GetAccountAuthorizationDetails', 'sns:ListTopics', 'sns:GetTopicAttributes'],
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
      deliver(live, s.arn, source, s.target.arn, role);
      if (s.target.deadLetterArn) {
        // EventBridge Scheduler sends to the dead-letter queue with the schedule's execution role.
        deliver(live, s.arn, source, s.target.deadLetterArn, role);
      }
    }
    return judged;
  },
};

/** The action of a templated target, by the service of its ARN (as the synth model judges them). */
const TEMPLATED: Record<string, { action: string; noun: string }> = {
  sns: { action: 'sns:Publish', noun: 'topic' },
  sqs: { action: 'sqs:SendMessage', noun: 'queue' },
  lambda: { action: 'lambda:InvokeFunction', noun: 'function' },
  states: { action: 'states:StartExecution', noun: 'state machine' },
  events: { action: 'events:PutEvents', noun: 'event bus' },
  batch: { action: 'batch:SubmitJob', noun: 'job queue' },
};

/** SDK service names of universal targets whose IAM prefix differs. */
const IAM_PREFIX: Record<string, string> = { sfn: 'states', cloudwatchlogs: 'logs', eventbridge: 'events', elasticloadbalancingv2: 'elasticloadbalancing' };

/** The role's request on one target (or dead-letter queue), and its use of an encrypted topic's key. */
function deliver(live: LivePaths, judged: string, source: string, targetArn: string, role: LiveRole): void {
  const inv = live.inv;
  const base = {
    principal: role.principal,
    resourceAccount: accountOfArn(targetArn) ?? inv.accountId,
    context: {},
    identityPolicies: role.identity,
    unknownIdentityPolicies: role.unknownPolicies,
    mode: 'same-account' as const,
  };
  const universal = /^arn:[^:]+:scheduler:::aws-sdk:([^:]+):(.+)$/.exec(targetArn);
  if (universal) {
    const action = `${IAM_PREFIX[universal[1]] ?? universal[1]}:${universal[2][0].toUpperCase()}${universal[2].slice(1)}`;
    // The resources the call names are in the target's input, not known: only a grant on every
    // resource ("*") decides; anything else is undecidable (never a silent PASS, nor a FAIL).
    const request = { ...base, action, resource: '*' };
    if (evaluateRequest(request).decision === 'allowed') {
      live.evaluate('scheduler-target', judged, source, `the ${universal[1]} API`, universal[1], request);
    } else {
      live.undecided('scheduler-target', judged, source, `the ${universal[1]} API`, action,
        `its role does not allow ${action} on every resource, and the resources the target's input names are not known`);
    }
    return;
  }
  const service = /^arn:[^:]+:([^:]+):/.exec(targetArn)?.[1];
  const templated = service === undefined ? undefined : TEMPLATED[service];
  if (!templated) {
    return; // a target the synth model does not judge either (ECS, Kinesis, SageMaker, ...)
  }
  const name = targetArn.split(/[:/]/).pop() ?? targetArn;
  live.evaluate('scheduler-target', judged, source, `${name} ${templated.noun}`, name, { ...base, action: templated.action, resource: targetArn });
  const topic = service === 'sns' ? (inv.snsTopics ?? []).find((t) => t.arn === targetArn) : undefined;
  if (topic && topic.kmsMasterKeyId !== null) {
    const actions = ['kms:GenerateDataKey', 'kms:Decrypt'];
    if (topic.kmsMasterKeyId === undefined) {
      actions.forEach((a) => live.undecided('key-use', judged, source, `${name} topic's key`, a, 'the topic\'s attributes could not be read'));
    } else {
      live.keyUse(judged, source, `${name} topic's key`, topic.kmsMasterKeyId, role.principal, { 'kms:EncryptionContext:aws:sns:topicArn': targetArn }, 'sns', actions, role);
    }
  }
}
