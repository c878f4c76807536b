/**
 * The main job: synthesize the three reference apps (examples/<app>/typescript), each with every
 * cdk-nag pack registered as a validation plugin, and print per app its stacks, their resource counts
 * and the per-pack summary of unacknowledged findings. Exits 1 if any app has a finding or fails to
 * synthesize. The templates stay in examples/<app>/typescript/cdk.out for `npx projen validate`.
 *
 *   npx projen report
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { buildAuditingSystemApp } from '../examples/auditing-system/typescript/app';
import { buildBatchProcessingApp } from '../examples/batch-processing/typescript/app';
import { buildComplianceScannerApp } from '../examples/compliance-scanner/typescript/app';
import { NagReport } from '../src';

interface ReferenceApp {
  readonly name: string;
  readonly seed: string;
  readonly build: (app: App) => Stack[];
}

const APPS: ReferenceApp[] = [
  { name: 'compliance-scanner', seed: '000_8539daffd67ca827', build: buildComplianceScannerApp },
  { name: 'auditing-system', seed: '002_d92724b23843a58b', build: (app) => buildAuditingSystemApp(app) },
  { name: 'batch-processing', seed: '004_5b6328fd8d3c63a0', build: buildBatchProcessingApp },
];

const root = path.join(__dirname, '..');
const seconds = (from: number) => `${((Date.now() - from) / 1000).toFixed(1)}s`;

interface AppResult {
  readonly name: string;
  /** Unacknowledged findings of every pack. */
  readonly findings: number;
  /** Why synthesis failed (a pack finding fails it too), if it did. */
  readonly failure?: string;
}

/** Synthesize one app with every pack and print what it holds and what the packs found. */
function reportApp(spec: ReferenceApp, index: number): AppResult {
  const outdir = path.join(root, 'examples', spec.name, 'typescript', 'cdk.out');
  const label = `[${index + 1}/${APPS.length}] ${spec.name}`;
  const started = Date.now();
  // A fresh directory: the validators read every template in it, and a stale one would be checked too.
  fs.rmSync(outdir, { recursive: true, force: true });
  console.log(`${label} (seed ${spec.seed}): building the constructs`);

  const app = new App({ outdir });
  let stacks: Stack[] = [];
  let failure: unknown;
  const packs = NagReport.allPacks();
  try {
    stacks = spec.build(app);
    Validations.of(app).addPlugins(...packs);
    console.log(`${label}: synthesizing ${stacks.length} stack(s) with ${packs.length} packs (${packs.map((p) => p.readPackName).join(', ')})`);
    app.synth();
  } catch (error) {
    failure = error;
  }
  const report = NagReport.collect(app, packs);

  console.log(failure === undefined
    ? `${label}: synthesized to ${path.relative(process.cwd(), outdir)} in ${seconds(started)}`
    : `${label}: synthesis FAILED after ${seconds(started)}: ${failure instanceof Error ? failure.message : String(failure)}`);
  for (const stack of stacks) {
    const templateFile = path.join(outdir, stack.templateFile);
    const resources = fs.existsSync(templateFile)
      ? Object.keys(JSON.parse(fs.readFileSync(templateFile, 'utf8')).Resources ?? {}).length
      : stack.node.findAll().filter((c) => (c as any).cfnResourceType !== undefined).length;
    console.log(`    stack ${stack.stackName}: ${resources} CloudFormation resources`);
  }
  console.log(report.summary().split('\n').map((line) => `    ${line}`).join('\n'));
  console.log('');
  return {
    name: spec.name,
    findings: report.findings.length,
    failure: failure === undefined ? undefined : (failure instanceof Error ? failure.message : String(failure)).split('\n')[0],
  };
}

function main(): number {
  const started = Date.now();
  const results = APPS.map(reportApp);
  console.log(`Summary (${seconds(started)}):`);
  for (const r of results) {
    console.log(`  ${r.name.padEnd(20)} ${r.findings} unacknowledged finding(s)${r.failure ? `; synthesis FAILED: ${r.failure}` : ''}`);
  }
  const ok = results.every((r) => r.findings === 0 && r.failure === undefined);
  console.log(ok ? 'report: every app synthesized with zero findings in every pack' : 'report: FAILED (see above)');
  return ok ? 0 : 1;
}

process.exitCode = main();
