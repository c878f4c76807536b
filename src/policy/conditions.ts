import { allOf, anyOf, isUnknownValue, listOf, not, stringOf, Tri, Unknown, UNKNOWN, arnMatch, globMatch, unknown } from './values';

/**
 * A request context value: a string, a list of strings (multivalued keys such as
 * `aws:TagKeys`), or a value only known at deploy time.
 */
export type ContextValue = string | boolean | number | Array<string | Unknown> | Unknown;

/** The request context, keyed by condition key (matched case-insensitively). */
export type RequestContext = Record<string, ContextValue>;

interface OperatorFamily {
  /** Compare one context value with one policy value (both strings). */
  readonly compare: (contextValue: string, policyValue: string) => Tri;
  /** Negated operators match when no policy value matches, and match when the key is absent. */
  readonly negated: boolean;
  /** Policy variables (`${aws:username}`) are substituted in policy values for string and ARN operators. */
  readonly variables: boolean;
}

const str = (ignoreCase: boolean) => (c: string, p: string): Tri => ignoreCase ? c.toLowerCase() === p.toLowerCase() : c === p;
const like = (c: string, p: string): Tri => globMatch(p, c);
const arn = (c: string, p: string): Tri => arnMatch(p, c);
const num = (test: (a: number, b: number) => boolean) => (c: string, p: string): Tri => {
  const a = Number(c);
  const b = Number(p);
  if (c.trim() === '' || p.trim() === '' || Number.isNaN(a) || Number.isNaN(b)) {
    return false;
  }
  return test(a, b);
};
const date = (test: (a: number, b: number) => boolean) => (c: string, p: string): Tri => {
  const a = dateValue(c);
  const b = dateValue(p);
  if (a === undefined || b === undefined) {
    return false;
  }
  return test(a, b);
};
const bool = (c: string, p: string): Tri => {
  const cv = c.toLowerCase();
  const pv = p.toLowerCase();
  if ((cv !== 'true' && cv !== 'false') || (pv !== 'true' && pv !== 'false')) {
    return false;
  }
  return cv === pv;
};
const ip = (c: string, p: string): Tri => ipInCidr(c, p);

const FAMILIES: Record<string, OperatorFamily> = {
  stringequals: { compare: str(false), negated: false, variables: true },
  stringnotequals: { compare: str(false), negated: true, variables: true },
  stringequalsignorecase: { compare: str(true), negated: false, variables: true },
  stringnotequalsignorecase: { compare: str(true), negated: true, variables: true },
  stringlike: { compare: like, negated: false, variables: true },
  stringnotlike: { compare: like, negated: true, variables: true },
  numericequals: { compare: num((a, b) => a === b), negated: false, variables: false },
  numericnotequals: { compare: num((a, b) => a === b), negated: true, variables: false },
  numericlessthan: { compare: num((a, b) => a < b), negated: false, variables: false },
  numericlessthanequals: { compare: num((a, b) => a <= b), negated: false, variables: false },
  numericgreaterthan: { compare: num((a, b) => a > b), negated: false, variables: false },
  numericgreaterthanequals: { compare: num((a, b) => a >= b), negated: false, variables: false },
  dateequals: { compare: date((a, b) => a === b), negated: false, variables: false },
  datenotequals: { compare: date((a, b) => a === b), negated: true, variables: false },
  datelessthan: { compare: date((a, b) => a < b), negated: false, variables: false },
  datelessthanequals: { compare: date((a, b) => a <= b), negated: false, variables: false },
  dategreaterthan: { compare: date((a, b) => a > b), negated: false, variables: false },
  dategreaterthanequals: { compare: date((a, b) => a >= b), negated: false, variables: false },
  bool: { compare: bool, negated: false, variables: true },
  binaryequals: { compare: str(false), negated: false, variables: false },
  ipaddress: { compare: ip, negated: false, variables: false },
  notipaddress: { compare: ip, negated: true, variables: false },
  arnequals: { compare: arn, negated: false, variables: true },
  arnlike: { compare: arn, negated: false, variables: true },
  arnnotequals: { compare: arn, negated: true, variables: true },
  arnnotlike: { compare: arn, negated: true, variables: true },
};

/** Why one condition of a statement did not match (or could not be decided). */
export interface ConditionOutcome {
  readonly result: Tri;
  /** The operator and key that failed or were undecidable, e.g. `ArnLike aws:SourceArn`. */
  readonly failed?: string;
  /** What made it undecidable. */
  readonly unknownBecause?: string;
}

