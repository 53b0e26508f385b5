/**
 * Offsets ↔ positions in one text, with VS Code's conventions: lines break at \r\n, \n or a lone \r;
 * columns count UTF-16 code units (which is what JS string indices and web-tree-sitter's indices are).
 */
import type { Position } from '../types';

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // \n only (the common case): indexOf scans far faster than a loop over every character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
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
