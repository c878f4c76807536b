import { paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { AnalyzerInfo } from '../model';
import { CollectContext, pageSize } from './context';

/** Every analyzer of the region, of every type (ListAnalyzers through its paginator); the check picks the external access ones. */
export async function analyzers(ctx: CollectContext, region: string): Promise<AnalyzerInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'accessanalyzer', region, api: 'ListAnalyzers' }, paginateListAnalyzers, {}, pageSize(ctx, 1, 100));
  return pages.flatMap((p) => p.analyzers ?? []).map((a) => ({ name: a.name ?? '', arn: a.arn ?? '', type: a.type ?? '', status: a.status ?? '' }));
}
