import { notApplicable } from '../../model';
import { lambdaDestinationBuilder } from '../../paths/lambda-destination';
import { definePathCheck, withoutKeyUse } from '../define';

/**
 * Lambda.DestinationAuthorized: the run-time side of `CompliancePack-LambdaDestinationAuthorized`:
 * the function's role may send to its dead-letter queue and its on-success and on-failure destinations.
 */
export const lambdaDestinationAuthorized = definePathCheck(
  {
    id: 'lambda-destination-authorized',
    title: 'Lambda functions may send to their failure destinations',
    severity: 'HIGH',
    category: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    remediation: 'Allow the function\'s role the action the finding names on its destination (sqs:SendMessage, sns:Publish, lambda:InvokeFunction, events:PutEvents), and the destination\'s policy to accept it.',
    ...withoutKeyUse(lambdaDestinationBuilder),
  },
  lambdaDestinationBuilder,
  (inv, withResult) => (inv.lambdaFunctions ?? []).filter((f) => !withResult.has(f.arn)).map((f) => notApplicable(f.arn,
    f.deadLetterTargetArn || (f.invokeDestinations ?? []).length > 0
      ? 'its destinations are of other accounts or Regions, which the scanner does not judge (as at synth time)'
      : 'no dead-letter queue and no event invoke destination')),
);
