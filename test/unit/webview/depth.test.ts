import { describe, expect, it } from 'vitest';
import { chooseInit, derivativeBound, maxAbsOnGrid, simulateDepth } from '../../../webview/depth';
import { createRng } from '../../../webview/prng';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const sigmoidD = (x: number) => sigmoid(x) * (1 - sigmoid(x));
const relu = (x: number) => (x > 0 ? x : 0);
const reluD = (x: number) => (x > 0 ? 1 : 0);
const cfg = { layers: 10, width: 64, batch: 32, seed: 7 };

describe('prng', () => {
  it('repeats with the same seed and differs with another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 5 }, () => a.normal());
    expect(Array.from({ length: 5 }, () => b.normal())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.normal())).not.toEqual(xa);
  });

  it('draws standard normals', () => {
    const r = createRng(1);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.05);
  });
});

describe('depth', () => {
  it('bounds the gradient by max|f\'|^N', () => {
    expect(derivativeBound(0.25, 3)).toEqual([0.25, 0.0625, 0.015625]);
    expect(derivativeBound(1, 4)).toEqual([1, 1, 1, 1]);
    expect(derivativeBound(Infinity, 2)).toEqual([Infinity, Infinity]);
    expect(maxAbsOnGrid(sigmoidD)).toBeCloseTo(0.25, 12);
    expect(maxAbsOnGrid(reluD)).toBe(1);
  });

  it('chooses Xavier for saturating, He for the ReLU family, LeCun for SELU', () => {
    const base = { selfNormalizing: false, bounded: false, saturatesLeft: false, saturatesRight: false };
    expect(chooseInit({ ...base, bounded: true, saturatesLeft: true, saturatesRight: true })).toBe('xavier');
    expect(chooseInit({ ...base, saturatesLeft: true })).toBe('he'); // relu: flat on the left only
    expect(chooseInit({ ...base, selfNormalizing: true, saturatesLeft: true })).toBe('lecun');
  });

  it('is deterministic for a seed', () => {
    const a = simulateDepth(sigmoid, sigmoidD, 'xavier', cfg);
    const b = simulateDepth(sigmoid, sigmoidD, 'xavier', cfg);
    const c = simulateDepth(sigmoid, sigmoidD, 'xavier', { ...cfg, seed: 8 });
    expect(b).toEqual(a);
    expect(c.gradNorm[0]).not.toBe(a.gradNorm[0]);
    expect(a.gradNorm).toHaveLength(10);
    expect(a.activationStd).toHaveLength(10);
    expect(a.gradNorm.every((g) => Number.isFinite(g) && g > 0)).toBe(true);
  });

  it("starves sigmoid's first layer of gradient in a 10-layer net, not ReLU's", () => {
    const s = simulateDepth(sigmoid, sigmoidD, 'xavier', cfg);
    const r = simulateDepth(relu, reluD, 'he', cfg);
    // Orders of magnitude below ReLU's at layer 1 …
    expect(s.gradNorm[0] / r.gradNorm[0]).toBeLessThan(1e-3);
    // … and decaying layer by layer from the top for sigmoid, roughly flat for ReLU with He init.
    expect(s.gradNorm[0] / s.gradNorm[9]).toBeLessThan(1e-4);
    const ratio = r.gradNorm[0] / r.gradNorm[9];
    expect(ratio).toBeGreaterThan(0.1);
    expect(ratio).toBeLessThan(10);
  });

  it('clamps absurd sizes instead of hanging', () => {
    const t0 = Date.now();
    const res = simulateDepth(relu, reluD, 'he', { layers: 1e9, width: 1e9, batch: 1e9, seed: NaN });
    expect(res.gradNorm).toHaveLength(50);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});
