/**
 * Amazon EventBridge (JSON 1.1, `AWSEvents.<Api>`): ListEventBuses, ListRules per bus and
 * ListTargetsByRule, each paged by `Limit` (at most 100) and `NextToken` as the service pages them.
 * The default bus always exists; other buses are those the Region's rules name. A Region without
 * `eventRules` has AccountAudit's GuardDuty route.
 */
import { FakeService, jsonResponse } from './index';
import type { FakeRegionState } from '../model';
import { AwsHttpError } from '../server';

/** The name of AccountAudit's alert topic in the default state. */
export const AUDIT_TOPIC = 'account-audit-alerts';

/** A Region's rules: AccountAudit's GuardDuty route to its alert topic when the state names none. */
export function eventRulesOf(region: FakeRegionState, name: string, account: string): NonNullable<FakeRegionState['eventRules']> {
  return region.eventRules ?? [{
    Name: 'AccountAuditGuardDutyFindings',
    EventPattern: JSON.stringify({ 'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] }),
    targets: [{ Id: 'Alerts', Arn: `arn:aws:sns:${name}:${account}:${AUDIT_TOPIC}` }],
  }];
}

export const events: FakeService = {
  dispatch(ctx, r, api) {
    const acct = ctx.state.accountId;
    const limit = r.json.Limit;
    if (limit !== undefined && (Number(limit) < 1 || Number(limit) > 100)) {
      throw new AwsHttpError(400, 'ValidationException', '1 validation error detected: Value at \'limit\' failed to satisfy constraint: Member must have value less than or equal to 100');
    }
    const rules = eventRulesOf(ctx.region(r.region), r.region, acct);
    const busOf = (x: { EventBusName?: string }) => x.EventBusName ?? 'default';
    const ruleArn = (x: { Name: string; EventBusName?: string }) => `arn:aws:events:${r.region}:${acct}:rule/${busOf(x) === 'default' ? '' : `${busOf(x)}/`}${x.Name}`;
    const token = r.json.NextToken as string | undefined;
    switch (api) {
      case 'ListEventBuses': {
        const buses = [...new Set(['default', ...rules.map(busOf)])].sort();
        const { slice, next } = ctx.page(buses, token, limit ?? 100);
        return jsonResponse({ EventBuses: slice.map((Name) => ({ Name, Arn: `arn:aws:events:${r.region}:${acct}:event-bus/${Name}` })), ...(next ? { NextToken: next } : {}) });
      }
      case 'ListRules': {
        const bus = String(r.json.EventBusName ?? 'default');
        const own = rules.filter((x) => busOf(x) === bus).sort((a, b) => a.Name.localeCompare(b.Name));
        const { slice, next } = ctx.page(own, token, limit ?? 100);
        return jsonResponse({
          Rules: slice.map((x) => ({
            Name: x.Name,
            Arn: ruleArn(x),
            EventBusName: bus,
            State: x.State ?? 'ENABLED',
            ...(x.EventPattern ? { EventPattern: x.EventPattern } : { ScheduleExpression: 'rate(1 day)' }),
          })),
          ...(next ? { NextToken: next } : {}),
        });
      }
      case 'ListTargetsByRule': {
        const bus = String(r.json.EventBusName ?? 'default');
        const rule = rules.find((x) => x.Name === r.json.Rule && busOf(x) === bus);
        if (!rule) throw new AwsHttpError(400, 'ResourceNotFoundException', `Rule ${String(r.json.Rule)} does not exist on EventBus ${bus}.`);
        const { slice, next } = ctx.page(rule.targets, token, limit ?? 100);
        return jsonResponse({
          Targets: slice.map((t) => ({
            Id: t.Id,
            Arn: t.Arn,
            ...(t.RoleArn ? { RoleArn: t.RoleArn } : {}),
            ...(t.DeadLetterArn ? { DeadLetterConfig: { Arn: t.DeadLetterArn } } : {}),
          })),
          ...(next ? { NextToken: next } : {}),
        });
      }
      default:
        throw new AwsHttpError(400, 'UnknownOperationException', `fake EventBridge does not implement ${api}`);
    }
  },
};
