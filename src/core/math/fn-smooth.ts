/**
 * Smooth (or smooth-but-for-one-point) activations, in stable float64 forms: no overflow for
 * |x| up to 1e4 and beyond, the limits at ±Infinity, NaN propagated.
 */
import type { Pointwise } from './fn-piecewise';
import {
  SQRT_2_OVER_PI,
  logSigmoid,
  nanOr,
  normalCdf,
  normalPdf,
  num,
  sigmoid,
  sigmoidPrime,
  softplus,
  str,
  tanhPrime,
  tanhshrink,
} from './numerics';

/** SELU constants (Klambauer et al. 2017), as torch and Keras define them. */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

/** f = x·g(x) for the limits at ±∞ of self-gated functions (silu, gelu, mish): +∞ → ∞, −∞ → 0. */
function gatedLimit(x: number): number | undefined {
  if (x === Infinity) return Infinity;
  if (x === -Infinity) return 0;
  if (Number.isNaN(x)) return NaN;
  return undefined;
}
function gatedSlopeLimit(x: number): number | undefined {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  if (Number.isNaN(x)) return NaN;
  return undefined;
}

const sigmoidFn: Pointwise = { f: (x) => sigmoid(x), df: (x) => nanOr(x, sigmoidPrime(x)) };

const tanhFn: Pointwise = { f: (x) => Math.tanh(x), df: (x) => nanOr(x, tanhPrime(x)) };

const logSigmoidFn: Pointwise = { f: (x) => logSigmoid(x), df: (x) => sigmoid(-x) };

const softsign: Pointwise = {
  f: (x) => (x === Infinity ? 1 : x === -Infinity ? -1 : x / (1 + Math.abs(x))),
  df(x) {
    const d = 1 + Math.abs(x);
    return 1 / (d * d);
  },
};

const tanhshrinkFn: Pointwise = {
  f: (x) => (x === Infinity || x === -Infinity ? x : tanhshrink(x)),
  df(x) {
    const t = Math.tanh(x);
    return t * t;
  },
};

/** softplus(βx)/β, linear where βx > threshold (torch; threshold = ∞ for Keras and tfjs). */
const softplusFn: Pointwise = {
  f(x, p) {
    const b = num(p, 'beta', 1);
    const bx = b * x;
    if (bx > num(p, 'threshold', 20)) return x;
    return softplus(bx) / b;
  },
  df(x, p) {
    const b = num(p, 'beta', 1);
    const bx = b * x;
    if (bx > num(p, 'threshold', 20)) return 1;
    return sigmoid(bx);
  },
};

/** ELU; torch's backward takes the exponential branch at x = 0, so f'(0) = α. */
const elu: Pointwise = {
  f: (x, p) => (x > 0 ? x : Number.isNaN(x) ? NaN : num(p, 'alpha', 1) * Math.expm1(x)),
  df: (x, p) => (x > 0 ? 1 : Number.isNaN(x) ? NaN : num(p, 'alpha', 1) * Math.exp(x)),
};

const selu: Pointwise = {
  f: (x) => SELU_SCALE * (x > 0 ? x : Number.isNaN(x) ? NaN : SELU_ALPHA * Math.expm1(x)),
  df: (x) => SELU_SCALE * (x > 0 ? 1 : Number.isNaN(x) ? NaN : SELU_ALPHA * Math.exp(x)),
};

const celu: Pointwise = {
  f(x, p) {
    const a = num(p, 'alpha', 1);
    return x > 0 ? x : Number.isNaN(x) ? NaN : a * Math.expm1(x / a);
  },
  df: (x, p) => (x > 0 ? 1 : Number.isNaN(x) ? NaN : Math.exp(x / num(p, 'alpha', 1))),
};

/** GELU constants: tanh form 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))), sigmoid form x·σ(1.702x). */
const GELU_TANH_C = 0.044715;
const QUICK_GELU = 1.702;

function geluRaw(x: number, approx: string): number {
  const lim = gatedLimit(x);
  if (lim !== undefined) return lim;
  if (approx === 'tanh') {
    // 0.5(1 + tanh u) = σ(2u): no cancellation for negative x.
    const u = SQRT_2_OVER_PI * (x + GELU_TANH_C * x * x * x);
    return x * sigmoid(2 * u);
  }
  if (approx === 'sigmoid') return x * sigmoid(QUICK_GELU * x);
  return x * normalCdf(x);
}

