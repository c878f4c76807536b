import { GetQueueAttributesCommand, paginateListQueues } from '@aws-sdk/client-sqs';
import { QueueInfo, RedrivePolicyInfo } from '../model';
import { CollectContext, forEach, pageSize } from './context';

/** The attributes the SQS checks read. */
const ATTRIBUTES = ['QueueArn', 'Policy', 'RedrivePolicy', 'KmsMasterKeyId', 'SqsManagedSseEnabled'] as const;

/**
 * Every queue of the region (ListQueues, pages of at most 1000: without `MaxResults` the API returns
 * 1000 queues and no token) with its ARN, policy, redrive policy and encryption (one
 * GetQueueAttributes per queue). A queue deleted between the two calls is left out.
 */
export async function queues(ctx: CollectContext, region: string): Promise<QueueInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'sqs', region, api: 'ListQueues' }, paginateListQueues, {}, pageSize(ctx, 1, 1000));
  const found = await forEach(pages.flatMap((p) => p.QueueUrls ?? []), async (url): Promise<QueueInfo | undefined> => {
    const fromUrl = queueArnFromUrl(url, ctx.partition, region);
    const name = fromUrl.split(':').pop() ?? url;
    try {
      const got = await ctx.clients.call({ service: 'sqs', region, api: 'GetQueueAttributes', resource: fromUrl, absentOn: ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'] },
        (c, abortSignal) => c.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...ATTRIBUTES] }), { abortSignal }));
      if (got === null) return undefined;
      const a = got.Attributes ?? {};
      return {
        name,
        url,
        arn: a.QueueArn ?? fromUrl,
        policy: a.Policy ? a.Policy : null,
        redrivePolicy: a.RedrivePolicy ? parseRedrivePolicy(a.RedrivePolicy) : null,
        kmsMasterKeyId: a.KmsMasterKeyId ? a.KmsMasterKeyId : null,
        sqsManagedSseEnabled: a.SqsManagedSseEnabled === 'true',
      };
    } catch {
      // recorded in the error log; the checks report ERROR for this queue
      return { name, url, arn: fromUrl };
    }
  });
  return found.filter((q): q is QueueInfo => q !== undefined);
}

/** The redrive policy attribute (JSON; `maxReceiveCount` may be a string). */
export function parseRedrivePolicy(text: string): RedrivePolicyInfo {
  try {
    const p = JSON.parse(text) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    const count = Number(p.maxReceiveCount);
    return {
      ...(typeof p.deadLetterTargetArn === 'string' && p.deadLetterTargetArn ? { deadLetterTargetArn: p.deadLetterTargetArn } : {}),
      ...(Number.isFinite(count) && p.maxReceiveCount !== undefined ? { maxReceiveCount: count } : {}),
    };
  } catch {
    return {};
  }
}

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` (or the legacy host) as `arn:<partition>:sqs:<region>:<account>:<name>`. */
export function queueArnFromUrl(url: string, partition: string, region: string): string {
  const parts = url.replace(/^[a-z]+:\/\//, '').split('/').filter((x) => x !== '');
  const name = parts[parts.length - 1] ?? url;
  const account = parts[parts.length - 2] ?? '';
  return `arn:${partition}:sqs:${region}:${account}:${name}`;
}
