// Keystroke latency on any files (real library code, say): a digit typed right after `(`, `,` or `=` (--site: or into a layer width, a docstring, a name)
// at the first number past the middle of the file, then deleted, again and again (--keys N, default
// 80; the first 8 are warm-up); each step is analyze(text, { previous, edits }), with a turn of the
// event loop between steps as in the editor (the analyzer frees old parse trees on the next turn).
// Prints per file the fresh tree-sitter parse, a fresh analyze() and the keystroke (CPU ms, median
// and p95), the ratios to the parse (warm, measured after the keystrokes), the garbage collector's time per keystroke (all collections
// during the keystrokes, averaged), the memory one keystroke allocates (V8's sampling heap profiler,
// objects collected since included; a separate pass), and how many top-level statements the
// keystroke analyzed again after the walk (extract/regions.ts).
//
//   node bench/keystroke.mjs [--keys N] [--core SPEC] [--site number|layer|docstring|name] path/to/models/*.py
//   (--core: measure another version's src/, a folder or any commit git knows; default the working tree)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { takeFlag, takeOption } from './lib/args.mjs';
import { ROOT, bundleCore, coreSource, ensureBuilt } from './lib/build.mjs';
import { EDIT_SITES, deleteEdit, insertEdit, makeParsers } from './lib/measure.mjs';

const require = createRequire(import.meta.url);
const log = (...a) => console.error(...a);
const args = process.argv.slice(2);
const option = (name) => takeOption(args, name);
const KEYS = Number(option('--keys') ?? 80);
// Where the digit is typed, past the middle of the file: before a number after `(`, `,` or `=`; after
// the first word of a docstring / doc comment (on the line of its opening quotes: `[ \t]`, not `\s`, or a
// closing `"""` before `def name` matches and the digit typed makes `def1 name`, a syntax error); after `self.` / `this.` (into a name;
// the bench's section 2b also types after `model.`, for the generated tfjs files that have no `this.`); into a layer width, where the
// bench's keystroke table types (bench/lib/measure.mjs EDIT_SITES).
const SITES = { number: /[(,=] ?(?=\d)/.source, layer: EDIT_SITES.layer.source, docstring: /(?:"{3}|\/\*\*)[ \t]*\w+(?= \w)/.source, name: /\b(?:self|this)\.(?=\w)/.source };
const SITE = option('--site') ?? 'number';
// --trace: also print the 12 slowest timed keystrokes (their index among the timed ones, insert / delete, CPU ms of the process, which counts V8's
// background compiler and collector threads, and wall ms).
const TRACE = takeFlag(args, '--trace');
if (!SITES[SITE]) throw new Error(`--site: one of ${Object.keys(SITES).join(', ')}`);
const CORE = option('--core');
await ensureBuilt({ log, core: false });
const core = require(await bundleCore(coreSource(CORE, { log }).dir, path.join(ROOT, 'dist', 'bench', 'keystroke-core.cjs')));
const tick = () => new Promise((resolve) => setImmediate(resolve));
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
const inspector = new Session();
inspector.connect();
const post = (method, params) => new Promise((resolve, reject) => inspector.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
const parserFor = await makeParsers(core);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const LANG = { '.py': 'python', '.js': 'javascript', '.ts': 'typescript' };


for (const file of args) {
  const language = LANG[path.extname(file)];
  if (!language) continue;
  const text = readFileSync(file, 'utf8');
  const re = new RegExp(SITES[SITE], 'g');
  re.lastIndex = Math.floor(text.length / 2);
  const m = re.exec(text);
  if (!m) continue;
  const at = m.index + m[0].length;
  const typed = text.slice(0, at) + (SITE === 'name' ? 'x' : '1') + text.slice(at); // a digit would make `self.1fc` a syntax error
  const fresh = [];
  for (let i = 0; i < 5; i++) {
    const t0 = cpu();
    await core.analyze(text, { language, timeBudgetMs: 60_000 });
    fresh.push(cpu() - t0);
  }
  let previous = await core.analyze(text, { language, timeBudgetMs: 60_000 });
  // The two edits are made once: made per keystroke, their line count (a split of the text before
  // the edit) was ~170 KB of the "KB/key" at 5,000 lines, none of it the analyzer's.
  const edits = [insertEdit(text, at), deleteEdit(typed, at)];
  let lastWall = 0;
  const keystroke = async (i) => {
    const insert = i % 2 === 0;
    const edit = edits[i % 2];
    await tick();
    const t0 = cpu();
    const w0 = performance.now();
    previous = await core.analyze(insert ? typed : text, { language, previous, edits: [edit], timeBudgetMs: 60_000 });
    lastWall = performance.now() - w0;
    return cpu() - t0;
  };
  const WARM = 8;
  for (let i = 0; i < WARM; i++) await keystroke(i);
  const times = [];
  const trace = [];
  gcMs = 0;
  for (let i = 0; i < KEYS; i++) {
    times.push(await keystroke(i));
    if (TRACE) trace.push({ i, kind: i % 2 === 0 ? 'insert' : 'delete', ms: times[i], wall: lastWall });
  }
  await tick();
  const gcPerKey = gcMs / KEYS;
  // Allocation: a second pass under the sampling heap profiler (it slows the keystrokes down).
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const ALLOC_KEYS = Math.min(KEYS, 40);
  for (let i = 0; i < ALLOC_KEYS; i++) await keystroke(i);
  const { profile } = await post('HeapProfiler.stopSampling');
  await post('HeapProfiler.disable');
  let bytes = 0;
  const stack = [profile.head];
  while (stack.length > 0) {
    const n = stack.pop();
    bytes += n.selfSize;
    stack.push(...n.children);
  }
  if (TRACE) for (const t of trace.sort((a, b) => b.ms - a.ms).slice(0, 12)) console.log(`  key ${t.i} ${t.kind} ${t.ms.toFixed(1)} ms CPU, ${t.wall.toFixed(1)} ms wall`);
  const stats = previous.state?.stats ?? {};
  const A = median(fresh);
  const K = median(times);
  const K95 = [...times].sort((x, y) => x - y)[Math.floor(times.length * 0.95)];
  // The parse, warm: the grammar's wasm runs in its baseline tier on the first parses of a process
  // while V8 compiles the optimized tier in the background (hrnet.py: 15–56 ms CPU on the first
  // parses, 5 ms after ~20), so measured before the keystrokes it flattered every ratio.
  const parses = [];
  for (let i = 0; i < 7; i++) {
    const t0 = cpu();
    parserFor({ language }).parse(text).delete();
    parses.push(cpu() - t0);
  }
  const P = median(parses);
  console.log(
    `${path.relative(process.cwd(), file)}  lines ${text.split('\n').length}  parse ${P.toFixed(1)}  analyze ${A.toFixed(1)} (${(A / P).toFixed(2)}×)  keystroke ${K.toFixed(1)} (${(K / P).toFixed(2)}×) p95 ${K95.toFixed(1)} (${(K95 / P).toFixed(2)}×)  gc ${gcPerKey.toFixed(1)} ms/key  alloc ${Math.round(bytes / ALLOC_KEYS / 1024)} KB/key  redone ${stats.reanalyzed ?? '?'} of ${stats.statements ?? '?'}`,
  );
}
