/**
 * EventBridge Scheduler (REST-JSON, signing name `scheduler`): ListSchedules (`MaxResults` /
 * `NextToken`, every group) and GetSchedule (`/schedules/<name>?groupName=`), as Scheduler answers them.
 */
import { FakeService, jsonResponse, restJsonError } from './index';

export const scheduler: FakeService = {
  apiName: (r) => {
    const p = r.path.replace(/\/$/, '');
    if (r.method === 'GET' && p === '/schedules') return 'ListSchedules';
    if (r.method === 'GET' && /^\/schedules\/[^/]+$/.test(p)) return 'GetSchedule';
    return `Unknown:${r.method} ${p}`;
  },
  dispatch: (ctx, r, api) => {
    const acct = ctx.state.accountId;
    const all = (ctx.region(r.region).schedules ?? []).map((s) => ({ ...s, GroupName: s.GroupName ?? 'default' }));
    const arnOf = (s: { Name: string; GroupName: string }) => `arn:aws:scheduler:${r.region}:${acct}:schedule/${s.GroupName}/${s.Name}`;
    if (api === 'ListSchedules') {
      const group = r.query.get('ScheduleGroup');
      const listed = all.filter((s) => !group || s.GroupName === group);
      const p = ctx.page(listed, r.query.get('NextToken'), r.query.get('MaxResults') ?? 100);
      return jsonResponse({
        Schedules: p.slice.map((s) => ({
          Arn: arnOf(s), Name: s.Name, GroupName: s.GroupName, State: s.State ?? 'ENABLED', Target: { Arn: s.Target.Arn },
        })),
        ...(p.next ? { NextToken: p.next } : {}),
      }, 'application/json');
    }
    if (api === 'GetSchedule') {
      const name = decodeURIComponent(r.path.replace(/\/$/, '').split('/')[2]);
      const group = r.query.get('groupName') ?? 'default';
      const s = all.find((x) => x.Name === name && x.GroupName === group);
      if (!s) return restJsonError({ status: 404, code: 'ResourceNotFoundException', message: `Schedule ${name} does not exist.` });
      return jsonResponse({
        Arn: arnOf(s),
        Name: s.Name,
        GroupName: s.GroupName,
        State: s.State ?? 'ENABLED',
        ScheduleExpression: 'rate(1 day)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: s.Target.Arn,
          RoleArn: s.Target.RoleArn,
          ...(s.Target.DeadLetterArn ? { DeadLetterConfig: { Arn: s.Target.DeadLetterArn } } : {}),
        },
        ...(s.KmsKeyArn ? { KmsKeyArn: s.KmsKeyArn } : {}),
      }, 'application/json');
    }
    return restJsonError({ status: 400, code: 'ValidationException', message: `fake does not serve scheduler ${api}` });
  },
  errorResponse: (_r, e) => restJsonError(e),
};
