import { ComputeEnvironmentDetail, JobDefinition, paginateDescribeComputeEnvironments, paginateDescribeJobDefinitions } from '@aws-sdk/client-batch';
import { DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { privilegedFlags } from '../../../controls/judgement/batch-job';
import { assignPublicIpFlags, jobTaskBlocks } from '../../../controls/judgement/batch-network';
import { ScanApiError } from '../clients';
import { ComputeEnvironmentInfo, ExecutionContainerInfo, JobDefinitionInfo } from '../model';
import { CollectContext, forEach, pageSize } from './context';
import { launchesInstances } from '../../../controls/judgement/imdsv2';

/** The containers of a job definition with the execution role each runs under: `containerProperties`, and each container of `ecsProperties.taskProperties` with its task's role. */
export function executionContainers(d: JobDefinition): ExecutionContainerInfo[] {
  const container = (c: any, role: string | undefined): ExecutionContainerInfo => ({
    executionRoleArn: role ?? undefined,
    image: c?.image ?? undefined,
    logDriver: c?.logConfiguration?.logDriver ?? undefined,
    logGroup: c?.logConfiguration?.options?.['awslogs-group'] ?? undefined,
    secrets: (c?.secrets ?? []).map((x: any) => ({ name: x?.name ?? undefined, valueFrom: x?.valueFrom ?? undefined })),
  });
  const out: ExecutionContainerInfo[] = [];
  if (d.containerProperties) out.push(container(d.containerProperties, d.containerProperties.executionRoleArn));
  for (const task of d.ecsProperties?.taskProperties ?? []) {
    for (const c of task.containers ?? []) out.push(container(c, task.executionRoleArn));
  }
  return out;
}

/** A job definition as the Batch API describes it, reduced to what the Batch controls judge. */
export function jobDefinitionInfo(d: JobDefinition): JobDefinitionInfo {
  return {
    name: d.jobDefinitionName ?? '',
    arn: d.jobDefinitionArn ?? '',
    revision: d.revision ?? 0,
    retryAttempts: d.retryStrategy?.attempts ?? undefined,
    attemptDurationSeconds: d.timeout?.attemptDurationSeconds ?? undefined,
    privilegedFlags: privilegedFlags(d, 'api').map((f) => (typeof f === 'boolean' ? f : undefined)),
    platformCapabilities: d.platformCapabilities ?? [],
    assignPublicIp: assignPublicIpFlags(d, 'api').map((a) => (typeof a === 'string' ? a : undefined)),
    executionContainers: executionContainers(d),
    taskRoles: jobTaskBlocks(d, 'api').map((t) => ({ jobRoleArn: t.jobRoleArn ?? undefined, executionRoleArn: t.executionRoleArn ?? undefined, taskRoleArn: t.taskRoleArn ?? undefined })),
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

/** A compute environment as the Batch API describes it, before its launch template is read. */
export function computeEnvironmentInfo(c: ComputeEnvironmentDetail): ComputeEnvironmentInfo {
  const lt = c.computeResources?.launchTemplate;
  return {
    name: c.computeEnvironmentName ?? '',
    arn: c.computeEnvironmentArn ?? '',
    computeType: c.computeResources?.type,
    launchTemplate: lt && (lt.launchTemplateId || lt.launchTemplateName)
      ? { id: lt.launchTemplateId, name: lt.launchTemplateName, version: lt.version || '$Default' }
      : undefined,
    subnets: c.computeResources ? c.computeResources.subnets ?? [] : undefined,
    serviceRole: c.serviceRole || undefined,
  };
}

/**
 * Every compute environment of the region (DescribeComputeEnvironments pages of up to 100) and, for
 * those that launch EC2 instances from a launch template, the metadata options of the version they
 * name (one DescribeLaunchTemplateVersions each; `$Default` and `$Latest` as EC2 resolves them now).
 * A launch template that cannot be read is recorded with its error code: the check reports ERROR.
 */
export async function computeEnvironments(ctx: CollectContext, region: string): Promise<ComputeEnvironmentInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'batch', region, api: 'DescribeComputeEnvironments' }, paginateDescribeComputeEnvironments,
    {}, pageSize(ctx, 1, 100));
  return forEach(pages.flatMap((p) => p.computeEnvironments ?? []).map(computeEnvironmentInfo), async (env) => {
    const lt = env.launchTemplate;
    if (!lt || !launchesInstances(env.computeType)) return env;
    const resource = `${lt.id ?? lt.name}:${lt.version}`;
    try {
      const input = lt.id ? { LaunchTemplateId: lt.id, Versions: [lt.version] } : { LaunchTemplateName: lt.name, Versions: [lt.version] };
      const out = await ctx.clients.send({ service: 'ec2', region, api: 'DescribeLaunchTemplateVersions', resource }, (c, abortSignal) =>
        c.send(new DescribeLaunchTemplateVersionsCommand(input), { abortSignal }));
      const version = out.LaunchTemplateVersions?.[0];
      if (!version) return { ...env, launchTemplateError: `no version ${lt.version} of launch template ${lt.id ?? lt.name}` };
      return { ...env, httpTokens: version.LaunchTemplateData?.MetadataOptions?.HttpTokens ?? null };
    } catch (e) {
      // recorded in the error log; the check reports ERROR for this compute environment
      return { ...env, launchTemplateError: e instanceof ScanApiError ? e.record.code : 'UnknownError' };
    }
  });
}
