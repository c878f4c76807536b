import { reservesConcurrency } from '../../../../controls/judgement/lambda-config';
import { errored, fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { LAMBDA_FUNCTIONS } from '../resource-kinds';

/** Lambda.ReservedConcurrency: the run-time side of `CompliancePack-LambdaReservedConcurrency`, the same judgement. */
export const lambdaReservedConcurrency = defineResourceCheck(
  LAMBDA_FUNCTIONS,
  {
    id: 'lambda-reserved-concurrency',
    title: 'Lambda functions have reserved concurrency',
    severity: 'LOW',
    remediation: 'Reserve concurrent executions for the function (PutFunctionConcurrency, reservedConcurrentExecutions) sized to its load.',
    requiredActions: ['lambda:ListFunctions', 'lambda:GetFunctionConcurrency'],
  },
  (f) => {
    if (f.reservedConcurrency === undefined) return errored(f.arn, 'could not read the function concurrency');
    return reservesConcurrency(f.reservedConcurrency)
      ? pass(f.arn, `${f.reservedConcurrency} concurrent executions reserved`)
      : fail(f.arn, 'no reserved concurrency');
  },
);
