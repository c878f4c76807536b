import { paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { InstanceInfo } from '../model';
import { CollectContext, pageSize } from './context';

/** Instances that no longer run and never will again: not judged. */
const GONE = new Set(['shutting-down', 'terminated']);

/** Every instance of the region that is not terminated, with its metadata options (DescribeInstances pages of 5 to 1000). */
export async function instances(ctx: CollectContext, region: string): Promise<InstanceInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'ec2', region, api: 'DescribeInstances' }, paginateDescribeInstances, {}, pageSize(ctx, 5, 1000));
  return pages.flatMap((p) => p.Reservations ?? []).flatMap((r) => r.Instances ?? [])
    .filter((i) => !GONE.has(i.State?.Name ?? ''))
    .map((i) => ({
      instanceId: i.InstanceId ?? '',
      arn: `arn:${ctx.partition}:ec2:${region}:${ctx.accountId}:instance/${i.InstanceId}`,
      state: i.State?.Name,
      httpTokens: i.MetadataOptions?.HttpTokens ?? null,
      httpEndpoint: i.MetadataOptions?.HttpEndpoint,
    }));
}
