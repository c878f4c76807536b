import { accountOfArn, LivePaths, LiveRole, parseDocument, regionOfArn } from './live-paths';
import { PathFamily } from '../../../controls/judgement/data-paths';
import { RequestContext } from '../../../policy/conditions';
import { NamedPolicy, PolicyRequest, RequestPrincipal } from '../../../policy/evaluate';

/**
 * The live side of the synth model's `deliver`: a principal's request on the target a resource
 * delivers to (an SNS topic, an SQS queue, a Lambda function, a state machine, an event bus, a
 * Batch job queue, a log group), judged against the target's live resource policy, with the
 * target's key use after it for topics and queues. Shared by the families that deliver
 * (`alarm-action`, `events-target`, ...).
 *
 * As at synth time, where a target outside the app is undecided, a target of another account or
 * Region (whose policy the scanner does not read) is undecided for a service principal and not
 * judged for a role; a topic, queue or function of the scanned account and Region that the
 * inventory does not list does not exist, and the delivery is denied.
 */
export interface Delivery {
  readonly family: PathFamily;
  /** ARN of the resource whose check reports the path. */
  readonly judged: string;
  /** How the source is named in findings. */
  readonly source: string;
  readonly targetArn: string;
  readonly principal: RequestPrincipal;
  /** What the service sends (`aws:SourceArn`, `aws:SourceAccount`), for a service principal. */
  readonly context: RequestContext;
  /** The role's identity policies, when the principal is a role. */
  readonly role?: LiveRole;
}

interface QueueingTarget {
  readonly via: string;
  readonly noun: string;
  readonly action: string;
  readonly encryptionContextKey: string;
}

/** As the synth model's QUEUEING_TARGETS: the request and key use of a delivery to a topic or queue. */
const QUEUEING: Record<string, QueueingTarget> = {
  sns: { via: 'sns', noun: 'topic', action: 'sns:Publish', encryptionContextKey: 'kms:EncryptionContext:aws:sns:topicArn' },
  sqs: { via: 'sqs', noun: 'queue', action: 'sqs:SendMessage', encryptionContextKey: 'kms:EncryptionContext:aws:sqs:arn' },
};

/** Adds the paths of one delivery (and the target key's use) to `live`. */
export function deliver(live: LivePaths, d: Delivery): void {
  const inv = live.inv;
  const service = /^arn:[^:]+:([^:]+):/.exec(d.targetArn)?.[1];
  const isService = 'service' in d.principal;
  const local = accountOfArn(d.targetArn) === inv.accountId && (regionOfArn(d.targetArn) ?? inv.region) === inv.region;
  const base = {
    principal: d.principal,
    resourceAccount: inv.accountId,
    identityPolicies: 'role' in d.principal ? d.role?.identity : undefined,
    unknownIdentityPolicies: d.role?.unknownPolicies,
    mode: 'same-account' as const,
  };
  const ids = d.role ?? {};
  const name = d.targetArn.split(':').pop() ?? d.targetArn;
  const undecided = (label: string, action: string, why: string) => {
    if (isService) live.undecided(d.family, d.judged, d.source, label, action, why);
  };
  const denied = (label: string, action: string, why: string) => {
    live.decided({ family: d.family, judged: d.judged, source: d.source, target: label, action, findingId: `${name}::${action}`, result: { decision: 'denied', reason: why } });
  };
  const queueing = service ? QUEUEING[service] : undefined;
  if (queueing) {
    const label = `${name} ${queueing.noun}`;
    const listed = service === 'sns' ? inv.snsTopics : inv.sqsQueues;
    if (!local) return undecided(d.targetArn, queueing.action, `the ${queueing.noun} is not of the account and Region scanned, so its policy is not known`);
    if (listed === undefined) return undecided(label, queueing.action, `the ${queueing.noun}s of the Region were not read`);
    const target = listed.find((t) => t.arn === d.targetArn);
    if (!target) return denied(label, queueing.action, `the ${queueing.noun} ${d.targetArn} does not exist in the account`);
    if (target.policy === undefined) return undecided(label, queueing.action, `the ${queueing.noun}'s policy could not be read`);
    const resourcePolicy: NamedPolicy | undefined = service === 'sns'
      ? target.policy === null ? live.defaultTopicPolicy(name) : { name: `the topic policy of ${name}`, document: parseDocument(target.policy) }
      : target.policy === null ? undefined : { name: `the queue policy of ${name}`, document: parseDocument(target.policy) };
    const request: PolicyRequest = { ...base, action: queueing.action, resource: d.targetArn, context: d.context, resourcePolicy };
    live.evaluate(d.family, d.judged, d.source, label, name, request);
    const key = target.kmsMasterKeyId;
    if (key) {
      live.keyUse(d.judged, d.source, `${label}'s key`, key, d.principal, { ...d.context, [queueing.encryptionContextKey]: d.targetArn }, queueing.via,
        ['kms:GenerateDataKey', 'kms:Decrypt'], ids, inv.region);
    }
  } else if (service === 'lambda') {
    const fnArn = d.targetArn.split(':').slice(0, 7).join(':');
    const label = `${name} function`;
    const action = 'lambda:InvokeFunction';
    if (!local) return undecided(d.targetArn, action, 'the function is not of the account and Region scanned, so its policy is not known');
    if (inv.lambdaFunctions === undefined) return undecided(label, action, 'the functions of the Region were not read');
    const fn = inv.lambdaFunctions.find((f) => f.arn === fnArn);
    if (!fn) return denied(label, action, `the function ${fnArn} does not exist in the account`);
    if (fn.policy === undefined) return undecided(label, action, 'the function\'s policy could not be read');
    const resourcePolicy = fn.policy === null ? undefined : { name: `the function policy of ${fn.functionName}`, document: parseDocument(fn.policy) };
    const request = { ...base, action, resource: d.targetArn, context: d.context, resourcePolicy };
    live.evaluate(d.family, d.judged, d.source, label, fn.functionName, request);
  } else if (service === 'states') {
    const request = { ...base, action: 'states:StartExecution', resource: d.targetArn, context: d.context };
    live.evaluate(d.family, d.judged, d.source, `${name} state machine`, name, request);
  } else if (service === 'events') {
    live.evaluate(d.family, d.judged, d.source, `${name} event bus`, name, { ...base, action: 'events:PutEvents', resource: d.targetArn, context: d.context });
  } else if (service === 'batch') {
    live.evaluate(d.family, d.judged, d.source, `${name} job queue`, name, { ...base, action: 'batch:SubmitJob', resource: d.targetArn, context: d.context });
  } else if (service === 'logs') {
    // The account's CloudWatch Logs resource policies decide; the scanner does not read them.
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) undecided(d.targetArn, action, 'the account\'s CloudWatch Logs resource policies are not read');
  }
}
