// Incremental extraction (src/core/extract/incremental.ts): an analysis given the previous result
// and the edits since must equal a fresh analysis of the new text, and must take over the facts of
// the statements the edit did not touch.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, extractStatsOf, irOf } from '../../../src/core/analyze';
import { inlayData } from '../../../src/core/inlay';
import { buildOutline } from '../../../src/core/outline';
import type { AnalysisResult, IncrementalEdit, SourceLanguage } from '../../../src/core/types';
import { Prng } from '../fuzz/prng';
import { editOf } from '../parse/editOf';

const LANG: Record<string, SourceLanguage> = { '.py': 'python', '.js': 'javascript', '.mjs': 'javascript', '.ts': 'typescript', '.ipynb': 'ipynb' };
const ROOT = path.resolve(__dirname, '../../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : LANG[path.extname(p)] ? [p] : [];
  });
}

/** Everything a user sees of a result (the state is internal), and what the editor's views build from its IR. */
function visible(r: AnalysisResult): string {
  const ir = irOf(r);
  const views = ir ? { outline: buildOutline(ir, r.findings), inlay: inlayData(ir, 'all') } : undefined;
  return JSON.stringify({ findings: r.findings, activations: r.activations, frameworks: r.frameworks, notes: r.notes, partial: r.partial, skipped: r.skipped, views });
}

/** Deterministic PRNG (the fuzz tests' mulberry32), so a failure names its seed and replays. */
function prng(seed: number): () => number {
  const p = new Prng(seed);
  return () => p.next();
}

const PY_SNIPPETS = ['1', '0', 'x', ' ', '\n', '(', ')', ',', ':', '#', "'", 'import torch.nn as nn\n', 'from torch import nn\n', 'model.fit(x)\n', 'model.eval()\n', 'global act\n', 'act = nn.Tanh\n', 'F.softmax(x)', ", activation='relu'", 'nn.Sigmoid(),'];
const JS_SNIPPETS = ['1', '0', 'x', ' ', '\n', '(', ')', ',', ';', '{', '}', '//', "'", "import * as tf from '@tensorflow/tfjs';\n", 'model.fit(x);\n', "activation: 'softmax',", 'tf.layers.dense({units: 1}),'];

/** One random edit: type or delete a few characters, paste a snippet, move or duplicate a line. */
function randomEdit(text: string, rand: () => number, js: boolean): { start: number; end: number; insert: string } {
  const at = Math.floor(rand() * (text.length + 1));
  const lines = text.split('\n');
  const kind = rand();
  if (kind < 0.35) {
    const snippets = js ? JS_SNIPPETS : PY_SNIPPETS;
    return { start: at, end: at, insert: snippets[Math.floor(rand() * snippets.length)]! };
  }
  if (kind < 0.6) return { start: at, end: Math.min(text.length, at + 1 + Math.floor(rand() * 12)), insert: '' };
  // A whole line elsewhere (statements appear, vanish, repeat), at a line start.
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const line = lines[Math.floor(rand() * lines.length)]!;
  if (kind < 0.85) return { start: lineStart, end: lineStart, insert: `${line}\n` };
  const lineEnd = text.indexOf('\n', lineStart);
  return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, insert: '' };
}

async function editSession(text: string, language: SourceLanguage, seed: number, steps: number): Promise<void> {
  const rand = prng(seed);
  const js = language !== 'python' && language !== 'ipynb';
  let previous = await analyze(text, { language });
  let current = text;
  for (let i = 0; i < steps; i++) {
    // Sometimes several edits between two analyses (the editor batches keystrokes), each in the
    // coordinates of the text the ones before it left.
    const count = rand() < 0.3 ? 2 + Math.floor(rand() * 2) : 1;
    const edits: IncrementalEdit[] = [];
    const es: { start: number; end: number; insert: string }[] = [];
    let next = current;
    for (let k = 0; k < count; k++) {
      const e = randomEdit(next, rand, js);
      const step = editOf(next, e.start, e.end, e.insert);
      es.push(e);
      edits.push(step.edit);
      next = step.next;
    }
    const e = es.length === 1 ? es[0] : es;
    const inc = await analyze(next, { language, previous, edits });
    const fresh = await analyze(next, { language });
    const a = visible(inc);
    const b = visible(fresh);
    if (a !== b) {
      // Say which edit broke it (so it can be replayed) and where the results part.
      let at = 0;
      while (a[at] === b[at]) at++;
      expect({ seed, step: i, edit: e, result: a.slice(Math.max(0, at - 200), at + 200) }).toEqual({ seed, step: i, edit: e, result: b.slice(Math.max(0, at - 200), at + 200) });
    }
    previous = inc;
    current = next;
  }
}

