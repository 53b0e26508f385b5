// node bench/project-links.mjs FOLDER…
// Lists, for each folder taken as one project (as `check` takes it), the places where a file uses a
// model imported from another module: which resolved to a model of the project (and from which
// file), which stayed unresolved (third-party, dynamic, a name with no model), and the findings of
// the links across files. For docs/real-code/projects.md; plain Node, builds dist/bench/core.cjs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CORE_BUNDLE, ensureBuilt } from './lib/build.mjs';

const require = createRequire(import.meta.url);
await ensureBuilt({ log: () => undefined });
const core = require(CORE_BUNDLE);

function filesOf(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || ['node_modules', '__pycache__', 'dist', 'out'].includes(name)) continue;
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(py|ipynb)$/.test(name)) out.push({ path: p, language: name.endsWith('.ipynb') ? 'ipynb' : 'python' });
    }
  };
  walk(root);
  return out;
}

for (const arg of process.argv.slice(2)) {
  const root = path.resolve(arg);
  const files = filesOf(root);
  const project = new core.Project([root]);
  for (const f of files) project.addPath(f.path);
  for (const f of files) {
    const r = await core.analyze(readFileSync(f.path, 'utf8'), { language: f.language, timeBudgetMs: 60_000 });
    project.set(core.summarize(f.path, f.language, r));
  }
  const rel = (p) => path.relative(root, p);
  let resolved = 0;
  let unresolved = 0;
  console.log(`# ${arg}: ${files.length} files`);
  for (const s of project.summaries()) {
    for (const l of s.pending) {
      const target = project.resolveRef(s.path, l.model.imported);
      const at = `${rel(s.path)}:${(l.range.cell !== undefined ? `cells[${l.range.cell}]:` : '') + (l.range.start.line + 1)}`;
      if (target) {
        resolved++;
        console.log(`  linked   ${at} ${l.loss.name} ← ${l.model.imported.qualified} = ${target.model.name ?? '?'} (${rel(target.path)}:${target.model.nameRange.start.line + 1})`);
      } else {
        unresolved++;
        console.log(`  unknown  ${at} ${l.loss.name} ← ${l.model.imported.qualified}${l.model.imported.call ? '()' : ''}`);
      }
    }
  }
  const linked = project.link({});
  let n = 0;
  for (const [p, list] of linked) {
    for (const f of list) {
      n++;
      console.log(`  finding  ${rel(p)}:${f.range.start.line + 1} ${f.rule} ${f.message}`);
      for (const r of f.related ?? []) console.log(`           related ${rel(r.path ?? p)}:${r.range.start.line + 1} ${r.message}`);
    }
  }
  console.log(`  = ${resolved} links to a project model, ${unresolved} to an imported name left unknown, ${n} findings across files`);
}
