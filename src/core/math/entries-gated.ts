/** Self-gated and soft-rectifier activations: GELU, SiLU/swish, Mish, hard swish, softplus & co. */
import type { EntryDef } from './entries-relu';
import {
  K23, K3, hf, jsOp, jsStr, kFn, kStr, numParam, props, r, tF, tModule, tfNn,
} from './names';

/** Minima and maximal slopes of the non-monotonic gated functions (checked by unit tests). */
export const GELU_MIN = -0.16997120747990118;
export const GELU_MAX_SLOPE = 1.1289404312217426;
export const SILU_MIN = -0.27846454276107374;
export const SILU_MAX_SLOPE = 1.0998393194986547;
export const MISH_MIN = -0.30884303759634;
export const MISH_MAX_SLOPE = 1.0886901700368877;

export const GATED_FAMILY: EntryDef[] = [
  {
    id: 'gelu',
    displayName: 'GELU',
    params: [
      {
        name: 'approximate',
        type: 'enum',
        options: ['none', 'tanh', 'sigmoid'],
        default: 'none',
        description: {
          en: "'none': x·Φ(x) with the exact normal CDF; 'tanh': the tanh approximation; 'sigmoid': x·σ(1.702x) (quick_gelu).",
          'zh-cn': "'none'：x·Φ(x)，使用精确的正态分布函数；'tanh'：tanh 近似；'sigmoid'：x·σ(1.702x)（quick_gelu）。",
        },
      },
      numParam('clip', Infinity, 1, 20, 'Clip the output to [−clip, clip] (transformers gelu_10).', '把输出裁剪到 [−clip, clip]（transformers 的 gelu_10）。'),
    ],
    properties: props({
      range: r(GELU_MIN, Infinity, '[)'), saturatesLeft: true, smooth: true, maxDerivative: GELU_MAX_SLOPE,
    }),
    roles: ['hidden'],
    names: [
      tModule('GELU', "approximate='none'", { defaults: { approximate: 'none' }, positional: ['approximate'] }),
      tF('gelu', "input, approximate='none'", { defaults: { approximate: 'none' } }),
      kStr('gelu', K23, { defaults: { approximate: 'none' } }),
      kFn('gelu', 'x, approximate=False', K23, { defaults: { approximate: 'none' }, positional: ['x', 'approximate'] }),
      tfNn('tf.nn', 'gelu', 'features, approximate=False', { defaults: { approximate: 'none' }, positional: ['features', 'approximate'] }),
      jsStr('gelu', { defaults: { approximate: 'none' } }),
      jsStr('gelu_new', { defaults: { approximate: 'tanh' } }),
      hf('gelu', { approximate: 'none' }),
      hf('gelu_python', { approximate: 'none' }),
      hf('gelu_new', { approximate: 'tanh' }),
      hf('gelu_fast', { approximate: 'tanh' }),
      hf('gelu_pytorch_tanh', { approximate: 'tanh' }),
      hf('gelu_accurate', { approximate: 'tanh' }),
      hf('quick_gelu', { approximate: 'sigmoid' }),
      hf('gelu_10', { approximate: 'none', clip: 10 }),
    ],
  },
  {
    id: 'silu',
    displayName: 'SiLU / Swish',
    params: [numParam('beta', 1, 0.1, 5, 'Sharpness β in x·σ(βx) (tf.nn.silu beta, tfjs swish alpha).', 'x·σ(βx) 中的陡度 β（tf.nn.silu 的 beta、tfjs swish 的 alpha）。')],
    properties: props({ range: r(SILU_MIN, Infinity, '[)'), saturatesLeft: true, smooth: true, maxDerivative: SILU_MAX_SLOPE }),
    roles: ['hidden'],
    names: [
      tModule('SiLU', 'inplace=False', { positional: ['inplace'] }),
      tF('silu', 'input, inplace=False'),
      kStr('silu', K3),
      kStr('swish', K23),
      kFn('silu', 'x', K3),
      kFn('swish', 'x', K23),
      tfNn('tf.nn', 'silu', 'features, beta=1.0', { defaults: { beta: 1 }, positional: ['features', 'beta'] }),
      tfNn('tf.nn', 'swish', 'features, beta=1.0', { defaults: { beta: 1 }, positional: ['features', 'beta'] }),
      jsStr('swish', { defaults: { beta: 1 } }),
      hf('silu'),
      hf('swish'),
    ],
  },
  {
    id: 'mish',
    displayName: 'Mish',
    params: [],
    properties: props({ range: r(MISH_MIN, Infinity, '[)'), saturatesLeft: true, smooth: true, maxDerivative: MISH_MAX_SLOPE }),
    roles: ['hidden'],
    names: [
      tModule('Mish', 'inplace=False', { positional: ['inplace'] }),
      tF('mish', 'input, inplace=False'),
      kStr('mish', K23),
      kFn('mish', 'x', K23),
      jsStr('mish'),
      hf('mish'),
    ],
  },
  {
    id: 'hard_swish',
    displayName: 'Hard swish / hard SiLU',
    params: [],
    properties: props({ range: r(-0.375, Infinity, '[)'), saturatesLeft: true, maxDerivative: 1.5 }),
    roles: ['hidden'],
    names: [
      tModule('Hardswish', 'inplace=False', { positional: ['inplace'] }),
      tF('hardswish', 'input, inplace=False'),
      kStr('hard_silu', K3),
      kStr('hard_swish', K3),
      kFn('hard_silu', 'x', K3),
      kFn('hard_swish', 'x', K3),
    ],
  },
  {
    id: 'softplus',
    displayName: 'Softplus',
    params: [
      numParam('beta', 1, 0.1, 5, 'Sharpness: softplus(βx)/β.', '陡度：softplus(βx)/β。'),
      numParam('threshold', Infinity, 1, 40, 'Above βx > threshold the output is x (torch: 20; Keras/tfjs: none).', '当 βx > threshold 时输出直接取 x（torch 为 20；Keras/tfjs 无此项）。'),
    ],
    properties: props({ range: r(0, Infinity), monotonic: true, saturatesLeft: true, smooth: true, nonNegative: true }),
    roles: ['hidden', 'regression-output'],
    names: [
      tModule('Softplus', 'beta=1.0, threshold=20.0', { defaults: { beta: 1, threshold: 20 }, positional: ['beta', 'threshold'] }),
      tF('softplus', 'input, beta=1, threshold=20', { defaults: { beta: 1, threshold: 20 }, positional: ['input', 'beta', 'threshold'] }),
      kStr('softplus', K23),
      kFn('softplus', 'x', K23),
      tfNn('tf.nn', 'softplus', 'features'),
      tfNn('tf.math', 'softplus', 'features'),
      jsStr('softplus'),
      jsOp('softplus', 'x'),
    ],
  },
  {
    id: 'squareplus',
    displayName: 'Squareplus',
    params: [numParam('b', 4, 0, 16, 'Smoothness b in (x + √(x² + b))/2; b = 0 gives ReLU.', '(x + √(x² + b))/2 中的平滑度 b；b = 0 时即 ReLU。')],
    properties: props({ range: r(0, Infinity), monotonic: true, saturatesLeft: true, smooth: true, nonNegative: true }),
    roles: ['hidden'],
    names: [kStr('squareplus', K3), kFn('squareplus', 'x, b=4', K3, { defaults: { b: 4 }, positional: ['x', 'b'] })],
  },
  {
    id: 'sparse_plus',
    displayName: 'Sparse plus',
    params: [],
    properties: props({ range: r(0, Infinity, '[)'), monotonic: true, saturatesLeft: true, smooth: true, nonNegative: true }),
    roles: ['hidden'],
    names: [kStr('sparse_plus', K3), kFn('sparse_plus', 'x', K3)],
  },
  {
    id: 'exponential',
    displayName: 'Exponential',
    params: [],
    properties: props({
      range: r(0, Infinity), monotonic: true, saturatesLeft: true, smooth: true, nonNegative: true, maxDerivative: Infinity,
    }),
    roles: ['regression-output'],
    names: [kStr('exponential', K23), kFn('exponential', 'x', K23)],
  },
];
