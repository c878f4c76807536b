import { inv, statuses } from './helpers';
import { sqsDeadLetterQueue } from '../../../src/scanner/runtime/checks/sqs/dead-letter-queue';
import { parseRedrivePolicy, queueArnFromUrl } from '../../../src/scanner/runtime/collectors/sqs';
import { QueueInfo } from '../../../src/scanner/runtime/model';

const arn = (name: string) => `arn:aws:sqs:eu-west-1:123456789012:${name}`;
const queue = (name: string, extra: Partial<QueueInfo> = {}): QueueInfo => ({
  name, url: `https://sqs.eu-west-1.amazonaws.com/123456789012/${name}`, arn: arn(name), policy: null, redrivePolicy: null, kmsMasterKeyId: null, sqsManagedSseEnabled: true, ...extra,
});

describe('sqs-dead-letter-queue', () => {
  test('own DLQ, DLQ of a queue, DLQ of a function PASS; none FAILs', () => {
    const i = inv({
      sqsQueues: [queue('work', { redrivePolicy: { deadLetterTargetArn: arn('dlq'), maxReceiveCount: 3 } }), queue('dlq'), queue('fn-dlq'), queue('plain')],
      lambdaFunctions: [{ functionName: 'fn', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:fn', deadLetterTargetArn: arn('fn-dlq') }],
    });
    expect(statuses(sqsDeadLetterQueue, i)).toEqual(['PASS', 'PASS', 'PASS', 'FAIL']);
    const r = sqsDeadLetterQueue.evaluate(i);
    expect(r[0].reason).toBe(`dead-letter queue ${arn('dlq')} after 3 receives`);
    expect(r[1].reason).toContain(`dead-letter queue of ${arn('work')}`);
    expect(r[2].reason).toContain('function arn:aws:lambda');
  });

  test('a redrive policy without a target is no DLQ', () => {
    expect(statuses(sqsDeadLetterQueue, inv({ sqsQueues: [queue('q', { redrivePolicy: {} })], lambdaFunctions: [] }))).toEqual(['FAIL']);
  });

  test('unread attributes or functions make the undecided queues ERROR, never FAIL', () => {
    const unread = inv({ sqsQueues: [queue('x', { redrivePolicy: undefined }), queue('plain'), queue('own', { redrivePolicy: { deadLetterTargetArn: arn('d') } })], lambdaFunctions: [] });
    expect(statuses(sqsDeadLetterQueue, unread)).toEqual(['ERROR', 'ERROR', 'PASS']);
    expect(statuses(sqsDeadLetterQueue, inv({ sqsQueues: [queue('plain')] }))).toEqual(['ERROR']);
  });

  test('no queues: no results', () => {
    expect(sqsDeadLetterQueue.evaluate(inv({ sqsQueues: [], lambdaFunctions: [] }))).toEqual([]);
  });

  test('collector helpers: the redrive policy and the ARN from a URL', () => {
    expect(parseRedrivePolicy('{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:1:d","maxReceiveCount":"5"}')).toEqual({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:1:d', maxReceiveCount: 5 });
    expect(parseRedrivePolicy('not json')).toEqual({});
    expect(queueArnFromUrl('https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo', 'aws', 'eu-west-1')).toBe('arn:aws:sqs:eu-west-1:123456789012:q.fifo');
  });
});
