/**
 * Compare two cloud assemblies (cdk.out directories) structurally: the same stacks, and in each
 * stack the same resources (logical id and type) and the same outputs. Properties that differ are
 * listed too; with `--properties` they count as a difference.
 *
 *   ts-node --project tsconfig.dev.json scripts/compare-cdk-out.ts <cdk.out A> <cdk.out B> [--properties]
 *
 * Exits 1 on any difference, so it can gate the Python and Java versions of a reference app
 * against the TypeScript one.
 */
import * as fs from 'fs';
import * as path from 'path';

interface Template {
  Resources?: Record<string, { Type: string; Properties?: unknown }>;
  Outputs?: Record<string, unknown>;
}

function templates(dir: string): Map<string, Template> {
  const result = new Map<string, Template>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort()) {
    result.set(file, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf-8')));
  }
  if (result.size === 0) {
    throw new Error(`${dir}: no *.template.json (synthesize the app first)`);
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

function main(): number {
  const args = process.argv.slice(2);
  const strictProperties = args.includes('--properties');
  const [left, right] = args.filter((a) => !a.startsWith('--'));
  if (!left || !right) {
    console.error('usage: compare-cdk-out.ts <cdk.out A> <cdk.out B> [--properties]');
    return 2;
  }
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
    ? `${left} and ${right}: same stacks, resources and outputs${propertyNotes.length ? ` (${propertyNotes.length} resource(s) with other properties)` : ''}`
    : `${left} and ${right}: ${failed} difference(s)`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
