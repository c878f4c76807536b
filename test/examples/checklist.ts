/**
 * What the seed checklists share: the seed reviews' numbered failures, the reference apps' synthesized
 * templates in every language under test, and small readers of CloudFormation JSON.
 *
 * The TypeScript app is synthesized in-process; every other language listed in `EXAMPLE_LANGUAGES`
 * (comma list: `python`, `java`) is read from `examples/<app>/<language>/cdk.out`, written by
 * `npx projen examples:<language>`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { buildAuditingSystemApp } from '../../examples/auditing-system/typescript/app';
import { buildBatchProcessingApp } from '../../examples/batch-processing/typescript/app';
import { buildComplianceScannerApp } from '../../examples/compliance-scanner/typescript/app';
import { NagFinding, NagReport } from '../../src';
import { formatFindings } from '../nag-helper';

export const REPO_ROOT = path.join(__dirname, '..', '..');

/** The reference apps, by directory name under `examples/`. */
export type AppName = 'compliance-scanner' | 'auditing-system' | 'batch-processing';

const BUILDERS: Record<AppName, (app: App) => Stack[]> = {
  'compliance-scanner': buildComplianceScannerApp,
  'auditing-system': (app) => buildAuditingSystemApp(app),
  'batch-processing': buildBatchProcessingApp,
};

/**
 * Languages each app exists in beyond TypeScript: when such a language is listed in
 * `EXAMPLE_LANGUAGES`, a missing `cdk.out` fails the checklist.
 */
const REQUIRED_PORTS: Record<AppName, string[]> = {
  'compliance-scanner': ['python', 'java'],
  'auditing-system': ['python', 'java'],
  'batch-processing': ['python', 'java'],
};

const KNOWN_LANGUAGES = ['typescript', 'python', 'java'];

// ---------------------------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------------------------

/**
 * The directory of the seed reviews: `../shared/seeds` beside the repository (as CI lays it out),
 * or beside one of its parents (a worktree of the repository).
 */
export function seedDir(): string {
  const tried: string[] = [];
  for (let dir = REPO_ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(path.dirname(dir), 'shared', 'seeds');
    tried.push(candidate);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`seed reviews not found; looked in ${tried.join(', ')}`);
    }
  }
}

