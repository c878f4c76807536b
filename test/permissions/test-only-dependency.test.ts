import * as fs from 'fs';
import * as path from 'path';

/**
 * @cloud-copilot/iam-simulate (AGPL-3.0) evaluates policies in these tests only: nothing under
 * src/ imports it and no Lambda asset bundles it.
 */

function files(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full, ext) : ext.test(e.name) ? [full] : [];
  });
}

const root = path.join(__dirname, '..', '..');

test('no source file imports @cloud-copilot packages', () => {
  const offenders = files(path.join(root, 'src'), /\.ts$/).filter((f) => /@cloud-copilot\//.test(fs.readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});

test('no Lambda asset bundles them', () => {
  const bundles = files(path.join(root, 'assets'), /\.(js|mjs|cjs)$/);
  expect(bundles.length).toBeGreaterThan(0);
  const offenders = bundles.filter((f) => /cloud-copilot|iam-simulate/.test(fs.readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});

test('it is a development dependency only', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  expect(Object.keys(pkg.devDependencies)).toContain('@cloud-copilot/iam-simulate');
  for (const field of ['dependencies', 'peerDependencies', 'bundledDependencies']) {
    const names: string[] = Array.isArray(pkg[field]) ? pkg[field] : Object.keys(pkg[field] ?? {});
    expect(names.filter((d) => d.startsWith('@cloud-copilot/'))).toEqual([]);
  }
});
