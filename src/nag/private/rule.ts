import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { propertiesOf } from './context';

/**
 * One rule of the CompliancePack: what it checks, why, and the pure function that judges one
 * CfnResource. Its control (id and framework mappings) is the controls catalog's entry that lists
 * the rule's name (`src/controls/catalog.ts`).
 */
export interface RuleDefinition {
  /** Stable name; the finding id is `CompliancePack-<name>`. Equal to the rule's file name. */
  readonly name: string;
  /** ERROR for security defects, WARN for hygiene. */
  readonly level: NagMessageLevel;
  /** CloudFormation types the rule judges; for any other type it returns NOT_APPLICABLE. */
  readonly resourceTypes: string[];
  /** What is wrong, one sentence (the finding's message). */
  readonly info: string;
  /** Why it matters and how to fix it. */
  readonly explanation: string;
  /** Judge one resource; never throws on unresolved values. */
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
export function defineRule(definition: Omit<RuleDefinition, 'evaluate'> & { readonly body: RuleBody }): RuleDefinition {
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

export const COMPLIANT = NagRuleCompliance.COMPLIANT;
export const NON_COMPLIANT = NagRuleCompliance.NON_COMPLIANT;
export const NOT_APPLICABLE = NagRuleCompliance.NOT_APPLICABLE;
export const ERROR = NagMessageLevel.ERROR;
export const WARN = NagMessageLevel.WARN;
