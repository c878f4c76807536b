/**
 * Print every data path of the reference apps with its decision (denied and unknown ones first).
 *
 *   npx ts-node --project tsconfig.dev.json scripts/paths-report.ts [all]
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { buildAuditingSystemApp } from '../examples/auditing-system/typescript/app';
import { buildBatchProcessingApp } from '../examples/batch-processing/typescript/app';
import { buildComplianceScannerApp } from '../examples/compliance-scanner/typescript/app';
import { describePath, PathModel } from '../src/nag/paths';
import { withIndex } from '../src/nag/private/context';

const showAll = process.argv[2] === 'all';

function resources(root: IConstruct): CfnResource[] {
  const out: CfnResource[] = [];
  const visit = (n: IConstruct) => {
    if (CfnResource.isCfnResource(n)) {
      out.push(n);
    }
    n.node.children.forEach(visit);
  };
  visit(root);
  return out;
}

for (const [name, build] of [['compliance-scanner', buildComplianceScannerApp], ['auditing-system', buildAuditingSystemApp], ['batch-processing', buildBatchProcessingApp]] as const) {
  const app = new App();
  (build as (a: App) => Stack[])(app);
  app.synth();
  withIndex(app, () => {
    const model = new PathModel(resources(app));
    const counts: Record<string, number> = {};
    for (const p of model.paths) {
      counts[p.result.decision] = (counts[p.result.decision] ?? 0) + 1;
    }
    console.log(`== ${name}: ${model.paths.length} paths ${JSON.stringify(counts)}`);
    for (const p of model.paths) {
      if (showAll || p.result.decision !== 'allowed') {
        console.log(`  [${p.result.decision}] ${p.family} ${p.judged.node.path}: ${describePath(p)}`);
      }
    }
  });
}
