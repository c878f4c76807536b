/**
 * Write the generated documents: RULES.md (from the CompliancePack rules' metadata),
 * docs/controls.md (the controls catalog) and the check table and IAM actions of docs/scanner.md.
 *
 *   npx ts-node --project tsconfig.dev.json scripts/rules-md.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { generatedDocuments, ROOT } from './generated-docs';

for (const [file, content] of generatedDocuments()) {
  const target = path.join(ROOT, file);
  fs.writeFileSync(target, content);
  console.log(`wrote ${target}`);
}
