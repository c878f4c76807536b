import { detectorEnabled, routesGuardDutyFindings } from '../../../controls/judgement/guardduty-route';
import { asList } from '../../../policy/template-values';
import { appResourcesOfType, propertiesOf } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';

/**
 * A GuardDuty detector that is disabled, or whose findings no EventBridge rule routes anywhere.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #25. Compliant: an enabled `AWS::Events::Rule` in any stack
 * of the app in the same account and Region, on the default event bus (the only one GuardDuty sends
 * findings to), with `source: ["aws.guardduty"]` in its pattern and at least one target
 * (`src/controls/judgement/guardduty-route.ts`).
 */
export default defineRule({
  name: 'GuardDutyFindingsRoute',
  level: ERROR,
  resourceTypes: ['AWS::GuardDuty::Detector'],
  info: 'The GuardDuty detector has no EventBridge rule that routes its findings.',
  explanation: 'GuardDuty findings stay in the console unless something forwards them; threats then go unnoticed. Add an EventBridge rule on source aws.guardduty with a target that alerts (SNS topic, ticketing, SIEM).',
  body: (node) => {
    if (!detectorEnabled(propertiesOf(node)?.Enable)) {
      return NON_COMPLIANT;
    }
    const routed = appResourcesOfType(node, 'AWS::Events::Rule').some((rule) => {
      const p = propertiesOf(rule);
      return p !== undefined
        && routesGuardDutyFindings({
          state: p.State, eventPattern: p.EventPattern, targetCount: asList(p.Targets).length, eventBusName: p.EventBusName,
        });
    });
    return routed ? COMPLIANT : NON_COMPLIANT;
  },
});
