/**
 * Gradient through depth, without the DOM: the bound max|f'|^N and a small deterministic
 * simulation of a random deep MLP (width × width weight matrices, zero biases, standard
 * initialization) that records, per layer, the spread of the forward activations and the norm of
 * the back-propagated weight gradient ‖∂L/∂W_l‖_F.
 *
 * Initialization (weights drawn N(0, σ²)):
 *   xavier (Glorot normal) σ² = 2 / (fan_in + fan_out) — sigmoid, tanh and other saturating functions
 *   he     (Kaiming normal) σ² = 2 / fan_in            — the ReLU family and other unbounded ones
 *   lecun  (LeCun normal)   σ² = 1 / fan_in            — SELU (self-normalizing)
 * The loss is L = Σ_b r · h_L(b) / B with a fixed random direction r, so the gradient that enters
 * the top layer is the same for every activation and only the activation changes what reaches layer 1.
 */
import { createRng } from './prng';

export type Fn = (x: number) => number;
export type InitScheme = 'xavier' | 'he' | 'lecun';

export interface DepthConfig {
  layers: number;
  width: number;
  batch: number;
  seed: number;
}

export interface DepthResult {
  init: InitScheme;
  /** Standard deviation of h_l over batch and units, l = 1..L (index 0 is layer 1). */
  activationStd: number[];
  /** ‖∂L/∂W_l‖_F, l = 1..L. */
  gradNorm: number[];
}

export const DEPTH_LIMITS = {
  layers: { min: 1, max: 50 },
  width: { min: 4, max: 128 },
  batch: { min: 1, max: 64 },
} as const;

/** What the catalog's properties say, reduced to what the choice of initialization needs. */
export interface InitHints {
  selfNormalizing: boolean;
  bounded: boolean;
  saturatesLeft: boolean;
  saturatesRight: boolean;
}

export function chooseInit(p: InitHints): InitScheme {
  if (p.selfNormalizing) return 'lecun';
  if (p.bounded || (p.saturatesLeft && p.saturatesRight)) return 'xavier';
  return 'he';
}

/** max|f'|^N for N = 1..layers; Infinity stays Infinity (no bound). */
export function derivativeBound(maxAbsDerivative: number, layers: number): number[] {
  const out: number[] = [];
  let v = 1;
  for (let n = 1; n <= layers; n++) {
    v *= maxAbsDerivative;
    out.push(v);
  }
  return out;
}

/** max |f'(x)| on a grid over [lo, hi] (used when parameters change the bound, e.g. a leaky slope > 1). */
export function maxAbsOnGrid(df: Fn, lo = -30, hi = 30, n = 6001): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(df(lo + ((hi - lo) * i) / (n - 1)));
    if (Number.isFinite(v) && v > m) m = v;
  }
  const at0 = Math.abs(df(0));
  return Number.isFinite(at0) && at0 > m ? at0 : m;
}

function clampInt(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(Number.isFinite(v) ? v : min)));
}

export function simulateDepth(f: Fn, df: Fn, init: InitScheme, config: DepthConfig): DepthResult {
  const L = clampInt(config.layers, DEPTH_LIMITS.layers.min, DEPTH_LIMITS.layers.max);
  const W = clampInt(config.width, DEPTH_LIMITS.width.min, DEPTH_LIMITS.width.max);
  const B = clampInt(config.batch, DEPTH_LIMITS.batch.min, DEPTH_LIMITS.batch.max);
  const rng = createRng(config.seed);
  const variance = init === 'xavier' ? 2 / (W + W) : init === 'he' ? 2 / W : 1 / W;
  const sd = Math.sqrt(variance);

  const weights: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const m = new Float64Array(W * W);
    for (let i = 0; i < m.length; i++) m[i] = rng.normal() * sd;
    weights.push(m);
  }
  // h[0] is the input; z[l], h[l + 1] belong to layer l + 1. Row-major [batch][unit].
  const h: Float64Array[] = [new Float64Array(B * W)];
  for (let i = 0; i < B * W; i++) h[0][i] = rng.normal();
  const z: Float64Array[] = [];
  const activationStd: number[] = [];
  for (let l = 0; l < L; l++) {
    const w = weights[l];
    const prev = h[l];
    const zl = new Float64Array(B * W);
    const hl = new Float64Array(B * W);
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < W; i++) {
        let s = 0;
        for (let j = 0; j < W; j++) s += w[i * W + j] * prev[b * W + j];
        zl[b * W + i] = s;
        hl[b * W + i] = f(s);
      }
    }
    z.push(zl);
    h.push(hl);
    activationStd.push(std(hl));
  }
  const r = new Float64Array(W);
  for (let i = 0; i < W; i++) r[i] = rng.normal();

  const gradNorm = new Array<number>(L).fill(0);
  let gh = new Float64Array(B * W);
  for (let b = 0; b < B; b++) for (let i = 0; i < W; i++) gh[b * W + i] = r[i] / B;
  for (let l = L - 1; l >= 0; l--) {
    const zl = z[l];
    const prev = h[l];
    const w = weights[l];
    const gz = new Float64Array(B * W);
    for (let k = 0; k < B * W; k++) gz[k] = gh[k] * df(zl[k]);
    let sq = 0;
    for (let i = 0; i < W; i++) {
      for (let j = 0; j < W; j++) {
        let s = 0;
        for (let b = 0; b < B; b++) s += gz[b * W + i] * prev[b * W + j];
        sq += s * s;
      }
    }
    gradNorm[l] = Math.sqrt(sq);
    const next = new Float64Array(B * W);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < W; j++) {
        let s = 0;
        for (let i = 0; i < W; i++) s += w[i * W + j] * gz[b * W + i];
        next[b * W + j] = s;
      }
    }
    gh = next;
  }
  return { init, activationStd, gradNorm };
}

function std(a: Float64Array): number {
  let mean = 0;
  for (const v of a) mean += v;
  mean /= a.length;
  let s = 0;
  for (const v of a) s += (v - mean) * (v - mean);
  return Math.sqrt(s / a.length);
}
