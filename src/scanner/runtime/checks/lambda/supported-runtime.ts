import { fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';

/**
 * Runtimes AWS Lambda supports for creation and updates (FSBP Lambda.2's list).
 * Keep in step with https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html.
 */
export const SUPPORTED_RUNTIMES: readonly string[] = [
  'nodejs20.x', 'nodejs22.x', 'nodejs24.x',
  'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14',
  'java11', 'java17', 'java21', 'java25',
  'dotnet8', 'dotnet10',
  'ruby3.3', 'ruby3.4',
  'provided.al2', 'provided.al2023',
];

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
      return SUPPORTED_RUNTIMES.includes(f.runtime) ? pass(f.arn, `runtime ${f.runtime}`) : fail(f.arn, `deprecated runtime ${f.runtime}`);
    }),
);
