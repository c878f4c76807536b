/**
 * Compiles every TypeScript example of the jsii assembly (the README's `ts` blocks and the
 * `@example` docstrings) with jsii-rosetta in strict mode and translates it to the other jsii
 * languages. Any snippet that does not compile fails the run; then the counts are printed.
 *
 * Run after `jsii` (it reads `.jsii`); writes the translations to `.jsii.tabl.json` next to it,
 * where jsii-pacmak picks them up for the Python and Java packages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const assembly = join(root, '.jsii');
const tablet = join(root, '.jsii.tabl.json');
/** The languages our packages ship in, besides TypeScript. */
const SHIPPED = ['python', 'java'];

interface TabletSnippet {
  readonly location: { readonly api: { readonly api: string } };
  readonly didCompile?: boolean;
  readonly translations: Record<string, { readonly source: string }>;
}

if (!existsSync(assembly)) {
  console.error('rosetta: .jsii not found; compile first (npx projen compile)');
  process.exit(1);
}

// A tablet left by an earlier run would be reused as a cache: start from nothing, so that every
// snippet is compiled by this run.
rmSync(tablet, { force: true });

const started = process.hrtime.bigint();
const rosetta = spawnSync(join(root, 'node_modules', '.bin', 'jsii-rosetta'), ['extract', '--strict', assembly], {
  cwd: root,
  stdio: 'inherit',
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (rosetta.status !== 0) {
  console.error(`rosetta: strict extract failed after ${seconds.toFixed(1)}s (exit ${rosetta.status ?? rosetta.signal})`);
  process.exit(1);
}

const snippets: TabletSnippet[] = Object.values(JSON.parse(readFileSync(tablet, 'utf-8')).snippets);
const readme = snippets.filter((s) => s.location.api.api === 'moduleReadme').length;
const compiled = snippets.filter((s) => s.didCompile === true).length;
const perLanguage = SHIPPED.map((lang) => `${lang} ${snippets.filter((s) => s.translations[lang]?.source).length}`);
console.log(
  `rosetta: ${snippets.length} snippets (README ${readme}, docstrings ${snippets.length - readme}), ` +
  `${compiled} compiled in strict mode, translated: ${perLanguage.join(', ')}; ${seconds.toFixed(1)}s`,
);
const failures = snippets.length - compiled;
const untranslated = SHIPPED.some((lang) => snippets.some((s) => !s.translations[lang]?.source));
if (snippets.length === 0 || failures > 0 || untranslated) {
  console.error(`rosetta: ${failures} snippets did not compile${untranslated ? ', some were not translated' : ''}`);
  process.exit(1);
}