describe('incremental analysis equals a fresh one', () => {
  const sources = [...files(path.join(ROOT, 'test/fixtures')), ...files(path.join(ROOT, 'examples'))].filter((f) => path.extname(f) !== '.ipynb');

  it('over random edits of every fixture and example', async () => {
    let seed = 1;
    for (const f of sources) await editSession(readFileSync(f, 'utf8'), LANG[path.extname(f)]!, seed++, 12);
  }, 600_000);

  it('over random edits of the generated model files (torch, keras, tfjs .js / .ts)', async () => {
    // The benchmark's generator (seeded, deterministic): model files shaped like the ones the bench times.
    const generator = path.join(ROOT, 'bench/generate.mjs');
    const { generatedInputs } = (await import(generator)) as { generatedInputs: (sizes: number[]) => { language: SourceLanguage; text: string }[] };
    const inputs = generatedInputs([300]);
    expect(inputs.length).toBeGreaterThan(3);
    let seed = 1000;
    for (const g of inputs) await editSession(g.text, g.language, seed++, 25);
  }, 600_000);

  it('over random edits of notebook cells (the previous result passed, no edits)', async () => {
    const rand = prng(77);
    const notebooks = [...files(path.join(ROOT, 'test/fixtures')), ...files(path.join(ROOT, 'examples'))].filter((p) => p.endsWith('.ipynb'));
    expect(notebooks.length).toBeGreaterThan(0);
    for (const f of notebooks) {
      let nb: { cells: { cell_type: string; source: string | string[] }[] };
      try {
        nb = JSON.parse(readFileSync(f, 'utf8').replace(/^\uFEFF/, '')) as typeof nb;
      } catch {
        continue; // a fixture of broken JSON
      }
      if (!Array.isArray(nb.cells)) continue;
      let previous = await analyze(JSON.stringify(nb), { language: 'ipynb' });
      for (let i = 0; i < 10; i++) {
        const code = nb.cells.filter((c) => c.cell_type === 'code');
        if (code.length === 0) break;
        const cell = code[Math.floor(rand() * code.length)]!;
        const src = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
        const e = randomEdit(src, rand, false);
        cell.source = src.slice(0, e.start) + e.insert + src.slice(e.end);
        const text = JSON.stringify(nb);
        const inc = await analyze(text, { language: 'ipynb', previous });
        const fresh = await analyze(text, { language: 'ipynb' });
        expect(visible(inc), `${f} step ${i}`).toBe(visible(fresh));
        previous = inc;
      }
    }
  }, 600_000);
});

