/**
 * Activations over a vector axis: softmax, log_softmax, softmin, sparsemax and glu, with their
 * Jacobian-vector products (J·v), used by the plot panel. Softmax is stabilized by subtracting the
 * maximum; any NaN input makes the whole output NaN, as in the frameworks.
 */
import { sigmoid, sigmoidPrime } from './numerics';
import type { Params } from './types';

export interface VectorOp {
  f(xs: readonly number[], p: Params): number[];
  jvp(xs: readonly number[], v: readonly number[], p: Params): number[];
}

function maxOf(xs: readonly number[]): number {
  let m = -Infinity;
  for (const x of xs) {
    if (Number.isNaN(x)) return NaN;
    if (x > m) m = x;
  }
  return m;
}

/** Returns [x_i − max, log Σ exp(x_j − max)]. */
function shifted(xs: readonly number[]): { z: number[]; lse: number } {
  const m = maxOf(xs);
  const z = xs.map((x) => x - m);
  let s = 0;
  for (const zi of z) s += Math.exp(zi);
  return { z, lse: Math.log(s) };
}

export function softmax(xs: readonly number[]): number[] {
  const { z, lse } = shifted(xs);
  return z.map((zi) => Math.exp(zi - lse));
}

export function logSoftmax(xs: readonly number[]): number[] {
  const { z, lse } = shifted(xs);
  return z.map((zi) => zi - lse);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** J·v for y = softmax(x): y ⊙ (v − ⟨y, v⟩). */
function softmaxJvp(y: readonly number[], v: readonly number[]): number[] {
  const yv = dot(y, v);
  return y.map((yi, i) => yi * ((v[i] as number) - yv));
}

const softmaxOp: VectorOp = {
  f: (xs) => softmax(xs),
  jvp: (xs, v) => softmaxJvp(softmax(xs), v),
};

const logSoftmaxOp: VectorOp = {
  f: (xs) => logSoftmax(xs),
  jvp(xs, v) {
    const yv = dot(softmax(xs), v);
    return v.map((vi) => vi - yv);
  },
};

const softminOp: VectorOp = {
  f: (xs) => softmax(xs.map((x) => -x)),
  jvp(xs, v) {
    const y = softmax(xs.map((x) => -x));
    return softmaxJvp(y, v).map((g) => -g);
  },
};

/** Sparsemax (Martins & Astudillo 2016): Euclidean projection onto the probability simplex. */
export function sparsemax(xs: readonly number[]): number[] {
  if (xs.some((x) => Number.isNaN(x))) return xs.map(() => NaN);
  const z = [...xs].sort((a, b) => b - a);
  let cum = 0;
  let k = 0;
  let cumK = 0;
  for (let i = 0; i < z.length; i++) {
    cum += z[i] as number;
    if (1 + (i + 1) * (z[i] as number) > cum) {
      k = i + 1;
      cumK = cum;
    }
  }
  const tau = (cumK - 1) / k;
  return xs.map((x) => Math.max(x - tau, 0));
}

const sparsemaxOp: VectorOp = {
  f: (xs) => sparsemax(xs),
  jvp(xs, v) {
    const y = sparsemax(xs);
    let n = 0;
    let sv = 0;
    y.forEach((yi, i) => {
      if (yi > 0) {
        n++;
        sv += v[i] as number;
      }
    });
    return y.map((yi, i) => (yi > 0 ? (v[i] as number) - sv / n : 0));
  },
};

/** GLU: the vector is split in halves a‖b (even length) and the result is a ⊙ σ(b). */
const gluOp: VectorOp = {
  f(xs) {
    const h = xs.length / 2;
    if (!Number.isInteger(h)) throw new RangeError('glu needs an even-length vector');
    return xs.slice(0, h).map((a, i) => a * sigmoid(xs[h + i] as number));
  },
  jvp(xs, v) {
    const h = xs.length / 2;
    if (!Number.isInteger(h)) throw new RangeError('glu needs an even-length vector');
    return xs.slice(0, h).map((a, i) => {
      const b = xs[h + i] as number;
      return (v[i] as number) * sigmoid(b) + a * sigmoidPrime(b) * (v[h + i] as number);
    });
  },
};

export const VECTOR: Readonly<Record<string, VectorOp>> = {
  softmax: softmaxOp,
  log_softmax: logSoftmaxOp,
  softmin: softminOp,
  sparsemax: sparsemaxOp,
  glu: gluOp,
};
