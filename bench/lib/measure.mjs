// The in-process measurements: raw tree-sitter parse vs analyze() vs Ruff (side by side, per round),
// and keystroke latency (one-character edits, incremental re-parse + re-analysis).
import { now, ratio, summary } from './stats.mjs';

const GRAMMAR = { python: 'python', ipynb: 'python', javascript: 'javascript', typescript: 'typescript', tsx: 'tsx' };

/** The text tree-sitter parses for a file (for notebooks: the code cells joined, as the analyzer does). */
export function programText(file) {
  if (file.language !== 'ipynb') return file.text;
  try {
    const nb = JSON.parse(file.text);
    return (nb.cells ?? [])
      .filter((c) => c.cell_type === 'code')
      .map((c) => (Array.isArray(c.source) ? c.source.join('') : String(c.source ?? '')))
      .join('\n');
  } catch {
    return '';
  }
}

/**
 * The statement kinds a C-side walk would hand to JavaScript (calls, assignments, classes,
 * functions, imports): the query of the floors below.
 */
const STATEMENT_QUERY = {
  python: '(call) @c (assignment) @a (class_definition) @k (function_definition) @f (import_statement) @i (import_from_statement) @j',
  javascript: '(call_expression) @c (new_expression) @n (variable_declarator) @a (assignment_expression) @s (class_declaration) @k (function_declaration) @f (import_statement) @i',
};
STATEMENT_QUERY.typescript = STATEMENT_QUERY.tsx = STATEMENT_QUERY.javascript;

export async function makeParsers(core) {
  const parsers = {};
  const queries = {};
  for (const g of new Set(Object.values(GRAMMAR))) {
    const language = await core.loadLanguage(g); // initializes the runtime first
    const p = new core.Parser();
    p.setLanguage(language);
    parsers[g] = p;
    try {
      queries[g] = new core.Query(language, STATEMENT_QUERY[g]);
    } catch {
      // a core without Query: no floors
    }
  }
  const parserFor = (file) => parsers[GRAMMAR[file.language]];
  parserFor.queryFor = (file) => queries[GRAMMAR[file.language]];
  return parserFor;
}

/**
 * Floors of any extraction in JavaScript over web-tree-sitter, on the same trees: a cursor walk that
 * reads every node's type id (the least a JS walk of the whole tree does), and a query capturing
 * the statement kinds (C walks the tree, JavaScript receives only those nodes). Neither extracts
 * anything; their ratio to the parse bounds from below what analyze()/parse can become without
 * moving the extraction out of JavaScript. The trees are parsed outside the timed part.
 */
function timeFloors(parserFor, files) {
  let walk = 0;
  let query = 0;
  for (const f of files) {
    const q = parserFor.queryFor?.(f);
    if (!q) return undefined;
    const tree = parserFor(f).parse(f.program);
    let t0 = now();
    const c = tree.walk();
    let sum = 0;
    for (let done = false; !done; ) {
      sum += c.nodeTypeId;
      if (c.gotoFirstChild()) continue;
      while (!c.gotoNextSibling()) {
        if (!c.gotoParent()) {
          done = true;
          break;
        }
      }
    }
    c.delete();
    walk += now() - t0;
    t0 = now();
    sum += q.captures(tree.rootNode).length;
    query += now() - t0;
    tree.delete();
    if (sum < 0) throw new Error('unreachable');
  }
  return { walk, query };
}

function timeParse(parserFor, files) {
  const t0 = now();
  for (const f of files) {
    const tree = parserFor(f).parse(f.program);
    tree.delete();
  }
  return now() - t0;
}

/**
 * A turn of the event loop, outside the timed region: the editor and the CLI yield between
 * analyses, and the analyzer frees evicted parse trees on the next turn (src/core/parse/parse.ts);
 * a loop of bare awaits would never let it.
 */
const tick = () => new Promise((resolve) => setImmediate(resolve));

async function timeAnalyze(core, files) {
  let findings = 0;
  let ms = 0;
  for (const f of files) {
    const t0 = now();
    const r = await core.analyze(f.text, { language: f.language, timeBudgetMs: 60_000 });
    ms += now() - t0;
    findings += r.findings.length;
    await tick();
  }
  return { ms, findings };
}

