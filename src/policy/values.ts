/**
 * Three-valued logic and the values the evaluator reads.
 *
 * A policy or request value that is only known at deploy time (an unresolved token, an import, a
 * parameter) is `Unknown`; every comparison with it is `UNKNOWN`, and a decision that depends on it
 * is unknown, never allowed.
 */

/** A value only known at deploy time; `why` says which (for example `Fn::ImportValue Shared-Key`). */
export interface Unknown {
  readonly unknown: string;
}

export function unknown(why: string): Unknown {
  return { unknown: why };
}

export function isUnknownValue(value: any): value is Unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.unknown === 'string'
    && Object.keys(value).length === 1;
}

/** True, false, or not decidable at synth time. */
export type Tri = true | false | 'unknown';
export const UNKNOWN = 'unknown' as const;

export function not(a: Tri): Tri {
  return a === UNKNOWN ? UNKNOWN : !a;
}

/**
 * A Kleene fold of `test` over `items`: the first item whose value is `decisive` decides; otherwise
 * unknown if any item is, else the opposite of `decisive` (the value of no items).
 */
function kleene<T>(items: readonly T[], test: (item: T) => Tri, decisive: boolean): Tri {
  let result: Tri = !decisive;
  for (const item of items) {
    const v = test(item);
    if (v === decisive) {
      return decisive;
    }
    if (v === UNKNOWN) {
      result = UNKNOWN;
    }
  }
  return result;
}

/** Kleene AND of lazily computed terms: false wins, then unknown. */
export function and(...terms: Array<() => Tri>): Tri {
  return kleene(terms, (term) => term(), false);
}

/** Kleene OR of values: true wins, then unknown. */
export function anyOf<T>(items: readonly T[], test: (item: T) => Tri): Tri {
  return kleene(items, test, true);
}

/** Kleene AND over items. */
export function allOf<T>(items: readonly T[], test: (item: T) => Tri): Tri {
  return kleene(items, test, false);
}

/** `value` as a list (a scalar becomes a one-element list, `undefined` an empty one). */
export function listOf(value: any): any[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/**
 * A policy value as a string: strings, numbers and booleans as IAM reads them; anything else (an
 * intrinsic function, an unresolved token) is unknown.
 */
export function stringOf(value: any): string | Unknown {
  if (typeof value === 'string') {
    if (value.includes('${Token[')) {
      return unknown(`unresolved token in "${value}"`);
    }
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (isUnknownValue(value)) {
    return value;
  }
  return unknown(`deploy-time value ${shortJson(value)}`);
}

export function shortJson(value: any): string {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}

/**
 * Glob match as IAM does it: `*` any run of characters, `?` any one character; everything else
 * literal. Case-insensitive when `ignoreCase`.
 */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') {
    return true;
  }
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (!p.includes('*') && !p.includes('?')) {
    return p === v;
  }
  // Iterative wildcard match (no regular expressions: patterns come from policies).
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') {
    pi++;
  }
  return pi === p.length;
}

/**
 * ARN match as the Resource element and the Arn condition operators do it: the six parts
 * (`arn:partition:service:region:account:resource`) are matched one by one, with wildcards that do
 * not cross a part boundary; the resource part keeps its own colons.
 */
export function arnMatch(pattern: string, value: string): boolean {
  if (pattern === '*') {
    return true;
  }
  const pp = splitArn(pattern);
  const vp = splitArn(value);
  if (!pp || !vp) {
    return globMatch(pattern, value);
  }
  for (let i = 0; i < 6; i++) {
    if (!globMatch(pp[i], vp[i])) {
      return false;
    }
  }
  return true;
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) {
    return undefined;
  }
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
