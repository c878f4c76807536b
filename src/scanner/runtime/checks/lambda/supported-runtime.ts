import { lambdaRuntimeVerdict } from '../../../../controls/judgement/lambda-runtimes';
import { fail, notApplicable, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { LAMBDA_FUNCTIONS } from '../resource-kinds';

/**
 * Lambda.2, judged on the scan date (`Inventory.now`) with the same dated runtime table as
 * `CompliancePack-LambdaDeprecatedRuntime`.
 */
export const lambdaSupportedRuntime = defineResourceCheck(
  LAMBDA_FUNCTIONS,
  {
    id: 'lambda-supported-runtime',
    title: 'Lambda functions use a supported runtime',
    severity: 'MEDIUM',
    remediation: 'Upgrade the function to a supported runtime version.',
    requiredActions: ['lambda:ListFunctions'],
  },
  (f, _id, inv) => {
    if (!f.runtime) return notApplicable(f.arn, 'container image function');
    const verdict = lambdaRuntimeVerdict(f.runtime, new Date(inv.now));
    return verdict.supported ? pass(f.arn, verdict.reason) : fail(f.arn, verdict.reason);
  },
);
