/** Lowest severity GuardDuty assigns to a finding. */
const MIN_GUARDDUTY_SEVERITY = 1.0;
/** Highest severity GuardDuty assigns to a finding (critical attack sequences go up to 10.0). */
const MAX_GUARDDUTY_SEVERITY = 10.0;

/**
 * The lowest GuardDuty finding severity that raises an alert.
 *
 * GuardDuty scores findings from 1.0 to 10.0: Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9 and
 * Critical 9.0-10.0 (attack sequences). A threshold outside 1.0-10.0 fails at synth.
 * See https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html
 */
export class FindingSeverity {
  /** Every finding: Low (1.0) and above. */
  public static readonly LOW = new FindingSeverity(1.0, 'LOW');
  /** Medium (4.0) and above. */
  public static readonly MEDIUM = new FindingSeverity(4.0, 'MEDIUM');
  /** High (7.0) and above. */
  public static readonly HIGH = new FindingSeverity(7.0, 'HIGH');
  /** Critical (9.0) and above. */
  public static readonly CRITICAL = new FindingSeverity(9.0, 'CRITICAL');

  /**
   * Findings with a severity of at least `threshold` (1.0 to 10.0; checked when the construct uses it).
   */
  public static atLeast(threshold: number): FindingSeverity {
    return new FindingSeverity(threshold, `${threshold}`);
  }

  /**
   * @param threshold the lowest severity that raises an alert
   * @param label how the threshold reads in messages
   */
  private constructor(public readonly threshold: number, public readonly label: string) {}

  /** Whether the threshold is within GuardDuty's severity range. */
  public isValid(): boolean {
    return Number.isFinite(this.threshold) && this.threshold >= MIN_GUARDDUTY_SEVERITY && this.threshold <= MAX_GUARDDUTY_SEVERITY;
  }
}
