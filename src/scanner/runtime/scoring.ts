import { Category, CheckMetadata, Severity, SEVERITIES } from './model';

/**
 * Compliance score.
 *
 * For every check c that produced at least one PASS or FAIL:
 *
 *     ratio(c)  = passed(c) / (passed(c) + failed(c))          (resources; NOT_APPLICABLE ignored)
 *     weight(c) = SEVERITY_WEIGHTS[severity(c)]               (CRITICAL 8, HIGH 4, MEDIUM 2, LOW 1)
 *
 *     score(S)  = 100 * sum(weight(c) * ratio(c)) / sum(weight(c))   over the checks c in S,
 *                 rounded to one decimal; `null` when S has no scored check.
 *
 * `overall` is score(all checks), `byCategory[k]` is score(checks of category k) and
 * `bySeverity[s]` is score(checks of severity s) (all of equal weight there).
 *
 * Each check counts once, whatever its resource count, so 2,000 compliant security groups cannot
 * hide one public database; within a check the pass ratio keeps one bad resource out of 500 from
 * counting like a wholly failed control.
 *
 * Errors: resources (or whole regions) a check could not evaluate are left out of its passed
 * and failed counts, so they are in no denominator; a check with no PASS/FAIL left is not
 * scored at all. Any error sets `partial`, and the report status becomes PARTIAL: a scan that
 * could not see something never presents itself as a clean 100.
 */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = { CRITICAL: 8, HIGH: 4, MEDIUM: 2, LOW: 1 };

export const SCORE_FORMULA =
  'score = 100 * sum(w(c) * passed(c) / (passed(c) + failed(c))) / sum(w(c)) over checks c with at least one PASS or FAIL; ' +
  'w = CRITICAL 8, HIGH 4, MEDIUM 2, LOW 1; NOT_APPLICABLE and ERROR results are in no denominator; null when nothing was scored';

export interface CheckTally {
  readonly check: Pick<CheckMetadata, 'id' | 'severity' | 'category'>;
  readonly passed: number;
  readonly failed: number;
  readonly notApplicable: number;
  /** Resources or region evaluations that errored. */
  readonly errored: number;
}

export interface ScoreBucket {
  /** 0..100 with one decimal, or null when no check in the bucket could be scored. */
  readonly score: number | null;
  readonly checksScored: number;
  readonly checksErrored: number;
  readonly passed: number;
  readonly failed: number;
}

export interface Score {
  readonly overall: number | null;
  readonly byCategory: Partial<Record<Category, ScoreBucket>>;
  readonly bySeverity: Partial<Record<Severity, ScoreBucket>>;
  /** True when any check errored anywhere: the score covers only what could be seen. */
  readonly partial: boolean;
  readonly formula: string;
  readonly weights: Readonly<Record<Severity, number>>;
}

function bucket(tallies: readonly CheckTally[], weighted: boolean): ScoreBucket {
  let num = 0;
  let den = 0;
  let scored = 0;
  let passed = 0;
  let failed = 0;
  for (const t of tallies) {
    passed += t.passed;
    failed += t.failed;
    const n = t.passed + t.failed;
    if (n === 0) continue;
    const w = weighted ? SEVERITY_WEIGHTS[t.check.severity] : 1;
    num += (w * t.passed) / n;
    den += w;
    scored++;
  }
  return {
    score: den === 0 ? null : Math.round((1000 * num) / den) / 10,
    checksScored: scored,
    checksErrored: tallies.filter((t) => t.errored > 0).length,
    passed,
    failed,
  };
}

export function computeScore(tallies: readonly CheckTally[]): Score {
  const byCategory: Partial<Record<Category, ScoreBucket>> = {};
  for (const cat of [...new Set(tallies.map((t) => t.check.category))].sort()) {
    byCategory[cat] = bucket(tallies.filter((t) => t.check.category === cat), true);
  }
  const bySeverity: Partial<Record<Severity, ScoreBucket>> = {};
  for (const sev of SEVERITIES) {
    const of = tallies.filter((t) => t.check.severity === sev);
    if (of.length > 0) bySeverity[sev] = bucket(of, false);
  }
  return {
    overall: bucket(tallies, true).score,
    byCategory,
    bySeverity,
    partial: tallies.some((t) => t.errored > 0),
    formula: SCORE_FORMULA,
    weights: SEVERITY_WEIGHTS,
  };
}
