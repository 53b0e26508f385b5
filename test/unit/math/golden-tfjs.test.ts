import { describe, expect, it } from 'vitest';
import { derivative, evaluate, jvp, vector } from '../../../src/core/math/index';
import type { Params } from '../../../src/core/math/index';
import { close, dec, loadGolden, type Enc } from './golden-util';

interface PointCase {
  id: string; params: Params; call: string; x: Enc[]; y: Enc[]; dy: Enc[] | null; yRef: Enc[]; dyRef: Enc[] | null;
}
interface VecCase { id: string; call: string; x: Enc[]; v: number[]; y: Enc[]; vjp: Enc[] }
const golden = loadGolden<{ version: string; pointwise: PointCase[]; vector: VecCase[] }>('tfjs.json');

/** float32 tolerance: a few float32 ulps relative, and 1e-6 absolute (tfjs's erf approximation). */
const F32 = { rel: 2e-6, abs: 1e-6 };

function mismatches(c: PointCase, which: 'y' | 'dy'): string[] {
  const want = c[which];
  if (want === null) return [];
  const bad: string[] = [];
  c.x.forEach((xe, i) => {
    const x = dec(xe);
    const got = which === 'y' ? evaluate(c.id, c.params, x) : derivative(c.id, c.params, x);
    const t = dec(want[i] as Enc);
    const r = (which === 'y' ? c.yRef : c.dyRef)?.[i] ?? null;
    if (close(got, t, F32.rel, F32.abs)) return;
    // Only where tfjs departs from the reference (limit at ±∞, NaN for NaN) may the catalog follow it.
    if (r !== null && !close(t, dec(r), F32.rel, F32.abs) && close(got, dec(r), F32.rel, F32.abs)) return;
    bad.push(`x=${x}: got ${got}, tfjs ${t}${r !== null ? `, ref ${dec(r)}` : ''}`);
  });
  return bad;
}

describe(`catalog vs TensorFlow.js ${golden.version} float32`, () => {
  for (const c of golden.pointwise) {
    it(`${c.call} value`, () => expect(mismatches(c, 'y')).toEqual([]));
    if (c.dy !== null) it(`${c.call} derivative`, () => expect(mismatches(c, 'dy')).toEqual([]));
  }
  for (const c of golden.vector) {
    const xs = c.x.map(dec);
    it(`${c.call} on [${xs.join(', ')}]`, () => {
      const y = vector(c.id, {}, xs);
      // Jᵀ·v rebuilt from the catalog's J·e_j
      const vjp = xs.map((_, j) => {
        const e = xs.map((_, k) => (k === j ? 1 : 0));
        return jvp(c.id, {}, xs, e).reduce((s, g, i) => s + g * (c.v[i] as number), 0);
      });
      const bad: string[] = [];
      y.forEach((g, i) => { if (!close(g, dec(c.y[i] as Enc), F32.rel, F32.abs)) bad.push(`y[${i}] ${g} vs ${dec(c.y[i] as Enc)}`); });
      vjp.forEach((g, i) => { if (!close(g, dec(c.vjp[i] as Enc), 1e-5, 1e-5)) bad.push(`vjp[${i}] ${g} vs ${dec(c.vjp[i] as Enc)}`); });
      expect(bad).toEqual([]);
    });
  }
});
