/**
 * .ipynb notebooks → one Python program: the code cells in order, joined by line breaks, with a map
 * from each program line back to (cell index in the notebook's `cells` array, line in that cell).
 * IPython magics and shell lines are blanked with spaces (columns stay put); cells whose cell magic
 * makes them non-Python (%%bash, %%html, …) are blanked whole.
 */

export interface CellSegment {
  /** Index in the notebook's `cells` array. */
  cell: number;
  /** First program line of this cell. */
  startLine: number;
  lineCount: number;
  /** The cell's source as in the notebook (before blanking magics). */
  text: string;
}

export interface FlatNotebook {
  program: string;
  segments: CellSegment[];
  /** Notes in English; `noteKeys` has the same notes as keys + arguments for other locales. */
  notes: string[];
  noteKeys: { key: NoteKey; args: string[] }[];
}

import { note, type NoteKey } from './notes';

/** Cell magics whose body is still Python (`backend`: the Keras 3 book notebooks' `%%backend torch`). */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'autoreload', 'tensorflow_version', 'backend']);

function cellSource(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source)) return source.map((s) => (typeof s === 'string' ? s : '')).join('');
  return undefined;
}

function parseJson(text: string): unknown {
  const clean = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(clean);
  } catch {
    // Hand-edited notebooks: trailing commas are the usual damage.
    return JSON.parse(clean.replace(/,(\s*[\]}])/g, '$1'));
  }
}

/** Blank IPython-only lines so the rest parses as Python; returns the text with the same line/column layout. */
export function blankMagics(source: string): string {
  const lines = source.split(/(\r\n|\n|\r)/);
  // lines alternates [text, break, text, break, …]
  const first = lines[0]?.trimStart() ?? '';
  const cellMagic = /^%%([A-Za-z_]+)/.exec(first);
  const blankAll = cellMagic !== null && !PYTHON_CELL_MAGICS.has(cellMagic[1]!);
  let continuing = false;
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i]!;
    const t = line.trimStart();
    const isMagic =
      blankAll ||
      continuing ||
      t.startsWith('%') ||
      t.startsWith('!') ||
      t.startsWith('?') ||
      /^[A-Za-z_][\w.]*\??\?$/.test(t) ||
      /^[A-Za-z_][\w, ]*=\s*[!%]/.test(t);
    if (isMagic) {
      continuing = !blankAll && line.endsWith('\\');
      lines[i] = ' '.repeat(line.length);
    }
  }
  return lines.join('');
}

export function flattenNotebook(text: string): FlatNotebook {
  const notes: string[] = [];
  const noteKeys: FlatNotebook['noteKeys'] = [];
  const add = (key: NoteKey, ...args: string[]) => {
    noteKeys.push({ key, args });
    notes.push(note(key, 'en', ...args));
  };
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (e) {
    add('badJson', e instanceof Error ? e.message : String(e));
    return { program: '', segments: [], notes, noteKeys };
  }
  const nb = json as { cells?: unknown; metadata?: { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } } } | null;
  const lang = nb?.metadata?.language_info?.name ?? nb?.metadata?.kernelspec?.language;
  if (typeof lang === 'string' && lang.toLowerCase() !== 'python') {
    add('notPython', lang);
    return { program: '', segments: [], notes, noteKeys };
  }
  const cells = Array.isArray(nb?.cells) ? (nb.cells as unknown[]) : [];
  if (!Array.isArray(nb?.cells)) add('noCells');
  const segments: CellSegment[] = [];
  const parts: string[] = [];
  let line = 0;
  cells.forEach((cell, index) => {
    const c = cell as { cell_type?: unknown; source?: unknown } | null;
    if (!c || c.cell_type !== 'code') return;
    const src = cellSource(c.source);
    if (src === undefined) return;
    const body = blankMagics(src);
    const lineCount = body.split(/\r\n|\n|\r/).length;
    segments.push({ cell: index, startLine: line, lineCount, text: src });
    parts.push(body);
    line += lineCount;
  });
  if (Array.isArray(nb?.cells) && segments.length === 0) add('noCode');
  return { program: parts.join('\n'), segments, notes, noteKeys };
}