describe('incremental analysis reuses what an edit did not touch', () => {
  const text = [
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    'class Net(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.fc1 = nn.Linear(8, 16)',
    '        self.fc2 = nn.Linear(16, 4)',
    '',
    '    def forward(self, x):',
    '        return F.softmax(self.fc2(torch.sigmoid(self.fc1(x))), dim=1)',
    '',
    'def build():',
    '    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))',
    '',
    'model = Net()',
    'loss_fn = nn.CrossEntropyLoss()',
    'loss = loss_fn(model(torch.randn(2, 8)), torch.tensor([0, 1]))',
    '',
  ].join('\n');
  // import ×3, class, def, model =, loss_fn =, loss =
  const STATEMENTS = 8;

  it('an edit inside one definition re-walks that definition only', async () => {
    const first = await analyze(text, { language: 'python' });
    expect(extractStatsOf(first)).toMatchObject({ statements: STATEMENTS, walked: STATEMENTS, replayed: 0 });
    // The softmax's dim (the activation's parameters read it; a layer width typed in is patched
    // instead: extract/cutoff.ts, tested below).
    const at = text.indexOf('dim=1)') + 'dim='.length;
    const { next, edit } = editOf(text, at, at, '1');
    const second = await analyze(next, { language: 'python', previous: first, edits: [edit] });
    // After the walk, the edited class is analyzed again with the statements that name it or that
    // it names (model = Net(), loss = loss_fn(model(…)), loss_fn =): 4; build() and the imports are carried over.
    // The number is read (a layer width): its statement is walked again, in its old copy patched (extract/leafpatch.ts).
    expect(extractStatsOf(second)).toEqual({ statements: STATEMENTS, mirrored: 0, keptSubtrees: STATEMENTS, walked: 1, replayed: STATEMENTS - 1, reanalyzed: 4 });
    expect(visible(second)).toBe(visible(await analyze(next, { language: 'python' })));
    // A new line before the class moves every later statement: they are still taken over.
    const moved = editOf(next, next.indexOf('class Net'), next.indexOf('class Net'), '\n\n');
    const third = await analyze(moved.next, { language: 'python', previous: second, edits: [moved.edit] });
    expect(extractStatsOf(third)).toMatchObject({ statements: STATEMENTS, walked: 0, replayed: STATEMENTS, reanalyzed: 0 });
    expect(visible(third)).toBe(visible(await analyze(moved.next, { language: 'python' })));
  });

  it('an edit inside a definition nothing else names re-analyzes that definition only', async () => {
    const first = await analyze(text, { language: 'python' });
    // nn.ReLU() → nn.ReLU6(): a name, read (a layer width typed in is patched instead: cutoff.ts).
    const at = text.indexOf('nn.ReLU()') + 'nn.ReLU'.length;
    const { next, edit } = editOf(text, at, at, '6');
    const second = await analyze(next, { language: 'python', previous: first, edits: [edit] });
    expect(extractStatsOf(second)).toMatchObject({ walked: 1, reanalyzed: 1 });
    expect(visible(second)).toBe(visible(await analyze(next, { language: 'python' })));
    // The findings of the class (ACT012-style softmax before CrossEntropyLoss, the sigmoid) are carried over, moved.
    const moved = editOf(next, 0, 0, '# header\n\n');
    const third = await analyze(moved.next, { language: 'python', previous: second, edits: [moved.edit] });
    expect(extractStatsOf(third)).toMatchObject({ reanalyzed: 1 });
    expect(third.findings.length).toBeGreaterThan(0);
    expect(visible(third)).toBe(visible(await analyze(moved.next, { language: 'python' })));
  });

  it('other options, or an edited import, analyze everything again', async () => {
    const first = await analyze(text, { language: 'python' });
    // nn.ReLU() → nn.ReLU6(): a name, read (a layer width typed in is patched instead: cutoff.ts).
    const at = text.indexOf('nn.ReLU()') + 'nn.ReLU'.length;
    const { next, edit } = editOf(text, at, at, '6');
    const other = await analyze(next, { language: 'python', previous: first, edits: [edit], ignore: ['ACT001'] });
    expect(extractStatsOf(other)).toMatchObject({ walked: 1, reanalyzed: STATEMENTS });
    expect(visible(other)).toBe(visible(await analyze(next, { language: 'python', ignore: ['ACT001'] })));
    const imp = text.indexOf('import torch.nn.functional as F');
    const edited = editOf(next, imp, imp + 'import torch.nn.functional as F'.length, 'import torch.nn.functional as G');
    const third = await analyze(edited.next, { language: 'python', previous: other, edits: [edited.edit], ignore: ['ACT001'] });
    expect(extractStatsOf(third)).toMatchObject({ reanalyzed: STATEMENTS });
  });

  it('a changed import re-walks the statements after it (their names may mean something else)', async () => {
    const first = await analyze(text, { language: 'python' });
    const at = text.indexOf('import torch.nn.functional as F');
    const { next, edit } = editOf(text, at, at + 'import torch.nn.functional as F'.length, 'import torch.nn.functional as G');
    const second = await analyze(next, { language: 'python', previous: first, edits: [edit] });
    // The two imports before it are taken over; the import itself and the five statements after it are walked.
    expect(extractStatsOf(second)).toMatchObject({ statements: STATEMENTS, keptSubtrees: STATEMENTS - 1, walked: STATEMENTS - 2, replayed: 2 });
    expect(visible(second)).toBe(visible(await analyze(next, { language: 'python' })));
  });

  it('a previous result handed in twice is taken over once, and both answers are right', async () => {
    const first = await analyze(text, { language: 'python' });
    const at = text.indexOf('nn.ReLU()') + 'nn.ReLU'.length;
    const { next, edit } = editOf(text, at, at, '6');
    const a = await analyze(next, { language: 'python', previous: first, edits: [edit] });
    const b = await analyze(next, { language: 'python', previous: first, edits: [edit] });
    expect(extractStatsOf(a)).toMatchObject({ walked: 1 });
    expect(extractStatsOf(b)).toMatchObject({ walked: STATEMENTS, replayed: 0 });
    const fresh = visible(await analyze(next, { language: 'python' }));
    expect(visible(a)).toBe(fresh);
    expect(visible(b)).toBe(fresh);
  });

  it('a notebook edit re-walks the statements of the edited cell only', async () => {
    const cells = [
      'import torch.nn as nn\nimport torch.nn.functional as F\n',
      'model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1))\n',
      'loss_fn = nn.CrossEntropyLoss()\nloss = loss_fn(model(x), y)\n',
    ];
    const nb = (srcs: string[]) => JSON.stringify({ cells: srcs.map((s) => ({ cell_type: 'code', source: s, metadata: {}, outputs: [] })), metadata: { kernelspec: { language: 'python' } }, nbformat: 4, nbformat_minor: 5 });
    const first = await analyze(nb(cells), { language: 'ipynb' });
    expect(extractStatsOf(first)).toMatchObject({ statements: 5, walked: 5 });
    const edited = [cells[0]!, cells[1]!.replace('Linear(8, 3)', 'Linear(8, 5)'), cells[2]!];
    const second = await analyze(nb(edited), { language: 'ipynb', previous: first });
    expect(extractStatsOf(second)).toMatchObject({ statements: 5, walked: 1, replayed: 4 });
    expect(visible(second)).toBe(visible(await analyze(nb(edited), { language: 'ipynb' })));
  });
});

