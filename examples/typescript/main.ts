/**
 * The main job: synthesize the reference app with every cdk-nag pack registered, then print a
 * per-pack summary of the unacknowledged findings. Exits 1 if there is any finding or synth fails.
 *
 *   npx projen report
 */
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { buildReferenceApp } from './reference-app';
import { NagReport } from '../../src';

function main(): number {
  const outdir = path.join(__dirname, 'cdk.out');
  const app = new App({ outdir });
  const started = Date.now();
  const stacks = buildReferenceApp(app);

  // How a user registers the packs: each becomes a validation plugin that fails `cdk synth` on a finding.
  const packs = NagReport.standardPacks();
  Validations.of(app).addPlugins(...packs);

  let synthError: unknown;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  const report = NagReport.collect(app, packs);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  console.log(`Reference app: ${stacks.length} stack(s), synthesized to ${path.relative(process.cwd(), outdir)} in ${seconds}s`);
  for (const stack of stacks) {
    const resources = stack.node.findAll().filter((c) => (c as any).cfnResourceType !== undefined).length;
    console.log(`  ${stack.stackName}: ${resources} CloudFormation resources`);
  }
  console.log('');
  console.log(report.summary());
  if (synthError) {
    console.error(`\nSynthesis failed: ${synthError instanceof Error ? synthError.message : String(synthError)}`);
    return 1;
  }
  return report.findings.length === 0 ? 0 : 1;
}

process.exitCode = main();
