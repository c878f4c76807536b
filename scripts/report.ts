/**
 * The main job: synthesize the three reference apps (examples/<app>/typescript), each with every
 * cdk-nag pack registered as a validation plugin, and print per app its stacks, their resource counts
 * and the per-pack summary of unacknowledged findings. Exits 1 if any app has a finding or fails to
 * synthesize. The templates stay in examples/<app>/typescript/cdk.out for `npx projen validate`.
 * Each app's findings are also written as SARIF 2.1.0 (for code scanning; locations relative to the
 * repository root), JUnit XML and CSV, acknowledged findings included with their reasons, to
 * test-reports/nag/<app>.sarif, <app>.junit.xml and <app>.csv.
 *
 * The task builds the Lambda bundles first (`bundle`). Run on its own without them, or when an app
 * fails to synthesize for any other reason than the packs' findings, it prints one line saying what
 * failed and exits 1: the findings of a half-built app would be artefacts, not findings.
 *
 *   npx projen report
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack } from 'aws-cdk-lib';
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
/** Where each app's SARIF, JUnit and CSV files are written. */
export const NAG_REPORTS_DIR = path.join(root, 'test-reports', 'nag');
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

const GUARD_PLUGIN = 'cdk-validator-cfnguard';

/**
 * The cfn-guard plugin's violations, one line each, from the validation report aws-cdk-lib writes into
 * the cloud assembly when a plugin reports any (none written: none reported).
 */
export function guardViolations(outdir: string): string[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) {
    return [];
  }
  const reports: any[] = JSON.parse(fs.readFileSync(file, 'utf8')).pluginReports ?? [];
  return reports.filter((r) => r.pluginName === GUARD_PLUGIN).flatMap((r) => (r.violations ?? []).flatMap((v: any) =>
    (v.violatingConstructs ?? []).map((c: any) => `${v.ruleName} at ${c.constructPath ?? c.cloudFormationResource?.logicalId}: ${String(v.description).trim().split('\n')[0]}`)));
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
    // The packs, and AWS Control Tower's proactive controls (cfn-guard) honouring the library's suppressions.
    NagReport.enforce(app, packs, [new CfnGuardValidator()]);
    console.log(`${label}: synthesizing ${stacks.length} stack(s) with ${packs.length} packs (${packs.map((p) => p.readPackName).join(', ')}) and ${GUARD_PLUGIN}`);
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
  const out = path.join(NAG_REPORTS_DIR, spec.name);
  report.writeSarif(`${out}.sarif`, { templateDirectory: path.relative(root, outdir) });
  report.writeJunit(`${out}.junit.xml`);
  report.writeCsv(`${out}.csv`);

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
  console.log(`    ${report.acknowledged.length} acknowledged finding(s); SARIF, JUnit and CSV in ${path.relative(process.cwd(), NAG_REPORTS_DIR)}/${spec.name}.*`);
  const guard = guardViolations(outdir);
  console.log(`    ${GUARD_PLUGIN} (AWS Control Tower proactive controls): ${guard.length} unsuppressed violation(s)`);
  for (const line of guard) {
    console.log(`      ${line}`);
  }
  console.log('');
  return { name: spec.name, findings: report.findings.length + guard.length, failure: failureLine, built: true };
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
