/**
 * Piecewise-linear (and piecewise-polynomial) activations. At kinks the derivative is the one
 * PyTorch's autograd returns (checked by test/golden); where TensorFlow.js differs, the `variant`
 * parameter selects its convention ('tfjs-op' for the tf.relu6 op, see relu6 below).
 */
import { clamp, nanOr, num, str } from './numerics';
import type { Params } from './types';

export interface Pointwise {
  f(x: number, p: Params): number;
  df(x: number, p: Params): number;
}

/** slope·x for x ≤ 0 with the right limit at −∞ when the slope is 0. */
function negPart(x: number, slope: number): number {
  return slope === 0 ? 0 : slope * x;
}

/**
 * Keras relu(x, negative_slope, max_value, threshold); plain ReLU with the defaults. At x = max_value
 * the gradient is 0 (torch convention) or, with variant 'tfjs' (tf.layers.reLU's clipByValue), 1.
 */
const relu: Pointwise = {
  f(x, p) {
    if (Number.isNaN(x)) return NaN;
    const slope = num(p, 'slope', 0);
    const thr = num(p, 'threshold', 0);
    const max = num(p, 'max_value', Infinity);
    const pos = x > thr ? clamp(x, 0, max) : 0;
    return x < thr ? pos + negPart(x - thr, slope) : pos;
  },
  df(x, p) {
    const slope = num(p, 'slope', 0);
    const thr = num(p, 'threshold', 0);
    const max = num(p, 'max_value', Infinity);
    const atMax = str(p, 'variant', 'torch') === 'tfjs' ? x <= max : x < max || max === Infinity;
    if (x > thr) return nanOr(x, x > 0 && atMax ? 1 : 0);
    return nanOr(x, slope);
  },
};

/** min(max(0, x), 6). torch: f'(0) = f'(6) = 0; the tf.relu6 op gives f'(6) = 1 (variant 'tfjs-op'). */
const relu6: Pointwise = {
  f: (x) => clamp(x, 0, 6),
  df(x, p) {
    if (str(p, 'variant', 'torch') === 'tfjs-op') return nanOr(x, x > 0 && x <= 6 ? 1 : 0);
    return nanOr(x, x > 0 && x < 6 ? 1 : 0);
  },
};

/** x for x > 0, slope·x otherwise; f'(0) = slope as in torch. */
const leaky: Pointwise = {
  f: (x, p) => (x > 0 ? x : Number.isNaN(x) ? NaN : negPart(x, num(p, 'slope', 0.01))),
  df: (x, p) => nanOr(x, x > 0 ? 1 : num(p, 'slope', 0.01)),
};

const prelu: Pointwise = {
  f: (x, p) => leaky.f(x, { slope: num(p, 'slope', 0.25) }),
  df: (x, p) => leaky.df(x, { slope: num(p, 'slope', 0.25) }),
};

/** RReLU in evaluation mode: a leaky ReLU with slope (lower + upper)/2. */
function rreluSlope(p: Params): number {
  return (num(p, 'lower', 1 / 8) + num(p, 'upper', 1 / 3)) / 2;
}
const rrelu: Pointwise = {
  f: (x, p) => leaky.f(x, { slope: rreluSlope(p) }),
  df: (x, p) => leaky.df(x, { slope: rreluSlope(p) }),
};

const hardtanh: Pointwise = {
  f: (x, p) => clamp(x, num(p, 'min_val', -1), num(p, 'max_val', 1)),
  df: (x, p) => nanOr(x, x > num(p, 'min_val', -1) && x < num(p, 'max_val', 1) ? 1 : 0),
};

/**
 * Hard sigmoid has two definitions, chosen by `variant`:
 *  'torch' | 'keras3' (default): relu6(x + 3)/6, slope 1/6 on (−3, 3) — torch's backward uses
 *                                the float32 constant 1.0f/6.0f even in float64 (0.1666666716…);
 *  'keras2' | 'tfjs':            clip(0.2·x + 0.5, 0, 1), slope 0.2 on [−2.5, 2.5]
 *                                (tfjs's clipByValue passes the gradient at both ends).
 */
