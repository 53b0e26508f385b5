/**
 * Offsets ↔ positions in one text, with VS Code's conventions: lines break at \r\n, \n or a lone \r;
 * columns count UTF-16 code units (which is what JS string indices and web-tree-sitter's indices are).
 */
import type { Position } from '../types';

/** A changed span: old offsets [start, oldEnd) became new offsets [start, newEnd) (parse.ts coverOf covers several edits with one). */
export interface EditSpan {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export class LineIndex {
  /** Offset of the first character of each line (a typed array: one exact-size allocation, no growth). */
  readonly starts: Int32Array;
  /** The text holds no \r: lines break at \n only (what the update after an edit handles). */
  private readonly lfOnly: boolean;

  constructor(
    readonly text: string,
    /** The index of the text before an edit, and the span the edit changed: only the span is scanned. */
    previous?: { lines: LineIndex; span: EditSpan },
  ) {
    this.lfOnly = text.indexOf('\r') < 0;
    if (this.lfOnly && previous?.lines.lfOnly) {
      this.starts = edited(previous.lines.starts, text, previous.span);
      return;
    }
    if (this.lfOnly) {
      // \n only (the common case): indexOf scans far faster than a loop over every character.
      let count = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
      const starts = new Int32Array(count);
      let k = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
      this.starts = starts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) {
        starts.push(i + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line of the last answer: ranges are asked for in runs on one line (a call, its arguments). */
  private lastLine = 0;

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    const last = this.lastLine;
    if (starts[last]! <= o && (last + 1 >= starts.length || o < starts[last + 1]!)) return { line: last, column: o - starts[last]! };
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { line: lo, column: o - this.starts[lo]! };
  }

  offsetAt(pos: Position): number {
    const line = Math.max(0, Math.min(pos.line, this.starts.length - 1));
    return Math.min(this.starts[line]! + Math.max(0, pos.column), this.text.length);
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    const end = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return this.text.slice(this.starts[line]!, end).replace(/\r?\n$|\r$/, '');
  }
}

/**
 * The line starts of a text after an edit (\n line breaks only), from those before it: a line start
 * s follows the break at s - 1, so the starts up to the span's start stay, the breaks inside the
 * changed span are found again, and those after it shift by what the edit added.
 */
function edited(old: Int32Array, text: string, span: EditSpan): Int32Array {
  const delta = span.newEnd - span.oldEnd;
  let before = 0;
  while (before < old.length && old[before]! <= span.start) before++;
  let after = before;
  while (after < old.length && old[after]! <= span.oldEnd) after++;
  let inside = 0;
  for (let i = text.indexOf('\n', span.start); i >= 0 && i < span.newEnd; i = text.indexOf('\n', i + 1)) inside++;
  const out = new Int32Array(before + inside + (old.length - after));
  out.set(old.subarray(0, before));
  let k = before;
  for (let i = text.indexOf('\n', span.start); i >= 0 && i < span.newEnd; i = text.indexOf('\n', i + 1)) out[k++] = i + 1;
  for (let j = after; j < old.length; j++) out[k++] = old[j]! + delta;
  return out;
}
