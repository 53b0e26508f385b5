/**
 * Gradient through *this* model, without the DOM: a deterministic simulation of the model's own
 * chain of affine layers (its widths, in order) with the activation written after each, and the
 * framework's default weight initialization (PyTorch nn.Linear: U(±1/√fan_in), variance 1/(3·fan_in);
 * Keras / TF.js Dense: Glorot uniform, variance 2/(fan_in + fan_out)). Zero biases. The loss is
 * L = Σ_b r · h_L(b) / B with a fixed random direction r, as in depth.ts. Records per layer the
 * spread of its outputs and ‖∂L/∂W_l‖_F. Softmax, log_softmax and softmin act on the whole layer
 * (their exact vector-Jacobian products); other functions act element by element.
 */
import type { Fn } from './depth';
import { createRng } from './prng';

export type VectorOp = 'softmax' | 'log_softmax' | 'softmin';
export type FrameworkInit = 'torch' | 'glorot';

export interface SimLayer {
  width: number;
  f: Fn;
  df: Fn;
  vector?: VectorOp;
}

export interface ModelSimResult {
  activationStd: number[];
  gradNorm: number[];
}

/** Widths above this are simulated with this many units (the cost grows with width²). */
export const MAX_SIM_WIDTH = 256;

export const identity: Pick<SimLayer, 'f' | 'df'> = { f: (x) => x, df: () => 1 };

export function simWidth(units: number | undefined, fallback: number): number {
  const w = units ?? fallback;
  return Math.max(1, Math.min(MAX_SIM_WIDTH, Math.round(Number.isFinite(w) ? w : fallback)));
}

function softmaxRow(z: Float64Array, off: number, n: number, out: Float64Array, sign: 1 | -1): void {
  let m = -Infinity;
  for (let i = 0; i < n; i++) m = Math.max(m, sign * z[off + i]!);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(sign * z[off + i]! - m);
    out[off + i] = e;
    s += e;
  }
  for (let i = 0; i < n; i++) out[off + i]! /= s;
}

