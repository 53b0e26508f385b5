// Makes sure the bundles the benchmark measures exist: dist/ (npm run build) when it is missing, and
// the analyzer core bundled the way esbuild.mjs bundles it (web-tree-sitter's CJS file, node/cjs)
// with the few entry points the benchmark calls — from the working tree by default, or from another
// version of src/ (a folder or a git commit), so two versions can be measured side by side.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const CORE_BUNDLE = path.join(ROOT, 'dist', 'bench', 'core.cjs');

/** The entry points, for the files that exist in that version of src/ (older ones have no project index). */
function entry(dir) {
  const lines = [
    "export { analyze } from './src/core/analyze';",
    "export { loadLanguage, setWasmDirectory } from './src/core/parse';",
    "export { Parser, Query } from 'web-tree-sitter';",
  ];
  if (existsSync(path.join(dir, 'src', 'core', 'project', 'index.ts'))) lines.push("export { Project, summarize } from './src/core/project';");
  // The editor's views of a result (bench/identity.mjs compares them too).
  if (existsSync(path.join(dir, 'src', 'core', 'outline.ts'))) lines.push("export { buildOutline } from './src/core/outline';", "export { inlayData } from './src/core/inlay';", "export { irOf } from './src/core/analyze';");
  return lines.join('\n') + '\n';
}

/** dist/ (npm run build when incomplete); with `core`, also the working tree's core at CORE_BUNDLE. */
export async function ensureBuilt({ log = console.error, core = true } = {}) {
  const need = ['dist/extension.js', 'dist/webview/main.js', 'dist/tree-sitter-python.wasm', 'dist/web-tree-sitter.wasm'];
  if (need.some((f) => !existsSync(path.join(ROOT, f)))) {
    log('bench: dist/ is incomplete, running npm run build …');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  return core ? bundleCore(coreSource(undefined, { log }).dir) : undefined;
}

/**
 * Where the sources of a core live, from a spec: undefined → the working tree (or BENCH_CORE_SRC,
 * the older way to say it); a folder holding src/core; or a git commit of this repository (any
 * name git understands: faae6cd, main, HEAD~3), whose src/ is exported under dist/bench/cores/.
 * Returns { dir, label }.
 */
export function coreSource(spec, { log = console.error } = {}) {
  if (spec === undefined) {
    const env = process.env.BENCH_CORE_SRC;
    return env ? { dir: path.resolve(env), label: path.resolve(env) } : { dir: ROOT, label: 'working tree' };
  }
  const asDir = path.resolve(spec);
  if (existsSync(path.join(asDir, 'src', 'core'))) return { dir: asDir, label: spec };
  let sha;
  try {
    sha = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${spec}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`bench: '${spec}' is neither a folder with src/core nor a commit of this repository`);
  }
  const short = sha.slice(0, 7);
  // Inside the repository, so node_modules and tsconfig.json resolve as they do for the working tree.
  const dir = path.join(ROOT, 'dist', 'bench', 'cores', short);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`bench: exporting src/ of ${short} to ${path.relative(ROOT, dir)}`);
  const tar = execFileSync('git', ['archive', '--format=tar', sha, 'src'], { cwd: ROOT, maxBuffer: 256 * 2 ** 20 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return { dir, label: short };
}

/**
 * Bundles an entry (TypeScript source, its imports relative to `dir`) for Node to `outfile`, with
 * the repository's web-tree-sitter; returns outfile. The bench scripts bundle the core this way.
 */
export async function bundleEntry(contents, outfile, { dir = ROOT, name = 'bench-entry.ts', sourcemap } = {}) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    stdin: { contents, resolveDir: dir, sourcefile: name, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    ...(sourcemap ? { sourcemap } : {}),
    logLevel: 'warning',
    alias: { 'web-tree-sitter': require.resolve('web-tree-sitter', { paths: [ROOT] }) },
  });
  return outfile;
}

/** Bundles the core from `dir` (see coreSource) to `outfile`; returns outfile. */
export async function bundleCore(dir = ROOT, outfile = CORE_BUNDLE) {
  return bundleEntry(entry(dir), outfile, { dir, name: 'bench-core-entry.ts', sourcemap: 'linked' });
}
