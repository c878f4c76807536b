/**
 * When a resource policy statement grants public access, by AWS's own definition (Amazon S3 User
 * Guide, "Blocking public access to your Amazon S3 storage", section "The meaning of public"; IAM
 * Access Analyzer and Lambda use the same rule for function policies).
 *
 * A statement that allows a principal of `*` is public unless its condition pins the caller with a
 * fixed value of one of the keys AWS lists. "Fixed" means a value with no wildcard (`*`, `?`) and
 * no policy variable (`${...}`), under an operator that requires the key to equal it: a negated
 * operator (`StringNotEquals`), an `...IfExists` operator (which passes when the key is absent) or
 * `Null` pins nothing. Any other condition (`aws:SecureTransport`, `lambda:FunctionUrlAuthType`,
 * tags, times) restricts how, not who, so the statement stays public.
 */

/** Condition keys that pin the caller when they hold fixed values (lower case). */
const PINNING_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceorgid',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
  'aws:userid',
  'aws:sourceip',
]);

/** Operators under which a fixed value pins the key (lower case, without `ForAnyValue:`/`ForAllValues:`). */
const PINNING_OPERATORS = new Set([
  'stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress',
]);

/** True when `principal` is everyone: `*`, `{"AWS": "*"}` or a list holding `*`. */
export function isEveryone(principal: unknown): boolean {
  if (principal === '*') {
    return true;
  }
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    const aws = (principal as Record<string, unknown>).AWS;
    return (Array.isArray(aws) ? aws : [aws]).some((p) => p === '*');
  }
  return false;
}

/** True when `value` is a fixed value: no wildcard and no policy variable. */
function fixed(value: unknown): boolean {
  return typeof value === 'string' && value !== '' && !/[*?]/.test(value) && !value.includes('${');
}

/** True when one value of `aws:SourceIp` is a CIDR range narrower than the whole address space. */
function fixedCidr(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const [address, bits] = value.split('/');
  if (address === undefined || address === '') {
    return false;
  }
  return bits === undefined || Number(bits) > 0;
}

/** The condition entry (operator and key) that pins the caller, if one does. */
export function pinningCondition(condition: unknown): string | undefined {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) {
    return undefined;
  }
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    const base = operator.toLowerCase().replace(/^forallvalues:|^foranyvalue:/, '');
    if (!PINNING_OPERATORS.has(base) || !block || typeof block !== 'object') {
      continue;
    }
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const name = key.toLowerCase();
      if (!PINNING_KEYS.has(name)) {
        continue;
      }
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.length === 0) {
        continue;
      }
      const pins = name === 'aws:sourceip'
        ? base === 'ipaddress' && values.every(fixedCidr)
        : name === 'aws:userid'
          // A role's sessions (`AROLEID:*`) count as fixed, by AWS's definition.
          ? values.every((v) => fixed(v) || (typeof v === 'string' && /^AROA[A-Z0-9]+:\*$/.test(v)))
          : values.every(fixed);
      if (pins) {
        return `${operator} ${key}`;
      }
    }
  }
  return undefined;
}

/** A policy statement, as parsed from JSON. */
export interface PolicyStatementJson {
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Condition?: unknown;
  readonly [key: string]: unknown;
}

/**
 * True when `statement` grants public access: it allows everyone (`Principal` `*`, or any
 * `NotPrincipal`, which allows everyone but the principals it names) and no condition pins the
 * caller with a fixed value of a key AWS lists.
 */
export function isPublicStatement(statement: PolicyStatementJson): boolean {
  if (statement.Effect !== 'Allow') {
    return false;
  }
  const everyone = isEveryone(statement.Principal) || statement.NotPrincipal !== undefined;
  return everyone && pinningCondition(statement.Condition) === undefined;
}
