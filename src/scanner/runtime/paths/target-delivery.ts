import { accountOfArn, LivePaths, LiveRole, parseDocument, regionOfArn } from './live-paths';
import { PathFamily } from '../../../controls/judgement/data-paths';
import { RequestContext } from '../../../policy/conditions';
import { NamedPolicy, RequestPrincipal } from '../../../policy/evaluate';
import { DatasetKey } from '../model';

/**
 * The live side of the synth model's `deliver`: a principal's request on the target a resource
 * delivers to (an SNS topic, an SQS queue, a Lambda function, a state machine, an event bus, a
 * Batch job queue, a log group), judged against the target's live resource policy, with the
 * target's key use after it for topics and queues. One route for every family that delivers
 * (`alarm-action`, `events-target`, `scheduler-target`, `lambda-destination`, `state-machine`).
 *
 * A service principal is judged on the resource policy alone; a role on its identity policies and
 * the resource policy together, as AWS evaluates a request within one account: either may allow,
 * and an explicit deny in either denies. As at synth time, where a target outside the app is
 * undecided, a target of another account or Region (whose policy the scanner does not read) is
 * undecided for a service principal and not judged for a role; a topic, queue or function of the
 * scanned account and Region that the inventory does not list does not exist, and the delivery is
 * denied; one whose policy the scanner could not read is undecided.
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

/** The datasets `deliver` reads: the targets with their policies, and their keys. */
export const DELIVERY_DATASETS: readonly DatasetKey[] = ['sns.topics', 'sqs.queues', 'lambda.functions', 'kms.keys'];

/** The IAM actions that collect `DELIVERY_DATASETS`. */
export const DELIVERY_ACTIONS: readonly string[] = [
  'sns:ListTopics', 'sns:GetTopicAttributes', 'sqs:ListQueues', 'sqs:GetQueueAttributes', 'lambda:ListFunctions', 'lambda:GetPolicy',
  'kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy',
];

/** What a delivery to one kind of target requests, by the service of the target's ARN. */
interface TargetKind {
  readonly noun: string;
  readonly action: string;
  /** For targets that encrypt with their key: the service that uses it, and the encryption context key naming the target. */
  readonly encryption?: { readonly via: string; readonly contextKey: string };
}

/** As the synth model's targets: the request (and key use) of a delivery to each kind of target. */
const TARGETS: Record<string, TargetKind> = {
  sns: { noun: 'topic', action: 'sns:Publish', encryption: { via: 'sns', contextKey: 'kms:EncryptionContext:aws:sns:topicArn' } },
  sqs: { noun: 'queue', action: 'sqs:SendMessage', encryption: { via: 'sqs', contextKey: 'kms:EncryptionContext:aws:sqs:arn' } },
  lambda: { noun: 'function', action: 'lambda:InvokeFunction' },
  states: { noun: 'state machine', action: 'states:StartExecution' },
  events: { noun: 'event bus', action: 'events:PutEvents' },
  batch: { noun: 'job queue', action: 'batch:SubmitJob' },
};

/** The services whose targets the scanner reads with their resource policies. */
const WITH_POLICY = new Set(['sns', 'sqs', 'lambda']);

/** A target as the delivery judges it: how it is named, the policy that admits it, its key. */
interface JudgedTarget {
  readonly label: string;
  readonly findingTarget: string;
  readonly resourcePolicy?: NamedPolicy;
  readonly key?: string | null;
}

/** The service of an ARN (`arn:aws:sqs:...` -> `sqs`). */
export function serviceOfArn(arnText: string): string | undefined {
  return /^arn:[^:]+:([^:]+):/.exec(arnText)?.[1];
}

/** The name of a target in labels and finding ids: the last part of its ARN (`...:topic` -> `topic`, `...:event-bus/b` -> `b`). */
export function targetName(arnText: string): string {
  return arnText.split(/[:/]/).pop() || arnText;
}

/**
 * Adds the paths of one delivery (and the target key's use) to `live`. Returns false, adding
 * nothing, for a target of a kind the synth model does not judge either (ECS, Kinesis, S3, ...).
 */
