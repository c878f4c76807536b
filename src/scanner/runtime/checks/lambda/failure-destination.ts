import { hasFailureDestination } from '../../../../controls/judgement/lambda-config';
import { errored, fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { LAMBDA_FUNCTIONS } from '../resource-kinds';

/** Lambda.FailureDestination: the run-time side of `CompliancePack-LambdaFailureDestination`, the same judgement. */
export const lambdaFailureDestination = defineResourceCheck(
  LAMBDA_FUNCTIONS,
  {
    id: 'lambda-failure-destination',
    title: 'Asynchronously invoked Lambda functions have a dead-letter queue or on-failure destination',
    severity: 'LOW',
    remediation: 'Give the function a dead-letter queue (DeadLetterConfig) or an on-failure destination (PutFunctionEventInvokeConfig, onFailure).',
    requiredActions: ['lambda:ListFunctions', 'lambda:ListFunctionEventInvokeConfigs'],
  },
  (f) => {
    if (f.deadLetterTargetArn) return pass(f.arn, `dead-letter queue ${f.deadLetterTargetArn}`);
    if (f.onFailureDestinations === undefined) return errored(f.arn, 'could not read the event invoke configurations');
    return hasFailureDestination(f.deadLetterTargetArn, f.onFailureDestinations)
      ? pass(f.arn, `on-failure destination ${f.onFailureDestinations.join(', ')}`)
      : fail(f.arn, 'no dead-letter queue and no on-failure destination');
  },
);
