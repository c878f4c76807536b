import { DescribeContinuousBackupsCommand, DescribeTableCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import { TableInfo } from '../model';
import { CollectContext, forEach, orUndefined, pageSize, needs } from './context';

/**
 * Every table of the region with its point-in-time recovery status and encryption key (ListTables
 * pages, one DescribeContinuousBackups and one DescribeTable per table), each only when a check
 * being run needs it. Who manages a table's key is the kms.keys dataset's answer.
 */
export async function tables(ctx: CollectContext, region: string): Promise<TableInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'dynamodb', region, api: 'ListTables' }, paginateListTables, {}, pageSize(ctx, 1, 100));
  return forEach(pages.flatMap((p) => p.TableNames ?? []), async (name) => {
    const tableArn = `arn:${ctx.partition}:dynamodb:${region}:${ctx.accountId}:table/${name}`;
    const [pointInTimeRecovery, kmsMasterKeyArn] = await Promise.all([pitr(ctx, region, name, tableArn), tableKey(ctx, region, name, tableArn)]);
    return { name, arn: tableArn, pointInTimeRecovery, kmsMasterKeyArn };
  });
}

async function pitr(ctx: CollectContext, region: string, name: string, tableArn: string): Promise<string | null | undefined> {
  if (!needs(ctx, 'dynamodb:DescribeContinuousBackups')) return undefined;
  try {
    const b = await ctx.clients.send({ service: 'dynamodb', region, api: 'DescribeContinuousBackups', resource: tableArn }, (c, abortSignal) =>
      c.send(new DescribeContinuousBackupsCommand({ TableName: name }), { abortSignal }));
    return b.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ?? null;
  } catch {
    // recorded in the error log; the check reports ERROR for this table
    return undefined;
  }
}

async function tableKey(ctx: CollectContext, region: string, name: string, tableArn: string): Promise<string | null | undefined> {
  if (!needs(ctx, 'dynamodb:DescribeTable')) return undefined;
  const t = await orUndefined(ctx.clients.send({ service: 'dynamodb', region, api: 'DescribeTable', resource: tableArn }, (c, abortSignal) =>
    c.send(new DescribeTableCommand({ TableName: name }), { abortSignal })));
  if (!t) return undefined;
  const sse = t.Table?.SSEDescription;
  return sse?.SSEType === 'KMS' && sse.Status !== 'DISABLED' && sse.KMSMasterKeyArn ? sse.KMSMasterKeyArn : null;
}