export function deliver(live: LivePaths, d: Delivery): boolean {
  const service = serviceOfArn(d.targetArn);
  if (service === 'logs') {
    // The account's CloudWatch Logs resource policies decide; the scanner does not read them.
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) undecided(live, d, d.targetArn, action, 'the account\'s CloudWatch Logs resource policies are not read', false);
    return true;
  }
  const kind = service === undefined ? undefined : TARGETS[service];
  if (!kind) return false;
  const name = targetName(d.targetArn);
  const target = WITH_POLICY.has(service!) ? readTarget(live, d, service!, kind) : { label: `${name} ${kind.noun}`, findingTarget: name };
  if (!target) return true;
  live.evaluate(d.family, d.judged, d.source, target.label, target.findingTarget, {
    principal: d.principal,
    action: kind.action,
    resource: d.targetArn,
    resourceAccount: live.inv.accountId,
    context: d.context,
    mode: 'same-account',
    resourcePolicy: target.resourcePolicy,
    identityPolicies: 'role' in d.principal ? d.role?.identity : undefined,
    unknownIdentityPolicies: d.role?.unknownPolicies,
  });
  if (target.key && kind.encryption) {
    live.keyUse(d.judged, d.source, `${target.label}'s key`, target.key, d.principal, { ...d.context, [kind.encryption.contextKey]: d.targetArn },
      kind.encryption.via, ['kms:GenerateDataKey', 'kms:Decrypt'], d.role ?? {}, live.inv.region);
  }
  return true;
}

/**
 * The live topic, queue or function a delivery names, with its resource policy; undefined (the
 * path recorded as undecided or denied) when it is not of the scanned account and Region, was not
 * read, does not exist, or its policy could not be read.
 */
function readTarget(live: LivePaths, d: Delivery, service: string, kind: TargetKind): JudgedTarget | undefined {
  const inv = live.inv;
  const arn = service === 'lambda' ? d.targetArn.split(':').slice(0, 7).join(':') : d.targetArn;
  const label = `${targetName(arn)} ${kind.noun}`;
  const local = accountOfArn(arn) === inv.accountId && (regionOfArn(arn) ?? inv.region) === inv.region;
  if (!local) return undecided(live, d, d.targetArn, kind.action, `the ${kind.noun} is not of the account and Region scanned, so its policy is not known`, false);
  const listed: readonly { arn: string; policy?: string | null }[] | undefined = service === 'sns' ? inv.snsTopics : service === 'sqs' ? inv.sqsQueues : inv.lambdaFunctions;
  if (listed === undefined) return undecided(live, d, label, kind.action, `the ${kind.noun}s of the Region were not read`, true);
  const found = listed.find((t) => t.arn === arn);
  if (!found) {
    live.decided({
      family: d.family,
      judged: d.judged,
      source: d.source,
      target: label,
      action: kind.action,
      findingId: `${targetName(arn)}::${kind.action}`,
      result: { decision: 'denied', reason: `the ${kind.noun} ${arn} does not exist in the account` },
    });
    return undefined;
  }
  if (found.policy === undefined) return undecided(live, d, label, kind.action, `the ${kind.noun}'s policy could not be read`, true);
  if (service === 'lambda') {
    const fn = (inv.lambdaFunctions ?? []).find((f) => f.arn === arn)!;
    const resourcePolicy = fn.policy ? { name: `the function policy of ${fn.functionName}`, document: parseDocument(fn.policy) } : undefined;
    return { label: `${fn.functionName} function`, findingTarget: fn.functionName, resourcePolicy };
  }
  const name = targetName(arn);
  const key = (found as { kmsMasterKeyId?: string | null }).kmsMasterKeyId;
  if (service === 'sns') {
    return { label, findingTarget: name, key, resourcePolicy: found.policy === null ? live.defaultTopicPolicy(name) : { name: `the topic policy of ${name}`, document: parseDocument(found.policy) } };
  }
  return { label, findingTarget: name, key, resourcePolicy: found.policy === null ? undefined : { name: `the queue policy of ${name}`, document: parseDocument(found.policy) } };
}

/**
 * Records a path the scanner cannot decide. For a role, only where the target is of the account
 * and Region (`forRoles`): the synth model does not judge a role's delivery outside the app either.
 */
function undecided(live: LivePaths, d: Delivery, label: string, action: string, why: string, forRoles: boolean): undefined {
  if (forRoles || 'service' in d.principal) live.undecided(d.family, d.judged, d.source, label, action, why);
  return undefined;
}
