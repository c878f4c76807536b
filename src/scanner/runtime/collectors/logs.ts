import { paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { LogGroupInfo } from '../model';
import { CollectContext, pageSize } from './context';

/** Every log group of the region with its KMS key and retention (DescribeLogGroups pages of at most 50). */
export async function logGroups(ctx: CollectContext, region: string): Promise<LogGroupInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'logs', region, api: 'DescribeLogGroups' }, paginateDescribeLogGroups, {}, pageSize(ctx, 1, 50));
  return pages.flatMap((p) => p.logGroups ?? []).map((g) => {
    const name = g.logGroupName ?? '';
    const arn = g.logGroupArn ?? g.arn?.replace(/:\*$/, '') ?? `arn:${ctx.partition}:logs:${region}:${ctx.accountId}:log-group:${name}`;
    return { name, arn, kmsKeyId: g.kmsKeyId ? g.kmsKeyId : null, retentionInDays: g.retentionInDays ?? null };
  });
}
