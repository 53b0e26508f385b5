/**
 * Mutation operators for the fuzz suite. Each takes a text and the PRNG and returns a new text;
 * notebooks additionally get structural mutations (of the JSON, or of one cell's source).
 */
import type { Prng } from './prng';

export type Mutator = (text: string, rng: Prng, donor: string) => string;

const splitLines = (text: string): string[] => text.split('\n');
const joinLines = (lines: string[]): string => lines.join('\n');

function span(rng: Prng, n: number): [number, number] {
  const start = rng.int(Math.max(1, n));
  const len = 1 + rng.int(Math.min(5, Math.max(1, n - start)));
  return [start, Math.min(n, start + len)];
}

const UNBALANCED = ['(', ')', '[', ']', '{', '}', "'", '"', '"""', "'''", '`', '${', '\\', ':', ',', '=', '#', '//', '/*', '*/', '@', 'lambda', '=>'];
/** Characters that stress decoding, positions and the grammar: lone surrogates, BOM, odd breaks. */
const ODD_CHARS = ['\uD800', '\uDFFF', '\uDBFF\uDBFF', '\uFEFF', '\r', '\r\n', '\t', '\u2028', '\u2029', '\u00A0', '\u200B', '😀', 'é', '中', '\uFFFD', '\u0085', '\x7F', '\x1B'];
const TOKENS = ['relu', 'softmax', 'sigmoid', 'tanh', 'log_softmax', 'Linear', 'Dense', 'nn.Sequential(', 'activation=', 'from_logits=True', 'dim=', '# noqa: ACT001', '// noqa', 'CrossEntropyLoss()', 'tf.layers.dense({', 'model.compile(loss=', '0', '1', '-1', '1e308', 'NaN', 'None', 'True'];

function randomChar(rng: Prng): string {
  const r = rng.next();
  if (r < 0.4) return rng.pick(ODD_CHARS);
  if (r < 0.7) return String.fromCharCode(32 + rng.int(95));
  if (r < 0.9) return String.fromCharCode(rng.int(0x10000)); // any UTF-16 unit, lone surrogates included
  return String.fromCodePoint(0x10000 + rng.int(0x100000 - 0x10000));
}