describe('an edit inside text the analysis never read is cut off (extract/cutoff.ts)', () => {
  const text = [
    'import torch',
    'import torch.nn as nn',
    '',
    'def build():',
    '    """The classifier head."""',
    '    head = nn.Sequential(nn.Linear(64, 1), nn.Softmax(dim=-1))  # keep',
    '    x = torch.zeros(4, 64)',
    '    return head',
    '',
    // Entry points all going through build(): its name group is the file, as in a model zoo
    // (a group of one or two statements is simply analyzed again, which is cheaper than a cut-off).
    'def small(): return build()',
    'def large(): return build()',
    'model = build()',
    '',
  ].join('\n');
  const type = async (previous: AnalysisResult, before: string, needle: string, offset: number, insert: string): Promise<{ result: AnalysisResult; text: string }> => {
    const at = before.indexOf(needle) + offset;
    const { next, edit } = editOf(before, at, at, insert);
    const result = await analyze(next, { language: 'python', previous, edits: [edit] });
    expect(visible(result)).toBe(visible(await analyze(next, { language: 'python' })));
    return { result, text: next };
  };

  it('carries everything over when the typed number was never read, and redoes the analysis when it was', async () => {
    const first = await analyze(text, { language: 'python' });
    expect(first.findings.map((f) => f.rule)).toEqual(['ACT004']);
    // torch.zeros(4, …): nothing the analysis found came from it.
    const a = await type(first, text, 'torch.zeros(4', 'torch.zeros('.length, '2');
    // Patched into the old copy of build() before the walk (extract/leafpatch.ts): nothing copied or walked again.
    expect(extractStatsOf(a.result)).toMatchObject({ mirrored: 0, walked: 0, reanalyzed: 0 });
    expect(a.result.findings.map((f) => f.rule)).toEqual(['ACT004']);
    // The softmax's dim is read (its parameters): the statement was mirrored anew by the edit
    // above, and what the analysis had read of it still counts.
    const b = await type(a.result, a.text, 'dim=-1', 'dim=-'.length, '2');
    expect(extractStatsOf(b.result)?.reanalyzed).toBeGreaterThan(0);
    expect(extractStatsOf(b.result)?.patched).toBeUndefined();
  });

  it('patches a typed layer width into the IR instead of analyzing the group again, and runs the rules again', async () => {
    const first = await analyze(text, { language: 'python' });
    const outline = (r: AnalysisResult): string => JSON.stringify(buildOutline(irOf(r)!, r.findings));
    // The Linear's in_features: only stored (the layer's argument and inFeatures, which the
    // outline shows): patched, nothing analyzed again, though the name group is the whole file.
    const a = await type(first, text, 'nn.Linear(64', 'nn.Linear('.length, '1');
    expect(extractStatsOf(a.result)).toMatchObject({ reanalyzed: 0, patched: 1 });
    expect(outline(a.result)).toContain('"inFeatures":164');
    expect(a.result.findings.map((f) => f.rule)).toEqual(['ACT004']);
    // Again in the same number: the statement is new since the last edit, and its number still
    // counts as captured (else this edit would be carried over unpatched).
    const b = await type(a.result, a.text, 'nn.Linear(164', 'nn.Linear(1'.length, '2');
    expect(extractStatsOf(b.result)).toMatchObject({ reanalyzed: 0, patched: 1 });
    expect(outline(b.result)).toContain('"inFeatures":1264');
    // The single output unit, which ACT004 consults: patched too, and the rules, run again, drop the finding.
    const c = await type(b.result, b.text, 'nn.Linear(1264, 1', 'nn.Linear(1264, '.length, '2');
    expect(extractStatsOf(c.result)).toMatchObject({ reanalyzed: 0, patched: 1 });
    expect(c.result.findings).toEqual([]);
    // And back to one unit: the finding returns.
    const at = c.text.indexOf('nn.Linear(1264, 21') + 'nn.Linear(1264, '.length;
    const { next, edit } = editOf(c.text, at, at + 1, '');
    const d = await analyze(next, { language: 'python', previous: c.result, edits: [edit] });
    expect(extractStatsOf(d)).toMatchObject({ reanalyzed: 0, patched: 1 });
    expect(d.findings.map((f) => f.rule)).toEqual(['ACT004']);
    expect(visible(d)).toBe(visible(await analyze(next, { language: 'python' })));
  });

  it('moves what follows the edit on its line, and whitespace typed anywhere changes nothing else', async () => {
    const first = await analyze(text, { language: 'python' });
    // Spaces before the Sequential: cut off, and the finding after them moves by two columns.
    const a = await type(first, text, 'nn.Sequential(', 0, '  ');
    expect(extractStatsOf(a.result)?.reanalyzed).toBe(0);
    expect(a.result.findings[0]!.range.start.column).toBe(first.findings[0]!.range.start.column + 2);
    // A new line inside the statement: the lines after it move.
    const b = await type(a.result, a.text, 'x = torch', 0, '\n    ');
    expect(extractStatsOf(b.result)?.reanalyzed).toBe(0);
    // Digits typed before a number (it takes them in) or inside it.
    const c = await type(b.result, b.text, 'torch.zeros(4', 'torch.zeros('.length, '123');
    expect(extractStatsOf(c.result)?.reanalyzed).toBe(0);
    expect(c.result.findings.map((f) => f.rule)).toEqual(['ACT004']);
  });

  it('cuts off typing in a docstring (the name index reads strings without flagging them)', async () => {
    const first = await analyze(text, { language: 'python' });
    const a = await type(first, text, 'classifier head', 'classifier'.length, ' linear');
    expect(extractStatsOf(a.result)?.reanalyzed).toBe(0);
    // Again: by now the name index has read the docstring of the statement the first edit made.
    const b = await type(a.result, a.text, 'classifier linear head', 'classifier linear'.length, ' one');
    expect(extractStatsOf(b.result)?.reanalyzed).toBe(0);
  });

  it('cuts off typing in a comment, and still reads a noqa written there', async () => {
    const first = await analyze(text, { language: 'python' });
    const a = await type(first, text, '# keep', 2, 'x');
    expect(extractStatsOf(a.result)?.reanalyzed).toBe(0);
    const at = a.text.indexOf('# xkeep') + 2;
    const { next, edit } = editOf(a.text, at, at + 'xkeep'.length, 'noqa: ACT004');
    const b = await analyze(next, { language: 'python', previous: a.result, edits: [edit] });
    expect(extractStatsOf(b)?.reanalyzed).toBe(0);
    expect(b.findings).toEqual([]);
    expect(visible(b)).toBe(visible(await analyze(next, { language: 'python' })));
  });
});

