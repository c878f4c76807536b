import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { propertiesOf } from './context';
import type { ICompliancePackRule } from '../compliance-pack';

/**
 * What describes a rule: the fields of the public `ICompliancePackRule` (name, level, info,
 * explanation, resource types) without its check.
 */
export type RuleDescription = Omit<ICompliancePackRule, 'evaluate'>;

/**
 * The one type of a rule the CompliancePack runs, built in or of `additionalRules`: its description
 * (an `ICompliancePackRule`'s fields, so a built-in rule's control and frameworks come from the
 * controls catalog entry that lists its name, `src/controls/catalog/`) and the pure function that
 * judges one CfnResource. `CompliancePackRuleInfo` is this description with the catalog's data.
 *
 * A built-in rule's name equals its file name; its level is ERROR for security defects, WARN for
 * hygiene; for a resource of any type but its `resourceTypes` it returns NOT_APPLICABLE.
 */
export interface RuleDefinition extends RuleDescription {
  /** Judge one resource; never throws on unresolved values. A list is the ids of its findings. */
  readonly evaluate: (node: CfnResource) => NagRuleResult;
  /**
   * The message of one finding (for rules that return finding ids), reported after `info`: for
   * data-path rules, the source, target, action and the document that denies it.
   */
  readonly describeFinding?: (node: CfnResource, findingId: string) => string | undefined;
}

/** What a rule body gets: the resource and its resolved properties. */
export type RuleBody = (node: CfnResource, properties: any) => NagRuleResult;

/**
 * Define a rule. The evaluate function is named after the rule with a literal (never from the file
 * name or the function's own name, which bundlers and minifiers change), and it returns
 * NOT_APPLICABLE for resource types the rule does not judge or whose properties cannot be rendered.
 */
export function defineRule(definition: RuleDescription & Pick<RuleDefinition, 'describeFinding'> & { readonly body: RuleBody }): RuleDefinition {
  const { body, ...rest } = definition;
  const types = new Set(definition.resourceTypes);
  const evaluate = (node: CfnResource): NagRuleResult => {
    if (!types.has(node.cfnResourceType)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const properties = propertiesOf(node);
    if (properties === undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return body(node, properties);
  };
  Object.defineProperty(evaluate, 'name', { value: definition.name });
  return { ...rest, evaluate };
}

/**
 * The `resourceTypes` and `body` of a rule that judges each of its resource types its own way
 * (`defineRule` calls a body only for these types). Types are listed in the order of `bodies`.
 */
export function bodiesByType(bodies: Record<string, RuleBody>): { readonly resourceTypes: string[]; readonly body: RuleBody } {
  return { resourceTypes: Object.keys(bodies), body: (node, properties) => bodies[node.cfnResourceType](node, properties) };
}

export const COMPLIANT = NagRuleCompliance.COMPLIANT;
export const NON_COMPLIANT = NagRuleCompliance.NON_COMPLIANT;
export const NOT_APPLICABLE = NagRuleCompliance.NOT_APPLICABLE;
export const ERROR = NagMessageLevel.ERROR;
export const WARN = NagMessageLevel.WARN;
