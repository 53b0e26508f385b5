/**
 * analyze()'s limits: above maxChars the file is skipped with one clear note; the time budget stops
 * the work with partial=true and returns what was found so far; isCancelled stops it the same way.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import type { AnalysisResult, AnalyzeOptions } from '../../../src/core/types';

const MODEL = `import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 3)

    def forward(self, x):
        x = F.sigmoid(self.fc1(x))
        return F.softmax(self.fc2(x))

loss_fn = nn.CrossEntropyLoss()
`;
/** 10,000 layers: enough work that a small budget stops it part-way. */
const BIG = `import torch.nn as nn\nimport torch.nn.functional as F\nmodel = nn.Sequential(\n${'    nn.Linear(8, 8),\n    nn.Sigmoid(),\n'.repeat(5000)})\ny = F.softmax(x)\n`;

const keys = (r: AnalysisResult) => r.findings.map((f) => `${f.rule}@${f.range.start.line}:${f.range.start.column}`);
const cpuMs = async (f: () => Promise<unknown>) => {
  const c0 = process.cpuUsage();
  await f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

let full: AnalysisResult;
beforeAll(async () => {
  full = await analyze(MODEL, { language: 'python' });
  await analyze(BIG, { language: 'python', timeBudgetMs: 60_000 });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('maximum size', () => {
  it('skips a file above maxChars with exactly one clear note, in either language', async () => {
    const r = await analyze(MODEL, { language: 'python', maxChars: MODEL.length - 1 });
    expect(r.findings).toEqual([]);
    expect(r.activations).toEqual([]);
    expect(r.partial).toBe(false);
    expect(r.notes).toEqual([`The file has ${MODEL.length} characters, more than the limit of ${MODEL.length - 1}; it was not analyzed.`]);
    const zh = await analyze(MODEL, { language: 'python', maxChars: 10, locale: 'zh-cn' });
    expect(zh.notes).toHaveLength(1);
    expect(zh.notes[0]).toContain(String(MODEL.length));
    expect(zh.notes[0]).toMatch(/未分析/);
  });

  it('analyzes a file of exactly maxChars', async () => {
    const r = await analyze(MODEL, { language: 'python', maxChars: MODEL.length });
    expect(keys(r)).toEqual(keys(full));
    expect(full.findings.length).toBeGreaterThan(1);
  });

  it('the default limit (2,000,000) skips a bigger file at once, notebooks too', async () => {
    const huge = `# ${'x'.repeat(2_000_000)}\n`;
    const ms = await cpuMs(async () => {
      const r = await analyze(huge, { language: 'python' });
      expect(r.notes).toHaveLength(1);
      expect(r.notes[0]).toMatch(/more than the limit of 2000000/);
    });
    expect(ms).toBeLessThan(200);
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: MODEL }] });
    const r = await analyze(nb, { language: 'ipynb', maxChars: 100 });
    expect(r.findings).toEqual([]);
    expect(r.notes).toHaveLength(1);
  });
});

