import { EventBridgeClient, ListEventBusesCommand, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { EventRuleInfo } from '../model';
import { CollectContext, forEach, pageSize } from './context';

type Paged = { NextToken?: string; Limit?: number };

/** A paginator over `NextToken` for an EventBridge List API (the SDK ships none for EventBridge). */
function tokenPaginator<I extends Paged, O extends { NextToken?: string }>(make: (input: I) => unknown) {
  return async function* paginate(config: { client: EventBridgeClient; pageSize?: number }, input: I): AsyncIterable<O> {
    let token: string | undefined;
    const seen = new Set<string>();
    do {
      const command = make({ ...input, ...(config.pageSize ? { Limit: config.pageSize } : {}), ...(token ? { NextToken: token } : {}) });
      const page = (await config.client.send(command as never)) as unknown as O;
      yield page;
      token = page.NextToken;
      if (token && seen.has(token)) break;
      if (token) seen.add(token);
    } while (token);
  };
}

const listEventBuses = tokenPaginator<Paged, { EventBuses?: Array<{ Name?: string }>; NextToken?: string }>((i) => new ListEventBusesCommand(i));
const listRules = tokenPaginator<Paged & { EventBusName?: string }, { Rules?: any[]; NextToken?: string }>((i) => new ListRulesCommand(i));
const listTargets = tokenPaginator<Paged & { Rule: string; EventBusName?: string }, { Targets?: any[]; NextToken?: string }>(
  (i) => new ListTargetsByRuleCommand(i));

/**
 * Every rule of every event bus of the region (ListEventBuses, ListRules per bus, pages of at most
 * 100) with its targets (ListTargetsByRule, pages of at most 100). A rule whose targets could not
 * be listed has `targets` undefined.
 */
export async function rules(ctx: CollectContext, region: string): Promise<EventRuleInfo[]> {
  const size = pageSize(ctx, 1, 100);
  const buses = (await ctx.clients.paginate({ service: 'events', region, api: 'ListEventBuses' }, listEventBuses, {}, size))
    .flatMap((p) => p.EventBuses ?? []).map((b) => b.Name ?? '').filter((n) => n !== '');
  const perBus = await forEach(buses, async (bus) => {
    const pages = await ctx.clients.paginate({ service: 'events', region, api: 'ListRules', resource: bus }, listRules, { EventBusName: bus }, size);
    return pages.flatMap((p) => p.Rules ?? []).map((r) => ({ bus, r }));
  });
  return forEach(perBus.flat(), async ({ bus, r }): Promise<EventRuleInfo> => {
    const name: string = r.Name ?? '';
    const arn: string = r.Arn ?? `arn:${ctx.partition}:events:${region}:${ctx.accountId}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;
    const info = { name, arn, eventBusName: r.EventBusName ?? bus, state: r.State, eventPattern: r.EventPattern || undefined };
    try {
      const pages = await ctx.clients.paginate({ service: 'events', region, api: 'ListTargetsByRule', resource: arn }, listTargets, { Rule: name, EventBusName: bus }, size);
      const targets = pages.flatMap((p) => p.Targets ?? []).map((t) => ({
        id: t.Id ?? '',
        arn: t.Arn ?? '',
        ...(t.RoleArn ? { roleArn: t.RoleArn } : {}),
        ...(t.DeadLetterConfig?.Arn ? { deadLetterArn: t.DeadLetterConfig.Arn } : {}),
      }));
      return { ...info, targets };
    } catch {
      return info; // recorded in the error log; the checks report ERROR for this rule
    }
  });
}