/** Evaluate a statement's Condition block against the request context. */
export function evaluateConditions(condition: any, context: RequestContext): ConditionOutcome {
  if (condition === undefined || condition === null) {
    return { result: true };
  }
  if (typeof condition !== 'object' || Array.isArray(condition) || isUnknownValue(condition)) {
    return { result: UNKNOWN, failed: 'Condition', unknownBecause: 'the condition block is a deploy-time value' };
  }
  const lookup = contextLookup(context);
  let outcome: ConditionOutcome = { result: true };
  for (const [operatorName, block] of Object.entries(condition)) {
    if (!block || typeof block !== 'object' || Array.isArray(block) || isUnknownValue(block)) {
      outcome = merge(outcome, { result: UNKNOWN, failed: operatorName, unknownBecause: `the ${operatorName} block is a deploy-time value` });
      continue;
    }
    for (const [key, values] of Object.entries(block as object)) {
      const result = evaluateOne(operatorName, key, values, lookup);
      const one: ConditionOutcome = { result: result.result, failed: `${operatorName} ${key}`, unknownBecause: result.unknownBecause };
      outcome = merge(outcome, one);
      if (outcome.result === false) {
        return outcome;
      }
    }
  }
  return outcome.result === true ? { result: true } : outcome;
}

function merge(a: ConditionOutcome, b: ConditionOutcome): ConditionOutcome {
  if (a.result === false) {
    return a;
  }
  if (b.result === false) {
    return b;
  }
  if (a.result === UNKNOWN) {
    return a;
  }
  return b.result === UNKNOWN ? b : a;
}

type Lookup = (key: string) => ContextValue | undefined;

function contextLookup(context: RequestContext): Lookup {
  const lower = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  return (key) => lower.get(key.toLowerCase());
}

/** A condition operator, parsed: its set qualifier, its name (lower case) and `...IfExists`. */
export interface ParsedOperator {
  readonly set?: 'any' | 'all';
  readonly name: string;
  readonly ifExists: boolean;
}

/** `ForAnyValue:StringLikeIfExists` as `{ set: 'any', name: 'stringlike', ifExists: true }`. */
export function parseOperator(operatorName: string): ParsedOperator {
  let name = operatorName.toLowerCase();
  let set: 'any' | 'all' | undefined;
  if (name.startsWith('foranyvalue:')) {
    set = 'any';
    name = name.slice('foranyvalue:'.length);
  } else if (name.startsWith('forallvalues:')) {
    set = 'all';
    name = name.slice('forallvalues:'.length);
  }
  const ifExists = name !== 'null' && name.endsWith('ifexists');
  return { set, name: ifExists ? name.slice(0, -'ifexists'.length) : name, ifExists };
}

/** The outcome of one operator on one key. */
interface KeyOutcome {
  readonly result: Tri;
  readonly unknownBecause?: string;
}

function evaluateOne(operatorName: string, key: string, policyValues: any, lookup: Lookup): KeyOutcome {
  const operator = parseOperator(operatorName);
  const contextValue = lookup(key);
  if (isUnknownValue(contextValue)) {
    return { result: UNKNOWN, unknownBecause: `${key} is ${contextValue.unknown}` };
  }
  if (operator.name === 'null' && !operator.ifExists) {
    return operator.set ? { result: false } : nullCondition(contextValue, policyValues);
  }
  const family = FAMILIES[operator.name];
  if (!family) {
    // An operator IAM does not know makes the statement fail validation; judge it as not matching.
    return { result: false };
  }
  return compareValues(family, operator, key, contextValue, policyValues, lookup);
}

/** The `Null` operator: `true` wants the key absent, `false` present; of several values any may match. */
export function nullCondition(contextValue: Exclude<ContextValue, Unknown> | undefined, policyValues: any): KeyOutcome {
  const wanted = listOf(policyValues).map(stringOf);
  const unknownValue = wanted.find(isUnknownValue);
  if (unknownValue) {
    return { result: UNKNOWN, unknownBecause: unknownValue.unknown };
  }
  const absent = contextValue === undefined || (Array.isArray(contextValue) && contextValue.length === 0);
  return { result: wanted.some((w) => (w as string).toLowerCase() === (absent ? 'true' : 'false')) };
}

