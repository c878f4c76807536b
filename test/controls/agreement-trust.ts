/**
 * Lambda.ExplicitLogGroup: the same function as a template resource (with or without
 * `LoggingConfig.LogGroup`) and as the scanner sees it in the account (the log group ListFunctions
 * names, and the Region's log groups).
 */
import { aws_lambda as lambda } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { LogGroupInfo } from '../../src/scanner/runtime/model';

const FN_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:fn`;

interface LiveLogging {
  readonly logGroup: string | null;
  readonly logGroups: LogGroupInfo[];
}

function logGroupFixture(name: string, expected: Verdict, templateLogGroup: string | undefined, live: LiveLogging): Fixture {
  return {
    name,
    expected,
    synth: (stack) => new lambda.CfnFunction(stack, 'Fn', {
      functionName: 'fn',
      code: { zipFile: 'exports.handler = async () => {};' },
      role: `arn:aws:iam::${ACCOUNT}:role/fn`,
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      loggingConfig: templateLogGroup === undefined ? undefined : { logGroup: templateLogGroup },
    }),
    live: () => ({ lambdaFunctions: [{ functionName: 'fn', arn: FN_ARN, runtime: 'nodejs22.x', policy: null, logGroup: live.logGroup }], logGroups: live.logGroups }),
  };
}

const group = (name: string, retentionInDays: number | null): LogGroupInfo => ({ name, arn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${name}`, kmsKeyId: null, retentionInDays });

export const LAMBDA_EXPLICIT_LOG_GROUP: SharedControl = {
  id: 'Lambda.ExplicitLogGroup',
  rule: 'LambdaExplicitLogGroup',
  check: 'lambda-explicit-log-group',
  fixtures: [
    logGroupFixture('a log group of its own', 'compliant', '/app/fn', { logGroup: '/app/fn', logGroups: [group('/app/fn', 30)] }),
    // the stack's log group named like the implicit one, created ahead of the function with a retention
    logGroupFixture('a stack log group named /aws/lambda/fn', 'compliant', '/aws/lambda/fn', { logGroup: '/aws/lambda/fn', logGroups: [group('/aws/lambda/fn', 30)] }),
    // Lambda reports the implicit name for a function created without LoggingConfig
    logGroupFixture('none, never invoked (no log group yet)', 'non-compliant', undefined, { logGroup: '/aws/lambda/fn', logGroups: [] }),
    logGroupFixture('none, invoked (Lambda created it, never expiring)', 'non-compliant', undefined, { logGroup: '/aws/lambda/fn', logGroups: [group('/aws/lambda/fn', null)] }),
    logGroupFixture('none, an older API answer without LoggingConfig', 'non-compliant', undefined, { logGroup: null, logGroups: [] }),
  ],
};

export const TRUST_SHARED: SharedControl[] = [LAMBDA_EXPLICIT_LOG_GROUP];