export function simulateModel(layers: readonly SimLayer[], inputWidth: number, batch: number, seed: number, init: FrameworkInit): ModelSimResult {
  const B = Math.max(1, Math.min(64, Math.round(batch)));
  const rng = createRng(seed);
  const widths = [Math.max(1, Math.min(MAX_SIM_WIDTH, Math.round(inputWidth))), ...layers.map((l) => Math.max(1, Math.min(MAX_SIM_WIDTH, Math.round(l.width))))];
  const L = layers.length;
  const weights: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const fanIn = widths[l]!;
    const fanOut = widths[l + 1]!;
    const limit = init === 'torch' ? 1 / Math.sqrt(fanIn) : Math.sqrt(6 / (fanIn + fanOut));
    const m = new Float64Array(fanOut * fanIn);
    for (let i = 0; i < m.length; i++) m[i] = (2 * rng.uniform() - 1) * limit;
    weights.push(m);
  }
  const h: Float64Array[] = [new Float64Array(B * widths[0]!)];
  for (let i = 0; i < h[0]!.length; i++) h[0]![i] = rng.normal();
  const z: Float64Array[] = [];
  const activationStd: number[] = [];
  for (let l = 0; l < L; l++) {
    const nIn = widths[l]!;
    const nOut = widths[l + 1]!;
    const w = weights[l]!;
    const prev = h[l]!;
    const zl = new Float64Array(B * nOut);
    const hl = new Float64Array(B * nOut);
    const layer = layers[l]!;
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < nOut; i++) {
        let s = 0;
        for (let j = 0; j < nIn; j++) s += w[i * nIn + j]! * prev[b * nIn + j]!;
        zl[b * nOut + i] = s;
      }
      if (layer.vector) {
        softmaxRow(zl, b * nOut, nOut, hl, layer.vector === 'softmin' ? -1 : 1);
        if (layer.vector === 'log_softmax') for (let i = 0; i < nOut; i++) hl[b * nOut + i] = Math.log(hl[b * nOut + i]!);
      } else {
        for (let i = 0; i < nOut; i++) hl[b * nOut + i] = layer.f(zl[b * nOut + i]!);
      }
    }
    z.push(zl);
    h.push(hl);
    activationStd.push(std(hl));
  }
  const top = widths[L]!;
  const r = new Float64Array(top);
  for (let i = 0; i < top; i++) r[i] = rng.normal();
  const gradNorm = new Array<number>(L).fill(0);
  let gh = new Float64Array(B * top);
  for (let b = 0; b < B; b++) for (let i = 0; i < top; i++) gh[b * top + i] = r[i]! / B;
  for (let l = L - 1; l >= 0; l--) {
    const nIn = widths[l]!;
    const nOut = widths[l + 1]!;
    const layer = layers[l]!;
    const zl = z[l]!;
    const hl = h[l + 1]!;
    const prev = h[l]!;
    const w = weights[l]!;
    const gz = new Float64Array(B * nOut);
    for (let b = 0; b < B; b++) {
      const o = b * nOut;
      if (layer.vector) {
        vectorVjp(layer.vector, hl.subarray(o, o + nOut), gh.subarray(o, o + nOut), gz.subarray(o, o + nOut));
      } else {
        for (let i = 0; i < nOut; i++) gz[o + i] = gh[o + i]! * layer.df(zl[o + i]!);
      }
    }
    let sq = 0;
    for (let i = 0; i < nOut; i++) {
      for (let j = 0; j < nIn; j++) {
        let s = 0;
        for (let b = 0; b < B; b++) s += gz[b * nOut + i]! * prev[b * nIn + j]!;
        sq += s * s;
      }
    }
    gradNorm[l] = Math.sqrt(sq);
    const next = new Float64Array(B * nIn);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < nIn; j++) {
        let s = 0;
        for (let i = 0; i < nOut; i++) s += w[i * nIn + j]! * gz[b * nOut + i]!;
        next[b * nIn + j] = s;
      }
    }
    gh = next;
  }
  return { activationStd, gradNorm };
}

/** The forward of a softmax-family op on one row. */
export function vectorForward(op: VectorOp, z: Float64Array): Float64Array {
  const out = new Float64Array(z.length);
  softmaxRow(z, 0, z.length, out, op === 'softmin' ? -1 : 1);
  if (op === 'log_softmax') for (let i = 0; i < out.length; i++) out[i] = Math.log(out[i]!);
  return out;
}

/**
 * ∂L/∂z for one row given the op's output h and ∂L/∂h = g (writes into `out`):
 *   softmax / softmin (s = softmax(±z)):  ±s ⊙ (g − s·g)
 *   log_softmax (h = z − logsumexp z):    g − softmax(z)·Σg
 */
export function vectorVjp(op: VectorOp, h: Float64Array, g: Float64Array, out: Float64Array): void {
  const n = h.length;
  if (op === 'log_softmax') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += g[i]!;
    for (let i = 0; i < n; i++) out[i] = g[i]! - Math.exp(h[i]!) * sum;
    return;
  }
  let dot = 0;
  for (let i = 0; i < n; i++) dot += h[i]! * g[i]!;
  const sign = op === 'softmin' ? -1 : 1;
  for (let i = 0; i < n; i++) out[i] = sign * h[i]! * (g[i]! - dot);
}

/** Π max|f′| from each layer to the top: the most the activations let through to layer l. */
export function boundFromTop(maxDf: readonly number[]): number[] {
  const out = new Array<number>(maxDf.length);
  let v = 1;
  for (let l = maxDf.length - 1; l >= 0; l--) {
    v *= maxDf[l]!;
    out[l] = v;
  }
  return out;
}

function std(a: Float64Array): number {
  let mean = 0;
  for (const v of a) mean += v;
  mean /= a.length;
  let s = 0;
  for (const v of a) s += (v - mean) * (v - mean);
  return Math.sqrt(s / a.length);
}
