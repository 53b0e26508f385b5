// coverOf (src/core/parse/parse.ts): one span covering a batch of edits. The incremental extraction
// takes over every statement outside it by position, so the text outside must really be unchanged.
import { describe, expect, it } from 'vitest';
import { coverOf } from '../../../src/core/parse/parse';
import type { IncrementalEdit } from '../../../src/core/types';
import { Prng } from '../fuzz/prng';

function prng(seed: number): () => number {
  const p = new Prng(seed);
  return () => p.next();
}

const pos = { line: 0, column: 0 };

describe('coverOf', () => {
  it('leaves the text outside the span unchanged, over random batches of edits', () => {
    const rand = prng(7);
    for (let run = 0; run < 2000; run++) {
      const old = Array.from({ length: 20 + Math.floor(rand() * 40) }, () => 'abcdefghij'[Math.floor(rand() * 10)]).join('');
      let text = old;
      const edits: IncrementalEdit[] = [];
      const count = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < count; k++) {
        const start = Math.floor(rand() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(rand() * 5));
        const insert = 'XYZ'.slice(0, Math.floor(rand() * 4));
        edits.push({ startIndex: start, oldEndIndex: end, newEndIndex: start + insert.length, startPosition: pos, oldEndPosition: pos, newEndPosition: pos });
        text = text.slice(0, start) + insert + text.slice(end);
      }
      const c = coverOf(edits)!;
      expect(c.start).toBeLessThanOrEqual(c.oldEnd);
      expect(c.start).toBeLessThanOrEqual(c.newEnd);
      expect(text.length - c.newEnd).toBe(old.length - c.oldEnd);
      expect({ run, before: text.slice(0, c.start), after: text.slice(c.newEnd) }).toEqual({ run, before: old.slice(0, c.start), after: old.slice(c.oldEnd) });
    }
  });

  it('is the edit itself for one edit, and nothing for none', () => {
    expect(coverOf([{ startIndex: 3, oldEndIndex: 5, newEndIndex: 9, startPosition: pos, oldEndPosition: pos, newEndPosition: pos }])).toEqual({ start: 3, oldEnd: 5, newEnd: 9 });
    expect(coverOf([])).toBeUndefined();
  });
});
