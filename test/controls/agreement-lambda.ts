/**
 * Lambda configuration controls (Lambda.7, Lambda.ReservedConcurrency, Lambda.FailureDestination):
 * the same function as a template resource and as the scanner sees it in the account.
 */
import { aws_lambda as lambda } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { LambdaFunctionInfo } from '../../src/scanner/runtime/model';

const FN_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:fn`;
const DLQ_ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:fn-dlq`;
const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:failures`;

interface FunctionFixture {
  readonly name: string;
  readonly expected: Verdict;
  readonly props?: Partial<lambda.CfnFunctionProps>;
  /** Event invoke configurations of the function in the same stack: qualifier and on-failure destination. */
  readonly invokeConfigs?: Array<{ qualifier: string; onFailure?: string }>;
  readonly live: Partial<LambdaFunctionInfo>;
}

function functionFixture(f: FunctionFixture): Fixture {
  return {
    name: f.name,
    expected: f.expected,
    synth: (stack) => {
      const fn = new lambda.CfnFunction(stack, 'Fn', {
        functionName: 'fn',
        code: { zipFile: 'exports.handler = async () => {};' },
        role: `arn:aws:iam::${ACCOUNT}:role/fn`,
        handler: 'index.handler',
        runtime: 'nodejs22.x',
        ...f.props,
      });
      (f.invokeConfigs ?? []).forEach((c, i) => new lambda.CfnEventInvokeConfig(stack, `Config${i}`, {
        functionName: fn.ref,
        qualifier: c.qualifier,
        destinationConfig: c.onFailure ? { onFailure: { destination: c.onFailure } } : undefined,
      }));
      return fn;
    },
    live: () => ({ lambdaFunctions: [{ functionName: 'fn', arn: FN_ARN, runtime: 'nodejs22.x', policy: null, ...f.live }] }),
  };
}

export const LAMBDA_7: SharedControl = {
  id: 'Lambda.7',
  rule: 'LambdaActiveTracing',
  check: 'lambda-active-tracing',
  fixtures: [
    functionFixture({ name: 'Active', expected: 'compliant', props: { tracingConfig: { mode: 'Active' } }, live: { tracingMode: 'Active' } }),
    functionFixture({ name: 'PassThrough', expected: 'non-compliant', props: { tracingConfig: { mode: 'PassThrough' } }, live: { tracingMode: 'PassThrough' } }),
    // Lambda reports PassThrough for a function created without TracingConfig; an older API answer has none
    functionFixture({ name: 'never set (Lambda reports PassThrough)', expected: 'non-compliant', live: { tracingMode: 'PassThrough' } }),
    functionFixture({ name: 'never set (no TracingConfig reported)', expected: 'non-compliant', live: { tracingMode: null } }),
  ],
};

export const LAMBDA_RESERVED_CONCURRENCY: SharedControl = {
  id: 'Lambda.ReservedConcurrency',
  rule: 'LambdaReservedConcurrency',
  check: 'lambda-reserved-concurrency',
  fixtures: [
    functionFixture({ name: 'reserved 10', expected: 'compliant', props: { reservedConcurrentExecutions: 10 }, live: { reservedConcurrency: 10 } }),
    // 0 is a deliberate cap (the function is switched off), still a reservation
    functionFixture({ name: 'reserved 0', expected: 'compliant', props: { reservedConcurrentExecutions: 0 }, live: { reservedConcurrency: 0 } }),
    functionFixture({ name: 'none reserved', expected: 'non-compliant', live: { reservedConcurrency: null } }),
  ],
};

export const LAMBDA_FAILURE_DESTINATION: SharedControl = {
  id: 'Lambda.FailureDestination',
  rule: 'LambdaFailureDestination',
  check: 'lambda-failure-destination',
  fixtures: [
    functionFixture({ name: 'dead-letter queue', expected: 'compliant', props: { deadLetterConfig: { targetArn: DLQ_ARN } }, live: { deadLetterTargetArn: DLQ_ARN } }),
    functionFixture({
      name: 'on-failure destination on $LATEST',
      expected: 'compliant',
      invokeConfigs: [{ qualifier: '$LATEST', onFailure: TOPIC_ARN }],
      live: { deadLetterTargetArn: null, onFailureDestinations: [TOPIC_ARN] },
    }),
    functionFixture({
      name: 'on-failure destination on an alias only',
      expected: 'compliant',
      invokeConfigs: [{ qualifier: '$LATEST' }, { qualifier: 'live', onFailure: TOPIC_ARN }],
      live: { deadLetterTargetArn: null, onFailureDestinations: [TOPIC_ARN] },
    }),
    functionFixture({
      name: 'event invoke configuration without a destination',
      expected: 'non-compliant',
      invokeConfigs: [{ qualifier: '$LATEST' }],
      live: { deadLetterTargetArn: null, onFailureDestinations: [] },
    }),
    functionFixture({ name: 'neither', expected: 'non-compliant', live: { deadLetterTargetArn: null, onFailureDestinations: [] } }),
  ],
};

export const LAMBDA_SHARED: SharedControl[] = [LAMBDA_7, LAMBDA_RESERVED_CONCURRENCY, LAMBDA_FAILURE_DESTINATION];
