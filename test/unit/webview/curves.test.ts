import { describe, expect, it } from 'vitest';
import { catalog, definitionOf, newSpec, resolveCurve } from '../../../webview/curves';
import { sampleCurve } from '../../../webview/sample';
import { getEntry } from '../../../src/core/math';

describe('curves from the catalog', () => {
  const all = catalog();

  it('resolves every catalog entry to f and f′', () => {
    expect(all.length).toBeGreaterThan(20);
    for (const e of all) {
      const c = resolveCurve(newSpec(e.id));
      expect(c, e.id).toBeDefined();
      expect(typeof c!.f(0.5), e.id).toBe('number');
    }
  });

  it.each([
    [-10, 10],
    [-1e4, 1e4],
    [-1e-3, 1e-3],
  ])('samples f and f′ of every entry on [%d, %d] without NaN gaps', (lo, hi) => {
    for (const e of all) {
      const c = resolveCurve(newSpec(e.id))!;
      for (const [which, fn] of [['f', c.f], ['df', c.df]] as const) {
        const s = sampleCurve(fn, lo, hi, 400);
        const bad = s.points.filter((p) => !Number.isFinite(p.y));
        expect(bad, `${e.id} ${which}`).toEqual([]);
      }
    }
  });

  it("draws relu′ with its one jump at 0 and the torch value relu′(0) = 0 left of it", () => {
    const c = resolveCurve({ id: 'relu', framework: 'torch', params: {} })!;
    const s = sampleCurve(c.df, -2, 2, 100);
    expect(s.jumps).toHaveLength(1);
    const p = s.points[s.jumps[0]];
    expect(p.x).toBe(0);
    expect(p.y).toBe(0);
    expect(s.points[s.jumps[0] + 1].y).toBe(1);
  });

  it('picks the framework definition and its defaults (Keras 2 vs Keras 3 hard sigmoid, torch vs tfjs leaky slope)', () => {
    const hs = getEntry('hard_sigmoid')!;
    const k2 = definitionOf(hs, { id: 'hard_sigmoid', framework: 'keras', name: 'hard_sigmoid', params: { variant: 'keras2' } });
    const k3 = definitionOf(hs, { id: 'hard_sigmoid', framework: 'keras', name: 'hard_sigmoid', params: { variant: 'keras3' } });
    expect(k2!.binding.defaults.variant).toBe('keras2');
    expect(k3!.binding.defaults.variant).toBe('keras3');
    const c2 = resolveCurve({ id: 'hard_sigmoid', framework: 'keras', params: { variant: 'keras2' } })!;
    const c3 = resolveCurve({ id: 'hard_sigmoid', framework: 'keras', params: { variant: 'keras3' } })!;
    // Keras 2: clip(0.2x + 0.5, 0, 1); Keras 3: relu6(x + 3)/6.
    expect(c2.f(1)).toBeCloseTo(0.7, 12);
    expect(c3.f(1)).toBeCloseTo(4 / 6, 12);
    expect(c2.label).toContain('Keras 2');
    const torch = resolveCurve(newSpec('leaky_relu', 'torch'))!;
    const tfjs = resolveCurve(newSpec('leaky_relu', 'tfjs'))!;
    expect(torch.f(-1)).toBeCloseTo(-0.01, 12);
    expect([-0.2, -0.3]).toContain(Number(tfjs.f(-1).toFixed(12)));
  });

  it('labels vector ops with the slice it draws', () => {
    const c = resolveCurve(newSpec('softmax'))!;
    expect(c.vectorSlice).toBe('softmax([x, 0])');
    // softmax over [x, 0], first component = sigmoid(x)
    expect(c.f(1.5)).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 12);
    expect(c.df(0)).toBeCloseTo(0.25, 12);
  });
});
