import { tracingActive } from '../../../../controls/judgement/lambda-config';
import { fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { LAMBDA_FUNCTIONS } from '../resource-kinds';

/** Lambda.7: the run-time side of `CompliancePack-LambdaActiveTracing`, the same judgement (`src/controls/judgement/lambda-config.ts`). */
export const lambdaActiveTracing = defineResourceCheck(
  LAMBDA_FUNCTIONS,
  {
    id: 'lambda-active-tracing',
    title: 'Lambda functions have X-Ray active tracing',
    severity: 'LOW',
    remediation: 'Set the function\'s tracing mode to Active (TracingConfig.Mode, tracing: Tracing.ACTIVE) and let its role write to X-Ray.',
    requiredActions: ['lambda:ListFunctions'],
  },
  (f) => tracingActive(f.tracingMode) ? pass(f.arn, 'tracing mode Active') : fail(f.arn, `tracing mode ${f.tracingMode ?? 'not set'}, not Active`),
);
