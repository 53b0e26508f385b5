/** The golden comparison is sharp enough to catch a single constant changed by 1e-9. */
import { describe, expect, it } from 'vitest';
import { derivative, evaluate, SELU_ALPHA, SELU_SCALE } from '../../../src/core/math/index';
import { dec, loadGolden, matchesTorch, type Enc } from './golden-util';

interface PointCase { id: string; call: string; params: Record<string, number | string>; x: Enc[]; y: Enc[]; dy: Enc[]; yRef: Enc[]; dyRef: Enc[] }
const golden = loadGolden<{ pointwise: PointCase[] }>('torch.json');

function failures(c: PointCase, f: (x: number) => number, which: 'y' | 'dy'): number {
  let n = 0;
  c.x.forEach((xe, i) => {
    const r = (which === 'y' ? c.yRef : c.dyRef)[i] ?? null;
    if (!matchesTorch(f(dec(xe)), dec(c[which][i] as Enc), r === null ? undefined : dec(r))) n++;
  });
  return n;
}

const seluCase = golden.pointwise.find((c) => c.id === 'selu') as PointCase;
const geluTanh = golden.pointwise.find((c) => c.id === 'gelu' && c.params.approximate === 'tanh') as PointCase;

function seluWith(scale: number, alpha: number) {
  return {
    f: (x: number) => scale * (x > 0 ? x : Number.isNaN(x) ? NaN : alpha * Math.expm1(x)),
    df: (x: number) => scale * (x > 0 ? 1 : Number.isNaN(x) ? NaN : alpha * Math.exp(x)),
  };
}

describe('golden comparison sensitivity', () => {
  it('the catalog SELU passes, written out with its constants', () => {
    const s = seluWith(SELU_SCALE, SELU_ALPHA);
    expect(failures(seluCase, s.f, 'y')).toBe(0);
    expect(failures(seluCase, s.df, 'dy')).toBe(0);
    expect(failures(seluCase, (x) => evaluate('selu', {}, x), 'y')).toBe(0);
  });
  it('SELU scale × (1 + 1e-9) fails on values and derivatives', () => {
    const s = seluWith(SELU_SCALE * (1 + 1e-9), SELU_ALPHA);
    expect(failures(seluCase, s.f, 'y')).toBeGreaterThan(20);
    expect(failures(seluCase, s.df, 'dy')).toBeGreaterThan(20);
  });
  it('SELU alpha × (1 + 1e-9) fails on the negative side', () => {
    const s = seluWith(SELU_SCALE, SELU_ALPHA * (1 + 1e-9));
    expect(failures(seluCase, s.f, 'y')).toBeGreaterThan(10);
  });
  it('GELU tanh-form constant 0.044715 × (1 + 1e-9) fails', () => {
    const k = Math.sqrt(2 / Math.PI);
    const c = 0.044715 * (1 + 1e-9);
    const f = (x: number) => (Number.isFinite(x) ? x / (1 + Math.exp(-2 * k * (x + c * x * x * x))) : evaluate('gelu', { approximate: 'tanh' }, x));
    expect(failures(geluTanh, f, 'y')).toBeGreaterThan(10);
    expect(failures(geluTanh, (x) => evaluate('gelu', { approximate: 'tanh' }, x), 'y')).toBe(0);
  });
  it('a kink convention change is caught (relu\'(0) = 1 instead of 0)', () => {
    const relu = golden.pointwise.find((c) => c.id === 'relu') as PointCase;
    expect(failures(relu, (x) => derivative('relu', {}, x), 'dy')).toBe(0);
    expect(failures(relu, (x) => (x >= 0 ? 1 : Number.isNaN(x) ? NaN : 0), 'dy')).toBe(1);
  });
});
