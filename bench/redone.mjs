// How much of a file a keystroke analyzes again, on any corpus, and how much it would have to.
// Per file, 8 keystrokes (a digit typed right after `(`, `,` or `=` at the first number past 1/9,
// 2/9, … 8/9 of the file), each analyzed incrementally from a fresh analysis of the file. Prints,
// per core: the share of top-level statements the keystrokes analyzed again after the walk
// (extract/regions.ts; 0 when cut off by extract/cutoff.ts), how many keystrokes fell back to a
// full analysis, and — the floor an exact invalidation could reach — the share of statements whose
// findings or activation sites really changed, and how many keystrokes changed any.
//
//   node bench/redone.mjs [--before SPEC] FOLDER…
//   (--before: also measure another version's src/, a folder or any commit git knows)
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, bundleCore, coreSource, ensureBuilt } from './lib/build.mjs';
import { folderInput } from './lib/inputs.mjs';
import { insertEdit, makeParsers } from './lib/measure.mjs';

const require = createRequire(import.meta.url);
const log = (...a) => console.error(...a);
const argv = process.argv.slice(2);
const at = argv.indexOf('--before');
const beforeSpec = at >= 0 ? argv.splice(at, 2)[1] : undefined;
await ensureBuilt({ log, core: false });
const cores = [];
if (beforeSpec) cores.push({ label: `before (${beforeSpec})`, core: require(await bundleCore(coreSource(beforeSpec, { log }).dir, path.join(ROOT, 'dist', 'bench', 'redone-before.cjs'))) });
cores.push({ label: 'working tree', core: require(await bundleCore(coreSource(undefined, { log }).dir, path.join(ROOT, 'dist', 'bench', 'redone-after.cjs'))) });
const files = argv.flatMap((f) => folderInput(path.resolve(f)).files).filter((f) => f.language !== 'ipynb');

/** Top-level statements as line spans (the items of a statement: findings and sites starting in it). */
function statementLines(parser, text) {
  const tree = parser.parse(text);
  const rows = tree.rootNode.children.map((c) => [c.startPosition.row, c.endPosition.row]);
  tree.delete();
  return (line) => rows.findIndex(([a, b]) => a <= line && line <= b);
}

for (const { label, core } of cores) {
  const parserFor = await makeParsers(core);
  let keystrokes = 0;
  let redone = 0;
  let statements = 0;
  let full = 0;
  let changed = 0;
  let changing = 0;
  for (const f of files) {
    const stmtOf = statementLines(parserFor(f), f.text);
    const opts = { language: f.language, timeBudgetMs: 120_000 };
    const base = await core.analyze(f.text, opts);
    const items = (r) => [...r.findings, ...r.activations];
    const re = /[(,=] ?(?=\d)/g;
    for (let k = 1; k <= 8; k++) {
      re.lastIndex = Math.floor((f.text.length * k) / 9);
      const m = re.exec(f.text);
      if (!m) continue;
      const o = m.index + m[0].length;
      const edit = insertEdit(f.text, o);
      const p = edit.startPosition;
      const next = f.text.slice(0, o) + '1' + f.text.slice(o);
      const r = await core.analyze(next, { ...opts, previous: await core.analyze(f.text, opts), edits: [edit] });
      const s = r.state?.stats;
      if (!s || s.reanalyzed === undefined) continue;
      keystrokes++;
      redone += s.reanalyzed;
      statements += s.statements;
      if (s.reanalyzed === s.statements) full++;
      // Items of the new text with their positions moved back (one character typed at p).
      const back = (q) => (q.line === p.line && q.column > p.column ? { line: q.line, column: q.column - 1 } : q);
      const norm = (x) => JSON.stringify(x, (_k, v) => (v && typeof v === 'object' && typeof v.line === 'number' && typeof v.column === 'number' ? back(v) : v));
      const olds = new Map(items(base).map((x) => [JSON.stringify(x), x.range.start.line]));
      const news = new Set();
      const diff = new Set();
      for (const x of items(r)) {
        const key = norm(x);
        news.add(key);
        if (!olds.has(key)) diff.add(stmtOf(back(x.range.start).line));
      }
      for (const [key, line] of olds) if (!news.has(key)) diff.add(stmtOf(line));
      changed += diff.size;
      if (diff.size > 0) changing++;
    }
  }
  const pct = (a, b) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  console.log(`${label}: ${keystrokes} keystrokes over ${files.length} files: statements analyzed again ${pct(redone, statements)}, full analyses ${full}; statements whose findings or sites changed ${pct(changed, statements)}, keystrokes that changed any ${changing}`);
}
