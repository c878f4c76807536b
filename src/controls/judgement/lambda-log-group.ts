/**
 * Lambda.ExplicitLogGroup. The template says `LoggingConfig.LogGroup` on an `AWS::Lambda::Function`
 * (a token counts as set); the account always names a log group (ListFunctions reports
 * `LoggingConfig.LogGroup`, `/aws/lambda/<name>` when none was chosen), so there the implicit name
 * counts as explicit only when a log group of that name exists with a retention period (created
 * ahead of the function, as a stack does; the one Lambda creates on first write never expires).
 * One judgement for `CompliancePack-LambdaExplicitLogGroup` and the scanner's `lambda-explicit-log-group`.
 */
import { logGroupHasRetention } from './log-groups';
import { isSet } from './values';

/** The log group Lambda writes to when the function names none. */
export function implicitLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** Synth side: the function names a log group of its own (`LoggingConfig.LogGroup`). */
export function namesLogGroup(logGroup: unknown): boolean {
  return isSet(logGroup);
}

/** What the account says of a function's log group. */
export type LiveLogGroupVerdict =
  | { readonly verdict: 'explicit'; readonly reason: string }
  | { readonly verdict: 'implicit'; readonly reason: string }
  | { readonly verdict: 'unknown'; readonly reason: string };

/**
 * Live side: the function's log group (`LoggingConfig.LogGroup`, `null` when none is reported: the
 * implicit one) is explicit when it is not the implicit name, or when a log group of the implicit
 * name exists with a retention period. `logGroups`: the Region's log groups, `undefined` when they
 * could not be read (then the implicit name is `unknown`).
 */
export function liveLogGroupVerdict(
  functionName: string,
  logGroup: string | null | undefined,
  logGroups: readonly { readonly name: string; readonly retentionInDays: unknown }[] | undefined,
): LiveLogGroupVerdict {
  const implicit = implicitLogGroupName(functionName);
  const name = logGroup || implicit;
  if (name !== implicit) return { verdict: 'explicit', reason: `logs to its own log group ${name}` };
  if (logGroups === undefined) return { verdict: 'unknown', reason: `logs to ${name}; the log groups could not be read` };
  const group = logGroups.find((g) => g.name === name);
  if (!group) return { verdict: 'implicit', reason: `logs to the implicit log group ${name}, which does not exist yet: Lambda creates it on first write, unencrypted and never expiring` };
  if (!logGroupHasRetention(group.retentionInDays)) return { verdict: 'implicit', reason: `logs to the implicit log group ${name}, which has no retention period (as Lambda creates it)` };
  return { verdict: 'explicit', reason: `logs to ${name}, created ahead of the function with a ${group.retentionInDays}-day retention` };
}
