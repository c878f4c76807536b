import { DescribeContinuousBackupsCommand, DescribeTableCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { TableInfo } from '../model';
import { CollectContext, forEach, orUndefined, pageSize, wants } from './context';

/**
 * Every table of the region with its point-in-time recovery status and encryption key (ListTables
 * pages, one DescribeContinuousBackups and one DescribeTable per table, and DescribeKey for a KMS
 * key of the account, to tell a customer managed key from `aws/dynamodb`), each only when a check
 * being run needs it.
 */
export async function tables(ctx: CollectContext, region: string): Promise<TableInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'dynamodb', region, api: 'ListTables' }, paginateListTables, {}, pageSize(ctx, 1, 100));
  return forEach(pages.flatMap((p) => p.TableNames ?? []), async (name) => {
    const tableArn = `arn:${ctx.partition}:dynamodb:${region}:${ctx.accountId}:table/${name}`;
    const [pointInTimeRecovery, key] = await Promise.all([pitr(ctx, region, name, tableArn), tableKey(ctx, region, name, tableArn)]);
    return { name, arn: tableArn, pointInTimeRecovery, ...key };
  });
}

async function pitr(ctx: CollectContext, region: string, name: string, tableArn: string): Promise<string | null | undefined> {
  if (!wants(ctx, 'dynamodb:DescribeContinuousBackups')) return undefined;
  try {
    const b = await ctx.clients.send({ service: 'dynamodb', region, api: 'DescribeContinuousBackups', resource: tableArn }, (c, abortSignal) =>
      c.send(new DescribeContinuousBackupsCommand({ TableName: name }), { abortSignal }));
    return b.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ?? null;
  } catch {
    // recorded in the error log; the check reports ERROR for this table
    return undefined;
  }
}

async function tableKey(ctx: CollectContext, region: string, name: string, tableArn: string): Promise<Pick<TableInfo, 'kmsMasterKeyArn' | 'kmsKeyManager'>> {
  if (!wants(ctx, 'dynamodb:DescribeTable')) return {};
  const t = await orUndefined(ctx.clients.send({ service: 'dynamodb', region, api: 'DescribeTable', resource: tableArn }, (c, abortSignal) =>
    c.send(new DescribeTableCommand({ TableName: name }), { abortSignal })));
  if (!t) return { kmsMasterKeyArn: undefined };
  const sse = t.Table?.SSEDescription;
  const keyArn = sse?.SSEType === 'KMS' && sse.Status !== 'DISABLED' && sse.KMSMasterKeyArn ? sse.KMSMasterKeyArn : null;
  if (!keyArn) return { kmsMasterKeyArn: null };
  // AWS managed keys live in the table's account: a key of another account is a customer managed key.
  if (keyArn.split(':')[4] !== ctx.accountId) return { kmsMasterKeyArn: keyArn, kmsKeyManager: 'CUSTOMER' };
  if (!wants(ctx, 'kms:DescribeKey')) return { kmsMasterKeyArn: keyArn };
  const d = await orUndefined(ctx.clients.send({ service: 'kms', region, api: 'DescribeKey', resource: keyArn }, (c, abortSignal) =>
    c.send(new DescribeKeyCommand({ KeyId: keyArn }), { abortSignal })));
  const manager = d?.KeyMetadata?.KeyManager;
  return { kmsMasterKeyArn: keyArn, kmsKeyManager: manager === 'AWS' || manager === 'CUSTOMER' ? manager : undefined };
}
