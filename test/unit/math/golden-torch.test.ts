import { describe, expect, it } from 'vitest';
import { derivative, entries, evaluate, getEntry, jvp, vector } from '../../../src/core/math/index';
import type { Params } from '../../../src/core/math/index';
import { dec, loadGolden, matchesTorch, close, F64, type Enc } from './golden-util';

interface PointCase { id: string; params: Params; call: string; x: Enc[]; y: Enc[]; dy: Enc[]; yRef: Enc[]; dyRef: Enc[] }
interface VecCase { id: string; call: string; x: Enc[]; v: number[]; y: Enc[]; jvp: Enc[] }
const golden = loadGolden<{ version: string; pointwise: PointCase[]; vector: VecCase[] }>('torch.json');

function mismatches(c: PointCase, which: 'y' | 'dy'): string[] {
  const bad: string[] = [];
  const want = c[which];
  const ref = which === 'y' ? c.yRef : c.dyRef;
  c.x.forEach((xe, i) => {
    const x = dec(xe);
    const got = which === 'y' ? evaluate(c.id, c.params, x) : derivative(c.id, c.params, x);
    const t = dec(want[i] as Enc);
    const r = ref[i] ?? null;
    const h = r === null ? undefined : dec(r);
    if (!matchesTorch(got, t, h)) bad.push(`x=${x}: got ${got}, torch ${t}${h !== undefined ? `, ref ${h}` : ''}`);
  });
  return bad;
}

describe(`catalog vs PyTorch ${golden.version} float64`, () => {
  for (const c of golden.pointwise) {
    it(`${c.call} value`, () => expect(mismatches(c, 'y')).toEqual([]));
    it(`${c.call} derivative`, () => expect(mismatches(c, 'dy')).toEqual([]));
  }
  for (const c of golden.vector) {
    const xs = c.x.map(dec);
    it(`${c.call} on [${xs.join(', ')}]`, () => {
      const y = vector(c.id, {}, xs);
      const jv = jvp(c.id, {}, xs, c.v);
      const bad: string[] = [];
      y.forEach((g, i) => { if (!close(g, dec(c.y[i] as Enc), F64.rel, 1e-15)) bad.push(`y[${i}] ${g} vs ${dec(c.y[i] as Enc)}`); });
      jv.forEach((g, i) => { if (!close(g, dec(c.jvp[i] as Enc), 1e-11, 1e-15)) bad.push(`jvp[${i}] ${g} vs ${dec(c.jvp[i] as Enc)}`); });
      expect(bad).toEqual([]);
    });
  }
  it('covers every catalog entry that torch defines', () => {
    const covered = new Set([...golden.pointwise, ...golden.vector].map((c) => c.id));
    const inTorch = entries().filter((e) => e.names.some((b) => b.framework === 'torch' && b.kind !== 'hf-hidden-act')).map((e) => e.id);
    expect(inTorch.filter((id) => !covered.has(id))).toEqual([]);
    expect(getEntry('selu')).toBeDefined();
  });
});
