import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/types';
import { toIncrementalEdits } from '../../../src/shared/edits';
import { combineFixes, noqaEdit } from '../../../src/shared/fixes';
import { notebookJson } from '../../../src/shared/notebookText';

describe('toIncrementalEdits', () => {
  it('computes end positions for single and multi-line inserts', () => {
    const [e] = toIncrementalEdits([{ rangeOffset: 10, rangeLength: 3, start: { line: 1, column: 2 }, end: { line: 1, column: 5 }, text: 'ab\ncde' }]);
    expect(e).toEqual({
      startIndex: 10, oldEndIndex: 13, newEndIndex: 16,
      startPosition: { line: 1, column: 2 }, oldEndPosition: { line: 1, column: 5 }, newEndPosition: { line: 2, column: 3 },
    });
    const [d] = toIncrementalEdits([{ rangeOffset: 4, rangeLength: 2, start: { line: 0, column: 4 }, end: { line: 0, column: 6 }, text: '' }]);
    expect(d!.newEndIndex).toBe(4);
    expect(d!.newEndPosition).toEqual({ line: 0, column: 4 });
  });

  it('orders the changes of one event from last to first', () => {
    const es = toIncrementalEdits([
      { rangeOffset: 1, rangeLength: 0, start: { line: 0, column: 1 }, end: { line: 0, column: 1 }, text: 'x' },
      { rangeOffset: 9, rangeLength: 0, start: { line: 1, column: 0 }, end: { line: 1, column: 0 }, text: 'y' },
    ]);
    expect(es.map((e) => e.startIndex)).toEqual([9, 1]);
  });
});

describe('noqaEdit', () => {
  it('appends a comment in the language style', () => {
    expect(noqaEdit('    nn.Softmax(dim=1),   ', 'ACT001', 'python')).toEqual({ start: 22, end: 25, newText: '  # noqa: ACT001' });
    expect(noqaEdit('tf.softmax(x);', 'ACT006', 'js')).toEqual({ start: 14, end: 14, newText: '  // noqa: ACT006' });
  });
  it('extends an existing list and leaves silenced lines alone', () => {
    const line = 'x = F.sigmoid(y)  # noqa: ACT013';
    expect(noqaEdit(line, 'ACT012', 'python')).toEqual({ start: line.length, end: line.length, newText: ', ACT012' });
    expect(noqaEdit(line, 'ACT013', 'python')).toBeUndefined();
    expect(noqaEdit('x = F.sigmoid(y)  # noqa', 'ACT013', 'python')).toBeUndefined();
  });
});

function finding(rule: string, line: number, c0: number, c1: number, safe: boolean, cell?: number): Finding {
  const range = { start: { line, column: c0 }, end: { line, column: c1 }, ...(cell !== undefined ? { cell } : {}) };
  return { rule, severity: 'warning', message: 'm', range, fix: { title: 't', safe, edits: [{ range, newText: `${rule}@${line}` }] } };
}

describe('combineFixes', () => {
  it('keeps safe fixes in order and drops overlapping and unsafe ones', () => {
    const edits = combineFixes([finding('A', 3, 0, 5, true), finding('B', 1, 0, 4, true), finding('C', 3, 2, 8, true), finding('D', 5, 0, 1, false)], true);
    expect(edits.map((e) => e.newText)).toEqual(['B@1', 'A@3']);
    expect(combineFixes([finding('D', 5, 0, 1, false)], false)).toHaveLength(1);
  });
  it('does not treat the same range in different cells as overlapping', () => {
    expect(combineFixes([finding('A', 0, 0, 5, true, 0), finding('A', 0, 0, 5, true, 2)], true)).toHaveLength(2);
  });
});

describe('notebookJson', () => {
  it('keeps cell order and indexes, turning foreign code cells into raw cells', () => {
    const nb = JSON.parse(notebookJson([
      { kind: 'markup', languageId: 'markdown', text: '# t' },
      { kind: 'code', languageId: 'python', text: 'import torch\nx = 1' },
      { kind: 'code', languageId: 'shellscript', text: 'ls' },
    ]));
    expect(nb.cells.map((c: { cell_type: string }) => c.cell_type)).toEqual(['markdown', 'code', 'raw']);
    expect(nb.cells[1].source).toBe('import torch\nx = 1');
    expect(nb.metadata.language_info.name).toBe('python');
    expect(nb.nbformat).toBe(4);
  });
});
