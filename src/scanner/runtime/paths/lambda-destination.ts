import { evaluateRequest, PolicyRequest } from '../../../policy/evaluate';
import { LambdaFunctionInfo } from '../model';
import { PathBuilder } from './builders';
import { accountOfArn, LivePaths, parseDocument } from './live-paths';

/**
 * Family `lambda-destination`, the run-time side of the path model's `lambdaFunction` (dead-letter
 * queue) and `invokeConfig` (on-success and on-failure destinations): the function's role sends to
 * each, judged against its live identity policies. Lambda functions as targets are judged with their
 * live resource policy; EventBridge buses, Step Functions and other targets need no resource policy
 * in the same account. The inventory holds no queue or topic policies: a send to an SQS queue or SNS
 * topic the role's policies do not allow is undecided (the queue or topic policy could grant it),
 * as is a target of another account.
 */
export const lambdaDestinationBuilder: PathBuilder = {
  family: 'lambda-destination',
  datasets: ['lambda.functions', 'iam.authorizationDetails'],
  requiredActions: ['lambda:ListFunctions', 'lambda:ListFunctionEventInvokeConfigs', 'iam:GetAccountAuthorizationDetails'],
  build(live: LivePaths): string[] {
    const judged: string[] = [];
    for (const f of live.inv.lambdaFunctions ?? []) {
      if (f.role && functionPaths(live, f)) judged.push(f.arn);
    }
    return judged;
  },
};

const ACTIONS: Record<string, { action: string; noun: string; resourcePolicyReadable: boolean }> = {
  sqs: { action: 'sqs:SendMessage', noun: 'queue', resourcePolicyReadable: false },
  sns: { action: 'sns:Publish', noun: 'topic', resourcePolicyReadable: false },
  lambda: { action: 'lambda:InvokeFunction', noun: 'function', resourcePolicyReadable: true },
  events: { action: 'events:PutEvents', noun: 'event bus', resourcePolicyReadable: true },
  states: { action: 'states:StartExecution', noun: 'state machine', resourcePolicyReadable: true },
};

/** Adds the function's destination paths; returns whether it has any. */
function functionPaths(live: LivePaths, f: LambdaFunctionInfo): boolean {
  const source = `function ${f.functionName}`;
  const family = 'lambda-destination';
  const targets = [...(f.deadLetterTargetArn ? [f.deadLetterTargetArn] : []), ...(f.invokeDestinations ?? [])];
  if (f.invokeDestinations === undefined) {
    live.undecided(family, f.arn, source, 'event invoke configurations', 'deliver', 'the event invoke configurations could not be read');
  }
  const role = live.role(f.role!);
  const base = { principal: role.principal, resourceAccount: live.inv.accountId, context: {}, mode: 'same-account' as const, identityPolicies: role.identity, unknownIdentityPolicies: role.unknownPolicies };
  for (const target of [...new Set(targets)]) {
    const service = /^arn:[^:]+:([^:]+):/.exec(target)?.[1] ?? '';
    const kind = ACTIONS[service];
    const name = target.split(/[:/]/).pop() ?? target;
    if (!kind) {
      live.undecided(family, f.arn, source, target, 'deliver', 'the scanner does not judge destinations of this service');
      continue;
    }
    const label = `${name} ${kind.noun}`;
    const targetAccount = accountOfArn(target);
    if (targetAccount !== undefined && targetAccount !== live.inv.accountId) {
      live.undecided(family, f.arn, source, label, kind.action, `the ${kind.noun} is in account ${targetAccount}, whose policies the scanner does not read`);
      continue;
    }
    let resourcePolicy: PolicyRequest['resourcePolicy'];
    if (service === 'lambda') {
      const fn = (live.inv.lambdaFunctions ?? []).find((x) => x.arn === target || target.startsWith(`${x.arn}:`));
      if (!fn || fn.policy === undefined) {
        live.undecided(family, f.arn, source, label, kind.action, fn ? 'the function\'s policy could not be read' : 'the function is not in the Region the scanner read');
        continue;
      }
      resourcePolicy = fn.policy === null ? undefined : { name: `the policy of function ${fn.functionName}`, document: parseDocument(fn.policy) };
    }
    const request: PolicyRequest = { ...base, action: kind.action, resource: target, resourcePolicy };
    const result = evaluateRequest(request);
    live.decided({
      family,
      judged: f.arn,
      source,
      target: label,
      action: kind.action,
      findingId: `${name}::${kind.action}`,
      request,
      result: result.decision === 'denied' && !kind.resourcePolicyReadable
        ? { decision: 'unknown', reason: `the role's policies do not allow it and the ${kind.noun}'s policy is not read (${result.reason})` }
        : result,
    });
  }
  return targets.length > 0 || f.invokeDestinations === undefined;
}