describe('an unread number or comment is patched into the old copy of its statement (extract/leafpatch.ts)', () => {
  // One long statement (a class), as in real model files: the patch saves its copy and its walk.
  const text = [
    'import torch',
    'import torch.nn as nn',
    '',
    'class Head(nn.Module):',
    '    """A linear head: logits for ten classes."""',
    '    tag = \'head\'',
    '    def __init__(self, dim=64):',
    '        super().__init__()',
    '        self.fc = nn.Linear(dim, 10)  # logits',
    '        self.eps = 1e-5',
    '        self.size = 3 * 7; self.out = nn.Softmax(dim=-1)',
    '',
    '    def forward(self, x):',
    '        return self.out(self.fc(x.view(-1, 64)))',
    '',
    'model = Head()',
    'loss_fn = nn.CrossEntropyLoss()',
    'loss = loss_fn(model(torch.randn(2, 64)), torch.tensor([0, 1]))',
    '',
  ].join('\n');
  const edit = async (previous: AnalysisResult, before: string, at: number, end: number, insert: string, language: SourceLanguage = 'python'): Promise<{ result: AnalysisResult; text: string }> => {
    const { next, edit: e } = editOf(before, at, end, insert);
    const result = await analyze(next, { language, previous, edits: [e] });
    expect(visible(result)).toBe(visible(await analyze(next, { language })));
    return { result, text: next };
  };

  it('patches digits typed, replaced and deleted in a number, and moves what follows on the line', async () => {
    const first = await analyze(text, { language: 'python' });
    const line = text.split('\n').findIndex((l) => l.includes('nn.Softmax(dim=-1)'));
    const columns = (r: AnalysisResult) => r.findings.filter((f) => f.range.start.line === line).map((f) => f.range.start.column);
    expect(columns(first).length).toBeGreaterThan(0); // the softmax fed to CrossEntropyLoss
    // Typed before `3`, ahead of the Softmax on its line: patched, the Softmax moves by two columns.
    let at = text.indexOf('3 * 7');
    const a = await edit(first, text, at, at, '12');
    expect(extractStatsOf(a.result)).toMatchObject({ mirrored: 0, walked: 0, reanalyzed: 0 });
    expect(columns(a.result)).toEqual(columns(first).map((c) => c + 2));
    // Typed into `1e-5` on the line before: nothing on the Softmax's line moves; then replaced and deleted.
    at = a.text.indexOf('1e-5') + 1;
    const b = await edit(a.result, a.text, at, at, '0');
    expect(extractStatsOf(b.result)).toMatchObject({ mirrored: 0, walked: 0 });
    const c = await edit(b.result, b.text, at, at + 1, '5');
    expect(extractStatsOf(c.result)).toMatchObject({ mirrored: 0, walked: 0 });
    const d = await edit(c.result, c.text, at, at + 1, '');
    expect(extractStatsOf(d.result)).toMatchObject({ mirrored: 0, walked: 0 });
    // Into `-1` of x.view(-1, 64), after everything the analysis found in the class.
    at = d.text.indexOf('-1, 64') + 1;
    const e = await edit(d.result, d.text, at, at, '0');
    expect(extractStatsOf(e.result)).toMatchObject({ mirrored: 0, walked: 0 });
    expect(e.result.findings.map((f) => f.rule)).toEqual(first.findings.map((f) => f.rule));
  });

  it('patches a comment, and reads a noqa typed there', async () => {
    const first = await analyze(text, { language: 'python' });
    const at = text.indexOf('# logits') + 2;
    const a = await edit(first, text, at, at, 'raw ');
    expect(extractStatsOf(a.result)).toMatchObject({ mirrored: 0, walked: 0 });
    const noqa = await edit(a.result, a.text, at, at + 'raw logits'.length, 'noqa');
    expect(extractStatsOf(noqa.result)).toMatchObject({ mirrored: 0, walked: 0 });
  });

  it('patches a docstring, but not a string that spells a name (the name index reads those)', async () => {
    const first = await analyze(text, { language: 'python' });
    let at = text.indexOf('ten classes');
    const a = await edit(first, text, at, at, 'all ');
    expect(extractStatsOf(a.result)).toMatchObject({ mirrored: 0, walked: 0, reanalyzed: 0 });
    at = a.text.indexOf("'head'") + 2;
    const b = await edit(a.result, a.text, at, at, 'x');
    expect(extractStatsOf(b.result)?.mirrored).toBe(1);
  });

  it('walks a read number again in the patched copy; copies again a number that changes type, or an identifier', async () => {
    const first = await analyze(text, { language: 'python' });
    // dim=-1 of the Softmax is read (the rules look at the softmax axis): walked and analyzed again, not copied.
    let at = text.indexOf('dim=-1)') + 'dim=-'.length;
    const a = await edit(first, text, at, at, '2');
    expect(extractStatsOf(a.result)).toMatchObject({ mirrored: 0, walked: 1 });
    expect(extractStatsOf(a.result)?.reanalyzed).toBeGreaterThan(0);
    // `7` becomes a float: another token type.
    at = a.text.indexOf('3 * 7') + 5;
    const b = await edit(a.result, a.text, at, at, '.5');
    expect(extractStatsOf(b.result)?.mirrored).toBe(1);
    // A digit typed at the end of a name (`dim` → `dim2`): names go through the name graph.
    at = b.text.indexOf('nn.Linear(dim') + 'nn.Linear(dim'.length;
    const c = await edit(b.result, b.text, at, at, '2');
    expect(extractStatsOf(c.result)?.mirrored).toBe(1);
    // A letter typed into a number is a syntax error there.
    at = c.text.indexOf('3 * 7') + 1;
    const d = await edit(c.result, c.text, at, at, 'x');
    expect(extractStatsOf(d.result)?.mirrored).toBeGreaterThan(0);
  });

  it('analyzes the name group of a statement with a syntax error inside, and everything when the error stands alone', async () => {
    // A statement outside the class's name group, so that "its group" is less than the file.
    const start = `${text}\ndef other(x):\n    return x * 2\n`;
    const first = await analyze(start, { language: 'python' });
    const statements = extractStatsOf(first)!.statements;
    // An unfinished line inside the class (`nn.GELU(`): the class is walked anew, its group analyzed.
    const at = start.indexOf('1e-5') + '1e-5'.length;
    const a = await edit(first, start, at, at, '\n        self.act = nn.GELU(');
    expect(extractStatsOf(a.result)?.reanalyzed).toBeLessThan(statements);
    expect(a.result.notes.length).toBeGreaterThan(first.notes.length); // the syntax error is noted
    // Closed again: the finding of the class is back, found the same way as by a fresh analysis.
    const b = await edit(a.result, a.text, a.text.indexOf('GELU(') + 'GELU('.length, a.text.indexOf('GELU(') + 'GELU('.length, ')');
    expect(extractStatsOf(b.result)?.reanalyzed).toBeLessThan(statements);
    expect(b.result.findings.map((f) => f.rule)).toEqual(first.findings.map((f) => f.rule));
    // Code no statement holds (a `)` on a line of its own at module level): analyzed in full.
    const end = b.text.indexOf('model = Head()') + 'model = Head()'.length;
    const c = await edit(b.result, b.text, end, end, '\n)');
    expect(extractStatsOf(c.result)?.reanalyzed).toBe(extractStatsOf(c.result)?.statements);
  });

  it('patches JavaScript and TypeScript numbers', async () => {
    const js = [
      "import * as tf from '@tensorflow/tfjs';",
      'export function build(units) {',
      '  const model = tf.sequential();',
      "  model.add(tf.layers.dense({ units: 32, inputShape: [784], activation: 'relu' }));",
      "  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));",
      '  const scale = 2 * units;',
      "  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });",
      '  return model;',
      '}',
      '',
    ].join('\n');
    for (const language of ['javascript', 'typescript'] as const) {
      const first = await analyze(js, { language });
      const at = js.indexOf('2 * units');
      const a = await edit(first, js, at, at, '9', language);
      expect(extractStatsOf(a.result)).toMatchObject({ mirrored: 0, walked: 0, reanalyzed: 0 });
      const b = await edit(a.result, a.text, js.indexOf('0.001') + 3, js.indexOf('0.001') + 3, '5', language);
      expect(extractStatsOf(b.result)).toMatchObject({ mirrored: 0, walked: 0 });
    }
  });
});

