/**
 * The main job: synthesize the three reference apps (examples/<app>/typescript), each with every
 * cdk-nag pack registered as a validation plugin, and print per app its stacks, their resource counts
 * and the per-pack summary of unacknowledged findings. Exits 1 if any app has a finding or fails to
 * synthesize. The templates stay in examples/<app>/typescript/cdk.out for `npx projen validate`.
 *
 * The task builds the Lambda bundles first (`bundle`). Run on its own without them, or when an app
 * fails to synthesize for any other reason than the packs' findings, it prints one line saying what
 * failed and exits 1: the findings of a half-built app would be artefacts, not findings.
 *
 *   npx projen report
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { buildAuditingSystemApp } from '../examples/auditing-system/typescript/app';
import { buildBatchProcessingApp } from '../examples/batch-processing/typescript/app';
import { buildComplianceScannerApp } from '../examples/compliance-scanner/typescript/app';
import { buildOrganizationScannerApp } from '../examples/organization-scanner/typescript/app';
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
  { name: 'organization-scanner', seed: 'none, organization scale', build: buildOrganizationScannerApp },
];

const root = path.join(__dirname, '..');
/**
 * How aws-cdk-lib's error ends when validation plugins (here: the packs) report violations, as opposed
 * to an app that does not build (a construct's error, a missing asset, ...).
 */
const PLUGINS_FAILED = /A copy of this report can be found in: /;
const seconds = (from: number) => `${((Date.now() - from) / 1000).toFixed(1)}s`;

interface AppResult {
  readonly name: string;
  /** Unacknowledged findings of every pack. */
  readonly findings: number;
  /** Why synthesis failed (a pack finding fails it too), if it did. */
  readonly failure?: string;
  /** Whether the app was built, so that the packs' findings mean something. */
  readonly built: boolean;
}

/**
 * The Lambda bundles the constructs point their functions at (`assets/<path>.lambda/index.js`, one per
 * `src/<path>.lambda.ts`, written by `npx projen bundle`) that are missing under `rootDir`.
 */
export function missingBundles(rootDir: string = root): string[] {
  const missing: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(file);
      } else if (entry.name.endsWith('.lambda.ts')) {
        const bundle = path.join('assets', path.relative(path.join(rootDir, 'src'), file).replace(/\.ts$/, ''), 'index.js');
        if (!fs.existsSync(path.join(rootDir, bundle))) missing.push(bundle);
      }
    }
  };
  walk(path.join(rootDir, 'src'));
  return missing.sort();
}

/**
 * Whether `app.synth()` failed because validation plugins (the packs) reported violations, rather than
 * because the app does not build: only then are the packs' findings findings.
 */
export function isPacksVerdict(error: unknown): boolean {
  return PLUGINS_FAILED.test(error instanceof Error ? error.message : String(error));
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
  const failureLine = failure === undefined ? undefined : (failure instanceof Error ? failure.message : String(failure)).split('\n')[0];
  if (failure !== undefined && !isPacksVerdict(failure)) {
    // Not the packs' verdict: the app did not build, so whatever the packs saw of it means nothing.
    console.log(`${label}: synthesis FAILED after ${seconds(started)}: ${failureLine}`);
    console.log('');
    return { name: spec.name, findings: 0, failure: failureLine, built: false };
  }
  const report = NagReport.collect(app, packs);

  console.log(failure === undefined
    ? `${label}: synthesized to ${path.relative(process.cwd(), outdir)} in ${seconds(started)}`
    : `${label}: synthesis FAILED after ${seconds(started)}: the packs report findings`);
  for (const stack of stacks) {
    const templateFile = path.join(outdir, stack.templateFile);
    const resources = fs.existsSync(templateFile)
      ? Object.keys(JSON.parse(fs.readFileSync(templateFile, 'utf8')).Resources ?? {}).length
      : stack.node.findAll().filter((c) => (c as any).cfnResourceType !== undefined).length;
    console.log(`    stack ${stack.stackName}: ${resources} CloudFormation resources`);
  }
  console.log(report.summary().split('\n').map((line) => `    ${line}`).join('\n'));
  console.log('');
  return { name: spec.name, findings: report.findings.length, failure: failureLine, built: true };
}

function main(): number {
  const missing = missingBundles();
  if (missing.length > 0) {
    console.error(`report: missing the Lambda bundle${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; build ${missing.length > 1 ? 'them' : 'it'} with 'npx projen bundle' (\`npx projen report\` does that first)`);
    return 1;
  }
  const started = Date.now();
  const results = APPS.map(reportApp);
  console.log(`Summary (${seconds(started)}):`);
  for (const r of results) {
    console.log(r.built
      ? `  ${r.name.padEnd(20)} ${r.findings} unacknowledged finding(s)${r.failure ? '; synthesis FAILED' : ''}`
      : `  ${r.name.padEnd(20)} did not synthesize: ${r.failure}`);
  }
  const ok = results.every((r) => r.findings === 0 && r.failure === undefined);
  console.log(ok ? 'report: every app synthesized with zero findings in every pack' : 'report: FAILED (see above)');
  return ok ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = main();
}
