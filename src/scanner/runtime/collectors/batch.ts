import { JobDefinition, paginateDescribeJobDefinitions } from '@aws-sdk/client-batch';
import { privilegedFlags } from '../../../controls/judgement/batch-job';
import { JobDefinitionInfo } from '../model';
import { CollectContext, pageSize } from './context';

/** A job definition as the Batch API describes it, reduced to what the Batch controls judge. */
export function jobDefinitionInfo(d: JobDefinition): JobDefinitionInfo {
  return {
    name: d.jobDefinitionName ?? '',
    arn: d.jobDefinitionArn ?? '',
    revision: d.revision ?? 0,
    retryAttempts: d.retryStrategy?.attempts ?? undefined,
    attemptDurationSeconds: d.timeout?.attemptDurationSeconds ?? undefined,
    privilegedFlags: privilegedFlags(d, 'api').map((f) => (typeof f === 'boolean' ? f : undefined)),
  };
}

/**
 * Every ACTIVE job definition revision of the region (DescribeJobDefinitions pages of up to 100).
 * The listing carries each definition whole: no per-definition call, so nothing to be unreadable
 * one by one; a failed listing makes the checks ERROR for the region.
 */
export async function jobDefinitions(ctx: CollectContext, region: string): Promise<JobDefinitionInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'batch', region, api: 'DescribeJobDefinitions' }, paginateDescribeJobDefinitions,
    { status: 'ACTIVE' }, pageSize(ctx, 1, 100));
  return pages.flatMap((p) => p.jobDefinitions ?? []).filter((d) => (d.status ?? 'ACTIVE') === 'ACTIVE').map(jobDefinitionInfo);
}
