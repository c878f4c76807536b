/**
 * Documents generated from the controls catalog: docs/controls.md (the crosswalk) and the check
 * table and IAM action list of docs/scanner.md. `scripts/rules-md.ts` writes them with RULES.md;
 * a test fails when a checked-in copy differs.
 */
import { ControlEntry, CONTROLS } from './catalog';
import { controlForCheck } from './index';

/** What the check table needs of a scanner check (the runtime's `Check`, without importing it). */
export interface CheckRow {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly category: string;
  readonly resourceType: string;
}

const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (ids: readonly string[]) => (ids.length === 0 ? '-' : ids.map((i) => `\`${i}\``).join('<br>'));
const plain = (ids: readonly string[]) => (ids.length === 0 ? '-' : ids.join(', '));

function constructs(entry: ControlEntry): string {
  if (entry.enforcedBy.length === 0) {
    return '-';
  }
  return entry.enforcedBy.map((e) => (e.weakenedBy ? `${e.construct} (weakened by \`${e.weakenedBy}\`)` : e.construct)).join('<br>');
}

/** docs/controls.md: construct × control × nag rule × scanner check × framework ids. */
export function renderControlsMarkdown(controls: readonly ControlEntry[] = CONTROLS): string {
  const lines = [
    '# Controls',
    '',
    '<!-- Generated from src/controls/catalog.ts by `npx ts-node --project tsconfig.dev.json scripts/rules-md.ts`. Do not edit. -->',
    '',
    'One id per control. A construct enforces it at synth time, CompliancePack and the stock cdk-nag',
    'packs check it at synth time, and a ComplianceScanner check verifies it in the live account, all',
    'under this id (`ComplianceControls.byId(id)`; `NagControl` acknowledges it in every pack). Ids',
    'are FSBP\'s where AWS Foundational Security Best Practices has the control, else',
    '`<Service>.<What>`. A prop named under "enforced by" weakens the default and adds a synth warning.',
    '',
    `${controls.length} controls; ${controls.filter((c) => c.scannerChecks.length > 0).length} verified at run time.`,
    '',
    '| control | title | severity | enforced by | CompliancePack rule | stock cdk-nag rules | scanner check | FSBP | CIS v3.0 | NIST 800-53 r5 | PCI DSS 3.2.1 | PCI DSS 4.0.1 | HIPAA |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of controls) {
    const f = c.frameworks;
    lines.push(`| \`${c.id}\` | ${escape(c.title)} | ${c.severity} | ${constructs(c)} | ${code(c.packRules.map((r) => `CompliancePack-${r}`))} | ${code(c.stockNagRules)} | `
      + `${code(c.scannerChecks.map((k) => k.id))} | ${plain(f.fsbp)} | ${plain(f.cis)} | ${plain(f.nist80053r5)} | ${plain(f.pciDss321)} | ${plain(f.pciDss40)} | ${plain(f.hipaa)} |`);
  }
  return lines.join('\n') + '\n';
}

/** The check table of docs/scanner.md. */
export function renderCheckTable(checks: readonly CheckRow[]): string {
  const lines = [
    '| id | control | severity | category | resource type | FSBP | CIS | what it checks | compliant when |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const check of [...checks].sort((a, b) => a.id.localeCompare(b.id))) {
    const entry = controlForCheck(check.id);
    const accepts = entry?.scannerChecks.find((k) => k.id === check.id)?.compliantWhen ?? '-';
    lines.push(`| \`${check.id}\` | ${entry ? `\`${entry.id}\`` : '-'} | ${check.severity} | ${check.category} | ${check.resourceType} | `
      + `${plain(entry?.frameworks.fsbp ?? [])} | ${plain(entry?.frameworks.cis ?? [])} | ${escape(check.title)} | ${escape(accepts)} |`);
  }
  return lines.join('\n');
}

const BEGIN = (name: string) => `<!-- generated:${name} (scripts/rules-md.ts; do not edit) -->`;
const END = (name: string) => `<!-- /generated:${name} -->`;

/** `text` with the generated section `name` replaced by `body`; an error when the markers are missing. */
export function replaceSection(text: string, name: string, body: string): string {
  const begin = text.indexOf(BEGIN(name));
  const end = text.indexOf(END(name));
  if (begin < 0 || end < begin) {
    throw new Error(`The generated section ${name} is missing: put ${BEGIN(name)} and ${END(name)} around it.`);
  }
  return `${text.slice(0, begin)}${BEGIN(name)}\n${body}\n${text.slice(end)}`;
}
