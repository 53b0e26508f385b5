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

/**
 * Cell magics whose body is still Python (timed, captured, profiled, run by another Python;
 * `backend`: the Keras 3 book notebooks' `%%backend torch`).
 */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'autoreload', 'tensorflow_version', 'backend', 'python', 'python3', 'pypy']);

/** `%%writefile [-a] model.py`: the body is a Python file being written (other files are not Python). */
function writesPython(magic: string, args: string): boolean {
  if (magic !== 'writefile' && magic !== 'file') return false;
  const words = args.trim().split(/\s+/).filter((w) => !w.startsWith('-'));
  const target = words[words.length - 1]?.replace(/^['"]|['"]$/g, '');
  return !!target && /\.pyw?$/i.test(target);
}

/** Whether a cell's first line is a cell magic, and whether its body is Python. */
export function cellMagic(firstLine: string): { name: string; python: boolean } | undefined {
  const m = /^%%([A-Za-z_][\w]*)(.*)$/.exec(firstLine.trimStart());
  if (!m) return undefined;
  const name = m[1]!;
  return { name, python: PYTHON_CELL_MAGICS.has(name) || writesPython(name, m[2] ?? '') };
}

/**
 * Python's line structure, one physical line at a time: `atStart` tells whether the next line
 * starts a logical line (not inside brackets, a triple-quoted string, or after a backslash).
 * IPython recognizes magics and `!` commands only there, so `    % b)` inside parentheses or a `!`
 * line in a docstring stay code.
 */
class LineStructure {
  private depth = 0;
  private triple: string | undefined;
  private joined = false;

  get atStart(): boolean {
    return this.depth === 0 && this.triple === undefined && !this.joined;
  }

  scan(line: string): void {
    this.joined = false;
    let i = 0;
    while (i < line.length) {
      const c = line[i]!;
      if (this.triple !== undefined) {
        if (c === '\\') i += 2;
        else if (line.startsWith(this.triple, i)) (i += 3), (this.triple = undefined);
        else i++;
        continue;
      }
      if (c === '#') break;
      if (c === '"' || c === "'") {
        if (line.startsWith(c.repeat(3), i)) {
          this.triple = c.repeat(3);
          i += 3;
          continue;
        }
        i++;
        while (i < line.length && line[i] !== c) i += line[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') this.depth++;
      else if ((c === ')' || c === ']' || c === '}') && this.depth > 0) this.depth--;
      else if (c === '\\' && i === line.length - 1) this.joined = true;
      i++;
    }
  }
}

/**
 * Line magics IPython runs without the `%` (automagic) and its default shell aliases: `ls ./data`,
 * `pip install x`, `cd src`. Only recognized when what follows cannot continue a Python expression
 * after a name (a word, a path, a quote), so `ls = []`, `cd(x)`, `pwd` and `ls - la` stay Python.
 */
const AUTOMAGIC = /^(ls|ll|cd|pwd|cat|mkdir|rmdir|rm|cp|mv|pip|conda|env|who|whos|reset|load_ext|matplotlib|pylab|pinfo|psearch|history|clear|less|more|man)\s+(?!(if|else|for|in|is|and|or|not|as)\b)([A-Za-z0-9_'"~$]|\.\.?\/)/;

/** An IPython-only line at the start of a logical line: a magic, a shell escape, help, or `x = !cmd`. */
function isIPythonLine(t: string): boolean {
  return t.startsWith('%') || t.startsWith('!') || t.startsWith('?') || /^[A-Za-z_][\w.]*\??\?$/.test(t) || /^[A-Za-z_][\w, ]*=\s*[!%]/.test(t) || AUTOMAGIC.test(t);
}

/**
 * Blank IPython-only lines so the rest parses as Python; returns the text with the same
 * line/column layout. A cell magic whose body is not Python (%%bash, %%html, %%writefile
 * notes.txt) blanks the whole cell; for one whose body is Python (%%time, %%capture,
 * %%writefile model.py) only the magic line goes.
 */
export function blankMagics(source: string): string {
  const parts = source.split(/(\r\n|\n|\r)/);
  // parts alternates [text, break, text, break, …]
  const lines = parts.filter((_, i) => i % 2 === 0);
  const magic = cellMagic(lines[0] ?? '');
  const blankAll = magic !== undefined && !magic.python;
  const structure = new LineStructure();
  let continuing = false;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const isMagic: boolean = blankAll || continuing || (structure.atStart && isIPythonLine(line.trimStart()));
    continuing = isMagic && !blankAll && line.endsWith('\\');
    if (isMagic) parts[k * 2] = ' '.repeat(line.length);
    else structure.scan(line);
  }
  return parts.join('');
}

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
