import { liveLogGroupVerdict } from '../../../../controls/judgement/lambda-log-group';
import { errored, fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { LAMBDA_FUNCTIONS } from '../resource-kinds';

/** Lambda.ExplicitLogGroup: the run-time side of `CompliancePack-LambdaExplicitLogGroup`, the same judgement. */
export const lambdaExplicitLogGroup = defineResourceCheck(
  LAMBDA_FUNCTIONS,
  {
    id: 'lambda-explicit-log-group',
    title: 'Lambda functions log to a log group the stack owns',
    severity: 'LOW',
    remediation: 'Give the function a log group of its own (LoggingConfig.LogGroup, the logGroup prop) with KMS and retention, or create the /aws/lambda/<name> log group with a retention period.',
    requiredActions: ['lambda:ListFunctions', 'logs:DescribeLogGroups'],
    datasets: ['lambda.functions', 'logs.logGroups'],
  },
  (f, _id, inv) => {
    const v = liveLogGroupVerdict(f.functionName, f.logGroup, inv.logGroups);
    return v.verdict === 'explicit' ? pass(f.arn, v.reason) : v.verdict === 'implicit' ? fail(f.arn, v.reason) : errored(f.arn, v.reason);
  },
);
