import { Category, Severity } from '../../src/scanner/runtime/model';
import { CheckTally, computeScore } from '../../src/scanner/runtime/scoring';

let n = 0;
function t(severity: Severity, category: Category, passed: number, failed: number, errored = 0, notApplicable = 0): CheckTally {
  return { check: { id: `c${n++}`, severity, category }, passed, failed, errored, notApplicable };
}

describe('computeScore', () => {
  test('all passing is 100, all failing is 0', () => {
    expect(computeScore([t('HIGH', 's3', 5, 0)]).overall).toBe(100);
    expect(computeScore([t('HIGH', 's3', 0, 5)]).overall).toBe(0);
  });

  test('severity weights: one failed CRITICAL outweighs three passed LOW', () => {
    // (8*0 + 1+1+1) / (8+3) = 27.3
    const s = computeScore([t('CRITICAL', 'rds', 0, 1), t('LOW', 's3', 1, 0), t('LOW', 's3', 1, 0), t('LOW', 's3', 1, 0)]);
    expect(s.overall).toBe(27.3);
  });

  test('each check counts once: many passing resources do not dilute a failing check', () => {
    const s = computeScore([t('HIGH', 'ec2', 2000, 0), t('HIGH', 'rds', 0, 1)]);
    expect(s.overall).toBe(50);
  });

  test('per-check pass ratio: 1 failure in 4 resources', () => {
    expect(computeScore([t('MEDIUM', 'ec2', 3, 1)]).overall).toBe(75);
  });

  test('per category and per severity', () => {
    const s = computeScore([t('HIGH', 's3', 1, 0), t('LOW', 's3', 0, 1), t('MEDIUM', 'iam', 1, 1), t('HIGH', 'iam', 0, 2)]);
    expect(s.byCategory.s3?.score).toBe(80); // (4*1 + 1*0) / 5
    expect(s.byCategory.iam?.score).toBe(16.7); // (2*0.5 + 4*0) / 6
    expect(s.bySeverity.HIGH?.score).toBe(50); // unweighted mean of 1 and 0
    expect(s.bySeverity.LOW?.score).toBe(0);
    expect(s.bySeverity.CRITICAL).toBeUndefined();
    expect(s.byCategory.iam).toMatchObject({ checksScored: 2, passed: 1, failed: 3 });
  });

  test('not applicable results are in no denominator', () => {
    expect(computeScore([t('HIGH', 's3', 1, 0, 0, 50)]).overall).toBe(100);
  });

  test('errored checks are out of the denominators and mark the score partial', () => {
    const s = computeScore([t('HIGH', 'ec2', 1, 0), t('CRITICAL', 'kms', 0, 0, 3)]);
    expect(s.overall).toBe(100);
    expect(s.partial).toBe(true);
    expect(s.byCategory.kms).toMatchObject({ score: null, checksScored: 0, checksErrored: 1 });
  });

  test('nothing scored is null, never 100', () => {
    const s = computeScore([t('HIGH', 'ec2', 0, 0, 1)]);
    expect(s.overall).toBeNull();
    expect(s.partial).toBe(true);
    expect(computeScore([]).overall).toBeNull();
  });

  test('a complete scan is not partial and documents its formula', () => {
    const s = computeScore([t('HIGH', 'ec2', 1, 0)]);
    expect(s.partial).toBe(false);
    expect(s.formula).toContain('NOT_APPLICABLE');
    expect(s.weights.CRITICAL).toBe(8);
  });
});
