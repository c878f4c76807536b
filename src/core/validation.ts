import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Thrown at synth time when a prop holds a value the construct (or AWS) does not accept.
 *
 * The message always names the construct path, the prop, the value given and what is allowed.
 */
export class ComplianceValidationError extends Error {
  constructor(scope: IConstruct, prop: string, value: unknown, allowed: string) {
    super(`${scope.node.path}: invalid ${prop}: ${describe(value)}. ${allowed}`);
    this.name = 'ValidationError';
  }
}

/**
 * A field the type system requires, checked at run time too: from JavaScript, or from a Python or
 * Java caller that builds the struct without it, it would otherwise surface as a `TypeError` deep
 * inside the construct. Throws a `ValidationError` naming the prop and what it must be.
 */
export function requireField<T>(scope: IConstruct, prop: string, value: T | undefined | null, allowed: string): T {
  if (value === undefined || value === null) {
    throw new ComplianceValidationError(scope, prop, value, `It is required: ${allowed}.`);
  }
  return value;
}

/** Render a prop value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  if (value instanceof Duration) {
    return value.toHumanString();
  }
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Whole days in a duration, or undefined when the duration is a deploy-time token
 * (tokens are accepted and left for CloudFormation to judge).
 */
export function daysOf(scope: IConstruct, prop: string, duration: Duration): number | undefined {
  if (duration.isUnresolved()) {
    return undefined;
  }
  let days: number;
  try {
    days = duration.toDays({ integral: true });
  } catch {
    throw new ComplianceValidationError(scope, prop, duration, 'Use a whole number of days, for example Duration.days(30).');
  }
  return days;
}

/** Require a positive whole number of days. */
export function requirePositiveDays(scope: IConstruct, prop: string, duration: Duration | undefined): number | undefined {
  if (duration === undefined) {
    return undefined;
  }
  const days = daysOf(scope, prop, duration);
  if (days !== undefined && days < 1) {
    throw new ComplianceValidationError(scope, prop, duration, 'It must be at least 1 day.');
  }
  return days;
}

/** Require a number within a range, unless it is a token. */
export function requireRange(scope: IConstruct, prop: string, value: number | undefined, min: number, max: number, unit = ''): void {
  if (value === undefined || Token.isUnresolved(value)) {
    return;
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ComplianceValidationError(scope, prop, value, `Allowed: a whole number from ${min} to ${max}${unit}.`);
  }
}
