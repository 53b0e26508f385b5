/**
 * Sampling f or f' for a line chart so that it looks right:
 *  - a uniform grid, plus x = 0 when it is in range (most kinks of activation functions sit there);
 *  - adaptive refinement where the curve bends more than the tolerance between two samples, so a
 *    kink (relu at 0, relu6 at 6, hard sigmoid at ±3 or ±2.5) is drawn as a sharp corner at any zoom;
 *  - jump detection: where y still changes by a large step over an interval shrunk to ~1e-12 of the
 *    range, the curve is discontinuous there (relu' at 0); two points, the left and the right value,
 *    are emitted at that x and the connector between them is marked as a jump (drawn dashed);
 *  - no gaps where the function is defined: a NaN at a single x with finite neighbours (a removable
 *    0/0 in a formula) takes the mean of its neighbours; ±Infinity (overflow of e^x) is clamped to
 *    ±Y_CLAMP so the curve runs off the chart instead of vanishing.
 */
export type Fn = (x: number) => number;

export interface Point {
  x: number;
  y: number;
}

export interface Sampled {
  points: Point[];
  /** Indices i such that the segment points[i] → points[i + 1] is a discontinuity connector. */
  jumps: number[];
  /** True when some values were clamped (overflow) or repaired (isolated NaN). */
  clamped: boolean;
}

export const Y_CLAMP = 1e12;
export const SAMPLE_LIMITS = { min: 16, max: 10_000 } as const;

interface Options {
  /** Relative tolerance (fraction of the y-extent) for refinement; about a pixel of a 1000 px chart. */
  tolerance?: number;
  /** Maximum extra points from refinement, as a multiple of n. */
  budget?: number;
}

export function sampleCurve(fn: Fn, xMin: number, xMax: number, n: number, opts: Options = {}): Sampled {
  const tol = opts.tolerance ?? 1e-3;
  const count = Math.max(2, Math.min(SAMPLE_LIMITS.max, Math.round(n)));
  let clamped = false;
  const evalAt = (x: number): number => {
    let y = fn(x);
    if (Number.isNaN(y)) {
      const h = Math.max(Math.abs(x), 1) * 1e-9;
      const a = fn(x - h);
      const b = fn(x + h);
      if (Number.isFinite(a) && Number.isFinite(b)) {
        y = (a + b) / 2;
        clamped = true;
      }
    }
    if (y > Y_CLAMP || y < -Y_CLAMP) {
      clamped = true;
      y = y > 0 ? Y_CLAMP : -Y_CLAMP;
    }
    return y;
  };

  const xs: number[] = [];
  for (let i = 0; i < count; i++) xs.push(i === count - 1 ? xMax : xMin + ((xMax - xMin) * i) / (count - 1));
  if (xMin < 0 && xMax > 0 && !xs.includes(0)) {
    xs.push(0);
    xs.sort((a, b) => a - b);
  }
  const ys = xs.map(evalAt);

  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    if (Number.isFinite(y)) {
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  }
  const extent = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1);
  const yTol = tol * extent;
  const jumpTol = 0.02 * extent;
  const minWidth = (xMax - xMin) * 1e-12;
  let budget = Math.round((opts.budget ?? 2) * count);

  const points: Point[] = [];
  const jumps: number[] = [];

  // Depth-first refinement of [a, b], pushing interior points and the right end in order.
  const refine = (a: number, ya: number, b: number, yb: number, depth: number): void => {
    const m = (a + b) / 2;
    if (budget > 0 && depth < 24 && m > a && m < b) {
      const ym = evalAt(m);
      const bend = Math.abs(ym - (ya + yb) / 2);
      if (bend > yTol || Number.isNaN(ym) !== Number.isNaN(ya)) {
        budget--;
        refine(a, ya, m, ym, depth + 1);
        refine(m, ym, b, yb, depth + 1);
        return;
      }
    }
    if (Math.abs(yb - ya) > jumpTol && locateJump(a, ya, b, yb)) return;
    points.push({ x: b, y: yb });
  };

  // Bisection towards a step; when the step survives down to minWidth it is a discontinuity.
  const locateJump = (a: number, ya: number, b: number, yb: number): boolean => {
    let l = a;
    let yl = ya;
    let r = b;
    let yr = yb;
    for (let k = 0; k < 80 && r - l > minWidth; k++) {
      const m = (l + r) / 2;
      if (m <= l || m >= r) break;
      const ym = evalAt(m);
      if (Math.abs(ym - yl) >= Math.abs(yr - ym)) {
        r = m;
        yr = ym;
      } else {
        l = m;
        yl = ym;
      }
    }
    if (Math.abs(yr - yl) <= jumpTol / 2) return false;
    // A steep but continuous piece would have shrunk; this is a step. Keep the value at the
    // kink itself (the framework's convention, e.g. relu'(0) = 0) when one of the two is exact.
    if (l > a) points.push({ x: l, y: yl });
    jumps.push(points.length - 1);
    points.push({ x: r, y: yr });
    if (r < b) points.push({ x: b, y: yb });
    return true;
  };

  points.push({ x: xs[0], y: ys[0] });
  for (let i = 1; i < xs.length; i++) refine(xs[i - 1], ys[i - 1], xs[i], ys[i], 0);
  return { points, jumps, clamped };
}