/** The numbers of the failures a seed review lists (`### <n>. <title>` headings), in order. */
export function seedNumbers(stem: string): number[] {
  const text = fs.readFileSync(path.join(seedDir(), `${stem}.txt`), 'utf8');
  return [...text.matchAll(/^###\s+(\d+)\.\s/gm)].map((m) => Number(m[1]));
}

/** One numbered failure: an assertion on the app's templates. */
export interface ChecklistItem {
  readonly title: string;
  readonly check: (app: SynthesizedApp) => void;
}

/**
 * Register the checklist of one seed: one test per item, named `<stem> #<n> <title>`, for every
 * language under test; and one test that every number of the seed is covered exactly once.
 */
export function seedChecklist(
  stem: string,
  appName: AppName,
  items: Record<number, ChecklistItem>,
  notApplicable: Record<number, string>,
): void {
  test(`${stem}: every numbered failure is an assertion or a written not-applicable reason, exactly once`, () => {
    const numbers = seedNumbers(stem);
    expect(numbers.length).toBeGreaterThan(0);
    // The review numbers its failures 1..N without gaps or repeats.
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const asserted = Object.keys(items).map(Number);
    const excused = Object.keys(notApplicable).map(Number);
    expect(asserted.filter((n) => excused.includes(n))).toEqual([]);
    expect([...asserted, ...excused].sort((a, b) => a - b)).toEqual(numbers);
    for (const [n, reason] of Object.entries(notApplicable)) {
      expect(`#${n}: ${reason}`).toMatch(/^#\d+: \S.{40,}/);
    }
  });

  if (Object.keys(notApplicable).length > 0) {
    test(`${stem}: not applicable to a CDK library`, () => {
      const table = Object.entries(notApplicable).map(([n, reason]) => `${stem} #${n}: ${reason}`);
      console.log(`Not applicable:\n${table.join('\n')}`);
      expect(table.length).toBe(Object.keys(notApplicable).length);
    });
  }

  // The in-process assemblies are temporary directories (with copies of the Lambda bundles).
  afterAll(() => {
    for (const [key, synth] of cache) {
      if (synth.language === 'typescript') {
        fs.rmSync(synth.outdir, { recursive: true, force: true });
        cache.delete(key);
      }
    }
  });

  describe.each(languagesFor(appName))(`%s ${appName}`, (language) => {
    let app: SynthesizedApp;
    beforeAll(() => {
      app = synthesized(appName, language);
    }, 300_000);
    for (const [n, item] of Object.entries(items)) {
      test(`${stem} #${n} ${item.title}`, () => item.check(app));
    }
    test(`${appName}: zero unacknowledged findings with all six packs`, () => {
      if (app.cdkApp) {
        expect(formatFindings(appFindings(app))).toEqual([]);
      } else {
        // Synthesized with the packs as validation plugins: a finding would be in the assembly's validation report.
        expect(packViolationsInAssembly(app)).toEqual([]);
      }
    });
  });
}

/**
 * Assert that a checklist item fails on the app's template changed back to the seed's failure: the
 * check is not one that cannot fail.
 */
export function expectCheckToCatch(item: ChecklistItem, app: SynthesizedApp, reintroduce: (template: TemplateJson) => void): void {
  // The unchanged template passes...
  item.check(app);
  // ...and the same template with the failure put back does not.
  const template: TemplateJson = JSON.parse(JSON.stringify(app.template));
  reintroduce(template);
  const broken: SynthesizedApp = { ...app, template, templates: { [Object.keys(app.templates)[0]]: template } };
  expect(() => item.check(broken)).toThrow();
}

// ---------------------------------------------------------------------------------------------
// Apps and templates
// ---------------------------------------------------------------------------------------------

/** A CloudFormation template as JSON. */
export type TemplateJson = { Resources: Record<string, any>; Outputs?: Record<string, any>; Parameters?: Record<string, any> };

/** One synthesized reference app in one language. */
export interface SynthesizedApp {
  readonly name: AppName;
  readonly language: string;
  /** The cloud assembly directory (templates and staged assets). */
  readonly outdir: string;
  /** Templates by stack (file) name without `.template.json`. */
  readonly templates: Record<string, TemplateJson>;
  /** The one stack of the app (every reference app has exactly one). */
  readonly template: TemplateJson;
  /** The app's construct tree, when synthesized in-process (TypeScript). */
  readonly cdkApp?: App;
}

/**
 * The languages to check: those listed in `EXAMPLE_LANGUAGES` (e.g. `python,java`, after the
 * Python and Java apps were synthesized), or TypeScript alone when it is unset.
 */
export function languagesFor(appName: AppName): string[] {
  const listed = (process.env.EXAMPLE_LANGUAGES || 'typescript').split(',').map((l) => l.trim().toLowerCase()).filter((l) => l);
  const unknown = listed.filter((l) => !KNOWN_LANGUAGES.includes(l));
  if (unknown.length > 0) {
    throw new Error(`EXAMPLE_LANGUAGES lists unknown language(s) ${unknown.join(', ')}; known: ${KNOWN_LANGUAGES.join(', ')}`);
  }
  return listed.filter((l) => l === 'typescript' || REQUIRED_PORTS[appName].includes(l) || fs.existsSync(path.join(REPO_ROOT, 'examples', appName, l)));
}

const cache = new Map<string, SynthesizedApp>();

/** The app synthesized in one language (TypeScript in-process with every pack, others from their cdk.out). */
export function synthesized(appName: AppName, language: string): SynthesizedApp {
  const key = `${appName}/${language}`;
  let result = cache.get(key);
  if (!result) {
    result = language === 'typescript' ? synthesizeTypeScript(appName) : readCloudAssembly(appName, language);
    cache.set(key, result);
  }
  return result;
}

function synthesizeTypeScript(appName: AppName): SynthesizedApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${appName}-`));
  const cdkApp = new App({ outdir });
  const stacks = BUILDERS[appName](cdkApp);
  Validations.of(cdkApp).addPlugins(...NagReport.allPacks());
  cdkApp.synth();
  const templates = readTemplates(outdir);
  return { name: appName, language: 'typescript', outdir, templates, template: only(templates, stacks.map((s) => s.stackName)), cdkApp };
}

function readCloudAssembly(appName: AppName, language: string): SynthesizedApp {
  const outdir = path.join(REPO_ROOT, 'examples', appName, language, 'cdk.out');
  const templates = fs.existsSync(outdir) ? readTemplates(outdir) : {};
  if (Object.keys(templates).length === 0) {
    throw new Error(`${path.relative(REPO_ROOT, outdir)} has no templates: EXAMPLE_LANGUAGES lists ${language}; run \`npx projen examples:${language}\` first to synthesize the ${language} apps`);
  }
  return { name: appName, language, outdir, templates, template: only(templates) };
}

