import { describe, expect, it } from 'vitest';
import { sampleCurve, Y_CLAMP, type Fn, type Sampled } from '../../../webview/sample';

const relu: Fn = (x) => (x > 0 ? x : 0);
const reluD: Fn = (x) => (x > 0 ? 1 : 0);
const sigmoid: Fn = (x) => 1 / (1 + Math.exp(-x));
const hardSigmoidK3: Fn = (x) => Math.min(Math.max(x + 3, 0), 6) / 6;
const hardSigmoidK3D: Fn = (x) => (x > -3 && x < 3 ? 1 / 6 : 0);

/** Largest gap between the drawn polyline and the true curve, checked at each segment's midpoint. */
function worstDeviation(s: Sampled, f: Fn): number {
  const jumps = new Set(s.jumps);
  let worst = 0;
  for (let i = 0; i + 1 < s.points.length; i++) {
    if (jumps.has(i)) continue;
    const a = s.points[i];
    const b = s.points[i + 1];
    for (const t of [0.25, 0.5, 0.75]) {
      const x = a.x + (b.x - a.x) * t;
      worst = Math.max(worst, Math.abs(f(x) - (a.y + (b.y - a.y) * t)));
    }
  }
  return worst;
}

function increasingX(s: Sampled): boolean {
  return s.points.every((p, i) => i === 0 || p.x > s.points[i - 1].x);
}

describe('sampleCurve', () => {
  it('samples a smooth function on the grid without extra points', () => {
    const s = sampleCurve(sigmoid, -6, 6, 200);
    expect(s.points.length).toBeGreaterThanOrEqual(200);
    expect(s.points.length).toBeLessThan(205);
    expect(s.jumps).toEqual([]);
    expect(s.points[0].x).toBe(-6);
    expect(s.points.at(-1)!.x).toBe(6);
    expect(increasingX(s)).toBe(true);
  });

  it('draws the relu kink at 0 as a corner: x = 0 is a sample', () => {
    const s = sampleCurve(relu, -5, 5, 101);
    expect(s.points.some((p) => p.x === 0 && p.y === 0)).toBe(true);
    expect(s.jumps).toEqual([]);
    expect(worstDeviation(s, relu)).toBeLessThan(1e-9);
  });

  it('refines kinks off the grid (hard sigmoid corners at ±3 on a coarse grid)', () => {
    const s = sampleCurve(hardSigmoidK3, -10, 10, 16);
    expect(s.jumps).toEqual([]);
    // The drawn polyline stays within ~1e-3 of the curve's extent everywhere.
    expect(worstDeviation(s, hardSigmoidK3)).toBeLessThan(1e-3);
    expect(increasingX(s)).toBe(true);
    // A uniform 16-point grid alone misses the corner by far more.
    const grid = Array.from({ length: 16 }, (_, i) => -10 + (20 * i) / 15);
    const coarse: Sampled = { points: grid.map((x) => ({ x, y: hardSigmoidK3(x) })), jumps: [], clamped: false };
    expect(worstDeviation(coarse, hardSigmoidK3)).toBeGreaterThan(1e-2);
  });

  it("marks relu' as one jump at 0 with the left and right values", () => {
    const s = sampleCurve(reluD, -3, 3, 60);
    expect(s.jumps).toHaveLength(1);
    const i = s.jumps[0];
    const left = s.points[i];
    const right = s.points[i + 1];
    expect(left.y).toBe(0);
    expect(right.y).toBe(1);
    expect(Math.abs(left.x)).toBeLessThan(1e-9);
    expect(Math.abs(right.x)).toBeLessThan(1e-9);
    expect(increasingX(s)).toBe(true);
  });

  it('finds both jumps of the hard sigmoid derivative, not more', () => {
    const s = sampleCurve(hardSigmoidK3D, -8, 8, 100);
    expect(s.jumps).toHaveLength(2);
    const at = s.jumps.map((i) => (s.points[i].x + s.points[i + 1].x) / 2);
    expect(at[0]).toBeCloseTo(-3, 9);
    expect(at[1]).toBeCloseTo(3, 9);
  });

  it('does not call a steep continuous curve a jump', () => {
    const steep: Fn = (x) => Math.tanh(50 * x);
    const s = sampleCurve(steep, -1, 1, 50);
    expect(s.jumps).toEqual([]);
    expect(worstDeviation(s, steep)).toBeLessThan(5e-3);
  });

  it('repairs an isolated NaN (removable 0/0) instead of leaving a gap', () => {
    const sinc: Fn = (x) => Math.sin(x) / x; // NaN at exactly 0
    const s = sampleCurve(sinc, -4, 4, 81);
    expect(s.points.every((p) => Number.isFinite(p.y))).toBe(true);
    const p0 = s.points.find((p) => p.x === 0)!;
    expect(p0.y).toBeCloseTo(1, 9);
    expect(s.clamped).toBe(true);
  });

  it('clamps overflow to a finite value so the curve leaves the chart instead of vanishing', () => {
    const s = sampleCurve(Math.exp, -10, 800, 100);
    expect(s.points.every((p) => Number.isFinite(p.y))).toBe(true);
    expect(s.points.at(-1)!.y).toBe(Y_CLAMP);
    expect(s.clamped).toBe(true);
  });

  it('caps the number of grid points', () => {
    const s = sampleCurve(sigmoid, -1, 1, 1e6);
    expect(s.points.length).toBeLessThanOrEqual(10_001);
  });
});
