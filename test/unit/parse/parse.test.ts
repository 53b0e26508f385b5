import { describe, expect, it } from 'vitest';
import { detectLanguage, parseSource } from '../../../src/core/parse';
import type { IncrementalEdit } from '../../../src/core/types';
import { LineIndex } from '../../../src/core/parse/lines';
import { editOf } from './editOf';

function editFor(oldText: string, start: number, oldEnd: number, insert: string): IncrementalEdit {
  return editOf(oldText, start, oldEnd, insert).edit;
}

describe('parseSource', () => {
  it('parses each grammar', async () => {
    for (const [lang, code, type] of [
      ['python', 'x = nn.ReLU()\n', 'module'],
      ['javascript', 'const m = tf.sequential();\n', 'program'],
      ['typescript', 'const m: any = tf.sequential();\n', 'program'],
      ['tsx', 'const e = <div/>;\n', 'program'],
    ] as const) {
      const p = await parseSource(code, lang);
      expect(p.tree?.rootNode.type).toBe(type);
      expect(p.tree?.rootNode.hasError).toBe(false);
    }
  });

  it('gives UTF-16 columns after non-ASCII text', async () => {
    const code = '# é中文😀 comment\nx = F.relu(y)  # ünïcödé 😀\ny = F.relu(x)\n';
    const p = await parseSource(code, 'python');
    const text = p.doc.program;
    const off = text.indexOf('F.relu');
    const node = p.tree!.rootNode.descendantForIndex(off)!;
    expect(node.startIndex).toBe(off);
    const r = p.doc.range(node.startIndex, node.endIndex);
    expect(r.start).toEqual({ line: 1, column: 4 });
    const comment = p.tree!.rootNode.descendantForIndex(text.indexOf('# ü'))!;
    expect(comment.type).toBe('comment');
    expect(p.doc.range(comment.startIndex, comment.endIndex)).toEqual({ start: { line: 1, column: 15 }, end: { line: 1, column: 15 + '# ünïcödé 😀'.length } });
    expect('# ünïcödé 😀'.length).toBe(12); // the emoji is two UTF-16 units
    expect(p.doc.textAt(p.doc.range(comment.startIndex, comment.endIndex))).toBe('# ünïcödé 😀');
  });

  it('incremental re-parse equals a fresh parse', async () => {
    const v1 = 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(4, 8), nn.ReLU())\n';
    const first = await parseSource(v1, 'python');
    const at = v1.indexOf('nn.ReLU()');
    const insert = 'nn.Sigmoid(), ';
    const v2 = v1.slice(0, at) + insert + v1.slice(at);
    const inc = await parseSource(v2, 'python', { previous: first, edits: [editFor(v1, at, at, insert)] });
    const fresh = await parseSource(v2, 'python');
    expect(inc.incremental).toBe(true);
    expect(inc.tree!.rootNode.toString()).toBe(fresh.tree!.rootNode.toString());
    // the same previous state can be reused (the old tree is not mutated)
    const again = await parseSource(v2, 'python', { previous: first, edits: [editFor(v1, at, at, insert)] });
    expect(again.tree!.rootNode.toString()).toBe(fresh.tree!.rootNode.toString());
  });

  it('falls back to a full parse when the edits do not fit the text', async () => {
    const first = await parseSource('x = 1\n', 'python');
    const bad: IncrementalEdit = editFor('x = 1\n', 0, 1, 'yy');
    const p = await parseSource('zzzz = 1\n', 'python', { previous: first, edits: [bad] });
    expect(p.incremental).toBe(false);
    expect(p.tree!.rootNode.text).toBe('zzzz = 1\n');
  });

  it('detects languages', () => {
    expect(detectLanguage('a/b.py')).toBe('python');
    expect(detectLanguage('a/b.IPYNB')).toBe('ipynb');
    expect(detectLanguage('x.mjs')).toBe('javascript');
    expect(detectLanguage('x.tsx')).toBe('tsx');
    expect(detectLanguage('x.txt')).toBeUndefined();
    expect(detectLanguage('x.txt', 'typescript')).toBe('typescript');
  });
});

describe('LineIndex.positionAt', () => {
  it('answers every offset as a scan from the start would, in any order of questions', () => {
    const text = 'a = 1\r\nb = 2\n\nc = f(x,\r  y)\n\u00e9\u{1F600} = 3\n';
    const reference = (o: number) => {
      let line = 0;
      let start = 0;
      for (let i = 0; i < Math.min(o, text.length); i++) {
        if (text[i] === '\r' && text[i + 1] === '\n') continue;
        if (text[i] === '\r' || text[i] === '\n') (line++, (start = i + 1));
      }
      return { line, column: Math.min(o, text.length) - start };
    };
    const lines = new LineIndex(text);
    // In order, backwards, and jumping around (the index remembers the line of its last answer).
    const offsets = [...Array(text.length + 3).keys()];
    let seed = 7;
    const shuffled = offsets.map((o) => [o, (seed = (seed * 48271) % 2147483647)] as const).sort((a, b) => a[1] - b[1]).map(([o]) => o);
    for (const o of [...offsets, ...offsets.reverse(), ...shuffled, -5]) expect(lines.positionAt(o), `offset ${o}`).toEqual(reference(Math.max(0, o)));
  });
});