function insertAt(text: string, rng: Prng, piece: string): string {
  const at = rng.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

export const LINE_MUTATORS: Readonly<Record<string, Mutator>> = {
  deleteLines(text, rng) {
    const lines = splitLines(text);
    const [a, b] = span(rng, lines.length);
    lines.splice(a, b - a);
    return joinLines(lines);
  },
  duplicateLines(text, rng) {
    const lines = splitLines(text);
    const [a, b] = span(rng, lines.length);
    const copies = rng.chance(0.2) ? 20 : 1;
    const block = lines.slice(a, b);
    for (let i = 0; i < copies; i++) lines.splice(b, 0, ...block);
    return joinLines(lines);
  },
  swapLines(text, rng) {
    const lines = splitLines(text);
    const i = rng.int(lines.length);
    const j = rng.int(lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return joinLines(lines);
  },
  truncate(text, rng) {
    return text.slice(0, rng.int(text.length + 1));
  },
  unbalanced(text, rng) {
    let out = text;
    const n = 1 + rng.int(4);
    for (let i = 0; i < n; i++) out = insertAt(out, rng, rng.pick(UNBALANCED));
    return out;
  },
  randomChars(text, rng) {
    let out = text;
    const n = 1 + rng.int(8);
    for (let i = 0; i < n; i++) {
      const at = rng.int(out.length + 1);
      const del = rng.chance(0.3) ? 1 : 0;
      out = out.slice(0, at) + randomChar(rng) + out.slice(at + del);
    }
    return out;
  },
  /** NUL past the analyzer's 8 KiB binary sniff, so it reaches the parser. */
  lateNul(text, rng) {
    const pad = '#'.repeat(100) + '\n';
    return pad.repeat(90) + insertAt(text, rng, '\u0000');
  },
  earlyNul(text, rng) {
    return insertAt(text, rng, '\u0000');
  },
  longLine(text, rng) {
    const lines = splitLines(text);
    const at = rng.int(lines.length + 1);
    const unit = rng.pick(['a', 'nn.ReLU(), ', 'x = relu(x); ', '"', '(', ' ', 'é']);
    lines.splice(at, 0, unit.repeat(Math.ceil((5_000 + rng.int(50_000)) / unit.length)));
    return joinLines(lines);
  },
  deepNesting(text, rng) {
    const lines = splitLines(text);
    const depth = rng.pick([100, 1_000, 5_000]);
    const [open, close] = rng.pick([['(', ')'], ['[', ']'], ['{', '}'], ['relu(', ')'], ['-', '']] as const);
    const line = `y = ${open.repeat(depth)}x${close.repeat(depth)}`;
    lines.splice(rng.int(lines.length + 1), 0, line);
    return joinLines(lines);
  },
  lineEndings(text, rng) {
    return text.replace(/\r?\n/g, rng.pick(['\r\n', '\r', '\n\n']));
  },
  tabsAndBom(text, rng) {
    const tabbed = text.replace(/^( {4})+/gm, (m) => '\t'.repeat(m.length / 4));
    return rng.chance(0.5) ? '\uFEFF' + tabbed : tabbed;
  },
  tokens(text, rng) {
    let out = text;
    const n = 1 + rng.int(3);
    for (let i = 0; i < n; i++) {
      const m = /[A-Za-z_][A-Za-z0-9_.]*|\d+(\.\d+)?/g;
      const words = [...out.matchAll(m)];
      if (words.length === 0) return insertAt(out, rng, rng.pick(TOKENS));
      const w = rng.pick(words);
      out = out.slice(0, w.index) + rng.pick(TOKENS) + out.slice(w.index! + w[0].length);
    }
    return out;
  },
  /** Lines from another corpus file spliced in (cross-framework mixtures). */
  crossover(text, rng, donor) {
    const lines = splitLines(text);
    const other = splitLines(donor);
    const [a, b] = span(rng, other.length);
    lines.splice(rng.int(lines.length + 1), 0, ...other.slice(a, b));
    return joinLines(lines);
  },
};

export const LINE_MUTATOR_NAMES = Object.keys(LINE_MUTATORS);

/** Applies 1–3 random line mutators; returns the text and the names applied. */
export function mutateText(text: string, rng: Prng, donor: string): { text: string; ops: string[] } {
  const ops: string[] = [];
  let out = text;
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(LINE_MUTATOR_NAMES);
    out = LINE_MUTATORS[name]!(out, rng, donor);
    ops.push(name);
  }
  return { text: out, ops };
}

type Json = Record<string, unknown>;

/** Structural notebook damage: the JSON still parses, its shape does not match the format. */
export function mutateNotebook(text: string, rng: Prng, donor: string): { text: string; ops: string[] } {
  let nb: Json;
  try {
    nb = JSON.parse(text) as Json;
  } catch {
    return mutateText(text, rng, donor);
  }
  const cells = Array.isArray(nb.cells) ? (nb.cells as Json[]) : [];
  const r = rng.next();
  let op: string;
  if (r < 0.55 && cells.length > 0) {
    // Mutate one cell's source and store it as a string or as a list of lines.
    op = 'nb.cellSource';
    const cell = rng.pick(cells);
    const src = Array.isArray(cell.source) ? (cell.source as unknown[]).join('') : String(cell.source ?? '');
    const m = mutateText(src, rng, donor);
    op += `(${m.ops.join('+')})`;
    cell.source = rng.chance(0.5) ? m.text : m.text.split(/(?<=\n)/);
  } else if (r < 0.65) {
    op = 'nb.noCells';
    delete nb.cells;
  } else if (r < 0.72) {
    op = 'nb.cellsNotArray';
    nb.cells = rng.pick([{}, 'cells', 42, null]);
  } else if (r < 0.82 && cells.length > 0) {
    op = 'nb.oddCell';
    const i = rng.int(cells.length);
    cells[i] = rng.pick<Json | null>([
      null,
      { cell_type: 'code' },
      { cell_type: 'code', source: 42 },
      { cell_type: 'code', source: [1, null, 'x = 1\n'] },
      { source: 'import torch' },
      { cell_type: 'markdown', source: 'nn.Softmax()' },
      { cell_type: 'code', source: '%%bash\nrm -rf /\n' },
      { cell_type: 'code', source: '!pip install torch\n%matplotlib inline\n' },
    ]) as Json;
  } else if (r < 0.9) {
    op = 'nb.language';
    nb.metadata = { ...(nb.metadata as Json | undefined), language_info: { name: rng.pick(['python', 'Python', 'r', 42, '']) } };
  } else {
    op = 'nb.reorderCells';
    cells.reverse();
  }
  const out = JSON.stringify(nb, null, rng.chance(0.5) ? 1 : undefined);
  return { text: rng.chance(0.2) ? out.replace(/\n/g, '\r\n') : out, ops: [op] };
}
