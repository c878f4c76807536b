/**
 * The data paths of the three reference apps: every one is allowed (none denied, none left to
 * deploy time), and every evaluation agrees with iam-simulate.
 */
import { App, Stack } from 'aws-cdk-lib';
import { buildAuditingSystemApp } from '../../../examples/auditing-system/typescript/app';
import { buildBatchProcessingApp } from '../../../examples/batch-processing/typescript/app';
import { buildComplianceScannerApp } from '../../../examples/compliance-scanner/typescript/app';
import { describePath, PathModel } from '../../../src/nag/paths';
import { withIndex } from '../../../src/nag/private/context';
import { observeEvaluations, PolicyDecision, PolicyRequest } from '../../../src/policy/evaluate';
import { disagreements } from '../../policy/reference';

const APPS: Array<[string, (app: App) => Stack[], number]> = [
  ['compliance-scanner', buildComplianceScannerApp, 20],
  ['auditing-system', buildAuditingSystemApp, 50],
  ['batch-processing', buildBatchProcessingApp, 60],
];

test.each(APPS)('%s: every data path is allowed, as iam-simulate agrees', async (_name, build, atLeast) => {
  const evaluations: Array<[PolicyRequest, PolicyDecision]> = [];
  const app = new App();
  build(app);
  app.synth();
  observeEvaluations((request, decision) => evaluations.push([request, decision]));
  let model: PathModel;
  try {
    model = withIndex(app, () => PathModel.ofTree(app));
  } finally {
    observeEvaluations(undefined);
  }
  expect(model.paths.length).toBeGreaterThanOrEqual(atLeast);
  expect(model.paths.filter((p) => p.result.decision !== 'allowed').map(describePath)).toEqual([]);
  expect(await disagreements(evaluations)).toEqual([]);
}, 180_000);
