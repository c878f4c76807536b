/**
 * The documents generated from the code: RULES.md (the rules' metadata), docs/controls.md (the
 * controls catalog) and the check table and IAM action list of docs/scanner.md (the scanner's
 * checks and the catalog). `scripts/rules-md.ts` writes them; a test fails when one is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CompliancePack } from '../src';
import { renderCheckTable, renderControlsMarkdown, replaceSection } from '../src/controls/docs';
import { renderRulesMarkdown } from '../src/nag/private/rules-markdown';
import { ALL_CHECKS, requiredActions } from '../src/scanner/runtime/checks';

export const ROOT = path.join(__dirname, '..');

/** Each generated document: its path (from the repository root) and its current content. */
export function generatedDocuments(): Array<[string, string]> {
  const scanner = fs.readFileSync(path.join(ROOT, 'docs/scanner.md'), 'utf-8');
  const withChecks = replaceSection(scanner, 'checks', renderCheckTable(ALL_CHECKS));
  const withActions = replaceSection(withChecks, 'actions', requiredActions().map((a) => `\`${a}\``).join(', '));
  return [
    ['RULES.md', renderRulesMarkdown(CompliancePack.ruleCatalog())],
    ['docs/controls.md', renderControlsMarkdown()],
    ['docs/scanner.md', withActions],
  ];
}
