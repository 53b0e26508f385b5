#!/usr/bin/env node
// Loss-flip injection: how many injected loss/output mismatches the analyzer catches.
//
//   node bench/inject-losses.mjs [--json OUT] [--list] [--cli PATH] CORPUS_DIR…   (after npm run build)
//
// For every loss site in the corpora (a torch loss name, a Keras `from_logits=`, a Keras
// crossentropy string or object, a tfjs crossentropy) one mutant is written to a temp folder
// with that one site flipped to its logits / probabilities counterpart:
//   torch   nll_loss <-> cross_entropy, NLLLoss <-> CrossEntropyLoss,
//           BCELoss <-> BCEWithLogitsLoss, binary_cross_entropy <-> binary_cross_entropy_with_logits
//   keras   from_logits=True <-> False; loss='(sparse_)categorical_crossentropy' / 'binary_crossentropy'
//           and XCrossentropy() -> the object with from_logits=True
//   tfjs    'categoricalCrossentropy' / 'binaryCrossentropy' <-> tf.losses.softmaxCrossEntropy /
//           sigmoidCrossEntropy
// A site is "caught" when the mutant has more ACT001 + ACT002 findings than the original file; a
// site whose original is already reported and whose flip removes the finding is "repaired" (a
// real mismatch in the original) and is listed apart, not counted.
// Each mutant is analyzed alone (in its own folder), so the figure measures what one file shows.
// The site finder works on text (this is a measuring script, not the analyzer): comment lines are
// skipped; notebooks are mutated cell by cell and written back as JSON.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let cli = resolve(here, '..', 'dist', 'cli.js');

const argv = process.argv.slice(2);
let jsonOut;
let list = false;
const roots = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--json') jsonOut = argv[++i];
  else if (argv[i] === '--list') list = true;
  else if (argv[i] === '--cli') cli = resolve(argv[++i]);
  else roots.push(argv[i]);
}
if (roots.length === 0) {
  console.error('usage: node bench/inject-losses.mjs [--json OUT] [--list] [--cli PATH] CORPUS_DIR…');
  process.exit(2);
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'build']);
function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(py|ipynb|js|mjs|ts)$/.test(e.name) && !/\.d\.ts$|\.min\.js$/.test(e.name) && statSync(p).size < 1_500_000) yield p;
  }
}

/** Flips: [framework, regex (global, with a named group `w` for the part replaced), replacement(match, text)]. */
function kerasPrefix(text) {
  if (/^\s*(import keras\b|from tensorflow import keras\b|from tensorflow\.keras import\b|from keras import\b)/m.test(text) && /\bkeras\./.test(text)) return 'keras.losses.';
  if (/^\s*import tensorflow as tf\b/m.test(text)) return 'tf.keras.losses.';
  if (/^\s*import keras\b/m.test(text)) return 'keras.losses.';
  return undefined;
}
const CAMEL = { categorical_crossentropy: 'CategoricalCrossentropy', sparse_categorical_crossentropy: 'SparseCategoricalCrossentropy', binary_crossentropy: 'BinaryCrossentropy' };