function timeRuff(ruff, files) {
  let findings = 0;
  const t0 = now();
  for (const f of files) findings += ruff.check(f.text).length;
  return { ms: now() - t0, findings };
}

/** The items of `xs` starting at index `k` (mod length): each round starts with a different side. */
export function rotate(xs, k) {
  const n = xs.length;
  return xs.map((_, i) => xs[(i + k) % n]);
}

/**
 * One row per input: parse, analyze() of every core and (for Python files) Ruff, measured in the
 * same rounds so machine noise hits all of them alike; the order rotates from round to round.
 * `cores`: [{ label, core }], the last one the core of the table (the "after" of a side-by-side run).
 * Rounds: at least `minRounds`, until `budgetMs` is spent.
 */
export async function measureInput(cores, parserFor, ruff, input, { minRounds = 5, maxRounds = 25, budgetMs = 2500 } = {}) {
  const files = input.files.map((f) => ({ ...f, program: programText(f) }));
  const py = files.filter((f) => f.language === 'python');
  const withRuff = Boolean(ruff && py.length);
  // Warm-up: JIT, grammar and wasm pages.
  for (let i = 0; i < 2; i++) {
    timeParse(parserFor, files);
    timeFloors(parserFor, files);
    for (const c of cores) await timeAnalyze(c.core, files);
    if (withRuff) timeRuff(ruff, py);
  }
  const parse = [];
  const pyParse = [];
  const floors = { walk: [], query: [] };
  const theirs = [];
  const per = cores.map(() => ({ analyze: [], ours: [], findings: 0 }));
  let ruffFindings = 0;
  const main = ['parse', ...cores.keys()];
  const side = ['ruff', ...cores.keys()];
  const started = now();
  for (let round = 0; round < maxRounds && (round < minRounds || now() - started < budgetMs); round++) {
    for (const task of rotate(main, round)) {
      if (task === 'parse') {
        parse.push(timeParse(parserFor, files));
        const fl = timeFloors(parserFor, files);
        if (fl) floors.walk.push(fl.walk), floors.query.push(fl.query);
      }
      else {
        const a = await timeAnalyze(cores[task].core, files);
        per[task].analyze.push(a.ms);
        per[task].findings = a.findings;
      }
    }
    if (!withRuff) continue;
    for (const task of rotate(side, round)) {
      if (task === 'ruff') {
        // The parse of the same Python files, in the same turn: Ruff's check parses too.
        pyParse.push(timeParse(parserFor, py));
        const r = timeRuff(ruff, py);
        theirs.push(r.ms);
        ruffFindings = r.findings;
      } else per[task].ours.push((await timeAnalyze(cores[task].core, py)).ms);
    }
  }
  const byCore = cores.map((c, k) => {
    const x = { label: c.label, findings: per[k].findings, analyze: summary(per[k].analyze), analyzeOverParse: ratio(per[k].analyze, parse) };
    if (withRuff) x.ruff = { ours: summary(per[k].ours), oursOverRuff: ratio(per[k].ours, theirs) };
    return x;
  });
  const last = byCore[byCore.length - 1];
  const row = {
    input: input.name,
    files: files.length,
    lines: files.reduce((n, f) => n + f.text.split('\n').length, 0),
    findings: last.findings,
    parse: summary(parse),
    analyze: last.analyze,
    analyzeOverParse: last.analyzeOverParse,
  };
  if (floors.walk.length === parse.length) {
    row.floors = { walk: summary(floors.walk), walkOverParse: ratio(floors.walk, parse), query: summary(floors.query), queryOverParse: ratio(floors.query, parse) };
  }
  if (withRuff) {
    row.ruff = { ours: last.ruff.ours, ruff: summary(theirs), oursOverRuff: last.ruff.oursOverRuff, ruffFindings, pythonFiles: py.length, parse: summary(pyParse), parseOverRuff: ratio(pyParse, theirs) };
  }
  if (cores.length > 1) {
    row.byCore = byCore;
    // After/before: the last core against the first, per round.
    row.afterOverBefore = ratio(per[per.length - 1].analyze, per[0].analyze);
    if (withRuff) row.ruff.afterOverBefore = ratio(per[per.length - 1].ours, per[0].ours);
  }
  return row;
}

