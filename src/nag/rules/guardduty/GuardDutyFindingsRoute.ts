import { appResourcesOfType, propertiesOf } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';
import { asList } from '../../private/values';

function routesGuardDuty(rule: any): boolean {
  if (!rule || rule.State === 'DISABLED' || asList(rule.Targets).length === 0) {
    return false;
  }
  let pattern = rule.EventPattern;
  if (typeof pattern === 'string') {
    try {
      pattern = JSON.parse(pattern);
    } catch {
      return false;
    }
  }
  return asList(pattern?.source).includes('aws.guardduty');
}

/**
 * A GuardDuty detector whose findings no EventBridge rule routes anywhere.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #25. Compliant: an enabled `AWS::Events::Rule` in any stack
 * of the app in the same account and Region, with `source: ["aws.guardduty"]` in its pattern and at
 * least one target.
 */
export default defineRule({
  name: 'GuardDutyFindingsRoute',
  level: ERROR,
  resourceTypes: ['AWS::GuardDuty::Detector'],
  info: 'The GuardDuty detector has no EventBridge rule that routes its findings.',
  explanation: 'GuardDuty findings stay in the console unless something forwards them; threats then go unnoticed. Add an EventBridge rule on source aws.guardduty with a target that alerts (SNS topic, ticketing, SIEM).',
  body: (node) => {
    const routed = appResourcesOfType(node, 'AWS::Events::Rule').some((rule) => routesGuardDuty(propertiesOf(rule)));
    return routed ? COMPLIANT : NON_COMPLIANT;
  },
});
