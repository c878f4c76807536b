import * as fs from 'fs';
import * as path from 'path';
import { CompliancePack } from '../../src';
import { renderRulesMarkdown } from '../../src/nag/private/rules-markdown';

test('RULES.md is current (regenerate with scripts/rules-md.ts)', () => {
  const checkedIn = fs.readFileSync(path.join(__dirname, '../../RULES.md'), 'utf-8');
  expect(checkedIn).toEqual(renderRulesMarkdown(CompliancePack.ruleCatalog()));
});

test('RULES.md lists every rule with its control', () => {
  const text = renderRulesMarkdown(CompliancePack.ruleCatalog());
  for (const rule of CompliancePack.ruleCatalog()) {
    const line = text.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
    expect(line).toBeDefined();
    expect(line).toContain(`\`${rule.controlId}\``);
  }
});
