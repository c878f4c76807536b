import { inv, statuses } from './helpers';
import { lambdaActiveTracing } from '../../../src/scanner/runtime/checks/lambda/active-tracing';
import { lambdaFailureDestination } from '../../../src/scanner/runtime/checks/lambda/failure-destination';
import { lambdaInsideVpc } from '../../../src/scanner/runtime/checks/lambda/inside-vpc';
import { lambdaReservedConcurrency } from '../../../src/scanner/runtime/checks/lambda/reserved-concurrency';
import { LambdaFunctionInfo } from '../../../src/scanner/runtime/model';

function fn(name: string, extra: Partial<LambdaFunctionInfo> = {}): LambdaFunctionInfo {
  return { functionName: name, arn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`, runtime: 'nodejs22.x', policy: null, ...extra };
}

describe('Lambda configuration checks', () => {
  test('lambda-inside-vpc: a VpcId passes, none fails, for zip and image functions alike', () => {
    const i = inv({ lambdaFunctions: [fn('in', { vpcId: 'vpc-1' }), fn('out', { vpcId: null }), fn('image', { runtime: undefined, vpcId: null })] });
    expect(statuses(lambdaInsideVpc, i)).toEqual(['PASS', 'FAIL', 'FAIL']);
    expect(lambdaInsideVpc.evaluate(i)[1].reason).toBe('not attached to a VPC');
  });

  test('lambda-active-tracing: Active passes; PassThrough and no mode fail', () => {
    const i = inv({ lambdaFunctions: [fn('a', { tracingMode: 'Active' }), fn('p', { tracingMode: 'PassThrough' }), fn('n', { tracingMode: null })] });
    expect(statuses(lambdaActiveTracing, i)).toEqual(['PASS', 'FAIL', 'FAIL']);
    expect(lambdaActiveTracing.evaluate(i).map((r) => r.reason)).toEqual(['tracing mode Active', 'tracing mode PassThrough, not Active', 'tracing mode not set, not Active']);
  });

  test('lambda-reserved-concurrency: any reservation passes (0 included), none fails, unread is ERROR', () => {
    const i = inv({ lambdaFunctions: [fn('r', { reservedConcurrency: 5 }), fn('z', { reservedConcurrency: 0 }), fn('none', { reservedConcurrency: null }), fn('unread')] });
    expect(statuses(lambdaReservedConcurrency, i)).toEqual(['PASS', 'PASS', 'FAIL', 'ERROR']);
  });

  test('lambda-failure-destination: a DLQ or an on-failure destination passes; neither fails; unread configurations are ERROR unless a DLQ decides', () => {
    const dlq = 'arn:aws:sqs:eu-west-1:123456789012:dlq';
    const topic = 'arn:aws:sns:eu-west-1:123456789012:failures';
    const i = inv({
      lambdaFunctions: [
        fn('dlq', { deadLetterTargetArn: dlq }),
        fn('dest', { deadLetterTargetArn: null, onFailureDestinations: [topic] }),
        fn('neither', { deadLetterTargetArn: null, onFailureDestinations: [] }),
        fn('unread', { deadLetterTargetArn: null }),
        fn('dlq-unread', { deadLetterTargetArn: dlq, onFailureDestinations: undefined }),
      ],
    });
    expect(statuses(lambdaFailureDestination, i)).toEqual(['PASS', 'PASS', 'FAIL', 'ERROR', 'PASS']);
  });

  test('no functions: no results', () => {
    for (const c of [lambdaInsideVpc, lambdaActiveTracing, lambdaReservedConcurrency, lambdaFailureDestination]) {
      expect(c.evaluate(inv({ lambdaFunctions: [] }))).toEqual([]);
    }
  });
});