describe('the whole-file lookup by name across keystrokes (extract/regions.ts logs)', () => {
  // train() is called nowhere: its `model` parameter is looked up by name in the whole file (the
  // one model bound to `model` anywhere), so train() is redone when a statement redone binds `model`.
  const text = [
    "import * as tf from '@tensorflow/tfjs';",
    '',
    'function build() {',
    "  const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, activation: 'softmax' })] });",
    '  return model;',
    '}',
    '',
    'async function train(model, xs, ys) {',
    "  model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });",
    '  await model.fit(xs, ys, { epochs: 3 });',
    '}',
    '',
  ].join('\n');
  const step = async (previous: AnalysisResult, before: string, start: number, end: number, insert: string): Promise<{ result: AnalysisResult; text: string }> => {
    const { next, edit } = editOf(before, start, end, insert);
    const result = await analyze(next, { language: 'typescript', previous, edits: [edit] });
    expect(visible(result)).toBe(visible(await analyze(next, { language: 'typescript' })));
    return { result, text: next };
  };

  it('a statement redone keeps its log: a later binding of the name it looked up redoes it', async () => {
    const first = await analyze(text, { language: 'typescript' });
    // An edit inside train(): it is redone, and what it looked up must be logged again.
    const at = text.indexOf("'sgd'") + 1;
    const a = await step(first, text, at, at + 3, 'adam');
    expect(extractStatsOf(a.result)?.reanalyzed).toBe(1);
    // A second model bound to `model`: train()'s parameter has no single value any more.
    const fn = a.text.indexOf('async function');
    await step(a.result, a.text, fn, fn, "function build2() {\n  const model = tf.sequential({ layers: [tf.layers.dense({ units: 2 })] });\n  return model;\n}\n\n");
  });
});

