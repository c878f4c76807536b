import { NagMessageLevel } from 'cdk-nag';
import { CompliancePackRuleInfo } from '../compliance-pack';

/**
 * RULES.md, generated from the rules' own metadata. `scripts/rules-md.ts` writes it; a test fails
 * when the checked-in file differs, so it cannot drift from the code.
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
    '| id | level | resources | what | why | seed failure | control |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rules) {
    const level = r.level === NagMessageLevel.ERROR ? 'ERROR' : r.level === NagMessageLevel.WARN ? 'WARN' : 'INFO';
    lines.push(`| \`${r.id}\` | ${level} | ${r.resourceTypes.map((t) => `\`${t}\``).join('<br>')} | ${escape(r.info)} | ${escape(r.explanation)} | ${escape(r.seed)} | ${escape(r.control ?? '-')} |`);
  }
  return lines.join('\n') + '\n';
}
