// One edit as the editor reports it: the new text and the IncrementalEdit (offsets and positions)
// that turns `text` into it. Shared by the tests of incremental parsing and incremental analysis.
import { LineIndex } from '../../../src/core/parse';
import type { IncrementalEdit } from '../../../src/core/types';

export function editOf(text: string, start: number, end: number, insert: string): { next: string; edit: IncrementalEdit } {
  const before = new LineIndex(text);
  const next = text.slice(0, start) + insert + text.slice(end);
  const after = new LineIndex(next);
  return {
    next,
    edit: {
      startIndex: start,
      oldEndIndex: end,
      newEndIndex: start + insert.length,
      startPosition: before.positionAt(start),
      oldEndPosition: before.positionAt(end),
      newEndPosition: after.positionAt(start + insert.length),
    },
  };
}
