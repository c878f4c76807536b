/**
 * Compare cloud assemblies (cdk.out directories) structurally: the same stacks, and in each stack the
 * same resources (logical id and type) and the same outputs. Resources whose properties differ are
 * listed too; with `--properties` they count as a difference.
 *
 *   ts-node --project tsconfig.dev.json scripts/compare-cdk-out.ts <cdk.out A> <cdk.out B> [--properties]
 *   ts-node --project tsconfig.dev.json scripts/compare-cdk-out.ts --examples [--properties]
 *
 * `--examples` compares every other language's assembly of a reference app
 * (`examples/<app>/<language>/cdk.out`) with the TypeScript one (`examples/<app>/typescript/cdk.out`).
 * Exits 1 on any difference or missing assembly.
 */
import * as fs from 'fs';
import * as path from 'path';

interface Template {
  Resources?: Record<string, { Type: string; Properties?: unknown }>;
  Outputs?: Record<string, unknown>;
}

function templates(dir: string): Map<string, Template> {
  const result = new Map<string, Template>();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  for (const file of files.filter((f) => f.endsWith('.template.json')).sort()) {
    result.set(file, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf-8')));
  }
  if (result.size === 0) {
    throw new Error(`${dir}: no *.template.json (synthesize the app first, e.g. npx ts-node --project tsconfig.dev.json ${path.join(dir, '..', 'app.ts')} for TypeScript)`);
  }
  return result;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stable).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function compare(left: string, right: string, strictProperties: boolean): number {
  const a = templates(left);
  const b = templates(right);
  const differences: string[] = [];
  const propertyNotes: string[] = [];

  for (const file of new Set([...a.keys(), ...b.keys()])) {
    const ta = a.get(file);
    const tb = b.get(file);
    if (!ta || !tb) {
      differences.push(`${file}: only in ${ta ? left : right}`);
      continue;
    }
    const ra = ta.Resources ?? {};
    const rb = tb.Resources ?? {};
    let same = 0;
    for (const id of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      if (!ra[id] || !rb[id]) {
        differences.push(`${file}: resource ${id} (${(ra[id] ?? rb[id]).Type}) only in ${ra[id] ? left : right}`);
      } else if (ra[id].Type !== rb[id].Type) {
        differences.push(`${file}: resource ${id} is ${ra[id].Type} in ${left}, ${rb[id].Type} in ${right}`);
      } else {
        same++;
        if (stable(ra[id].Properties) !== stable(rb[id].Properties)) {
          propertyNotes.push(`${file}: properties of ${id} (${ra[id].Type}) differ`);
        }
      }
    }
    const oa = Object.keys(ta.Outputs ?? {}).sort();
    const ob = Object.keys(tb.Outputs ?? {}).sort();
    for (const o of oa.filter((x) => !ob.includes(x))) differences.push(`${file}: output ${o} only in ${left}`);
    for (const o of ob.filter((x) => !oa.includes(x))) differences.push(`${file}: output ${o} only in ${right}`);
    console.log(`${file}: ${same} resources with the same logical id and type, ${oa.filter((x) => ob.includes(x)).length} common outputs`);
  }

  for (const note of propertyNotes) {
    console.log(`  ${strictProperties ? 'DIFF' : 'note'} ${note}`);
  }
  for (const difference of differences) {
    console.log(`  DIFF ${difference}`);
  }
  const failed = differences.length + (strictProperties ? propertyNotes.length : 0);
  console.log(failed === 0
    ? `${left} and ${right}: same stacks, resources and outputs${propertyNotes.length ? ` (${propertyNotes.length} resource(s) with other properties)` : ', same properties'}`
    : `${left} and ${right}: ${failed} difference(s)`);
  return failed;
}

/** Every `[TypeScript assembly, other language's assembly]` pair under examples/. */
function examplePairs(): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const app of fs.readdirSync('examples').sort()) {
    const appDir = path.join('examples', app);
    if (!fs.statSync(appDir).isDirectory() || !fs.existsSync(path.join(appDir, 'typescript'))) {
      continue;
    }
    for (const language of fs.readdirSync(appDir).sort()) {
      if (language !== 'typescript' && fs.existsSync(path.join(appDir, language, 'cdk.out'))) {
        pairs.push([path.join(appDir, 'typescript', 'cdk.out'), path.join(appDir, language, 'cdk.out')]);
      }
    }
  }
  return pairs;
}

function main(): number {
  const args = process.argv.slice(2);
  const strictProperties = args.includes('--properties');
  const dirs = args.filter((a) => !a.startsWith('--'));
  const pairs: Array<[string, string]> = args.includes('--examples') ? examplePairs() : dirs.length === 2 ? [[dirs[0], dirs[1]]] : [];
  if (pairs.length === 0) {
    console.error(args.includes('--examples')
      ? 'compare-cdk-out: no examples/<app>/<language>/cdk.out besides TypeScript (run examples:python or examples:java first)'
      : 'usage: compare-cdk-out.ts <cdk.out A> <cdk.out B> [--properties] | --examples [--properties]');
    return 2;
  }
  let failed = 0;
  for (const [left, right] of pairs) {
    try {
      failed += compare(left, right, strictProperties);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      failed++;
    }
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
