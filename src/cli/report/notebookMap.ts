/**
 * Maps a position inside a notebook cell to the raw .ipynb text: a small JSON scanner records,
 * for each `cells[i].source` (a string or an array of strings), where every decoded character sits
 * in the raw file. Used by the SARIF report so code scanning highlights the right raw line.
 */
import * as fs from 'node:fs';
import type { Position } from '../../core/types';

export interface RawRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface Segment {
  decoded: string;
  /** offsets[k] = raw offset of decoded char k; offsets[decoded.length] = the closing quote. */
  offsets: number[];
}

type Ctx = 'root' | 'cells' | 'cell' | 'source' | 'other';
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

function scan(text: string): Map<number, Segment[]> {
  const cells = new Map<number, Segment[]>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const str = (): Segment => {
    if (text[i] !== '"') throw new Error('string expected');
    i++;
    let decoded = '';
    const offsets: number[] = [];
    while (text[i] !== '"') {
      if (i >= text.length) throw new Error('unterminated string');
      offsets.push(i);
      if (text[i] === '\\') {
        const c = text[i + 1];
        if (c === 'u') {
          decoded += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          decoded += ESCAPES[c] ?? c;
          i += 2;
        }
      } else {
        decoded += text[i++];
      }
    }
    offsets.push(i++);
    return { decoded, offsets };
  };
  const value = (ctx: Ctx, cell: number): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        const key = str().decoded;
        ws();
        if (text[i++] !== ':') throw new Error(': expected');
        value(ctx === 'root' && key === 'cells' ? 'cells' : ctx === 'cell' && key === 'source' ? 'source' : 'other', cell);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else throw new Error(', or } expected');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let k = 0; ; k++) {
        value(ctx === 'cells' ? 'cell' : ctx === 'source' ? 'source' : 'other', ctx === 'cells' ? k : cell);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else throw new Error(', or ] expected');
      }
    } else if (c === '"') {
      const seg = str();
      if (ctx === 'source') {
        const list = cells.get(cell) ?? [];
        list.push(seg);
        cells.set(cell, list);
      }
    } else {
      while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
    }
  };
  value('root', -1);
  return cells;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === '\n' || (ch === '\r' && text[k + 1] !== '\n')) starts.push(k + 1);
  }
  return starts;
}

function toLineCol(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** A mapper for one notebook file, or undefined when the file cannot be read or scanned. */
export function notebookSourceMap(file: string): ((cell: number, start: Position, end: Position) => RawRegion | undefined) | undefined {
  let text: string;
  let cells: Map<number, Segment[]>;
  try {
    text = fs.readFileSync(file, 'utf8');
    cells = scan(text);
  } catch {
    return undefined;
  }
  const rawStarts = lineStarts(text);
  return (cell, start, end) => {
    const segs = cells.get(cell);
    if (!segs) return undefined;
    const decoded = segs.map((s) => s.decoded).join('');
    const offsets: number[] = [];
    segs.forEach((s, k) => offsets.push(...(k === segs.length - 1 ? s.offsets : s.offsets.slice(0, -1))));
    const cellStarts = [0, ...lineStarts(decoded).slice(1)];
    const rawAt = (p: Position) => {
      const index = (cellStarts[p.line] ?? Number.NaN) + p.column;
      return Number.isFinite(index) && index <= decoded.length ? toLineCol(rawStarts, offsets[index]) : undefined;
    };
    const s = rawAt(start);
    const e = rawAt(end);
    if (!s || !e) return undefined;
    return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
  };
}
