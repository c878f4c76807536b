/** Evaluating checks: each check over the inventory of each region it runs in, into its report, tally and findings. */
import { UnitFailure, UnitResult } from './collect';
import { checkRegions, unitKey } from './plan';
import { Check, CheckResult, DATASET_FIELD, Inventory } from '../model';
import { CheckError, CheckReport, checkReportFields, Finding, toFinding } from '../report';
import { CheckTally } from '../scoring';

/** What every inventory of a scan shares. */
export interface EvaluationScope {
  readonly accountId: string;
  readonly partition: string;
  readonly regions: readonly string[];
  /** Evaluation time (ISO). */
  readonly now: string;
}

/** One check's outcome over every region it ran in. */
export interface CheckEvaluation {
  readonly check: Check;
  readonly report: CheckReport;
  readonly tally: CheckTally;
  readonly findings: readonly Finding[];
  /** `region|resourceId` of each resource with a PASS, FAIL or NOT_APPLICABLE result. */
  readonly evaluated: ReadonlySet<string>;
}

export const DEADLINE_CODE = 'ScanDeadlineExceeded';

/**
 * The inventory a check reads in one region, or the failure of the first dataset it lacks
 * (a dataset not collected at all was cut off by the scan deadline).
 */
export function inventoryFor(
  check: Pick<Check, 'datasets'>, region: string, scope: EvaluationScope, data: ReadonlyMap<string, UnitResult>,
): { inventory: Inventory } | { failure: UnitFailure } {
  const { accountId, partition, regions, now } = scope;
  const inventory: Record<string, unknown> = { accountId, partition, region, regions, now };
  for (const d of check.datasets) {
    const r = data.get(unitKey(d, region));
    if (!r) return { failure: { code: DEADLINE_CODE, message: `${d} was not collected before the scan deadline` } };
    if (!r.ok) return { failure: { code: r.failure.code, message: `${d}: ${r.failure.message}` } };
    inventory[DATASET_FIELD[d]] = r.value;
  }
  return { inventory: inventory as unknown as Inventory };
}

/** A check's results in one region, or why it could not be evaluated there (its data, or its own exception). */
export function runCheckIn(
  check: Check, region: string, scope: EvaluationScope, data: ReadonlyMap<string, UnitResult>,
): { results: CheckResult[] } | { failure: UnitFailure } {
  const input = inventoryFor(check, region, scope, data);
  if ('failure' in input) return input;
  try {
    return { results: check.evaluate(input.inventory) };
  } catch (e) {
    return { failure: { code: 'CheckEvaluationError', message: String((e as Error)?.message ?? e) } };
  }
}

/** Runs a check in each of its regions and counts its results. */
export function evaluateCheck(check: Check, scope: EvaluationScope, data: ReadonlyMap<string, UnitResult>): CheckEvaluation {
  const counts = { passed: 0, failed: 0, notApplicable: 0, errored: 0 };
  const evaluated = new Set<string>();
  const regionsEvaluated: string[] = [];
  const errors: CheckError[] = [];
  const findings: Finding[] = [];
  for (const unitRegion of checkRegions(check, scope.regions)) {
    const run = runCheckIn(check, unitRegion, scope, data);
    if ('failure' in run) {
      counts.errored++;
      errors.push({ region: unitRegion, ...run.failure });
      continue;
    }
    regionsEvaluated.push(unitRegion);
    for (const r of run.results) {
      const region = r.region ?? unitRegion;
      if (r.status === 'ERROR') {
        counts.errored++;
        errors.push({ region, resource: r.resourceId, code: 'ResourceDataUnavailable', message: r.reason });
        continue;
      }
      evaluated.add(`${region}|${r.resourceId}`);
      if (r.status === 'PASS') {counts.passed++;} else if (r.status === 'NOT_APPLICABLE') {counts.notApplicable++;} else {
        counts.failed++;
        findings.push(toFinding(scope.accountId, check, region, r.resourceId, r.reason));
      }
    }
  }
  const { passed, failed, notApplicable, errored } = counts;
  const report: CheckReport = {
    ...checkReportFields(check),
    status: failed > 0 ? 'FAIL' : passed > 0 ? 'PASS' : errored > 0 ? 'ERROR' : 'NOT_APPLICABLE',
    partial: errored > 0 && regionsEvaluated.length + passed + failed + notApplicable > 0,
    counts: { passed, failed, notApplicable, errored },
    resourcesEvaluated: evaluated.size,
    regionsEvaluated,
    errors,
  };
  return { check, report, tally: { check, passed, failed, notApplicable, errored }, findings, evaluated };
}

/** Every check, in order, over the collected data. */
export function evaluateChecks(checks: readonly Check[], scope: EvaluationScope, data: ReadonlyMap<string, UnitResult>): CheckEvaluation[] {
  return checks.map((check) => evaluateCheck(check, scope, data));
}