/** torch's hardsigmoid_backward constant: the float32 value of 1/6, also in float64. */
const TORCH_ONE_SIXTH = Math.fround(1 / 6);

export function hardSigmoidForm(p: Params): 'relu6' | 'linear-clip' {
  const v = str(p, 'variant', 'torch');
  return v === 'keras2' || v === 'tfjs' ? 'linear-clip' : 'relu6';
}
const hardSigmoid: Pointwise = {
  f(x, p) {
    if (hardSigmoidForm(p) === 'linear-clip') return clamp(0.2 * x + 0.5, 0, 1);
    return clamp(x + 3, 0, 6) / 6;
  },
  df(x, p) {
    if (hardSigmoidForm(p) === 'linear-clip') return nanOr(x, x >= -2.5 && x <= 2.5 ? 0.2 : 0);
    const slope = str(p, 'variant', 'torch') === 'torch' ? TORCH_ONE_SIXTH : 1 / 6;
    return nanOr(x, x > -3 && x < 3 ? slope : 0);
  },
};

/** x·relu6(x + 3)/6; torch: f'(−3) = −0.5 (x/3 + 1/2 on [−3, 3)), f'(3) = 1. */
const hardSwish: Pointwise = {
  f(x) {
    if (x === -Infinity) return 0;
    return (x * clamp(x + 3, 0, 6)) / 6;
  },
  df(x) {
    if (x < -3) return 0;
    if (x < 3) return x / 3 + 0.5;
    return nanOr(x, 1);
  },
};

const softshrink: Pointwise = {
  f(x, p) {
    const l = num(p, 'threshold', 0.5);
    return x > l ? x - l : x < -l ? x + l : nanOr(x, 0);
  },
  df: (x, p) => nanOr(x, Math.abs(x) > num(p, 'threshold', 0.5) ? 1 : 0),
};

const hardshrink: Pointwise = {
  f: (x, p) => (Math.abs(x) > num(p, 'threshold', 0.5) ? x : nanOr(x, 0)),
  df: (x, p) => nanOr(x, Math.abs(x) > num(p, 'threshold', 0.5) ? 1 : 0),
};

/** y = x if x > threshold else value. */
const threshold: Pointwise = {
  f: (x, p) => (x > num(p, 'threshold', 0) ? x : nanOr(x, num(p, 'value', 0))),
  df: (x, p) => nanOr(x, x > num(p, 'threshold', 0) ? 1 : 0),
};

/** Keras 3 sparse_sigmoid: 0 for x ≤ −1, (x + 1)/2 on (−1, 1), 1 for x ≥ 1. */
const sparseSigmoid: Pointwise = {
  f: (x) => (x <= -1 ? 0 : x >= 1 ? 1 : nanOr(x, 0.5 * (x + 1))),
  df: (x) => nanOr(x, x > -1 && x < 1 ? 0.5 : 0),
};

/** Keras 3 sparse_plus: 0 for x ≤ −1, (x + 1)²/4 on (−1, 1), x for x ≥ 1. */
const sparsePlus: Pointwise = {
  f: (x) => (x <= -1 ? 0 : x >= 1 ? x : nanOr(x, ((x + 1) * (x + 1)) / 4)),
  df: (x) => (x <= -1 ? 0 : x >= 1 ? 1 : nanOr(x, (x + 1) / 2)),
};

const linear: Pointwise = {
  f: (x) => x,
  df: (x) => nanOr(x, 1),
};

export const PIECEWISE: Readonly<Record<string, Pointwise>> = {
  relu,
  relu6,
  leaky_relu: leaky,
  prelu,
  rrelu,
  hardtanh,
  hard_sigmoid: hardSigmoid,
  hard_swish: hardSwish,
  softshrink,
  hardshrink,
  threshold,
  sparse_sigmoid: sparseSigmoid,
  sparse_plus: sparsePlus,
  linear,
};
