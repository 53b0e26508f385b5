// The figures that need no timing loop: bundle sizes and the webview marks from the e2e run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function sizes(root) {
  const out = [];
  const add = (rel) => {
    const p = path.join(root, rel);
    if (existsSync(p)) out.push({ file: rel, bytes: statSync(p).size });
  };
  add('dist/extension.js');
  add('dist/cli.js');
  add('dist/webview/main.js');
  for (const f of readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.wasm')).sort()) add(`dist/${f}`);
  const vsix = readdirSync(root).filter((f) => f.endsWith('.vsix')).sort();
  for (const f of vsix) add(f);
  if (vsix.length === 0) out.push({ file: '*.vsix', bytes: null, note: 'no .vsix at the top level (npx vsce package makes one)' });
  return out;
}

/** test/e2e/artifacts/perf.json, written by the e2e run from the marks the plot panel posts. */
export function webviewMarks(root) {
  const p = path.join(root, 'test', 'e2e', 'artifacts', 'perf.json');
  if (!existsSync(p)) return { measured: false, note: 'not measured (no test/e2e/artifacts/perf.json; the e2e run writes it)' };
  try {
    const j = JSON.parse(readFileSync(p, 'utf8'));
    const list = (v) => (Array.isArray(v) ? v.filter(Number.isFinite) : Number.isFinite(v) ? [v] : []);
    return { measured: true, file: p, firstPaintMs: list(j.firstPaintMs), rerenderMs: list(j.rerenderMs), functions: j.functions, points: j.points };
  } catch (e) {
    return { measured: false, note: `unreadable ${p}: ${e.message}` };
  }
}
