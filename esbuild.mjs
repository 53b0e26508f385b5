// One build script, one entry per target (STYLE.md):
//   extension: node/cjs, `vscode` external   → dist/extension.js
//   cli:       node/cjs with a shebang        → dist/cli.js
//   webview:   browser/iife                   → dist/webview/main.js
//   host tests (in the real VS Code host)     → out/test/runner.js   (only with --tests)
// The tree-sitter runtime and the grammars we use are copied next to the bundles.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const withTests = args.has('--tests');
const watch = args.has('--watch');

// esbuild would pick web-tree-sitter's ESM build, which needs import.meta.url; use its CJS file.
const treeSitterCjs = require.resolve('web-tree-sitter');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  alias: { 'web-tree-sitter': treeSitterCjs },
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview/main.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];
if (withTests && existsSync('test/e2e/host/index.ts')) {
  // runner.js plus one bundle per test file (out/test/host/**/*.test.js), which the runner finds by glob.
  const hostTests = readdirSync('test/e2e/host', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => [`host/${f.slice(0, -3)}`, `test/e2e/host/${f}`]);
  targets.push({
    ...common,
    entryPoints: { runner: 'test/e2e/host/index.ts', ...Object.fromEntries(hostTests) },
    outdir: 'out/test',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

function copyWasm() {
  mkdirSync('dist', { recursive: true });
  const grammars = path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json'));
  for (const lang of ['python', 'javascript', 'typescript', 'tsx']) {
    cpSync(path.join(grammars, 'wasm', `tree-sitter-${lang}.wasm`), `dist/tree-sitter-${lang}.wasm`);
  }
  cpSync(path.join(path.dirname(treeSitterCjs), 'web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm');
}

const present = targets.filter((t) => Object.values(t.entryPoints).every((e) => existsSync(e)));
copyWasm();
if (watch) {
  for (const t of present) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(present.map((t) => esbuild.build(t)));
}