const PY_TORCH = [
  [/\bnll_loss(?=\s*\()/g, () => 'cross_entropy'],
  [/(?<![\w.]binary_)\bcross_entropy(?=\s*\()/g, () => 'nll_loss'],
  [/\bNLLLoss\b/g, () => 'CrossEntropyLoss'],
  [/\bCrossEntropyLoss\b/g, () => 'NLLLoss'],
  [/\bBCELoss\b/g, () => 'BCEWithLogitsLoss'],
  [/\bBCEWithLogitsLoss\b/g, () => 'BCELoss'],
  [/\bbinary_cross_entropy(?=\s*\()/g, () => 'binary_cross_entropy_with_logits'],
  [/\bbinary_cross_entropy_with_logits(?=\s*\()/g, () => 'binary_cross_entropy'],
];
const PY_KERAS = [
  [/\bfrom_logits\s*=\s*True\b/g, () => 'from_logits=False'],
  [/\bfrom_logits\s*=\s*False\b/g, () => 'from_logits=True'],
  [/\b((?:Sparse)?Categorical|Binary)Crossentropy\(\s*\)/g, (m) => m.replace(/\(\s*\)$/, '(from_logits=True)')],
  [/\bloss\s*=\s*(["'])(sparse_categorical_crossentropy|categorical_crossentropy|binary_crossentropy)\1/g, (m, text) => {
    const prefix = kerasPrefix(text);
    const name = /(sparse_categorical_crossentropy|categorical_crossentropy|binary_crossentropy)/.exec(m)[1];
    return prefix ? `loss=${prefix}${CAMEL[name]}(from_logits=True)` : undefined;
  }],
];
const JS_TFJS = [
  [/(['"])categoricalCrossentropy\1/g, () => 'tf.losses.softmaxCrossEntropy'],
  [/(['"])binaryCrossentropy\1/g, () => 'tf.losses.sigmoidCrossEntropy'],
  [/\btf\.losses\.softmaxCrossEntropy\b/g, () => 'tf.metrics.categoricalCrossentropy'],
  [/\btf\.losses\.sigmoidCrossEntropy\b/g, () => 'tf.metrics.binaryCrossentropy'],
  [/\btf\.(?:losses|metrics)\.categoricalCrossentropy(?=\s*\()/g, () => 'tf.losses.softmaxCrossEntropy'],
];

function frameworkOf(text, ext) {
  if (ext === '.js' || ext === '.ts' || ext === '.mjs') return /@tensorflow\/tfjs/.test(text) ? 'tfjs' : undefined;
  const torch = /^\s*(import torch|from torch)/m.test(text);
  const keras = /^\s*(import (tensorflow|keras)|from (tensorflow|keras))/m.test(text);
  return torch && keras ? 'both' : torch ? 'torch' : keras ? 'keras' : undefined;
}

/** Code segments of a file: the text for .py/.js, the code cells for .ipynb. */
function segments(path, raw) {
  if (!path.endsWith('.ipynb')) return { segs: [raw], write: (segs) => segs[0] };
  const nb = JSON.parse(raw);
  const cells = (nb.cells ?? []).map((c, i) => ({ c, i })).filter(({ c }) => c.cell_type === 'code');
  const segs = cells.map(({ c }) => (Array.isArray(c.source) ? c.source.join('') : (c.source ?? '')));
  return {
    segs,
    write: (next) => {
      const copy = JSON.parse(raw);
      cells.forEach(({ i }, k) => {
        copy.cells[i].source = next[k];
      });
      return JSON.stringify(copy);
    },
  };
}

function lineOf(text, index) {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function sitesOf(path, raw) {
  let seg;
  try {
    seg = segments(path, raw);
  } catch {
    return [];
  }
  const fw = frameworkOf(seg.segs.join('\n'), extname(path));
  if (!fw) return [];
  const flips = fw === 'tfjs' ? [['tfjs', JS_TFJS]] : fw === 'both' ? [['torch', PY_TORCH], ['keras', PY_KERAS]] : [[fw, fw === 'torch' ? PY_TORCH : PY_KERAS]];
  const all = seg.segs.join('\n');
  const out = [];
  seg.segs.forEach((text, si) => {
    for (const [framework, table] of flips) {
      for (const [re, repl] of table) {
        re.lastIndex = 0;
        for (let m; (m = re.exec(text)); ) {
          const lineStart = text.lastIndexOf('\n', m.index) + 1;
          const lineText = text.slice(lineStart, text.indexOf('\n', m.index) < 0 ? text.length : text.indexOf('\n', m.index));
          const before = lineText.slice(0, m.index - lineStart);
          if (/^\s*(#|\/\/|\*)/.test(lineText) || before.includes('#') || /^\s*(import|from)\s/.test(lineText) || /\b(def|function)\s+$/.test(before)) continue;
          // Inside a string (docstring / message)?
          const q = (before.match(/(?<!\\)["']/g) ?? []).length;
          if (q % 2 === 1 && !/^["']/.test(m[0])) continue;
          const replacement = repl(m[0], all);
          if (replacement === undefined) continue;
          const next = [...seg.segs];
          next[si] = text.slice(0, m.index) + replacement + text.slice(m.index + m[0].length);
          out.push({ framework, cell: path.endsWith('.ipynb') ? si : undefined, line: lineOf(text, m.index), from: m[0], to: replacement, text: lineText.trim().slice(0, 160), mutant: seg.write(next) });
        }
      }
    }
  });
  return out;
}

function check(paths) {
  if (paths.length === 0) return { files: [] };
  let stdout;
  try {
    stdout = execFileSync('node', [cli, 'check', '--format', 'json', '--select', 'ACT001,ACT002', ...paths], { encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch (e) {
    if (e.status !== 1) throw e;
    stdout = e.stdout;
  }
  return JSON.parse(stdout);
}

const work = mkdtempSync(join(tmpdir(), 'inject-'));
const originals = [];
const mutants = [];
let k = 0;
for (const root of roots) {
  const base = resolve(root);
  for (const f of files(base)) {
    let raw;
    try {
      raw = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    const sites = sitesOf(f, raw);
    if (sites.length === 0) continue;
    const rel = join(basename(base), relative(base, f));
    const origDir = join(work, `o${originals.length}`);
    mkdirSync(origDir);
    const origPath = join(origDir, basename(f));
    writeFileSync(origPath, raw);
    const orig = { rel, path: origPath };
    originals.push(orig);
    for (const s of sites) {
      const dir = join(work, `m${k++}`);
      mkdirSync(dir);
      const p = join(dir, basename(f));
      writeFileSync(p, s.mutant);
      delete s.mutant;
      mutants.push({ ...s, rel, corpus: basename(base), path: p, orig });
    }
  }
}

const count = (report) => {
  const m = new Map();
  for (const file of report.files) m.set(file.path, file.findings.length);
  return m;
};
const CHUNK = 150;
const run = (paths) => {
  const m = new Map();
  for (let i = 0; i < paths.length; i += CHUNK) for (const [p, n] of count(check(paths.slice(i, i + CHUNK)))) m.set(p, n);
  return m;
};
const before = run(originals.map((o) => o.path));
const after = run(mutants.map((m) => m.path));
const norm = (p) => resolve(p);
const get = (map, p) => map.get(p) ?? map.get(norm(p)) ?? [...map].find(([k]) => norm(k) === norm(p))?.[1] ?? 0;

const rows = mutants.map((m) => ({
  corpus: m.corpus,
  file: m.rel,
  line: m.line,
  cell: m.cell,
  framework: m.framework,
  from: m.from,
  to: m.to,
  text: m.text,
  caught: get(after, m.path) > get(before, m.orig.path),
  // The original was already reported and the flip removed a finding: the flip repaired a real
  // mismatch, so the site is not an injection (reported apart, not counted).
  repaired: get(after, m.path) < get(before, m.orig.path),
}));
rmSync(work, { recursive: true, force: true });

const table = new Map();
const add = (key, caught) => {
  const t = table.get(key) ?? { sites: 0, caught: 0 };
  t.sites++;
  if (caught) t.caught++;
  table.set(key, t);
};
const repaired = rows.filter((r) => r.repaired);
for (const r of rows) {
  if (r.repaired) continue;
  add(`${r.corpus}\t${r.framework}`, r.caught);
  add(`(all)\t${r.framework}`, r.caught);
  add('(all)\t(all)', r.caught);
}
const pct = (t) => `${((100 * t.caught) / t.sites).toFixed(0)}%`;
console.log('corpus\tframework\tcaught/sites');
for (const [key, t] of [...table].sort()) console.log(`${key}\t${t.caught}/${t.sites} (${pct(t)})`);
if (repaired.length > 0) {
  console.log(`\nrepaired (already reported in the original, not counted): ${repaired.length}`);
  for (const r of repaired) console.log(`${r.file}:${r.cell !== undefined ? `cell ${r.cell}:` : ''}${r.line}\t${r.from} -> ${r.to}`);
}
if (list) {
  console.log('\nmissed:');
  for (const r of rows) if (!r.caught && !r.repaired) console.log(`${r.file}:${r.cell !== undefined ? `cell ${r.cell}:` : ''}${r.line}\t${r.from} -> ${r.to}\t${r.text}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
