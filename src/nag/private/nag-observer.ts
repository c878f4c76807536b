import { CfnResource, PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** What a rule said about one resource, whatever its acknowledgment. */
export interface ObservedResult {
  readonly pack: string;
  /** Rule id, with the finding in brackets where the rule reports one. */
  readonly ruleId: string;
  /** Rule id without the finding: `AwsSolutions-IAM5`. */
  readonly baseRuleId: string;
  readonly resourcePath: string;
  readonly logicalId?: string;
  readonly templateFile?: string;
  readonly outcome: 'compliant' | 'finding' | 'acknowledged';
  /** The acknowledgment's reason (outcome `acknowledged`). */
  readonly reason?: string;
}

export interface ObservedRule {
  readonly pack: string;
  readonly id: string;
  readonly info: string;
  readonly explanation: string;
  readonly level: string;
}

interface ApplyRuleParams {
  ruleSuffixOverride?: string;
  info: string;
  explanation: string;
  level: string;
  node: CfnResource;
  rule(node: CfnResource): unknown;
}

type Instrumented = {
  applyRule(params: ApplyRuleParams): void;
  isAcknowledged(node: IConstruct, ruleId: string): boolean;
};

/** The reason recorded for an acknowledged rule id on a construct or its nearest ancestor. */
export function acknowledgmentReason(node: IConstruct, ruleId: string): string | undefined {
  for (let current: IConstruct | undefined = node; current; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      const data = entry.data as Record<string, unknown>;
      for (const key of Object.keys(data)) {
        if (key.replace(/^annotation::/i, '') === ruleId) return String(data[key]);
      }
    }
  }
  return undefined;
}

const locations = new WeakMap<CfnResource, { logicalId?: string; templateFile?: string }>();

/** Where a resource is in its template (resolved once per resource: every rule asks). */
function location(node: CfnResource): { logicalId?: string; templateFile?: string } {
  let at = locations.get(node);
  if (!at) {
    try {
      const stack = Stack.of(node);
      at = { logicalId: stack.resolve(node.logicalId) as string, templateFile: stack.templateFile };
    } catch {
      at = {};
    }
    locations.set(node, at);
  }
  return at;
}

/**
 * Runs a pack over a tree while watching its rules: every rule applied to every resource, its
 * result, and the acknowledgments cdk-nag honoured (with their reasons). cdk-nag v3 reports only
 * unacknowledged findings; the pack's own decision is unchanged, it is only observed.
 */
export interface ObservedPack {
  readonly report: PolicyValidationPluginReport;
  readonly results: ObservedResult[];
  readonly rules: ObservedRule[];
}

export function observePack(pack: NagPack, scope: IConstruct): ObservedPack {
  const target = pack as unknown as Instrumented;
  const results: ObservedResult[] = [];
  const rules = new Map<string, ObservedRule>();
  const applyRule = target.applyRule;
  const isAcknowledged = target.isAcknowledged;
  if (typeof applyRule !== 'function' || typeof isAcknowledged !== 'function') {
    throw new Error(`NagReport: pack ${pack.readPackName} does not have cdk-nag v3's applyRule and isAcknowledged; the installed cdk-nag is not one this library supports`);
  }
  let current: { params: ApplyRuleParams; baseRuleId: string; where: { logicalId?: string; templateFile?: string }; decided: boolean } | undefined;
  target.isAcknowledged = function (this: unknown, node: IConstruct, ruleId: string): boolean {
    const acknowledged = isAcknowledged.call(pack, node, ruleId);
    if (current) {
      current.decided = true;
      results.push({
        pack: pack.readPackName,
        ruleId,
        baseRuleId: current.baseRuleId,
        resourcePath: node.node.path,
        ...current.where,
        outcome: acknowledged ? 'acknowledged' : 'finding',
        ...(acknowledged ? { reason: acknowledgmentReason(node, ruleId) ?? '' } : {}),
      });
    }
    return acknowledged;
  };
  target.applyRule = function (this: unknown, params: ApplyRuleParams): void {
    const suffix = params.ruleSuffixOverride ?? params.rule.name;
    const baseRuleId = `${pack.readPackName}-${suffix}`;
    if (!rules.has(baseRuleId)) {
      rules.set(baseRuleId, {
        pack: pack.readPackName, id: baseRuleId, info: params.info, explanation: params.explanation, level: String(params.level),
      });
    }
    let outcome: unknown;
    const watched = (node: CfnResource) => (outcome = params.rule(node));
    current = { params, baseRuleId, where: location(params.node), decided: false };
    try {
      applyRule.call(pack, { ...params, ruleSuffixOverride: suffix, rule: watched });
      const compliant = outcome === 'Compliant' || (Array.isArray(outcome) && outcome.length === 0);
      if (!current.decided && compliant) {
        results.push({ pack: pack.readPackName, ruleId: baseRuleId, baseRuleId, resourcePath: params.node.node.path, ...current.where, outcome: 'compliant' });
      }
    } finally {
      current = undefined;
    }
  };
  let report: PolicyValidationPluginReport;
  try {
    report = pack.validateScope(scope);
  } finally {
    delete (target as Partial<Instrumented>).applyRule;
    delete (target as Partial<Instrumented>).isAcknowledged;
  }
  return { report, results, rules: [...rules.values()] };
}
