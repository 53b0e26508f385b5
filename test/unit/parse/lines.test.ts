// LineIndex (src/core/parse/lines.ts) after an edit: built from the index of the text before it and
// the span the edits changed, it must equal the index built from scratch, line breaks inside the
// span, at its edges, added and removed included.
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../src/core/parse';
import { coverOf } from '../../../src/core/parse/parse';
import type { IncrementalEdit } from '../../../src/core/types';
import { Prng } from '../fuzz/prng';

const pos = { line: 0, column: 0 };

describe('LineIndex after edits', () => {
  it('equals a fresh index over random batches of edits that add and remove line breaks', () => {
    const p = new Prng(11);
    const pick = (s: string): string => s[Math.floor(p.next() * s.length)]!;
    for (let run = 0; run < 3000; run++) {
      const old = Array.from({ length: Math.floor(p.next() * 60) }, () => pick('ab\n\n ')).join('');
      let text = old;
      let lines = new LineIndex(old);
      const edits: IncrementalEdit[] = [];
      const count = 1 + Math.floor(p.next() * 3);
      for (let k = 0; k < count; k++) {
        const start = Math.floor(p.next() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(p.next() * 6));
        const insert = Array.from({ length: Math.floor(p.next() * 4) }, () => pick('x\n')).join('');
        edits.push({ startIndex: start, oldEndIndex: end, newEndIndex: start + insert.length, startPosition: pos, oldEndPosition: pos, newEndPosition: pos });
        text = text.slice(0, start) + insert + text.slice(end);
      }
      lines = new LineIndex(text, { lines, span: coverOf(edits)! });
      expect({ run, starts: [...lines.starts] }).toEqual({ run, starts: [...new LineIndex(text).starts] });
    }
  });

  it('is built afresh when either text has \r line breaks', () => {
    const old = 'a\r\nb\nc';
    const text = 'a\r\nb\r\nc';
    const lines = new LineIndex(text, { lines: new LineIndex(old), span: { start: 4, oldEnd: 4, newEnd: 5 } });
    expect([...lines.starts]).toEqual([0, 3, 6]);
    expect(lines.positionAt(6)).toEqual({ line: 2, column: 0 });
  });
});