/** A comparing operator (string, numeric, date, bool, binary, IP address, ARN) on the key's values. */
function compareValues(family: OperatorFamily, operator: ParsedOperator, key: string, contextValue: Exclude<ContextValue, Unknown> | undefined,
  policyValues: any, lookup: Lookup): KeyOutcome {
  const present = contextValue !== undefined;
  const contextValues: Array<string | Unknown> = !present ? [] : (Array.isArray(contextValue) ? contextValue : [String(contextValue)]);
  const unknownContext = contextValues.find(isUnknownValue) as Unknown | undefined;
  const policyStrings = listOf(policyValues).map((v) => stringOf(v))
    .map((value) => (isUnknownValue(value) || !family.variables ? value : substituteVariables(value, lookup)));

  /** Does one context value match some policy value (before negation)? */
  const matchesSome = (c: string | Unknown): Tri => {
    if (isUnknownValue(c)) {
      return UNKNOWN;
    }
    return anyOf(policyStrings, (p) => (isUnknownValue(p) ? UNKNOWN : family.compare(c, p)));
  };
  const because = (): string | undefined => {
    if (unknownContext) {
      return `${key} is ${unknownContext.unknown}`;
    }
    const u = policyStrings.find(isUnknownValue) as Unknown | undefined;
    return u ? `a value of ${key} is ${u.unknown}` : undefined;
  };
  const wrap = (result: Tri) => ({ result, unknownBecause: result === UNKNOWN ? because() : undefined });
  const matches = (c: string | Unknown): Tri => (family.negated ? not(matchesSome(c)) : matchesSome(c));

  if (operator.set === 'all') {
    // Every context value must match (negated: match none); vacuously true when the key is absent.
    return wrap(allOf(contextValues, matches));
  }
  if (!present || contextValues.length === 0) {
    return { result: operator.set === 'any' ? false : operator.ifExists || family.negated };
  }
  if (operator.set === 'any') {
    return wrap(anyOf(contextValues, matches));
  }
  // A single-valued operator with a multivalued key: positive operators need one context value to
  // match; negated ones need no context value to match.
  const someMatch = anyOf(contextValues, matchesSome);
  return wrap(family.negated ? not(someMatch) : someMatch);
}

/**
 * Substitute policy variables: `${key}` from the request context, `${key, 'default'}`, and the
 * escapes `${*}`, `${?}`, `${$}`. A variable whose key is absent and has no default makes the value
 * match nothing (IAM drops the statement); a deploy-time context value makes it unknown.
 */
export function substituteVariables(value: string, lookup: Lookup): string | Unknown {
  if (!value.includes('${')) {
    return value;
  }
  let failed: string | Unknown | undefined;
  const out = value.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    const trimmed = inner.trim();
    if (trimmed === '*' || trimmed === '?' || trimmed === '$') {
      return trimmed;
    }
    const m = /^([^,]+?)\s*(?:,\s*'([^']*)')?$/.exec(trimmed);
    const key = m ? m[1] : trimmed;
    const fallback = m ? m[2] : undefined;
    const v = lookup(key);
    if (isUnknownValue(v)) {
      failed = v;
      return '';
    }
    if (v === undefined || Array.isArray(v)) {
      if (fallback !== undefined) {
        return fallback;
      }
      failed ??= '\u0000';
      return '\u0000';
    }
    return String(v);
  });
  if (failed !== undefined && isUnknownValue(failed)) {
    return failed;
  }
  return out;
}

/** Substitute policy variables in a Resource pattern; `undefined` when a variable is absent. */
export function substituteInResource(pattern: string, context: RequestContext): string | Unknown | undefined {
  const result = substituteVariables(pattern, contextLookup(context));
  if (typeof result === 'string' && result.includes('\u0000')) {
    return undefined;
  }
  return result;
}

function dateValue(text: string): number | undefined {
  if (/^\d+$/.test(text.trim())) {
    return Number(text) * 1000;
  }
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/** True when `address` lies in `cidr` (IPv4 or IPv6; a bare address is a /32 or /128). */
export function ipInCidr(address: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const a = parseIp(address.split('/')[0]);
  const n = parseIp(net);
  if (!a || !n || a.bits !== n.bits) {
    return false;
  }
  const bits = bitsText === undefined ? n.bits : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > n.bits) {
    return false;
  }
  const block = 2n ** BigInt(n.bits - bits);
  return a.value / block === n.value / block;
}

function parseIp(text: string): { value: bigint; bits: number } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) {
      return undefined;
    }
    return { value: parts.reduce((acc, p) => acc * 256n + BigInt(p), 0n), bits: 32 };
  }
  if (text.includes(':')) {
    const [head, tail] = text.split('::');
    if (text.split('::').length > 2) {
      return undefined;
    }
    const h = head ? head.split(':') : [];
    const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) {
      return undefined;
    }
    return { value: groups.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g, 16)), 0n), bits: 128 };
  }
  return undefined;
}

export { unknown };
