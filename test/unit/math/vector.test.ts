import { describe, expect, it } from 'vitest';
import { entries, evaluate, jvp, lookup, vector } from '../../../src/core/math/index';
import { dec, loadGolden, type Enc } from './golden-util';

interface PointCase { id: string; params: Record<string, unknown>; call: string; x: Enc[]; y: Enc[] }
interface VecCase { id: string; call: string; x: Enc[]; y: Enc[] }
const torch = loadGolden<{ pointwise: PointCase[]; vector: VecCase[] }>('torch.json');
const tfjs = loadGolden<{ pointwise: PointCase[]; vector: VecCase[] }>('tfjs.json');

describe('softmax family', () => {
  it('is stable at ±1e4', () => {
    const y = vector('softmax', {}, [1e4, 0, -1e4]);
    expect(y).toEqual([1, 0, 0]);
    expect(vector('log_softmax', {}, [1e4, -1e4])).toEqual([0, -2e4]);
    expect(vector('softmin', {}, [1e4, -1e4])).toEqual([0, 1]);
    const s = vector('softmax', {}, [1e4, 1e4 - 1]);
    expect(s[0]! + s[1]!).toBeCloseTo(1, 15);
    expect(vector('softmax', {}, [1, NaN]).every(Number.isNaN)).toBe(true);
  });
  it('sparsemax projects onto the simplex with exact zeros', () => {
    const y = vector('sparsemax', {}, [2, 1, -1]);
    expect(y).toEqual([1, 0, 0]);
    const z = vector('sparsemax', {}, [0.9, 0.6, -0.5]);
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(z[0]).toBeCloseTo(0.65, 15);
    expect(z[2]).toBe(0);
  });
  it('glu splits the vector in halves', () => {
    expect(vector('glu', {}, [2, 3, 0, 100])).toEqual([1, 3]);
    expect(() => vector('glu', {}, [1, 2, 3])).toThrow();
  });
  const points = [[0.3, -1.2, 2.5, 0.1], [5, -5, 0, 1e-3], [-20, 3, 7, 7.5]];
  const ids = entries().filter((e) => e.properties.vector).map((e) => e.id);
  it.each(ids)('%s: J·v matches central finite differences', (id) => {
    for (const x of points) {
      const v = [0.7, -0.4, 1.1, 0.25];
      const h = 1e-6;
      const plus = vector(id, {}, x.map((xi, i) => xi + h * v[i]!));
      const minus = vector(id, {}, x.map((xi, i) => xi - h * v[i]!));
      const fd = plus.map((p, i) => (p - minus[i]!) / (2 * h));
      const jv = jvp(id, {}, x, v);
      jv.forEach((g, i) => expect(Math.abs(g - fd[i]!)).toBeLessThan(1e-7));
    }
  });
});

describe('numbers printed in the user material, checked against the golden scripts', () => {
  const at = (c: PointCase, x: number) => dec(c.y[c.x.map(dec).indexOf(x)] as Enc);
  const sig = torch.pointwise.find((c) => c.id === 'sigmoid')!;
  it('tf.nn.sigmoid on [−3 … 3] gives 0.04742587 … 0.95257413', () => {
    expect(at(sig, -3).toFixed(8)).toBe('0.04742587');
    expect(at(sig, 3).toFixed(8)).toBe('0.95257413');
    for (let x = -3; x <= 3; x++) expect(evaluate('sigmoid', {}, x)).toBeCloseTo(at(sig, x), 15);
    const tfSig = tfjs.pointwise.find((c) => c.call === 'tf.sigmoid')!;
    expect(at(tfSig, 3).toFixed(7)).toBe('0.9525741');
  });
  it('softmax over [−3 … 3] puts 0.6326975 on the last entry', () => {
    const c = torch.vector.find((v) => v.id === 'softmax' && v.x.length === 7)!;
    expect(dec(c.y[6] as Enc).toPrecision(7)).toBe('0.6326975');
    expect(vector('softmax', {}, c.x.map(dec))[6]).toBeCloseTo(dec(c.y[6] as Enc), 15);
  });
  it('tf.nn.leaky_relu with alpha 0.2 maps −3 → −0.6', () => {
    const c = tfjs.pointwise.find((p) => p.call === 'tf.leakyRelu')!;
    expect(at(c, -3)).toBeCloseTo(-0.6, 6);
    const r = lookup('tf.nn.leaky_relu', 'keras')!;
    expect(evaluate(r, {}, -3)).toBeCloseTo(-0.6, 15);
  });
  it('tf.nn.elu(−10000) = −1', () => {
    const c = torch.pointwise.find((p) => p.id === 'elu' && p.call === 'F.elu')!;
    expect(at(c, -1e4)).toBe(-1);
    expect(evaluate(lookup('tf.nn.elu', 'keras')!, {}, -1e4)).toBe(-1);
  });
  it('nn.LeakyReLU() in PyTorch uses 0.01', () => {
    const c = torch.pointwise.find((p) => p.call === 'F.leaky_relu')!;
    expect(at(c, -3)).toBeCloseTo(-0.03, 15);
    expect(evaluate(lookup('nn.LeakyReLU', 'torch')!, {}, -3)).toBeCloseTo(at(c, -3), 15);
  });
});

describe('golden coverage', () => {
  it('every entry with a tfjs name is in the tfjs golden file', () => {
    const covered = new Set([...tfjs.pointwise, ...tfjs.vector].map((c) => c.id));
    const inTfjs = entries().filter((e) => e.names.some((b) => b.framework === 'tfjs')).map((e) => e.id);
    expect(inTfjs.filter((id) => !covered.has(id))).toEqual([]);
  });
});
