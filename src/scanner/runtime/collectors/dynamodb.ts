import { DescribeContinuousBackupsCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import { TableInfo } from '../model';
import { CollectContext, forEach, pageSize } from './context';

/** Every table of the region with its point-in-time recovery status (ListTables pages, one DescribeContinuousBackups per table). */
export async function tables(ctx: CollectContext, region: string): Promise<TableInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'dynamodb', region, api: 'ListTables' }, paginateListTables, {}, pageSize(ctx, 1, 100));
  return forEach(pages.flatMap((p) => p.TableNames ?? []), async (name) => {
    const tableArn = `arn:${ctx.partition}:dynamodb:${region}:${ctx.accountId}:table/${name}`;
    try {
      const b = await ctx.clients.send({ service: 'dynamodb', region, api: 'DescribeContinuousBackups', resource: tableArn }, (c, abortSignal) =>
        c.send(new DescribeContinuousBackupsCommand({ TableName: name }), { abortSignal }));
      const status = b.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
      return { name, arn: tableArn, pointInTimeRecovery: status ?? null };
    } catch {
      // recorded in the error log; the check reports ERROR for this table
      return { name, arn: tableArn, pointInTimeRecovery: undefined };
    }
  });
}
