import { LambdaFunctionInfo } from '../model';
import { PathBuilder } from './builders';
import { LivePaths } from './live-paths';
import { deliver, DELIVERY_ACTIONS, DELIVERY_DATASETS } from './target-delivery';

/**
 * Family `lambda-destination`, the run-time side of the path model's `lambdaFunction` (dead-letter
 * queue) and `invokeConfig` (on-success and on-failure destinations): the function's role sends to
 * each, judged by the shared `deliver` (`target-delivery.ts`) on the role's live identity policies
 * and the target's live resource policy (queue, topic, function), as AWS evaluates a request within
 * one account; EventBridge buses and state machines need no resource policy in the same account. A
 * target of another account or Region is not judged, as at synth time; a destination of a service
 * the scanner does not judge is undecided.
 */
export const lambdaDestinationBuilder: PathBuilder = {
  family: 'lambda-destination',
  datasets: ['lambda.functions', 'iam.authorizationDetails', ...DELIVERY_DATASETS.filter((d) => d !== 'lambda.functions')],
  requiredActions: ['lambda:ListFunctions', 'lambda:ListFunctionEventInvokeConfigs', 'iam:GetAccountAuthorizationDetails', ...DELIVERY_ACTIONS.filter((a) => a !== 'lambda:ListFunctions')],
  build(live: LivePaths): string[] {
    const judged: string[] = [];
    for (const f of live.inv.lambdaFunctions ?? []) {
      if (f.role && functionPaths(live, f)) judged.push(f.arn);
    }
    return judged;
  },
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
  for (const target of [...new Set(targets)]) {
    if (!deliver(live, { family, judged: f.arn, source, targetArn: target, principal: role.principal, context: {}, role })) {
      live.undecided(family, f.arn, source, target, 'deliver', 'the scanner does not judge destinations of this service');
    }
  }
  return targets.length > 0 || f.invokeDestinations === undefined;
}