describe('time budget', () => {
  it('stops a long analysis early with partial=true and one budget note', async () => {
    const complete = await analyze(BIG, { language: 'python', timeBudgetMs: 60_000 });
    expect(complete.partial).toBe(false);
    const wholeMs = await cpuMs(() => analyze(BIG, { language: 'python', timeBudgetMs: 60_000 }));
    let r!: AnalysisResult;
    const cutMs = await cpuMs(async () => {
      r = await analyze(BIG, { language: 'python', timeBudgetMs: 20 });
    });
    expect(r.partial).toBe(true);
    expect(r.notes.filter((n) => /time budget/.test(n))).toEqual(['Stopped after 20 ms (time budget); results are partial.']);
    // It really stopped: far less work than the whole analysis.
    expect(cutMs).toBeLessThan(Math.max(150, wholeMs / 2));
    const all = new Set(keys(complete));
    for (const k of keys(r)) expect(all.has(k), k).toBe(true);
  });

  it('returns what it has: with a clock that runs out during the rules, earlier rules’ findings are kept', async () => {
    // A fake clock that advances 1 ms per reading makes the stopping point deterministic.
    const real = Date.now();
    let ticks = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => real + ticks++);
    const results: AnalysisResult[] = [];
    for (let budget = 0; budget < 200; budget += 1) {
      ticks = 0;
      results.push(await analyze(MODEL, { language: 'python', timeBudgetMs: budget }));
    }
    vi.restoreAllMocks();
    const all = new Set(keys(full));
    const partial = results.filter((r) => r.partial);
    expect(partial.length).toBeGreaterThan(0);
    for (const r of partial) {
      expect(r.notes.filter((n) => /time budget/.test(n))).toHaveLength(1);
      for (const k of keys(r)) expect(all.has(k), k).toBe(true);
    }
    // Some budget ran out part-way through the rules: a non-empty, incomplete set of findings.
    expect(partial.some((r) => r.findings.length > 0 && r.findings.length < full.findings.length)).toBe(true);
    // And a large enough budget completes.
    expect(keys(results[results.length - 1]!)).toEqual(keys(full));
    expect(results[results.length - 1]!.partial).toBe(false);
  });
});

describe('many analyses at once', () => {
  it('60 started together (more than the 32 parse trees kept) all complete with every finding', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => analyze(MODEL, { language: 'python', timeBudgetMs: 60_000 })));
    expect(results.filter((r) => r.partial || r.findings.length === 0).length).toBe(0);
    for (const r of results) expect(keys(r)).toEqual(keys(full));
  });

  it('the budget counts the analysis\' own work, not the wait before it starts (grammar load, queued analyses)', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const pending = analyze(MODEL, { language: 'python', timeBudgetMs: 2000 });
    now += 10_000; // it waited 10 s (fake) before its own work began
    const r = await pending;
    expect(r.partial).toBe(false);
    expect(keys(r)).toEqual(keys(full));
  });
});

describe('cancellation', () => {
  const options = (isCancelled: AnalyzeOptions['isCancelled']): AnalyzeOptions => ({ language: 'python', isCancelled, timeBudgetMs: 60_000 });

  it('stops at once when already cancelled, with a cancelled note', async () => {
    const r = await analyze(BIG, options(() => true));
    expect(r.partial).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.notes).toContain('Cancelled; results are partial.');
  });

  it('a cancellation check that throws counts as cancelled, never as a crash', async () => {
    const r = await analyze(MODEL, options(() => {
      throw new Error('token disposed');
    }));
    expect(r.partial).toBe(true);
    expect(r.notes.some((n) => /Cancelled/.test(n))).toBe(true);
  });

  it('cancelled after k checks, for every k: partial results are a subset, and the last k completes', async () => {
    let calls = 0;
    await analyze(MODEL, options(() => {
      calls++;
      return false;
    }));
    expect(calls).toBeGreaterThan(5);
    const all = new Set(keys(full));
    let partWay = 0;
    for (let k = 0; k <= calls; k++) {
      let n = 0;
      const r = await analyze(MODEL, options(() => ++n > k));
      if (k === calls) {
        expect(r.partial).toBe(false);
        expect(keys(r)).toEqual(keys(full));
        continue;
      }
      expect(r.partial, `k=${k}`).toBe(true);
      expect(r.notes.filter((x) => /Cancelled/.test(x))).toHaveLength(1);
      for (const key of keys(r)) expect(all.has(key), key).toBe(true);
      if (r.findings.length > 0) partWay++;
    }
    expect(partWay).toBeGreaterThan(0);
  });

  it('a cancelled analysis of a big file stops quickly', async () => {
    let n = 0;
    const ms = await cpuMs(() => analyze(BIG, options(() => ++n > 3)));
    const whole = await cpuMs(() => analyze(BIG, options(() => false)));
    expect(ms).toBeLessThan(Math.max(150, whole / 2));
  });
});
