import { GetTopicAttributesCommand, paginateListTopics } from '@aws-sdk/client-sns';
import { TopicInfo } from '../model';
import { CollectContext, forEach } from './context';

/** Every topic of the region with its KMS key and policy (ListTopics pages of 100, one GetTopicAttributes per topic). */
export async function topics(ctx: CollectContext, region: string): Promise<TopicInfo[]> {
  // ListTopics has a fixed page size of 100: no page size to pass.
  const pages = await ctx.clients.paginate({ service: 'sns', region, api: 'ListTopics' }, paginateListTopics, {});
  return forEach(pages.flatMap((p) => p.Topics ?? []), async (t) => {
    const arn = t.TopicArn ?? '';
    const name = arn.split(':').pop() ?? arn;
    try {
      const a = await ctx.clients.send({ service: 'sns', region, api: 'GetTopicAttributes', resource: arn }, (c, abortSignal) =>
        c.send(new GetTopicAttributesCommand({ TopicArn: arn }), { abortSignal }));
      const key = a.Attributes?.KmsMasterKeyId;
      const policy = a.Attributes?.Policy;
      return { name, arn, kmsMasterKeyId: key ? key : null, policy: policy ? policy : null };
    } catch {
      // recorded in the error log; the check reports ERROR for this topic
      return { name, arn, kmsMasterKeyId: undefined };
    }
  });
}
