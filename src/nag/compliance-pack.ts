import { Annotations, CfnResource, IPolicyValidationContext, Lazy, PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { fsbpLabel, frameworksOf, requireControlForRule } from '../controls';
import { withIndex } from './private/context';
import { ControlFrameworks } from '../controls/compliance-controls';
import { RuleDefinition } from './private/rule';
import { ALL_RULES } from './rules';

/** Name of the pack; finding ids are `CompliancePack-<rule>`. */
const PACK_NAME = 'CompliancePack';

/**
 * A rule of your own, run by a `CompliancePack` next to its built-in rules.
 *
 * Implement it in any jsii language (cdk-nag's own rules are plain functions that Python and Java
 * cannot pass). Its finding id is `CompliancePack-<name>`.
 */
export interface ICompliancePackRule {
  /** Stable name of the rule, letters and digits; the finding id is `CompliancePack-<name>`. */
  readonly name: string;
  /** Level of its findings. */
  readonly level: NagMessageLevel;
  /** What is wrong, one sentence (the finding message). */
  readonly info: string;
  /** Why it matters and how to fix it (shown with `verbose`). */
  readonly explanation: string;
  /**
   * CloudFormation types the rule judges, for example `['AWS::S3::Bucket']`. The pack calls
   * `evaluate` only for these types. An empty list means every resource.
   */
  readonly resourceTypes: string[];
  /**
   * Judge one resource. Return NOT_APPLICABLE for resources the rule has nothing to say about,
   * including values that are only known at deploy time.
   */
  evaluate(resource: CfnResource): NagRuleCompliance;
}

/**
 * The level at which one rule of the pack reports.
 */
export interface CompliancePackRuleLevel {
  /** Rule name (`S3AccessLogging`) or finding id (`CompliancePack-S3AccessLogging`). */
  readonly rule: string;
  /** The level to report it at. */
  readonly level: NagMessageLevel;
}

/**
 * Properties of a `CompliancePack`.
 */
export interface CompliancePackProps extends NagPackProps {
  /**
   * Run only these rules (names such as `S3AccessLogging`, or ids such as
   * `CompliancePack-S3AccessLogging`). An unknown name is an error.
   *
   * @default - every built-in rule
   */
  readonly rules?: string[];

  /**
   * Rules not to run (names or ids). An unknown name is an error.
   *
   * @default - none
   */
  readonly disabledRules?: string[];

  /**
   * Report these rules at another level than their own (for example a WARN rule as ERROR in
   * production). An unknown name is an error.
   *
   * @default - each rule at its own level (`CompliancePack.ruleCatalog()`)
   */
  readonly ruleLevels?: CompliancePackRuleLevel[];

  /**
   * Rules of your own to run with the built-in ones.
   *
   * @default - none
   */
  readonly additionalRules?: ICompliancePackRule[];
}

/**
 * One rule of the CompliancePack, as documentation and for tooling.
 */
export interface CompliancePackRuleInfo {
  /** Rule name, for example `S3AccessLogging`. */
  readonly name: string;
  /** Finding id, for example `CompliancePack-S3AccessLogging`. */
  readonly id: string;
  /** Level of its findings. */
  readonly level: NagMessageLevel;
  /** CloudFormation types it judges. */
  readonly resourceTypes: string[];
  /** What it finds. */
  readonly info: string;
  /** Why it matters and how to fix it. */
  readonly explanation: string;
  /**
   * Formerly the review failure that motivated the rule; now always empty. The rule's documentation
   * tells its history, and `controlId` and `frameworks` say what it maps to.
   *
   * @deprecated use `controlId` and `frameworks`
   */
  readonly seed: string;
  /**
   * The AWS Foundational Security Best Practices (FSBP) control it matches, as `FSBP <id>`.
   *
   * @default - no matching FSBP control
   * @deprecated use `frameworks.fsbp`
   */
  readonly control?: string;
  /**
   * Id of the control it checks in the library's controls catalog (`S3.5`, `Batch.JobTimeout`),
   * the same id as the ComplianceScanner check that verifies the control at run time.
   *
   * @default - the rule is in no catalog entry
   */
  readonly controlId?: string;
  /**
   * The framework requirements (FSBP, CIS, NIST 800-53 r5, PCI DSS 3.2.1 and 4.0, HIPAA) of its control.
   *
   * @default - the rule is in no catalog entry
   */
  readonly frameworks?: ControlFrameworks;
}

/**
 * A cdk-nag v3 rule pack for the failures the stock packs miss or catch only in part: inline
 * policies on Lambda roles, gateway endpoints with no route tables, Config rules with no recorder,
 * GuardDuty with no findings route, Fargate jobs whose role trusts only EC2, open security group
 * egress, buckets without the policies audit data needs, and the first AWS Batch rules for cdk-nag.
 *
 * Each rule is a pure function of one CfnResource (and, where it must, the other resources of the
 * app, indexed once per validation run). Findings of ERROR rules are security defects; WARN rules
 * are hygiene. Rule ids are `CompliancePack-<rule>`; see `CompliancePack.ruleCatalog()` and RULES.md.
 *
 * @example
 * import { Validations } from 'aws-cdk-lib';
 * import { CompliancePack } from 'cdk-compliance-constructs';
 *
 * // Every CompliancePack finding in the app fails `cdk synth`, like the stock cdk-nag packs.
 * Validations.of(app).addPlugins(new CompliancePack(app));
 */
export class CompliancePack extends NagPack {
  /**
   * Every built-in rule with its id, level, resource types, control id and framework mappings.
   */
  public static ruleCatalog(): CompliancePackRuleInfo[] {
    return ALL_RULES.map(ruleInfo);
  }

  public readonly name = PACK_NAME;

  /** The ids of the rules this pack runs, in order. */
  public readonly ruleIds?: string[];

  /** Rules by resource type; `*` holds rules that see every resource. */
  private readonly dispatch = new Map<string, RuleDefinition[]>();

  /** During `validate`, the construct paths of the stacks of the environment being validated. */
  private stacksInScope?: Set<string>;

  constructor(scope?: IConstruct, props: CompliancePackProps = {}) {
    super(scope, props);
    this.packName = PACK_NAME;
    const tooOld = cdkTooOld();
    if (scope && tooOld) {
      Annotations.of(scope).addError(`CompliancePack: aws-cdk-lib ${tooOld} does not fail synth on validation findings (from 2.262.0 it does), so this pack would check without effect. Upgrade aws-cdk-lib to 2.262.0 or later.`);
    }

    (props.additionalRules ?? []).forEach(requireRuleFields);
    (props.ruleLevels ?? []).forEach(requireLevelFields);
    const known = new Set([...ALL_RULES.map((r) => r.name), ...(props.additionalRules ?? []).map((r) => r.name)]);
    const nameOf = (prop: string, value: string): string => {
      const name = value.startsWith(`${PACK_NAME}-`) ? value.slice(PACK_NAME.length + 1) : value;
      if (!known.has(name)) {
        throw new Error(`CompliancePack: invalid ${prop}: ${value}. Allowed: a rule name or id of CompliancePack.ruleCatalog() or of additionalRules (${[...known].join(', ')}).`);
      }
      return name;
    };
    const only = props.rules ? new Set(props.rules.map((r) => nameOf('rules', r))) : undefined;
    const disabled = new Set((props.disabledRules ?? []).map((r) => nameOf('disabledRules', r)));
    const levels = new Map((props.ruleLevels ?? []).map((l) => [nameOf('ruleLevels', l.rule), l.level]));

    const custom = (props.additionalRules ?? []).map((rule) => {
      if (!/^[A-Za-z0-9]+$/.test(rule.name) || ALL_RULES.some((r) => r.name === rule.name)) {
        throw new Error(`CompliancePack: invalid additionalRules name: ${rule.name}. Allowed: letters and digits, not the name of a built-in rule.`);
      }
      return customRule(rule);
    });

    const ids: string[] = [];
    for (const rule of [...ALL_RULES, ...custom]) {
      if ((only && !only.has(rule.name)) || disabled.has(rule.name)) {
        continue;
      }
      const active: RuleDefinition = { ...rule, level: levels.get(rule.name) ?? rule.level };
      ids.push(`${PACK_NAME}-${active.name}`);
      for (const type of active.resourceTypes.length > 0 ? active.resourceTypes : ['*']) {
        const list = this.dispatch.get(type) ?? [];
        list.push(active);
        this.dispatch.set(type, list);
      }
    }
    this.ruleIds = ids;
  }

  /**
   * Validate a construct tree directly. The app's resources are indexed once for the run, so rules
   * that look at sibling resources stay cheap.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return withIndex(scope.node.root, () => insideOneResolve(scope, () => super.validateScope(scope)));
  }

  /**
   * Entry point of the CDK validation framework. Fails loudly when the aws-cdk-lib in use does not
   * give plugins the construct tree (before 2.262.0), where a pack would otherwise check nothing.
   *
   * The framework calls plugins once per environment (account and Region) with the whole app; the
   * pack checks only the stacks of that environment, so a multi-Region app reports each finding
   * once.
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    if (!(context as any).appConstruct) {
      throw new Error('CompliancePack: this aws-cdk-lib does not pass the construct tree to validation plugins, so no rule could run. '
        + 'Use aws-cdk-lib 2.262.0 or later, or run the pack with validateScope(app).');
    }
    const templates: Array<{ stackConstructPath?: string }> | undefined = (context as any).stackTemplates;
    const paths = templates?.map((t) => t.stackConstructPath).filter((p): p is string => typeof p === 'string');
    this.stacksInScope = paths && paths.length > 0 ? new Set(paths) : undefined;
    try {
      return super.validate(context);
    } finally {
      this.stacksInScope = undefined;
    }
  }

  protected checkResource(node: CfnResource): void {
    if (this.stacksInScope && !this.stacksInScope.has(topLevelStack(node).node.path)) {
      return;
    }
    const rules = this.dispatch.get(node.cfnResourceType);
    const everywhere = this.dispatch.get('*');
    for (const list of [rules, everywhere]) {
      if (!list) {
        continue;
      }
      for (const rule of list) {
        if (rule.describeFinding) {
          this.applyDescribedRule(rule, node);
        } else {
          this.applyRule({ info: rule.info, explanation: rule.explanation, level: rule.level, rule: rule.evaluate, node });
        }
      }
    }
  }

  /** Apply a rule whose findings each carry their own message (the rule is evaluated once). */
  private applyDescribedRule(rule: RuleDefinition, node: CfnResource): void {
    let result: NagRuleResult;
    try {
      result = rule.evaluate(node);
    } catch {
      this.applyRule({ info: rule.info, explanation: rule.explanation, level: rule.level, rule: rule.evaluate, node });
      return;
    }
    if (!Array.isArray(result)) {
      const fixed = (): NagRuleResult => result;
      this.applyRule({ info: rule.info, explanation: rule.explanation, level: rule.level, rule: fixed, ruleSuffixOverride: rule.name, node });
      return;
    }
    for (const finding of result) {
      const message = rule.describeFinding!(node, finding);
      const one = (): NagRuleResult => [finding];
      this.applyRule({
        info: message ? `${rule.info} ${message}` : rule.info,
        explanation: rule.explanation,
        level: rule.level,
        rule: one,
        ruleSuffixOverride: rule.name,
        node,
      });
    }
  }
}

/** The message for a struct or rule field that is missing or of the wrong type. */
function fieldProblem(value: unknown, wanted: string): string | undefined {
  if (value === undefined || value === null) {
    return 'missing';
  }
  switch (wanted) {
    case 'string': return typeof value === 'string' && value !== '' ? undefined : `${JSON.stringify(value)}, not a non-empty string`;
    case 'list': return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : `${JSON.stringify(value)}, not a list of strings`;
    case 'function': return typeof value === 'function' ? undefined : 'not a method';
    case 'level': return Object.values(NagMessageLevel).includes(value as NagMessageLevel) ? undefined : `${JSON.stringify(value)}, not a NagMessageLevel`;
    default: return undefined;
  }
}

/**
 * Each field of a rule of `additionalRules`, checked before the pack uses it. A Python rule whose
 * fields are plain class attributes reaches the pack without them (jsii reads properties), which
 * would otherwise fail deep inside the pack with a TypeError.
 */
function requireRuleFields(rule: ICompliancePackRule, index: number): void {
  const fields: Array<[string, string, unknown]> = [
    ['name', 'string', rule.name], ['level', 'level', rule.level], ['info', 'string', rule.info],
    ['explanation', 'string', rule.explanation], ['resourceTypes', 'list', rule.resourceTypes], ['evaluate', 'function', (rule as any).evaluate],
  ];
  const problems = fields.map(([field, wanted, value]) => [field, fieldProblem(value, wanted)]).filter(([, problem]) => problem !== undefined);
  if (problems.length > 0) {
    const label = typeof rule.name === 'string' ? ` (${rule.name})` : '';
    throw new Error(`CompliancePack: invalid additionalRules[${index}]${label}: ${problems.map(([f, p]) => `${f} is ${p}`).join('; ')}. `
      + 'A rule needs name, info and explanation (strings), level (a NagMessageLevel), resourceTypes (a list of CloudFormation types, empty for all) and an evaluate method. '
      + 'From Python, declare each field with @property: jsii reads properties, and plain class attributes never reach the pack.');
  }
}

/** `rule` and `level` of each entry of `ruleLevels`. */
function requireLevelFields(entry: CompliancePackRuleLevel, index: number): void {
  for (const [field, wanted, value] of [['rule', 'string', entry.rule], ['level', 'level', entry.level]] as Array<[string, string, unknown]>) {
    const problem = fieldProblem(value, wanted);
    if (problem) {
      throw new Error(`CompliancePack: invalid ruleLevels[${index}].${field}: ${problem}. `
        + 'Each entry needs rule (a rule name or id, such as S3AccessLogging) and level (a NagMessageLevel).');
    }
  }
}

/**
 * Run `fn` inside one `Stack.resolve` call.
 *
 * aws-cdk-lib records a performance measure for every outermost `Stack.resolve` and never clears
 * them; a run resolves thousands of properties, and the garbage of those entries cost about a
 * third of the run. Inside a resolve, the rules' own calls are nested and record nothing, so the
 * run records one measure. Without a stack in the tree there is nothing to resolve.
 */
function insideOneResolve<T>(scope: IConstruct, fn: () => T): T {
  const stack = firstStack(scope);
  if (!stack) {
    return fn();
  }
  let result: { value: T } | undefined;
  stack.resolve(Lazy.any({
    produce: () => {
      result = { value: fn() };
      return undefined;
    },
  }));
  return result ? result.value : fn();
}

/** `scope`'s stack, or the first stack under it (breadth first). */
function firstStack(scope: IConstruct): Stack | undefined {
  try {
    return Stack.of(scope);
  } catch {
    // an App or Stage: look below
  }
  const queue: IConstruct[] = [scope];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (Stack.isStack(node)) {
      return node;
    }
    queue.push(...node.node.children);
  }
  return undefined;
}

