import { notApplicable } from '../../model';
import { lambdaDestinationBuilder } from '../../paths/lambda-destination';
import { LivePaths, pathResults } from '../../paths/live-paths';
import { defineCheck } from '../define';

/**
 * Lambda.DestinationAuthorized: the run-time side of `CompliancePack-LambdaDestinationAuthorized`:
 * the function's role may send to its dead-letter queue and its on-success and on-failure destinations.
 */
export const lambdaDestinationAuthorized = defineCheck(
  {
    id: 'lambda-destination-authorized',
    title: 'Lambda functions may send to their failure destinations',
    severity: 'HIGH',
    category: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    remediation: 'Allow the function\'s role the action the finding names on its destination (sqs:SendMessage, sns:Publish, lambda:InvokeFunction, events:PutEvents), and the destination\'s policy to accept it.',
    requiredActions: [...lambdaDestinationBuilder.requiredActions],
    datasets: [...lambdaDestinationBuilder.datasets],
    scope: 'regional',
  },
  (inv) => {
    const live = new LivePaths(inv);
    const judged = lambdaDestinationBuilder.build(live);
    const results = pathResults(live, 'lambda-destination', judged);
    const withResult = new Set(results.map((r) => r.resourceId));
    for (const f of inv.lambdaFunctions ?? []) {
      if (!withResult.has(f.arn)) results.push(notApplicable(f.arn, 'no dead-letter queue and no event invoke destination'));
    }
    return results;
  },
);