describe('a whole-file lookup answered "none" by what is carried over (extract/regions.ts)', () => {
  // Shaped like the generated tfjs files: builders each binding their own `model`, and training
  // functions nothing calls, whose `model` parameter is looked up by name in the whole file.
  const build = (k: number): string =>
    [
      `function buildModel${k}(): tf.Sequential {`,
      '  const model: tf.Sequential = tf.sequential({',
      `    layers: [tf.layers.dense({ inputShape: [8], units: ${16 + k}, activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })],`,
      '  });',
      "  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });",
      '  return model;',
      '}',
      '',
    ].join('\n');
  const train = (k: number): string =>
    [
      `async function train${k}(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor): Promise<void> {`,
      '  await model.fit(xs, ys, { epochs: 1 });',
      '  const loss = tf.tidy(() => tf.losses.softmaxCrossEntropy(ys, model.predict(xs) as tf.Tensor));',
      '  loss.dispose();',
      '}',
      '',
    ].join('\n');
  // Unrelated helpers, so that a group of four stays under the share of the file above which a full analysis is simpler.
  const helpers = Array.from({ length: 4 }, (_, k) => `function helper${k}(): number {\n  return ${k};\n}\n`);
  const file = (builders: number): string => ["import * as tf from '@tensorflow/tfjs';", '', ...Array.from({ length: builders }, (_, k) => build(k)), train(7), train(8), train(9), ...helpers].join('\n');
  /** Types a digit before builder k's units (`units: 17` → `units: 117`), or deletes it again. */
  const units = async (previous: AnalysisResult, before: string, k: number, typed: boolean): Promise<{ result: AnalysisResult; text: string }> => {
    const at = before.indexOf(`units: ${typed ? '1' : ''}${16 + k}`) + 'units: '.length;
    const { next, edit } = typed ? editOf(before, at, at + 1, '') : editOf(before, at, at, '1');
    const result = await analyze(next, { language: 'typescript', previous, edits: [edit] });
    expect(visible(result)).toBe(visible(await analyze(next, { language: 'typescript' })));
    return { result, text: next };
  };

  it('two other builders bind `model`: a keystroke in one redoes that builder only, the first time and after', async () => {
    const text = file(3);
    const first = await analyze(text, { language: 'typescript' });
    const a = await units(first, text, 1, false);
    expect(extractStatsOf(a.result)?.reanalyzed).toBe(1);
    const b = await units(a.result, a.text, 1, true);
    expect(extractStatsOf(b.result)?.reanalyzed).toBe(1);
  });

  it('one other builder only: the answer may change, the training functions are redone', async () => {
    const text = file(2);
    const first = await analyze(text, { language: 'typescript' });
    const a = await units(first, text, 1, false);
    expect(extractStatsOf(a.result)?.reanalyzed).toBe(4);
    const b = await units(a.result, a.text, 1, true);
    expect(extractStatsOf(b.result)?.reanalyzed).toBe(4);
  });
});
