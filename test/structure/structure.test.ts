import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// The shape src/ keeps so that a newcomer can find their way (docs/ARCHITECTURE.md): short functions,
// files short enough to read (or saying why not), and top-level folders without import cycles.

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

/** Longest function, method, constructor, accessor or arrow function, in lines (first to last). */
const MAX_FUNCTION_LINES = 80;
/** Longest file, in lines, unless its first comment block has a line `Long file: <why>`. */
const MAX_FILE_LINES = 500;

interface SourceFile {
  /** Relative to the repository, with forward slashes (`src/core/compliance-key.ts`). */
  readonly file: string;
  readonly text: string;
}

function sourceFiles(dir = SRC): SourceFile[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    if (!e.name.endsWith('.ts') || e.name.endsWith('.d.ts')) return [];
    return [{ file: path.relative(ROOT, p).split(path.sep).join('/'), text: fs.readFileSync(p, 'utf8') }];
  }).sort((a, b) => a.file.localeCompare(b.file));
}

const FILES = sourceFiles();

function lineCount(text: string): number {
  return text.replace(/\n$/, '').split('\n').length;
}

/** What a reader would call the function: its name, the variable or property it is assigned to, or `(anonymous)`. */
function functionName(node: ts.FunctionLikeDeclaration): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
    return parent.name.getText();
  }
  return '(anonymous)';
}

interface LongFunction {
  readonly where: string;
  readonly name: string;
  readonly lines: number;
}

