import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { LineIndex } from '../../../src/core/parse';
import type { AnalysisResult, IncrementalEdit } from '../../../src/core/types';

const fixture = (name: string): string => readFileSync(path.join(__dirname, '../../fixtures/extract', name), 'utf8');
const PY_BAD = 'import torch\nimport torch.nn.functional as F\ny = F.softmax(x)\n';
const ids = (r: AnalysisResult) => r.findings.map((f) => `${f.rule}@${f.range.cell !== undefined ? `${f.range.cell}:` : ''}${f.range.start.line}`);

describe('analyze()', () => {
  it('runs the rules and reports activations', async () => {
    const r = await analyze(PY_BAD, { language: 'python' });
    expect(ids(r)).toEqual(['ACT006@2']);
    expect(r.frameworks).toEqual(['torch']);
    expect(r.activations.map((a) => `${a.id}@${a.range.start.line}:${a.range.start.column}`)).toEqual(['softmax@2:6']);
    expect(r.partial).toBe(false);
  });

  it('honours select / ignore / rules config and severity overrides', async () => {
    expect(ids(await analyze(PY_BAD, { language: 'python', ignore: ['ACT006'] }))).toEqual([]);
    expect(ids(await analyze(PY_BAD, { language: 'python', select: ['ACT001'] }))).toEqual([]);
    expect(ids(await analyze(PY_BAD, { language: 'python', rules: { ACT006: { enabled: false } } }))).toEqual([]);
    const r = await analyze(PY_BAD, { language: 'python', rules: { ACT006: { severity: 'error' } } });
    expect(r.findings[0]!.severity).toBe('error');
  });

  it('noqa with codes silences that rule on that line only', async () => {
    expect(ids(await analyze(PY_BAD.replace('F.softmax(x)', 'F.softmax(x)  # noqa: ACT001, ACT006'), { language: 'python' }))).toEqual([]);
    expect(ids(await analyze(PY_BAD.replace('F.softmax(x)', 'F.softmax(x)  # noqa: ACT001'), { language: 'python' }))).toEqual(['ACT006@2']);
    expect(ids(await analyze(PY_BAD.replace('F.softmax(x)', 'F.softmax(x)  # noqa'), { language: 'python' }))).toEqual(['ACT006@2']);
    expect(ids(await analyze(PY_BAD.replace('F.softmax(x)', "F.softmax(x); s = '# noqa: ACT006'"), { language: 'python' }))).toEqual(['ACT006@2']);
  });

  it('gives UTF-16 columns after a non-ASCII comment', async () => {
    const r = await analyze('import torch.nn.functional as F\ny = 1  # é中文😀\nz = 2; y = F.softmax(x)  # ü\n', { language: 'python' });
    expect(r.findings.map((f) => f.range.start)).toEqual([{ line: 2, column: 11 }]);
    const r2 = await analyze('import torch.nn.functional as F\ny = "😀😀"; z = F.softmax(x)\n', { language: 'python' });
    expect(r2.findings[0]!.range.start).toEqual({ line: 1, column: 16 });
  });

  it('analyzes notebooks as one program with cell-relative ranges', async () => {
    const r = await analyze(fixture('notebook.ipynb'), { language: 'ipynb' });
    expect(r.notes).toEqual([]);
    expect(ids(r)).toContain('ACT001@1:3');
    const act001 = r.findings.find((f) => f.rule === 'ACT001')!;
    expect(act001.range.cell).toBe(1);
    expect(r.activations.map((a) => `${a.name}@${a.range.cell}:${a.range.start.line}:${a.range.start.column}`)).toEqual(['Softmax@1:3:42']);
    // the link crosses cells: the model in cell 1, the loss in cell 2
    const state = r.state as { ir: { links: { model: { range: { cell?: number } }; range: { cell?: number } }[] } };
    expect(state.ir.links.map((l) => [l.model.range.cell, l.range.cell])).toEqual([[1, 2]]);
  });

  it('never throws on bad input', async () => {
    const cases: [string, Parameters<typeof analyze>[1]][] = [
      ['', { language: 'python' }],
      ['model = nn.Sequential(nn.Linear(3, ', { language: 'python' }],
      ['\u0000\u0001\u0002binary', { language: 'python' }],
      ['{"cells": [', { language: 'ipynb' }],
      ['{"cells": "nope"}', { language: 'ipynb' }],
      ['{"cells": [{"cell_type": "code", "source": 7}, null, 5]}', { language: 'ipynb' }],
      ['null', { language: 'ipynb' }],
      ['const m = tf.sequential({layers: [tf.layers.dense({units: 1, activation: ', { language: 'javascript' }],
      ['x'.repeat(50), { language: 'python', maxChars: 10 }],
      ['import torch\n' + 'x = torch.relu(x)\n'.repeat(20000), { language: 'python', timeBudgetMs: 1 }],
      [PY_BAD, { language: 'python', isCancelled: () => true }],
      [PY_BAD, { language: 'python', isCancelled: () => { throw new Error('boom'); } }],
      [PY_BAD, { language: 'python', previous: { findings: [], activations: [], frameworks: [], notes: [], partial: false, state: { bogus: 1 } }, edits: [] }],
    ];
    for (const [text, options] of cases) {
      const r = await analyze(text, options);
      expect(Array.isArray(r.findings)).toBe(true);
    }
    expect((await analyze('x'.repeat(50), { language: 'python', maxChars: 10 })).notes[0]).toMatch(/more than the limit/);
    expect((await analyze('{"cells": [', { language: 'ipynb' })).notes[0]).toMatch(/not valid JSON/);
    expect((await analyze('{"cells": [', { language: 'ipynb', locale: 'zh-cn' })).notes[0]).toMatch(/JSON/);
    expect((await analyze(PY_BAD, { language: 'python', isCancelled: () => true })).partial).toBe(true);
  });

  it('incremental re-analysis equals a fresh analysis', async () => {
    const v1 = fixture('torch_models.py');
    const first = await analyze(v1, { language: 'python' });
    const at = v1.indexOf('dim=1), ys)');
    const v2 = v1.slice(0, at) + v1.slice(at + 'dim=1'.length).replace(/^/, '');
    const oldLines = new LineIndex(v1);
    const edit: IncrementalEdit = {
      startIndex: at, oldEndIndex: at + 5, newEndIndex: at,
      startPosition: oldLines.positionAt(at), oldEndPosition: oldLines.positionAt(at + 5), newEndPosition: oldLines.positionAt(at),
    };
    const inc = await analyze(v2, { language: 'python', previous: first, edits: [edit] });
    const fresh = await analyze(v2, { language: 'python' });
    expect((inc.state as { parsed: { incremental: boolean } }).parsed.incremental).toBe(true);
    expect(inc.findings).toEqual(fresh.findings);
    expect(inc.activations).toEqual(fresh.activations);
    expect(ids(fresh)).not.toEqual(ids(first));
  });
});
