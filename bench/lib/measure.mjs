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

export async function makeParsers(core) {
  const parsers = {};
  for (const g of new Set(Object.values(GRAMMAR))) {
    const language = await core.loadLanguage(g); // initializes the runtime first
    const p = new core.Parser();
    p.setLanguage(language);
    parsers[g] = p;
  }
  return (file) => parsers[GRAMMAR[file.language]];
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

/**
 * One row per input: parse, analyze and (for Python files) Ruff, measured in the same rounds so
 * machine noise hits all of them alike. Rounds: at least `minRounds`, until `budgetMs` is spent.
 */
export async function measureInput(core, parserFor, ruff, input, { minRounds = 5, maxRounds = 25, budgetMs = 2500 } = {}) {
  const files = input.files.map((f) => ({ ...f, program: programText(f) }));
  const py = files.filter((f) => f.language === 'python');
  // Warm-up: JIT, grammar and wasm pages.
  for (let i = 0; i < 2; i++) {
    timeParse(parserFor, files);
    await timeAnalyze(core, files);
    if (ruff && py.length) timeRuff(ruff, py);
  }
  const parse = [];
  const analyze = [];
  const ours = [];
  const theirs = [];
  let findings = 0;
  let ruffFindings = 0;
  const started = now();
  for (let round = 0; round < maxRounds && (round < minRounds || now() - started < budgetMs); round++) {
    // Alternate the order so neither side always runs on a warmer cache.
    const flip = round % 2 === 1;
    if (flip) analyze.push((await timeAnalyze(core, files)).ms);
    parse.push(timeParse(parserFor, files));
    if (!flip) {
      const a = await timeAnalyze(core, files);
      analyze.push(a.ms);
      findings = a.findings;
    }
    if (ruff && py.length) {
      const r = timeRuff(ruff, py);
      theirs.push(r.ms);
      ruffFindings = r.findings;
      const a = await timeAnalyze(core, py);
      ours.push(a.ms);
    }
  }
  const row = {
    input: input.name,
    files: files.length,
    lines: files.reduce((n, f) => n + f.text.split('\n').length, 0),
    findings,
    parse: summary(parse),
    analyze: summary(analyze),
    analyzeOverParse: ratio(analyze, parse),
  };
  if (theirs.length) {
    row.ruff = { ours: summary(ours), ruff: summary(theirs), oursOverRuff: ratio(ours, theirs), ruffFindings, pythonFiles: py.length };
  }
  return row;
}

/** Line/column of an offset (0-based; the generated files use \n only). */
function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

/** Where a keystroke lands: just inside the first layer call after the middle of the file, before a digit. */
export function editSite(text) {
  const re = /(?:nn\.Linear\(|layers\.Dense\(|units: )(?=\d)/g;
  re.lastIndex = Math.floor(text.length / 2);
  const m = re.exec(text) ?? (re.lastIndex = 0, re.exec(text));
  if (!m) throw new Error('no layer call to edit');
  return m.index + m[0].length;
}

function insertEdit(text, at) {
  const p = position(text, at);
  return { startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: p, oldEndPosition: p, newEndPosition: { line: p.line, column: p.column + 1 } };
}

function deleteEdit(text, at) {
  const p = position(text, at);
  return { startIndex: at, oldEndIndex: at + 1, newEndIndex: at, startPosition: p, oldEndPosition: { line: p.line, column: p.column + 1 }, newEndPosition: p };
}

/**
 * Keystroke latency: type a digit inside a layer call, then delete it, again and again; each
 * step is an incremental re-parse + full re-analysis through analyze({ previous, edits }).
 */
export async function measureKeystrokes(core, input, { keystrokes = 40 } = {}) {
  const { text, language } = input;
  const at = editSite(text);
  const typed = text.slice(0, at) + '1' + text.slice(at);
  let previous = await core.analyze(text, { language, timeBudgetMs: 60_000 });
  const times = [];
  let incremental = 0;
  let findings = previous.findings.length;
  for (let i = 0; i < keystrokes + 4; i++) {
    const insert = i % 2 === 0;
    const next = insert ? typed : text;
    const edits = [insert ? insertEdit(text, at) : deleteEdit(typed, at)];
    const t0 = now();
    const r = await core.analyze(next, { language, previous, edits, timeBudgetMs: 60_000 });
    const ms = now() - t0;
    if (i >= 4) times.push(ms); // the first few are warm-up
    if (r.state?.parsed?.incremental) incremental++;
    if (!insert) findings = r.findings.length;
    previous = r;
    await tick();
  }
  return { input: input.name, lines: text.split('\n').length, keystroke: summary(times), incremental, keystrokes: times.length + 4, findings };
}