function readTemplates(outdir: string): Record<string, TemplateJson> {
  const templates: Record<string, TemplateJson> = {};
  for (const file of fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).sort()) {
    templates[file.replace(/\.template\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
  }
  return templates;
}

function only(templates: Record<string, TemplateJson>, expected?: string[]): TemplateJson {
  const names = Object.keys(templates);
  if (names.length !== 1 || (expected && names[0] !== expected[0])) {
    throw new Error(`expected exactly one stack${expected ? ` (${expected.join(', ')})` : ''}, found ${names.join(', ') || 'none'}`);
  }
  return templates[names[0]];
}

/** Unacknowledged findings of every pack (stock packs and CompliancePack) on the in-process app. */
export function appFindings(app: SynthesizedApp): NagFinding[] {
  if (!app.cdkApp) {
    throw new Error('findings need the construct tree: only the TypeScript app is synthesized in-process');
  }
  return NagReport.collect(app.cdkApp, NagReport.allPacks()).findings;
}

/**
 * Violations that cdk-nag packs reported into the cloud assembly's validation report (written when a
 * registered plugin reports anything), as `<plugin> <rule> <path>`. The CloudFormation Validate
 * plugin of aws-cdk-lib is not a pack and is left out.
 */
export function packViolationsInAssembly(app: SynthesizedApp): string[] {
  const file = path.join(app.outdir, 'validation-report.json');
  if (!fs.existsSync(file)) {
    return [];
  }
  const packs = NagReport.allPacks().map((p) => p.readPackName);
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const found: string[] = [];
  for (const plugin of report.pluginReports ?? []) {
    if (!packs.some((p) => plugin.pluginName?.includes(p))) {
      continue;
    }
    for (const v of plugin.violations ?? []) {
      for (const c of v.violatingConstructs ?? []) {
        found.push(`${plugin.pluginName} ${v.ruleName} ${c.constructPath}`);
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Template readers
// ---------------------------------------------------------------------------------------------

/** Resources of a type, by logical id. */
export function resourcesOf(template: TemplateJson, type: string): Record<string, any> {
  return Object.fromEntries(Object.entries(template.Resources).filter(([, r]) => r.Type === type));
}

/** The logical id a `{ Ref }` or `{ Fn::GetAtt }` points to, if the value is one. */
export function refTarget(value: any): string | undefined {
  if (value && typeof value === 'object') {
    if (typeof value.Ref === 'string') {
      return value.Ref;
    }
    if (Array.isArray(value['Fn::GetAtt'])) {
      return value['Fn::GetAtt'][0];
    }
  }
  return undefined;
}

/**
 * The logical id of the resource an output points at: its `Ref` / `Fn::GetAtt`, or, for an ARN built
 * from a resource's literal name (a CloudTrail trail's ARN is formatted from its `TrailName`), the
 * resource whose name the ARN ends with.
 */
export function outputTarget(template: TemplateJson, output: string): string | undefined {
  const value = template.Outputs?.[output]?.Value;
  const direct = refTarget(value);
  if (direct) {
    return direct;
  }
  const text = JSON.stringify(value ?? '');
  return Object.entries(resourcesOf(template, 'AWS::CloudTrail::Trail'))
    .find(([, trail]) => typeof trail.Properties.TrailName === 'string' && text.endsWith(`:trail/${trail.Properties.TrailName}"]]}`))?.[0];
}

/** Every logical id referenced anywhere in a value. */
export function refsIn(value: any): string[] {
  const found: string[] = [];
  const walk = (v: any) => {
    if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      const target = refTarget(v);
      if (target) {
        found.push(target);
      }
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return found;
}

/** A policy statement with `Action` and `Resource` as arrays. */
export interface Statement {
  readonly Effect: string;
  readonly Action: any[];
  readonly Resource: any[];
  readonly Principal?: any;
  readonly Condition?: any;
  readonly Sid?: string;
}

/** The statements of a policy document, always as an array, with `Action` and `Resource` as arrays. */
export function statementsOf(document: any): Statement[] {
  return (document?.Statement ?? []).map((s: any) => ({
    ...s,
    Action: s.Action === undefined ? [] : [].concat(s.Action),
    Resource: s.Resource === undefined ? [] : [].concat(s.Resource),
  }));
}

/** The bundled code of a Lambda function, read from the asset the template points to in the cloud assembly. */
export function functionCode(app: SynthesizedApp, logicalId: string): string {
  const fn = app.template.Resources[logicalId];
  const key: string | undefined = fn?.Properties?.Code?.S3Key;
  if (typeof key !== 'string') {
    throw new Error(`${logicalId} has no asset code (Code: ${JSON.stringify(fn?.Properties?.Code)})`);
  }
  const hash = key.replace(/\.zip$/, '');
  const dir = fs.readdirSync(app.outdir).find((f) => f.startsWith(`asset.${hash}`));
  if (!dir) {
    throw new Error(`asset ${hash} of ${logicalId} is not in ${app.outdir}`);
  }
  const file = path.join(app.outdir, dir, 'index.js');
  return fs.readFileSync(file, 'utf8');
}

/** Assert that bundled code matches each pattern, failing with the pattern rather than the whole bundle. */
export function expectCode(code: string, ...patterns: RegExp[]): void {
  for (const pattern of patterns) {
    expect({ pattern: String(pattern), found: pattern.test(code) }).toEqual({ pattern: String(pattern), found: true });
  }
}

/** The logical id of the only resource of a type whose logical id matches a pattern. */
export function logicalIdOf(template: TemplateJson, type: string, pattern: RegExp): string {
  const ids = Object.keys(resourcesOf(template, type)).filter((id) => pattern.test(id));
  if (ids.length !== 1) {
    throw new Error(`expected one ${type} matching ${pattern}, found ${ids.join(', ') || 'none'}`);
  }
  return ids[0];
}

/** A JSON file of the repository that may start with projen's `// ~~ Generated` comment line. */
export function readJsonWithComments(relativePath: string): any {
  const text = fs.readFileSync(path.join(REPO_ROOT, relativePath), 'utf8');
  return JSON.parse(text.split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n'));
}

/** Names of the tests a test file declares (`test('...'` / `it('...'`). */
export function testNamesIn(relativePath: string): string[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, relativePath), 'utf8');
  return [...text.matchAll(/\b(?:test|it)\(\s*(['"`])(.+?)\1/g)].map((m) => m[2]);
}
