import { NagMessageLevel } from 'cdk-nag';
import { FRAMEWORKS } from '../../controls';
import { ControlFrameworks } from '../../controls/compliance-controls';
import { CompliancePackRuleInfo } from '../compliance-pack';

/**
 * RULES.md, generated from the rules' own metadata and their controls catalog entries.
 * `scripts/rules-md.ts` writes it; a test fails when the checked-in file differs, so it cannot
 * drift from the code.
 */
export function renderRulesMarkdown(rules: CompliancePackRuleInfo[]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# CompliancePack rules',
    '',
    '<!-- Generated from the rules\' metadata by `npx ts-node --project tsconfig.dev.json scripts/rules-md.ts`. Do not edit. -->',
    '',
    'Add the pack with `Validations.of(app).addPlugins(new CompliancePack(app))`. Finding ids are',
    '`CompliancePack-<rule>`; rules that report several findings per resource add `[<detail>]`.',
    'ERROR rules are security defects, WARN rules hygiene. Choose rules and levels with the `rules`,',
    '`disabledRules` and `ruleLevels` props; add your own with `additionalRules`.',
    '',
    `${rules.length} rules.`,
    '',
    'The control column is the id of the rule\'s control in the controls catalog (docs/controls.md),',
    'shared with the ComplianceScanner check that verifies it in the account.',
    '',
    '| id | level | resources | what | why | control | frameworks |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rules) {
    const level = r.level === NagMessageLevel.ERROR ? 'ERROR' : r.level === NagMessageLevel.WARN ? 'WARN' : 'INFO';
    lines.push(`| \`${r.id}\` | ${level} | ${r.resourceTypes.map((t) => `\`${t}\``).join('<br>')} | ${escape(r.info)} | ${escape(r.explanation)} | ${r.controlId ? `\`${r.controlId}\`` : '-'} | ${escape(frameworkText(r.frameworks))} |`);
  }
  return lines.join('\n') + '\n';
}

/** `FSBP S3.5; CIS 2.1.1; NIST SC-8, ...` (frameworks with no requirement left out). */
export function frameworkText(f: ControlFrameworks | undefined): string {
  if (!f) {
    return '-';
  }
  const text = FRAMEWORKS.filter((fw) => f[fw.key].length > 0).map((fw) => `${fw.label} ${f[fw.key].join(', ')}`).join('; ');
  return text === '' ? '-' : text;
}
