import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ALL_CHECKS } from './runtime/checks';
import { REGION_PATTERN } from './runtime/input';
import { ComplianceValidationError } from '../core/validation';

/**
 * The check ids a scanner construct runs: `checks` (default every check) minus `excludedChecks`,
 * in catalog order. Unknown ids, or nothing left, fail at synth naming the prop. Not part of the public API.
 */
export function selectCheckIds(scope: IConstruct, checks: readonly string[] | undefined, excludedChecks: readonly string[] | undefined): string[] {
  const known = new Set(ALL_CHECKS.map((c) => c.id));
  const allowed = `Allowed: ids from the checks catalog, such as ${ALL_CHECKS.slice(0, 3).map((c) => c.id).join(', ')} (${known.size} in all).`;
  for (const [prop, ids] of [['checks', checks], ['excludedChecks', excludedChecks]] as const) {
    const unknown = (ids ?? []).filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new ComplianceValidationError(scope, prop, unknown.length === 1 ? unknown[0] : unknown, allowed);
    }
  }
  const excluded = new Set(excludedChecks ?? []);
  const chosen = ALL_CHECKS.map((c) => c.id).filter((c) => (checks === undefined || checks.includes(c)) && !excluded.has(c));
  if (chosen.length === 0) {
    throw new ComplianceValidationError(scope, 'checks', checks ?? [], 'At least one check must remain enabled after excludedChecks.');
  }
  return chosen;
}

/** `regions`, when given, must be at least one Region name (tokens pass). */
export function requireRegions(scope: IConstruct, regions: readonly string[] | undefined): void {
  if (regions === undefined) return;
  const bad = regions.filter((r) => !Token.isUnresolved(r) && !REGION_PATTERN.test(r));
  if (regions.length === 0 || bad.length > 0) {
    throw new ComplianceValidationError(scope, 'regions', regions.length === 0 ? regions : bad, 'Allowed: Region names such as eu-west-1, at least one; omit regions to scan every enabled Region.');
  }
}
