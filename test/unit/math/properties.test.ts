import { describe, expect, it } from 'vitest';
import { derivative, entries, evaluate, formatRange, getEntry, isPointwise } from '../../../src/core/math/index';

const pointwise = entries().filter((e) => !e.properties.vector);
const xs = Array.from({ length: 20001 }, (_, i) => -50 + i * 0.005);
// threshold has no framework default; sample it as Keras 2 ThresholdedReLU does
const P: Record<string, Record<string, number>> = { threshold: { threshold: 1, value: 0 } };

describe('properties agree with the functions (dense sampling on [−50, 50])', () => {
  for (const e of pointwise) {
    const p = P[e.id] ?? {};
    const ys = xs.map((x) => evaluate(e.id, p, x));
    const ds = xs.map((x) => derivative(e.id, p, x));
    const pr = e.properties;
    it(`${e.id}: range ${formatRange(pr)}`, () => {
      const lo = Math.min(...ys);
      const hi = Math.max(...ys);
      expect(lo).toBeGreaterThanOrEqual(pr.range.lo - 1e-12);
      expect(hi).toBeLessThanOrEqual(pr.range.hi + 1e-12);
      if (Number.isFinite(pr.range.lo) && pr.range.loClosed) expect(lo).toBeCloseTo(pr.range.lo, 5);
      if (Number.isFinite(pr.range.hi) && pr.range.hiClosed) expect(hi).toBeCloseTo(pr.range.hi, 5);
      expect(pr.bounded).toBe(Number.isFinite(pr.range.lo) && Number.isFinite(pr.range.hi));
      if (pr.nonNegative) expect(lo).toBeGreaterThanOrEqual(0);
      if (pr.squashesToProbabilities) expect(pr.range.lo >= 0 && pr.range.hi <= 1).toBe(true);
      if (pr.logProbabilities) expect(pr.range.hi).toBeLessThanOrEqual(0);
    });
    it(`${e.id}: slope, monotonicity, saturation`, () => {
      const maxD = Math.max(...ds.map(Math.abs));
      expect(maxD).toBeLessThanOrEqual(pr.maxDerivative + 1e-12);
      if (Number.isFinite(pr.maxDerivative) && e.id !== 'hard_sigmoid') expect(maxD).toBeGreaterThan(pr.maxDerivative - 1e-2); // a sup, maybe not attained
      // threshold is monotonic only for value ≤ threshold, so it is declared non-monotonic
      if (pr.monotonic || e.id !== 'threshold') expect(ds.every((d) => d >= 0)).toBe(pr.monotonic);
      expect(Math.abs(derivative(e.id, p, -50)) < 1e-3).toBe(pr.saturatesLeft);
      expect(Math.abs(derivative(e.id, p, 50)) < 1e-3).toBe(pr.saturatesRight);
      if (pr.zeroCentred) expect(evaluate(e.id, p, 0)).toBe(0);
      expect(pr.identity).toBe(e.id === 'linear');
    });
  }
  it('vector entries are exactly the ops evaluate() refuses', () => {
    for (const e of entries()) expect(isPointwise(e)).toBe(!e.properties.vector);
    expect(() => evaluate('softmax', {}, 1)).toThrow();
  });
  it('sigmoid has σ\' max 0.25, tanh is zero-centred, SELU is self-normalizing', () => {
    expect(getEntry('sigmoid')?.properties.maxDerivative).toBe(0.25);
    expect(derivative('sigmoid', {}, 0)).toBe(0.25);
    expect(getEntry('tanh')?.properties.zeroCentred).toBe(true);
    expect(getEntry('sigmoid')?.properties.zeroCentred).toBe(false);
    expect(entries().filter((e) => e.properties.selfNormalizing).map((e) => e.id)).toEqual(['selu']);
  });
});

describe('numerics at the edges', () => {
  const ids = pointwise.map((e) => e.id);
  it.each(ids)('%s: NaN in → NaN out, finite for |x| ≤ 1e4, a limit at ±∞', (id) => {
    const p = P[id] ?? {};
    expect(evaluate(id, p, NaN)).toBeNaN();
    expect(derivative(id, p, NaN)).toBeNaN();
    for (const x of [-1e4, -1e3, -745, -88, 88, 745, 1e3, 1e4]) {
      if (id === 'exponential' && x > 700) continue; // e^x itself overflows
      expect(Number.isFinite(evaluate(id, p, x)), `f(${x})`).toBe(true);
      expect(Number.isFinite(derivative(id, p, x)), `f'(${x})`).toBe(true);
    }
    for (const x of [-Infinity, Infinity]) {
      expect(Number.isNaN(evaluate(id, p, x)), `f(${x})`).toBe(false);
      expect(Number.isNaN(derivative(id, p, x)), `f'(${x})`).toBe(false);
    }
  });
});

describe('docs', () => {
  it.each(entries().map((e) => e.id))('%s has complete English and Chinese docs', (id) => {
    const e = getEntry(id)!;
    for (const lang of ['en', 'zh-cn'] as const) {
      const d = e.docs[lang];
      for (const s of [d.formula, d.derivative, d.summary, d.whenToUse]) expect(s.length).toBeGreaterThan(3);
      expect(d.strengths.length).toBeGreaterThan(0);
      expect(d.weaknesses.length).toBeGreaterThan(0);
    }
    expect(e.docs['zh-cn'].summary).toMatch(/[\u4e00-\u9fff]/);
  });
  it('states the facts the user material gets wrong correctly', () => {
    expect(getEntry('prelu')?.docs.en.formula).toContain('max(0, x) + α·min(0, x)');
    expect(getEntry('sigmoid')?.docs.en.summary).toMatch(/nonlinear/);
    expect(getEntry('tanh')?.docs.en.summary).toMatch(/nonlinear/);
    expect(getEntry('sigmoid')?.docs.en.derivative).toContain('0.25');
  });
});
