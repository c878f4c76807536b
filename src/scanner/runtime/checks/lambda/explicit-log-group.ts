import { liveLogGroupVerdict } from '../../../../controls/judgement/lambda-log-group';
import { errored, fail, pass } from '../../model';
import { defineCheck } from '../define';

/** Lambda.ExplicitLogGroup: the run-time side of `CompliancePack-LambdaExplicitLogGroup`, the same judgement. */
export const lambdaExplicitLogGroup = defineCheck(
  {
    id: 'lambda-explicit-log-group',
    title: 'Lambda functions log to a log group the stack owns',
    severity: 'LOW',
    category: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    remediation: 'Give the function a log group of its own (LoggingConfig.LogGroup, the logGroup prop) with KMS and retention, or create the /aws/lambda/<name> log group with a retention period.',
    requiredActions: ['lambda:ListFunctions', 'logs:DescribeLogGroups'],
    datasets: ['lambda.functions', 'logs.logGroups'],
    scope: 'regional',
  },
  (inv) =>
    (inv.lambdaFunctions ?? []).map((f) => {
      const v = liveLogGroupVerdict(f.functionName, f.logGroup, inv.logGroups);
      return v.verdict === 'explicit' ? pass(f.arn, v.reason) : v.verdict === 'implicit' ? fail(f.arn, v.reason) : errored(f.arn, v.reason);
    }),
);
