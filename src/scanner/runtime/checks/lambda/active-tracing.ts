import { tracingActive } from '../../../../controls/judgement/lambda-config';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';

/** Lambda.7: the run-time side of `CompliancePack-LambdaActiveTracing`, the same judgement (`src/controls/judgement/lambda-config.ts`). */
export const lambdaActiveTracing = defineCheck(
  {
    id: 'lambda-active-tracing',
    title: 'Lambda functions have X-Ray active tracing',
    severity: 'LOW',
    category: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    remediation: 'Set the function\'s tracing mode to Active (TracingConfig.Mode, tracing: Tracing.ACTIVE) and let its role write to X-Ray.',
    requiredActions: ['lambda:ListFunctions'],
    datasets: ['lambda.functions'],
    scope: 'regional',
  },
  (inv) =>
    (inv.lambdaFunctions ?? []).map((f) =>
      tracingActive(f.tracingMode) ? pass(f.arn, 'tracing mode Active') : fail(f.arn, `tracing mode ${f.tracingMode ?? 'not set'}, not Active`)),
);
