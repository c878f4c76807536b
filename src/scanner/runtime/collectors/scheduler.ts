import { GetScheduleCommand, paginateListSchedules } from '@aws-sdk/client-scheduler';
import { ScheduleInfo } from '../model';
import { CollectContext, forEach, orUndefined, pageSize } from './context';

/**
 * Every EventBridge Scheduler schedule of the region (ListSchedules pages of up to 100, every
 * group) with its target, execution role, dead-letter queue and key (one GetSchedule each). A
 * schedule whose GetSchedule fails keeps `target` undefined: the check reports ERROR for it.
 */
export async function schedules(ctx: CollectContext, region: string): Promise<ScheduleInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'scheduler', region, api: 'ListSchedules' }, paginateListSchedules, {}, pageSize(ctx, 1, 100));
  return forEach(pages.flatMap((p) => p.Schedules ?? []), async (s) => {
    const name = s.Name ?? '';
    const groupName = s.GroupName ?? 'default';
    const scheduleArn = s.Arn ?? `arn:${ctx.partition}:scheduler:${region}:${ctx.accountId}:schedule/${groupName}/${name}`;
    const base: ScheduleInfo = { name, groupName, arn: scheduleArn, state: s.State };
    const out = await orUndefined(ctx.clients.send({ service: 'scheduler', region, api: 'GetSchedule', resource: scheduleArn }, (c, abortSignal) =>
      c.send(new GetScheduleCommand({ Name: name, GroupName: groupName }), { abortSignal })));
    if (!out) return base;
    return {
      ...base,
      state: out.State ?? s.State,
      target: out.Target?.Arn ? { arn: out.Target.Arn, roleArn: out.Target.RoleArn ?? '', deadLetterArn: out.Target.DeadLetterConfig?.Arn ?? null } : undefined,
      kmsKeyArn: out.KmsKeyArn ?? null,
    };
  });
}
