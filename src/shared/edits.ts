/**
 * Turns editor content changes into the analyzer's IncrementalEdit (tree-sitter's edit shape).
 * No `vscode` import: the caller passes plain change objects, so this is unit-tested.
 * Offsets and columns are UTF-16 code units, as in VS Code and web-tree-sitter.
 */
import type { IncrementalEdit, Position } from '../core/types';

export interface PlainChange {
  rangeOffset: number;
  rangeLength: number;
  start: Position;
  end: Position;
  text: string;
}

function endOf(start: Position, text: string): Position {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return { line: start.line, column: start.column + text.length };
  return { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length };
}

/**
 * The changes of one change event refer to the document before the event and do not overlap;
 * applied from the last to the first, each edit's positions stay valid.
 */
export function toIncrementalEdits(changes: readonly PlainChange[]): IncrementalEdit[] {
  return [...changes]
    .sort((a, b) => b.rangeOffset - a.rangeOffset)
    .map((c) => ({
      startIndex: c.rangeOffset,
      oldEndIndex: c.rangeOffset + c.rangeLength,
      newEndIndex: c.rangeOffset + c.text.length,
      startPosition: c.start,
      oldEndPosition: c.end,
      newEndPosition: endOf(c.start, c.text),
    }));
}