function geluPrimeRaw(x: number, approx: string): number {
  const lim = gatedSlopeLimit(x);
  if (lim !== undefined) return lim;
  if (approx === 'tanh') {
    const u = SQRT_2_OVER_PI * (x + GELU_TANH_C * x * x * x);
    const s = sigmoid(2 * u);
    const ds = sigmoidPrime(2 * u);
    if (ds === 0) return s;
    return s + x * ds * 2 * SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_C * x * x);
  }
  if (approx === 'sigmoid') {
    const ds = sigmoidPrime(QUICK_GELU * x);
    return sigmoid(QUICK_GELU * x) + (ds === 0 ? 0 : QUICK_GELU * x * ds);
  }
  return normalCdf(x) + x * normalPdf(x);
}

/**
 * GELU. `approximate`: 'none' (x·Φ(x), default), 'tanh' (torch approximate='tanh', tfjs and
 * transformers 'gelu_new'), 'sigmoid' (transformers 'quick_gelu'). `clip` (transformers 'gelu_10')
 * clips the output to [−clip, clip].
 */
const gelu: Pointwise = {
  f(x, p) {
    const y = geluRaw(x, str(p, 'approximate', 'none'));
    const c = num(p, 'clip', Infinity);
    return y > c ? c : y < -c ? -c : y;
  },
  df(x, p) {
    const approx = str(p, 'approximate', 'none');
    const c = num(p, 'clip', Infinity);
    if (c !== Infinity) {
      const y = geluRaw(x, approx);
      if (y >= c || y <= -c) return 0;
    }
    return geluPrimeRaw(x, approx);
  },
};

/** SiLU / swish: x·σ(βx) (β = 1 in torch and Keras; tf.nn.silu's beta, tfjs swish's alpha). */
const silu: Pointwise = {
  f(x, p) {
    const lim = gatedLimit(x);
    if (lim !== undefined) return lim;
    return x * sigmoid(num(p, 'beta', 1) * x);
  },
  df(x, p) {
    const lim = gatedSlopeLimit(x);
    if (lim !== undefined) return lim;
    const bx = num(p, 'beta', 1) * x;
    const ds = sigmoidPrime(bx);
    return sigmoid(bx) + (ds === 0 ? 0 : bx * ds);
  },
};

/** Mish: x·tanh(softplus(x)). */
const mish: Pointwise = {
  f(x) {
    const lim = gatedLimit(x);
    if (lim !== undefined) return lim;
    return x * Math.tanh(softplus(x));
  },
  df(x) {
    const lim = gatedSlopeLimit(x);
    if (lim !== undefined) return lim;
    const sp = softplus(x);
    const sech2 = tanhPrime(sp);
    const s = sigmoid(x);
    return Math.tanh(sp) + (sech2 === 0 || s === 0 ? 0 : x * s * sech2);
  },
};

/** Squareplus (x + √(x² + b))/2, evaluated as b/(2(√(x² + b) − x)) for x < 0. */
const squareplus: Pointwise = {
  f(x, p) {
    const b = num(p, 'b', 4);
    if (x === Infinity) return Infinity;
    if (x === -Infinity) return 0;
    const r = Math.hypot(x, Math.sqrt(b));
    return x >= 0 ? (x + r) / 2 : b / (2 * (r - x));
  },
  df(x, p) {
    const b = num(p, 'b', 4);
    if (x === Infinity) return 1;
    if (x === -Infinity) return 0;
    const r = Math.hypot(x, Math.sqrt(b));
    return x >= 0 ? (1 + x / r) / 2 : b / (2 * r * (r - x));
  },
};

const exponential: Pointwise = { f: (x) => Math.exp(x), df: (x) => Math.exp(x) };

export const SMOOTH: Readonly<Record<string, Pointwise>> = {
  sigmoid: sigmoidFn,
  tanh: tanhFn,
  log_sigmoid: logSigmoidFn,
  softsign,
  tanhshrink: tanhshrinkFn,
  softplus: softplusFn,
  elu,
  selu,
  celu,
  gelu,
  silu,
  mish,
  squareplus,
  exponential,
};