/** Line/column of an offset (0-based; the generated files use \n only). */
export function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Where the keystrokes type, the first such place past the middle of the file: 'layer' (the issue's
 * row) before a layer width — `nn.Linear(|256`, `layers.Dense(|64`, `units: |32`; 'name' right
 * after `self.` / `this.` / `model.` (a letter typed into an attribute or method name: `self.xfc1`,
 * `model.xcompile`), the edit a name-graph re-analysis cannot patch.
 */
export const EDIT_SITES = { layer: /(?:nn\.Linear\(|layers\.Dense\(|units: )(?=\d)/g, name: /\b(?:self|this|model)\.(?=[A-Za-z_])/g };

export function editSite(text, site = 'layer') {
  const re = new RegExp(EDIT_SITES[site].source, 'g');
  re.lastIndex = Math.floor(text.length / 2);
  const m = re.exec(text) ?? (re.lastIndex = 0, re.exec(text));
  if (!m) throw new Error(`no ${site} site to edit`);
  return m.index + m[0].length;
}

/** The edit of one character typed at `at` into `text`, and of that character deleted again from the typed text. */
export function insertEdit(text, at) {
  const p = position(text, at);
  return { startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: p, oldEndPosition: p, newEndPosition: { line: p.line, column: p.column + 1 } };
}

export function deleteEdit(text, at) {
  const p = position(text, at);
  return { startIndex: at, oldEndIndex: at + 1, newEndIndex: at, startPosition: p, oldEndPosition: { line: p.line, column: p.column + 1 }, newEndPosition: p };
}

/**
 * Keystroke latency: type a digit inside a layer call, then delete it, again and again; each
 * step is an incremental re-parse + re-analysis through analyze({ previous, edits }). With several
 * cores, each keeps its own `previous` and every step is taken by all of them, in rotating order.
 */
export async function measureKeystrokes(cores, input, { keystrokes = 40, site = 'layer' } = {}) {
  const { text, language } = input;
  const at = editSite(text, site);
  // A digit into a number; a letter into a name (a digit would make `self.1fc` a syntax error).
  const typed = text.slice(0, at) + (site === 'name' ? 'x' : '1') + text.slice(at);
  const per = [];
  for (const c of cores) {
    per.push({ previous: await c.core.analyze(text, { language, timeBudgetMs: 60_000 }), times: [], incremental: 0, findings: 0, redone: undefined });
  }
  for (let i = 0; i < keystrokes + 4; i++) {
    const insert = i % 2 === 0;
    const next = insert ? typed : text;
    const edits = [insert ? insertEdit(text, at) : deleteEdit(typed, at)];
    for (const k of rotate([...cores.keys()], i)) {
      const p = per[k];
      const t0 = now();
      const r = await cores[k].core.analyze(next, { language, previous: p.previous, edits, timeBudgetMs: 60_000 });
      const ms = now() - t0;
      if (i >= 4) p.times.push(ms); // the first few are warm-up
      if (r.state?.parsed?.incremental) p.incremental++;
      if (!insert) p.findings = r.findings.length;
      // Top-level statements analyzed again after the walk (cores with extract/regions.ts report it).
      const s = r.state?.stats;
      if (s?.reanalyzed !== undefined) p.redone = `${s.reanalyzed}/${s.statements}`;
      p.previous = r;
      await tick();
    }
  }
  const byCore = cores.map((c, k) => ({ label: c.label, keystroke: summary(per[k].times), incremental: per[k].incremental, findings: per[k].findings, redone: per[k].redone }));
  const last = byCore[byCore.length - 1];
  const row = { input: input.name, site, lines: text.split('\n').length, keystroke: last.keystroke, incremental: last.incremental, keystrokes: keystrokes + 4, findings: last.findings, redone: last.redone };
  if (cores.length > 1) {
    row.byCore = byCore;
    row.afterOverBefore = ratio(per[per.length - 1].times, per[0].times);
  }
  return row;
}