function longFunctions(source: SourceFile): LongFunction[] {
  const sf = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > MAX_FUNCTION_LINES) {
        found.push({ where: `${source.file}:${start + 1}`, name: functionName(node as ts.FunctionLikeDeclaration), lines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The lines of the file's first comment block (consecutive comments, wherever the first one is), without comment markers. */
function firstCommentBlock(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const lines: string[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) {
      lines.push(...scanner.getTokenText().split('\n'));
    } else if (token === ts.SyntaxKind.NewLineTrivia || token === ts.SyntaxKind.WhitespaceTrivia || token === ts.SyntaxKind.ShebangTrivia) {
      continue;
    } else if (lines.length > 0) {
      break;
    }
  }
  return lines.map((l) => l.trim().replace(/^(\/\*\*?|\/\/+|\*\/|\*)\s*/, '').replace(/\s*\*\/$/, '').trim());
}

describe('src/ stays readable', () => {
  test(`no function is longer than ${MAX_FUNCTION_LINES} lines`, () => {
    const offenders = FILES.flatMap(longFunctions).sort((a, b) => b.lines - a.lines);
    const report = offenders.map((o) => `${o.where} ${o.name}: ${o.lines} lines`);
    if (report.length > 0) {
      console.log(`${report.length} functions longer than ${MAX_FUNCTION_LINES} lines:\n${report.join('\n')}`);
    }
    expect(report).toEqual([]);
  });

  test(`no file is longer than ${MAX_FILE_LINES} lines, or its first comment says why ("Long file: <reason>")`, () => {
    const offenders = FILES
      .map((f) => ({ ...f, lines: lineCount(f.text) }))
      .filter((f) => f.lines > MAX_FILE_LINES)
      .filter((f) => !firstCommentBlock(f.text).some((l) => /^Long file:\s*\S/.test(l)))
      .sort((a, b) => b.lines - a.lines);
    const report = offenders.map((f) => `${f.file}:1 ${f.lines} lines`);
    if (report.length > 0) {
      console.log(`${report.length} files longer than ${MAX_FILE_LINES} lines without a "Long file:" reason:\n${report.join('\n')}`);
    }
    expect(report).toEqual([]);
  });

  test('a "Long file:" reason is read from the first comment block only', () => {
    expect(firstCommentBlock('/**\n * The engine.\n *\n * Long file: one state machine.\n */\nimport * as x from "x";\n')).toContain('Long file: one state machine.');
    expect(firstCommentBlock('// Long file: the table of every check.\nexport const x = 1;\n')).toContain('Long file: the table of every check.');
    expect(firstCommentBlock('import * as x from "x";\n\n/** Long file: after the imports. */\nexport const y = 1;\n')).toContain('Long file: after the imports.');
    expect(firstCommentBlock('/** The engine. */\nexport const x = 1;\n/** Long file: too late. */\n')).not.toContain('Long file: too late.');
  });

  test('the function length counts every line from the signature to the closing brace', () => {
    const body = Array.from({ length: MAX_FUNCTION_LINES - 1 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const fits = { file: 'fits.ts', text: `export function fits(): void {\n${body.split('\n').slice(1).join('\n')}\n}\n` };
    const long = { file: 'long.ts', text: `class C {\n  method(): void {\n${body}\n  }\n}\nconst arrow = () => {\n${body}\n};\n` };
    expect(longFunctions(fits)).toEqual([]);
    expect(longFunctions(long)).toEqual([
      { where: 'long.ts:2', name: 'method', lines: MAX_FUNCTION_LINES + 1 },
      { where: `long.ts:${MAX_FUNCTION_LINES + 4}`, name: 'arrow', lines: MAX_FUNCTION_LINES + 1 },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Imports between the top-level folders of src/
// ---------------------------------------------------------------------------------------------

/** The top-level folder of src/ a file lives in (`core`), or undefined for src/index.ts and files outside src/. */
function folderOf(file: string): string | undefined {
  const m = /^src\/([^/]+)\//.exec(file);
  return m?.[1];
}

/** Relative imports of a file (imports, `export ... from`, `import type`, `import()`), resolved to repository paths. */
function relativeImports(source: SourceFile): string[] {
  return ts.preProcessFile(source.text, true, true).importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => {
      const base = path.join(ROOT, path.dirname(source.file), spec);
      const resolved = [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? base;
      return path.relative(ROOT, resolved).split(path.sep).join('/');
    });
}

/** Folder -> folder it imports -> one import that makes the edge (`src/a/x.ts -> src/b/y.ts`). */
type FolderGraph = Map<string, Map<string, string>>;

function folderGraph(files: readonly SourceFile[]): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const source of files) {
    const from = folderOf(source.file);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const target of relativeImports(source)) {
      const to = folderOf(target);
      if (to && to !== from && !graph.get(from)!.has(to)) graph.get(from)!.set(to, `${source.file} -> ${target}`);
    }
  }
  return graph;
}

/** Every cycle's folders, each found once from its first folder in DFS order (`['a', 'b', 'a']`). */
function cycles(graph: FolderGraph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

describe('the top-level folders of src/', () => {
  test('import each other without a cycle', () => {
    const graph = folderGraph(FILES);
    const report = cycles(graph).map((cycle) =>
      [cycle.join(' -> '), ...cycle.slice(1).map((to, i) => `  ${graph.get(cycle[i])!.get(to)}`)].join('\n'));
    if (report.length > 0) console.log(`import cycles between the folders of src/:\n${report.join('\n')}`);
    expect(report).toEqual([]);
  });

  test('the graph covers every folder and finds a cycle when there is one', () => {
    const graph = folderGraph(FILES);
    for (const folder of ['core', 'nag', 'controls', 'policy', 'scanner', 'organization-scanner', 'batch-pipeline', 'account-audit', 'audited-vpc', 'compliance-bucket']) {
      expect(graph.has(folder)).toBe(true);
    }
    expect(graph.get('core')?.has('policy') || graph.get('core')?.has('controls')).toBe(true);
    const withCycle = folderGraph([...FILES, { file: 'src/policy/cycle-probe.ts', text: "import { ComplianceKey } from '../core/compliance-key';\n" }]);
    expect(cycles(withCycle).map((c) => c.join(' -> '))).toEqual(expect.arrayContaining([expect.stringMatching(/policy -> core|core -> .*policy/)]));
  });
});
