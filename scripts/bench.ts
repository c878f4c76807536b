/**
 * Benchmark (prints numbers, asserts nothing): synth time of the three reference apps
 * (examples/<app>/typescript) with every pack, and the size of the npm tarball.
 *
 *   npx projen bench
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { buildAuditingSystemApp } from '../examples/auditing-system/typescript/app';
import { buildBatchProcessingApp } from '../examples/batch-processing/typescript/app';
import { buildComplianceScannerApp } from '../examples/compliance-scanner/typescript/app';
import { NagReport } from '../src';

/** The reference apps, each synthesized into an app of its own. */
const BUILDERS: Array<(app: App) => Stack[]> = [buildComplianceScannerApp, (app) => buildAuditingSystemApp(app), buildBatchProcessingApp];

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function synthOnce(): { buildMs: number; synthMs: number; nagMs: number; resources: number } {
  const total = { buildMs: 0, synthMs: 0, nagMs: 0, resources: 0 };
  for (const build of BUILDERS) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
    try {
      const t0 = process.hrtime.bigint();
      const app = new App({ outdir });
      build(app);
      const t1 = process.hrtime.bigint();
      const packs = NagReport.allPacks();
      Validations.of(app).addPlugins(...packs);
      app.synth();
      const t2 = process.hrtime.bigint();
      const report = NagReport.collect(app, packs);
      const t3 = process.hrtime.bigint();
      if (report.findings.length > 0) {
        throw new Error(`reference app has ${report.findings.length} findings`);
      }
      const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
      total.buildMs += ms(t0, t1);
      total.synthMs += ms(t1, t2);
      total.nagMs += ms(t2, t3);
      total.resources += app.node.findAll().filter((c) => (c as any).cfnResourceType !== undefined).length;
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  return total;
}

function tarballBytes(): { file: string; bytes: number; unpacked?: number; files?: number } {
  const dist = path.join(__dirname, '..', 'dist', 'js');
  const built = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.endsWith('.tgz')) : [];
  if (built.length > 0) {
    const file = path.join(dist, built[0]);
    return { file: path.relative(process.cwd(), file), bytes: fs.statSync(file).size };
  }
  // Not packaged yet: ask npm what `npm pack` would produce.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: path.join(__dirname, '..'), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'],
  });
  const info = JSON.parse(out)[0];
  return { file: `${info.filename} (dry run)`, bytes: info.size, unpacked: info.unpackedSize, files: info.entryCount };
}

const warm = synthOnce();
const runs = Array.from({ length: RUNS }, () => synthOnce());
console.log(`Reference apps (${BUILDERS.length}): ${warm.resources} CloudFormation resources, ${RUNS} runs after one warm-up (median ms, all apps)`);
console.log(`  build constructs                 ${median(runs.map((r) => r.buildMs)).toFixed(1)}`);
console.log(`  synth with 6 packs as plugins    ${median(runs.map((r) => r.synthMs)).toFixed(1)}`);
console.log(`  NagReport.collect (6 packs)      ${median(runs.map((r) => r.nagMs)).toFixed(1)}`);
console.log(`  total                            ${median(runs.map((r) => r.buildMs + r.synthMs + r.nagMs)).toFixed(1)}`);
const tarball = tarballBytes();
console.log(`npm tarball: ${tarball.file}: ${(tarball.bytes / 1024).toFixed(1)} KiB${tarball.unpacked ? `, ${(tarball.unpacked / 1024).toFixed(1)} KiB unpacked, ${tarball.files} files` : ''}`);
