import { hasFailureDestination } from '../../../../controls/judgement/lambda-config';
import { errored, fail, pass } from '../../model';
import { defineCheck } from '../define';

/** Lambda.FailureDestination: the run-time side of `CompliancePack-LambdaFailureDestination`, the same judgement. */
export const lambdaFailureDestination = defineCheck(
  {
    id: 'lambda-failure-destination',
    title: 'Asynchronously invoked Lambda functions have a dead-letter queue or on-failure destination',
    severity: 'LOW',
    category: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    remediation: 'Give the function a dead-letter queue (DeadLetterConfig) or an on-failure destination (PutFunctionEventInvokeConfig, onFailure).',
    requiredActions: ['lambda:ListFunctions', 'lambda:ListFunctionEventInvokeConfigs'],
    datasets: ['lambda.functions'],
    scope: 'regional',
  },
  (inv) =>
    (inv.lambdaFunctions ?? []).map((f) => {
      if (f.deadLetterTargetArn) return pass(f.arn, `dead-letter queue ${f.deadLetterTargetArn}`);
      if (f.onFailureDestinations === undefined) return errored(f.arn, 'could not read the event invoke configurations');
      return hasFailureDestination(f.deadLetterTargetArn, f.onFailureDestinations)
        ? pass(f.arn, `on-failure destination ${f.onFailureDestinations.join(', ')}`)
        : fail(f.arn, 'no dead-letter queue and no on-failure destination');
    }),
);
