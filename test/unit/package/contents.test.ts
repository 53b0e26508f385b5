/**
 * What the .vsix contains. `vsce ls --no-dependencies` applies the same rules as
 * `vsce package --no-dependencies` (.vscodeignore plus vsce's own defaults) without building or
 * zipping, so these tests need no release build and take a few seconds:
 *  - on a staged copy of the repository layout with stub files, including the usual strays
 *    (sources, tests, maps, node_modules, the CLI bundle, an unused grammar, screenshots), the
 *    listing must be exactly the allowlist below — independent of whether dist/ is built;
 *  - on the working tree, nothing outside the allowlist may be listed.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/core/parse/language';
import { grammarFor } from '../../../src/core/parse/parse';
import { rules } from '../../../src/core/rules';
import { ROOT, pkg, vsceList } from './vsce';

/** Every grammar the parser can be asked for, from the file types the CLI and the extension serve. */
const grammars = [
  ...new Set(
    ['a.py', 'a.pyw', 'a.pyi', 'a.ipynb', 'a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.ts', 'a.mts', 'a.cts', 'a.tsx']
      .map((f) => detectLanguage(f))
      .filter((l) => l !== undefined)
      .map((l) => grammarFor(l)),
  ),
].sort();

const l10nBundles = ['zh-cn'];

/** Exactly what the installed extension needs. */
const expected = [
  'package.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'README.md',
  'README.zh-cn.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/extension.js',
  'dist/webview/main.js',
  'dist/web-tree-sitter.wasm',
  ...grammars.map((g) => `dist/tree-sitter-${g}.wasm`),
  'media/icon.png',
  'media/webview.css',
  ...l10nBundles.map((l) => `media/l10n/bundle.l10n.${l}.json`),
  ...rules.map((r) => `docs/rules/${r.id}.md`),
].sort();

const allowed = new Set(expected);

/** Files that exist (or may exist) in a checkout and must never ship. */
const strays = [
  'src/extension.ts',
  'src/core/math/types.ts',
  'src/cli/main.ts',
  'webview/main.ts',
  'test/unit/package/contents.test.ts',
  'test/e2e/artifacts/hover.png',
  'test/fixtures/rules/ACT001.py',
  'dist/cli.js',
  'dist/cli.js.map',
  'dist/extension.js.map',
  'dist/webview/main.js.map',
  'dist/tree-sitter-rust.wasm',
  'node_modules/chart.js/package.json',
  'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'out/test/runner.js',
  '.vscode-test/code-server.log',
  'examples/torch/bce_on_logits.py',
  'bench/run.mjs',
  'docs/rules/README.md',
  'media/screenshots/hover.png',
  'tsconfig.json',
  'esbuild.mjs',
  'package-lock.json',
  '.ci/run',
  '.gitignore',
  '.tmp/scratch.txt',
  'activation-lens-0.0.9.vsix',
];

describe('.vsix contents (vsce ls --no-dependencies)', () => {
  const stage = mkdtempSync(path.join(os.tmpdir(), 'al-vsix-'));
  afterAll(() => rmSync(stage, { recursive: true, force: true }));

  it('ships the grammars the parser loads: python (also for notebooks), javascript, typescript, tsx', () => {
    expect(grammars).toEqual(['javascript', 'python', 'tsx', 'typescript']);
  });

  it('lists exactly the allowlist on a staged layout full of strays', () => {
    cpSync(path.join(ROOT, 'package.json'), path.join(stage, 'package.json'));
    cpSync(path.join(ROOT, '.vscodeignore'), path.join(stage, '.vscodeignore'));
    for (const f of [...expected, ...strays]) {
      if (f === 'package.json') continue;
      mkdirSync(path.dirname(path.join(stage, f)), { recursive: true });
      writeFileSync(path.join(stage, f), 'stub\n');
    }
    const listed = vsceList(stage);
    expect(listed.filter((f) => !allowed.has(f))).toEqual([]);
    expect(listed).toEqual(expected);
  });

  it('lists nothing outside the allowlist in the working tree', () => {
    const listed = vsceList(ROOT);
    expect(listed.filter((f) => !allowed.has(f))).toEqual([]);
    // The files that are not build output are always there.
    const sources = expected.filter((f) => !f.startsWith('dist/'));
    expect(sources.filter((f) => !listed.includes(f))).toEqual([]);
  });

  it('points main at the bundled extension and l10n at the shipped bundles', () => {
    expect(pkg.main).toBe('./dist/extension.js');
    expect(pkg.l10n).toBe('./media/l10n');
  });
});
