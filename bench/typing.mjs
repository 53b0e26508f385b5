// Typing a whole line into real files, one character at a time, as a person does: most of the
// states in between do not parse (`self.act = nn.` , `nn.GELU(`), so this measures the keystrokes
// the other scripts leave out. Per file: a new line is opened after the first `self.` / `this.`
// assignment past the middle of the file (same indentation), the snippet is typed into it character
// by character, each step analyze(text, { previous, edits }) with a turn of the event loop between
// steps; then it is deleted again character by character (--rounds N times, after one round of warm-up). Prints per file the fresh parse, and over
// all the keystrokes the median / p95 / max (CPU ms, ratio to the parse), how many of them left the
// text with a syntax error (and their median), and how many top-level statements were analyzed again (median).
//
//   node bench/typing.mjs [--core SPEC] [--rounds N] [--snippet TEXT] [--verbose] FILE…
//   (--verbose: every keystroke on stderr: CPU ms, syntax error, statements redone, the line typed)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { takeFlag, takeOption } from './lib/args.mjs';
import { ROOT, bundleCore, coreSource, ensureBuilt } from './lib/build.mjs';
import { makeParsers, position } from './lib/measure.mjs';

const require = createRequire(import.meta.url);
const log = (...a) => console.error(...a);
const args = process.argv.slice(2);
const option = (name) => takeOption(args, name);
const CORE = option('--core');
const ROUNDS = Number(option('--rounds') ?? 2);
const SNIPPET = option('--snippet');
const VERBOSE = takeFlag(args, '--verbose');
await ensureBuilt({ log, core: false });
const core = require(await bundleCore(coreSource(CORE, { log }).dir, path.join(ROOT, 'dist', 'bench', 'typing-core.cjs')));
const parserFor = await makeParsers(core);
const tick = () => new Promise((resolve) => setImmediate(resolve));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sorted = (a) => [...a].sort((x, y) => x - y);
const LANG = { '.py': 'python', '.js': 'javascript', '.ts': 'typescript' };
const DEFAULT = { python: "self.act2 = nn.GELU(approximate='tanh')", javascript: "this.act2 = tf.layers.activation({ activation: 'gelu' });", typescript: "this.act2 = tf.layers.activation({ activation: 'gelu' });" };

/** The edit of `insert` replacing text[at, end) (one line: no line break in either). */
function edit(text, at, end, insert) {
  const p = position(text, at);
  const q = { line: p.line, column: p.column + (end - at) };
  return { startIndex: at, oldEndIndex: end, newEndIndex: at + insert.length, startPosition: p, oldEndPosition: q, newEndPosition: { line: p.line, column: p.column + insert.length } };
}

for (const file of args) {
  const language = LANG[path.extname(file)];
  if (!language) continue;
  const original = readFileSync(file, 'utf8');
  const m = /^([ \t]+)(?:self|this)\.\w+ = [^\n]*$/gm;
  m.lastIndex = Math.floor(original.length / 2);
  // A line that is a whole statement (its brackets balanced), so the new line after it is one too.
  const balanced = (line) => {
    let depth = 0;
    for (const c of line) depth += '([{'.includes(c) ? 1 : ')]}'.includes(c) ? -1 : 0;
    return depth === 0;
  };
  const find = () => {
    for (let h = m.exec(original); h; h = m.exec(original)) if (balanced(h[0])) return h;
    return undefined;
  };
  const hit = find() ?? ((m.lastIndex = 0), find());
  if (!hit) continue;
  // The new line, empty but for its indentation, is the starting text (typing starts after it).
  const lineEnd = hit.index + hit[0].length;
  const base = original.slice(0, lineEnd) + '\n' + hit[1] + original.slice(lineEnd);
  const at = lineEnd + 1 + hit[1].length;
  const snippet = SNIPPET ?? DEFAULT[language];
  const parses = [];
  for (let i = 0; i < 5; i++) {
    const t0 = cpu();
    parserFor({ language }).parse(base).delete();
    parses.push(cpu() - t0);
  }
  const P = sorted(parses)[2];
  const times = [];
  const redone = [];
  const inError = [];
  let errors = 0;
  let previous = await core.analyze(base, { language, timeBudgetMs: 60_000 });
  const step = async (text, e) => {
    await tick();
    const t0 = cpu();
    previous = await core.analyze(text, { language, previous, edits: [e], timeBudgetMs: 60_000 });
    const ms = cpu() - t0;
    times.push(ms);
    const s = previous.state?.stats;
    if (s) redone.push(s.reanalyzed ?? s.statements);
    const tree = parserFor({ language }).parse(text);
    if (tree.rootNode.hasError) errors++, inError.push(ms);
    if (VERBOSE) log(`${ms.toFixed(1).padStart(7)}  ${tree.rootNode.hasError ? "error" : "     "}  ${JSON.stringify({ ...s, incremental: previous.state?.parsed?.incremental })}  ${JSON.stringify(text.slice(at, text.indexOf('\n', at)))}`);
    tree.delete();
  };
  for (let r = 0; r <= ROUNDS; r++) {
    // Round 0 warms up (V8 optimizes the keystroke path, and wasm's optimizing tier compiles the
    // parser on background threads, which CPU time counts), and is not recorded.
    if (r === 1) times.length = redone.length = inError.length = errors = 0;
    let text = base;
    for (let k = 0; k < snippet.length; k++) {
      const next = text.slice(0, at + k) + snippet[k] + text.slice(at + k);
      await step(next, edit(text, at + k, at + k, snippet[k]));
      text = next;
    }
    for (let k = snippet.length; k > 0; k--) {
      const next = text.slice(0, at + k - 1) + text.slice(at + k);
      await step(next, edit(text, at + k - 1, at + k, ''));
      text = next;
    }
  }
  const t = sorted(times);
  const med = t[t.length >> 1];
  const p95 = t[Math.floor(t.length * 0.95)];
  const max = t[t.length - 1];
  const statements = previous.state?.stats?.statements ?? '?';
  const errMed = inError.length > 0 ? sorted(inError)[inError.length >> 1].toFixed(1) : '-';
  console.log(
    `${path.relative(process.cwd(), file)}  lines ${base.split('\n').length}  parse ${P.toFixed(1)}  keystrokes ${times.length}: median ${med.toFixed(1)} (${(med / P).toFixed(2)}×) p95 ${p95.toFixed(1)} (${(p95 / P).toFixed(2)}×) max ${max.toFixed(1)}  with a syntax error ${errors} (median ${errMed})  redone median ${sorted(redone)[redone.length >> 1]} of ${statements}`,
  );
}
