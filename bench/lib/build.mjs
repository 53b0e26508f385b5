// Makes sure the bundles the benchmark measures exist: dist/ (npm run build) when it is missing, and
// dist/bench/core.cjs, the analyzer core bundled the way esbuild.mjs bundles it (web-tree-sitter's
// CJS file, node/cjs) with the few entry points the benchmark calls.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const CORE_BUNDLE = path.join(ROOT, 'dist', 'bench', 'core.cjs');

const ENTRY = `
export { analyze } from './src/core/analyze';
export { Project, summarize } from './src/core/project';
export { loadLanguage, setWasmDirectory } from './src/core/parse';
export { Parser, Query } from 'web-tree-sitter';
`;

export async function ensureBuilt({ log = console.error } = {}) {
  const need = ['dist/extension.js', 'dist/webview/main.js', 'dist/tree-sitter-python.wasm', 'dist/web-tree-sitter.wasm'];
  if (need.some((f) => !existsSync(path.join(ROOT, f)))) {
    log('bench: dist/ is incomplete, running npm run build …');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const esbuild = await import('esbuild');
  await esbuild.build({
    // BENCH_CORE_SRC: bundle the core from another checkout of the sources (A/B of a perf change).
    stdin: { contents: ENTRY, resolveDir: process.env.BENCH_CORE_SRC || ROOT, sourcefile: 'bench-core-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: CORE_BUNDLE,
    sourcemap: 'linked',
    logLevel: 'warning',
    alias: { 'web-tree-sitter': require.resolve('web-tree-sitter', { paths: [ROOT] }) },
  });
  return CORE_BUNDLE;
}
