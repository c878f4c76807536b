import { lambdaRuntimeVerdict } from '../../../../controls/judgement/lambda-runtimes';
import { fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';

/**
 * Lambda.2, judged on the scan date (`Inventory.now`) with the same dated runtime table as
 * `CompliancePack-LambdaDeprecatedRuntime`.
 */
export const lambdaSupportedRuntime = defineCheck(
  {
    id: 'lambda-supported-runtime',
    title: 'Lambda functions use a supported runtime',
    severity: 'MEDIUM',
    category: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    remediation: 'Upgrade the function to a supported runtime version.',
    requiredActions: ['lambda:ListFunctions'],
    datasets: ['lambda.functions'],
    scope: 'regional',
  },
  (inv) =>
    (inv.lambdaFunctions ?? []).map((f) => {
      if (!f.runtime) return notApplicable(f.arn, 'container image function');
      const verdict = lambdaRuntimeVerdict(f.runtime, new Date(inv.now));
      return verdict.supported ? pass(f.arn, verdict.reason) : fail(f.arn, verdict.reason);
    }),
);
