import { Check, CheckMetadata, CheckResult, Inventory } from '../model';

/** Declares a check: metadata plus its pure evaluate function. */
export function defineCheck(meta: CheckMetadata, evaluate: (inv: Inventory) => CheckResult[]): Check {
  return { ...meta, evaluate };
}
