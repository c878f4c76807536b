import { detectorEnabled, isDefaultBus, matchesGuardDutySource, routesGuardDutyFindings } from '../../../../controls/judgement/guardduty-route';
import { arn, errored, fail, pass } from '../../model';
import { defineCheck } from '../define';

/**
 * GuardDuty.FindingsRoute: the run-time side of `CompliancePack-GuardDutyFindingsRoute` (AccountAudit's
 * default), per Region, with the same judgement of a rule (`src/controls/judgement/guardduty-route.ts`).
 */
export const guardDutyEnabledFindingsRouted = defineCheck(
  {
    id: 'guardduty-enabled-findings-routed',
    title: 'GuardDuty is enabled and an EventBridge rule routes its findings',
    severity: 'HIGH',
    category: 'guardduty',
    resourceType: 'AWS::GuardDuty::Detector',
    remediation: 'Enable a GuardDuty detector in the Region and add an enabled EventBridge rule on the default bus matching source aws.guardduty with a target that alerts (an SNS topic, ticketing, a SIEM).',
    requiredActions: ['guardduty:ListDetectors', 'guardduty:GetDetector', 'events:ListEventBuses', 'events:ListRules', 'events:ListTargetsByRule'],
    datasets: ['guardduty.detectors', 'events.rules'],
    scope: 'regional',
  },
  (inv) => {
    const detectors = inv.guardDutyDetectors ?? [];
    if (detectors.length === 0) return [fail(arn(inv, 'guardduty', 'detector'), 'no GuardDuty detector in the Region')];
    const rules = inv.eventRules;
    const routes = (rules ?? []).filter((r) => r.targets !== undefined
      && routesGuardDutyFindings({ state: r.state, eventPattern: r.eventPattern, targetCount: r.targets.length, eventBusName: r.eventBusName }));
    const unlisted = (rules ?? []).filter((r) => r.targets === undefined && r.state !== 'DISABLED' && isDefaultBus(r.eventBusName) && matchesGuardDutySource(r.eventPattern));
    return detectors.map((d) => {
      if (d.status === undefined) return errored(d.arn, 'could not read the detector (GetDetector)');
      if (!detectorEnabled(d.status)) return fail(d.arn, `the detector is ${d.status}`);
      if (rules === undefined) return errored(d.arn, 'the Region\'s EventBridge rules could not be read');
      if (routes.length > 0) return pass(d.arn, `enabled; its findings are routed by ${routes.map((r) => `rule ${r.name}`).join(', ')}`);
      if (unlisted.length > 0) return errored(d.arn, `enabled; whether ${unlisted.map((r) => `rule ${r.name}`).join(', ')} routes its findings is not known: its targets could not be listed`);
      return fail(d.arn, 'enabled, but no enabled rule on the default event bus matches source aws.guardduty with a target: its findings reach no one');
    });
  },
);
