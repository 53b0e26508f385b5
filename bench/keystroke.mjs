// Keystroke latency on any files (real library code, say): a digit typed right after `(`, `,` or `=`
// at the first number past the middle of the file, then deleted, 24 times; each step is
// analyze(text, { previous, edits }). Prints per file the fresh tree-sitter parse, a fresh analyze()
// and the keystroke (CPU ms, medians), the ratios to the parse, and how many top-level statements
// the keystroke analyzed again after the walk (extract/regions.ts).
//
//   node bench/keystroke.mjs path/to/models/*.py
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, bundleCore, coreSource, ensureBuilt } from './lib/build.mjs';
import { makeParsers } from './lib/measure.mjs';

const require = createRequire(import.meta.url);
const log = (...a) => console.error(...a);
await ensureBuilt({ log, core: false });
const core = require(await bundleCore(coreSource(undefined, { log }).dir, path.join(ROOT, 'dist', 'bench', 'keystroke-core.cjs')));
const parserFor = await makeParsers(core);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const LANG = { '.py': 'python', '.js': 'javascript', '.ts': 'typescript' };

function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

for (const file of process.argv.slice(2)) {
  const language = LANG[path.extname(file)];
  if (!language) continue;
  const text = readFileSync(file, 'utf8');
  const re = /[(,=] ?(?=\d)/g;
  re.lastIndex = Math.floor(text.length / 2);
  const m = re.exec(text);
  if (!m) continue;
  const at = m.index + m[0].length;
  const typed = text.slice(0, at) + '1' + text.slice(at);
  const p = position(text, at);
  const parses = [];
  for (let i = 0; i < 7; i++) {
    const t0 = cpu();
    parserFor({ language }).parse(text).delete();
    parses.push(cpu() - t0);
  }
  const fresh = [];
  for (let i = 0; i < 5; i++) {
    const t0 = cpu();
    await core.analyze(text, { language, timeBudgetMs: 60_000 });
    fresh.push(cpu() - t0);
  }
  let previous = await core.analyze(text, { language, timeBudgetMs: 60_000 });
  const times = [];
  for (let i = 0; i < 24; i++) {
    const insert = i % 2 === 0;
    const edit = insert
      ? { startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: p, oldEndPosition: p, newEndPosition: { line: p.line, column: p.column + 1 } }
      : { startIndex: at, oldEndIndex: at + 1, newEndIndex: at, startPosition: p, oldEndPosition: { line: p.line, column: p.column + 1 }, newEndPosition: p };
    const t0 = cpu();
    previous = await core.analyze(insert ? typed : text, { language, previous, edits: [edit], timeBudgetMs: 60_000 });
    if (i >= 4) times.push(cpu() - t0);
  }
  const stats = previous.state?.stats ?? {};
  const P = median(parses);
  const A = median(fresh);
  const K = median(times);
  console.log(
    `${path.relative(process.cwd(), file)}  lines ${text.split('\n').length}  parse ${P.toFixed(1)}  analyze ${A.toFixed(1)} (${(A / P).toFixed(2)}×)  keystroke ${K.toFixed(1)} (${(K / P).toFixed(2)}×)  redone ${stats.reanalyzed ?? '?'} of ${stats.statements ?? '?'}`,
  );
}
