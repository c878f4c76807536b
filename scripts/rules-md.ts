/**
 * Write RULES.md from the CompliancePack rules' metadata.
 *
 *   npx ts-node --project tsconfig.dev.json scripts/rules-md.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { CompliancePack } from '../src';
import { renderRulesMarkdown } from '../src/nag/private/rules-markdown';

const target = path.join(__dirname, '..', 'RULES.md');
fs.writeFileSync(target, renderRulesMarkdown(CompliancePack.ruleCatalog()));
console.log(`wrote ${target}`);
