/**
 * Amazon SQS (JSON 1.0, `AmazonSQS.<Api>`): ListQueues, paged by `MaxResults` (at most 1000) and
 * `NextToken` only when `MaxResults` is given, as the service pages it, and GetQueueAttributes with
 * the attributes asked for (`All` for every one). Queue URLs name the fake's own host, so that the
 * SDK, which sends a queue's requests to its URL, reaches the fake.
 */
import { FakeService, jsonError, jsonResponse } from './index';
import { AwsHttpError } from '../server';

const JSON_10 = 'application/x-amz-json-1.0';

export const sqs: FakeService = {
  dispatch(ctx, r, api) {
    const acct = ctx.state.accountId;
    const queues = [...(ctx.region(r.region).queues ?? [])].sort((a, b) => a.QueueName.localeCompare(b.QueueName));
    const host = String(r.headers.host ?? 'localhost');
    const url = (name: string) => `http://${host}/${acct}/${name}`;
    const arn = (name: string) => `arn:aws:sqs:${r.region}:${acct}:${name}`;
    switch (api) {
      case 'ListQueues': {
        const asked = r.json.MaxResults;
        if (asked !== undefined && (Number(asked) < 1 || Number(asked) > 1000)) {
          throw new AwsHttpError(400, 'com.amazonaws.sqs#InvalidParameterValue', 'Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.');
        }
        if (asked === undefined) return jsonResponse({ QueueUrls: queues.slice(0, 1000).map((q) => url(q.QueueName)) }, JSON_10);
        const { slice, next } = ctx.page(queues, r.json.NextToken as string | undefined, asked);
        return jsonResponse({ QueueUrls: slice.map((q) => url(q.QueueName)), ...(next ? { NextToken: next } : {}) }, JSON_10);
      }
      case 'GetQueueAttributes': {
        const name = String(r.json.QueueUrl ?? '').split('/').pop();
        const q = queues.find((x) => x.QueueName === name);
        if (!q) throw new AwsHttpError(400, 'com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.');
        const all: Record<string, string | undefined> = {
          QueueArn: arn(q.QueueName),
          ApproximateNumberOfMessages: '0',
          Policy: q.policy,
          RedrivePolicy: q.deadLetterQueue ? JSON.stringify({ deadLetterTargetArn: q.deadLetterQueue.startsWith('arn:') ? q.deadLetterQueue : arn(q.deadLetterQueue), maxReceiveCount: 3 }) : undefined,
          KmsMasterKeyId: q.KmsMasterKeyId,
          SqsManagedSseEnabled: q.KmsMasterKeyId ? 'false' : String(q.sqsManagedSse ?? true),
        };
        const names = (r.json.AttributeNames as string[] | undefined) ?? [];
        const want = names.includes('All') ? Object.keys(all) : names;
        const Attributes = Object.fromEntries(want.filter((k) => all[k] !== undefined).map((k) => [k, all[k]]));
        return jsonResponse(Object.keys(Attributes).length ? { Attributes } : {}, JSON_10);
      }
      default:
        throw new AwsHttpError(400, 'com.amazonaws.sqs#UnsupportedOperation', `fake SQS does not implement ${api}`);
    }
  },
  errorResponse: (_r, e) => jsonError(e, JSON_10),
};
