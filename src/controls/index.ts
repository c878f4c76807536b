/**
 * Lookups into the controls catalog. Plain data and functions, no dependencies: rules, constructs,
 * the scanner runtime, exporters and scripts all resolve ids here.
 */
import { ControlEntry, CONTROLS } from './catalog';
import type { ControlFrameworks } from './compliance-controls';

export { CONTROLS, FRAMEWORKS } from './catalog';
export type { ControlEntry, ControlSeverity, Enforcement, FrameworkIds, ScannerCheckRef } from './catalog';

const BY_ID = new Map(CONTROLS.map((c) => [c.id, c]));
const BY_RULE = new Map(CONTROLS.flatMap((c) => c.packRules.map((r) => [r, c] as const)));
const BY_CHECK = new Map(CONTROLS.flatMap((c) => c.scannerChecks.map((k) => [k.id, c] as const)));
const BY_NAG_CONTROL = new Map(CONTROLS.filter((c) => c.nagControl).map((c) => [c.nagControl!, c]));

/** The control with this id (`S3.5`, `Batch.JobTimeout`). */
export function controlById(id: string): ControlEntry | undefined {
  return BY_ID.get(id);
}

/** The control a CompliancePack rule checks, by rule name (`S3TlsOnlyPolicy`) or finding id (`CompliancePack-S3TlsOnlyPolicy`). */
export function controlForRule(rule: string): ControlEntry | undefined {
  return BY_RULE.get(rule.startsWith('CompliancePack-') ? rule.slice('CompliancePack-'.length).replace(/\[.*$/, '') : rule);
}

/** The control a scanner check verifies, by check id (`s3-bucket-tls-only`). */
export function controlForCheck(checkId: string): ControlEntry | undefined {
  return BY_CHECK.get(checkId);
}

/** The control behind a `NagControl` (`S3_ACCESS_LOGGING`). */
export function controlForNagControl(name: string): ControlEntry | undefined {
  return BY_NAG_CONTROL.get(name);
}

/** `controlForCheck`, failing loudly: every check must resolve to a catalog entry. */
export function requireControlForCheck(checkId: string): ControlEntry {
  const entry = controlForCheck(checkId);
  if (!entry) {
    throw new Error(`Scanner check ${checkId} has no entry in the controls catalog (src/controls/catalog/<service>.ts): add it to the scannerChecks of its control.`);
  }
  return entry;
}

/** `controlForRule`, failing loudly: every rule must resolve to a catalog entry. */
export function requireControlForRule(rule: string): ControlEntry {
  const entry = controlForRule(rule);
  if (!entry) {
    throw new Error(`CompliancePack rule ${rule} has no entry in the controls catalog (src/controls/catalog/<service>.ts): add it to the packRules of its control.`);
  }
  return entry;
}

/** Every finding id of every pack that checks the control: the stock packs' ids, then CompliancePack's. */
export function findingIdsOf(entry: ControlEntry): string[] {
  return [...entry.stockNagRules, ...entry.packRules.map((r) => `CompliancePack-${r}`)];
}

/** The legacy one-line reference (`FSBP S3.5`, `FSBP EC2.8 / EC2.170`), for `CompliancePackRuleInfo.control`. */
export function fsbpLabel(entry: ControlEntry): string | undefined {
  return entry.frameworks.fsbp.length > 0 ? `FSBP ${entry.frameworks.fsbp.join(' / ')}` : undefined;
}

/** The frameworks of a catalog entry as the public struct (mutable copies). */
export function frameworksOf(entry: ControlEntry): ControlFrameworks {
  const f = entry.frameworks;
  return {
    fsbp: [...f.fsbp],
    cis: [...f.cis],
    nist80053r5: [...f.nist80053r5],
    pciDss321: [...f.pciDss321],
    pciDss40: [...f.pciDss40],
    hipaa: [...f.hipaa],
  };
}
