import { asList } from '../../policy/template-values';

/**
 * GuardDuty.FindingsRoute: GuardDuty is enabled and an EventBridge rule routes its findings. One
 * judgement for `CompliancePack-GuardDutyFindingsRoute` (the template's `AWS::Events::Rule`s of the
 * detector's account and Region) and the scanner's `guardduty-enabled-findings-routed` (the
 * Region's rules, ListRules and ListTargetsByRule).
 */
export interface RouteCandidate {
  /** `State`: `DISABLED` routes nothing; absent, as CloudFormation defaults it, is enabled. */
  readonly state?: unknown;
  /** `EventPattern`, as an object or JSON text. */
  readonly eventPattern?: unknown;
  /** How many targets the rule has. */
  readonly targetCount: number;
  /** `EventBusName` (name or ARN); absent: the default bus. */
  readonly eventBusName?: unknown;
}

/** True when `bus` names the default event bus (absent, `default`, or its ARN), the only bus GuardDuty sends findings to. */
export function isDefaultBus(bus: unknown): boolean {
  return bus === undefined || bus === null || bus === 'default' || (typeof bus === 'string' && /:event-bus\/default$/.test(bus));
}

/** Whether a rule routes GuardDuty findings: enabled, on the default bus, `source` matching `aws.guardduty`, at least one target. */
export function routesGuardDutyFindings(rule: RouteCandidate): boolean {
  if (rule.state === 'DISABLED' || rule.targetCount === 0 || !isDefaultBus(rule.eventBusName)) {
    return false;
  }
  return matchesGuardDutySource(rule.eventPattern);
}

/** Whether an event pattern (object or JSON text) matches `source` `aws.guardduty`. */
export function matchesGuardDutySource(eventPattern: unknown): boolean {
  let pattern = eventPattern;
  if (typeof pattern === 'string') {
    try {
      pattern = JSON.parse(pattern);
    } catch {
      return false;
    }
  }
  return asList((pattern as { source?: unknown } | undefined)?.source).includes('aws.guardduty');
}

/**
 * Whether a detector is enabled: the template's `Enable` (only a literal `false` disables it; a
 * deploy-time value is not judged), the account's `Status` (`ENABLED`).
 */
export function detectorEnabled(enableOrStatus: unknown): boolean {
  return enableOrStatus !== false && enableOrStatus !== 'false' && enableOrStatus !== 'DISABLED';
}
