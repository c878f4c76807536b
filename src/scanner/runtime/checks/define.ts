import { requireControlForCheck } from '../../../controls';
import { Check, CheckMetadata, CheckResult, Inventory } from '../model';

/**
 * Declares a check: metadata plus its pure evaluate function. Its control id and framework
 * references (FSBP, CIS) come from the controls catalog entry that lists the check's id, so the
 * check, the CompliancePack rule and the construct of one control share one id.
 */
export function defineCheck(meta: Omit<CheckMetadata, 'fsbp' | 'cis' | 'controlId'>, evaluate: (inv: Inventory) => CheckResult[]): Check {
  const control = requireControlForCheck(meta.id);
  return { ...meta, controlId: control.id, fsbp: control.frameworks.fsbp, cis: control.frameworks.cis, evaluate };
}