/** The stack that is deployed as its own template: nested stacks belong to their parent's. */
function topLevelStack(node: CfnResource): Stack {
  let stack = Stack.of(node);
  while (stack.nestedStackParent) {
    stack = stack.nestedStackParent;
  }
  return stack;
}

/** A built-in rule as documentation: its description, id and controls catalog entry. */
function ruleInfo(rule: RuleDefinition): CompliancePackRuleInfo {
  const entry = requireControlForRule(rule.name);
  return {
    name: rule.name,
    id: `${PACK_NAME}-${rule.name}`,
    level: rule.level,
    resourceTypes: [...rule.resourceTypes],
    info: rule.info,
    explanation: rule.explanation,
    seed: '',
    control: fsbpLabel(entry),
    controlId: entry.id,
    frameworks: frameworksOf(entry),
  };
}

/**
 * A rule of `additionalRules` as the pack runs it. Its fields are read once (from another jsii
 * language each read is a call), and its evaluate function is named after the rule.
 */
function customRule(rule: ICompliancePackRule): RuleDefinition {
  const evaluate = (node: CfnResource): NagRuleResult => rule.evaluate(node);
  Object.defineProperty(evaluate, 'name', { value: rule.name });
  const { name, level, info, explanation, resourceTypes } = rule;
  return { name, level, info, explanation, resourceTypes: [...resourceTypes], evaluate };
}

/** The aws-cdk-lib version in use if it is older than 2.262.0 (the first whose validation plugins get the tree and fail synth), else `undefined`. */
function cdkTooOld(): string | undefined {
  let version: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    version = require('aws-cdk-lib/package.json').version;
  } catch {
    return undefined;
  }
  const [major, minor] = version.split('.').map((n) => parseInt(n, 10));
  return major === 2 && minor < 262 ? version : undefined;
}
