/** The ReLU family and its exponential relatives: names, parameters, properties, roles. */
import { SELU_ALPHA, SELU_SCALE } from './fn-smooth';
import {
  K2, K23, K3, hf, jsLayer, jsOp, jsStr, kFn, kLayer, kStr, numParam, props, r, tF, tMethod, tModule, tTorch, tfNn,
} from './names';
import type { ActivationEntry } from './types';

export type EntryDef = Omit<ActivationEntry, 'docs'>;

const slopeParam = (d: number) =>
  numParam('slope', d, 0, 1, 'Slope for x < 0.', 'x < 0 时的斜率。');
const alphaParam = numParam('alpha', 1, 0.1, 3, 'Scale of the negative part; the output saturates to −α.', '负半轴的缩放系数；输出向 −α 饱和。');

export const RELU_FAMILY: EntryDef[] = [
  {
    id: 'relu',
    displayName: 'ReLU',
    params: [
      slopeParam(0),
      numParam('max_value', Infinity, 1, 20, 'Upper cap (Keras max_value; none by default).', '输出上限（Keras 的 max_value，默认无）。'),
      numParam('threshold', 0, -3, 3, 'Values below this are treated as negative (Keras).', '低于该阈值的输入按负半轴处理（Keras）。'),
    ],
    properties: props({ range: r(0, Infinity, '[)'), monotonic: true, saturatesLeft: true, nonNegative: true }),
    roles: ['hidden'],
    names: [
      tModule('ReLU', 'inplace=False', { argNames: { inplace: 'inplace' }, positional: ['inplace'] }),
      tF('relu', 'input, inplace=False', { positional: ['input', 'inplace'] }),
      tF('relu_', 'input'),
      tTorch('relu', 'input'),
      tTorch('relu_', 'input'),
      tMethod('relu', ''),
      tMethod('relu_', ''),
      kStr('relu', K23),
      kFn('relu', 'x, negative_slope=0.0, max_value=None, threshold=0.0', K3, {
        argNames: { negative_slope: 'slope', max_value: 'max_value', threshold: 'threshold' },
        positional: ['x', 'slope', 'max_value', 'threshold'],
      }),
      kFn('relu', 'x, alpha=0.0, max_value=None, threshold=0.0', K2, {
        argNames: { alpha: 'slope', max_value: 'max_value', threshold: 'threshold' },
        positional: ['x', 'slope', 'max_value', 'threshold'],
      }),
      kLayer('ReLU', 'max_value=None, negative_slope=0.0, threshold=0.0', K23, {
        argNames: { max_value: 'max_value', negative_slope: 'slope', threshold: 'threshold' },
        positional: ['max_value', 'slope', 'threshold'],
      }),
      tfNn('tf.nn', 'relu', 'features'),
      jsStr('relu'),
      jsOp('relu', 'x'),
      jsLayer('reLU', '{maxValue?}', { defaults: { variant: 'tfjs' }, argNames: { maxValue: 'max_value' } }),
      hf('relu'),
    ],
  },
  {
    id: 'relu6',
    displayName: 'ReLU6',
    params: [],
    properties: props({
      range: r(0, 6, '[]'), monotonic: true, bounded: true, saturatesLeft: true, saturatesRight: true, nonNegative: true,
    }),
    roles: ['hidden'],
    names: [
      tModule('ReLU6', 'inplace=False', { positional: ['inplace'] }),
      tF('relu6', 'input, inplace=False'),
      kStr('relu6', K3),
      kFn('relu6', 'x', K3),
      tfNn('tf.nn', 'relu6', 'features'),
      jsStr('relu6'),
      jsOp('relu6', 'x', { defaults: { variant: 'tfjs-op' } }),
      hf('relu6'),
    ],
  },
  {
    id: 'leaky_relu',
    displayName: 'Leaky ReLU',
    params: [slopeParam(0.01)],
    properties: props({ range: r(-Infinity, Infinity), monotonic: true }),
    roles: ['hidden'],
    names: [
      tModule('LeakyReLU', 'negative_slope=0.01, inplace=False', {
        defaults: { slope: 0.01 }, argNames: { negative_slope: 'slope', inplace: 'inplace' }, positional: ['slope', 'inplace'],
      }),
      tF('leaky_relu', 'input, negative_slope=0.01, inplace=False', {
        defaults: { slope: 0.01 }, argNames: { negative_slope: 'slope' }, positional: ['input', 'slope', 'inplace'],
      }),
      tF('leaky_relu_', 'input, negative_slope=0.01', {
        defaults: { slope: 0.01 }, argNames: { negative_slope: 'slope' }, positional: ['input', 'slope'],
      }),
      kStr('leaky_relu', K3, { defaults: { slope: 0.2 } }),
      kFn('leaky_relu', 'x, negative_slope=0.2', K3, {
        defaults: { slope: 0.2 }, argNames: { negative_slope: 'slope' }, positional: ['x', 'slope'],
      }),
      kLayer('LeakyReLU', 'negative_slope=0.3', K3, {
        defaults: { slope: 0.3 }, argNames: { negative_slope: 'slope', alpha: 'slope' }, positional: ['slope'],
      }),
      kLayer('LeakyReLU', 'alpha=0.3', K2, { defaults: { slope: 0.3 }, argNames: { alpha: 'slope' }, positional: ['slope'] }),
      tfNn('tf.nn', 'leaky_relu', 'features, alpha=0.2', {
        defaults: { slope: 0.2 }, argNames: { alpha: 'slope' }, positional: ['features', 'slope'],
      }),
      jsOp('leakyRelu', 'x, alpha=0.2', { defaults: { slope: 0.2 }, argNames: { alpha: 'slope' }, positional: ['x', 'slope'] }),
      jsLayer('leakyReLU', '{alpha: 0.3}', { defaults: { slope: 0.3 }, argNames: { alpha: 'slope' } }),
      hf('leaky_relu', { slope: 0.01 }),
    ],
  },
  {
    id: 'prelu',
    displayName: 'PReLU',
    params: [slopeParam(0.25)],
    properties: props({ range: r(-Infinity, Infinity), monotonic: true }),
    roles: ['hidden'],
    names: [
      tModule('PReLU', 'num_parameters=1, init=0.25', {
        defaults: { slope: 0.25 }, argNames: { num_parameters: 'num_parameters', init: 'slope' }, positional: ['num_parameters', 'slope'],
      }),
      tF('prelu', 'input, weight', { argNames: { weight: 'slope' }, positional: ['input', 'slope'] }),
      tTorch('prelu', 'input, weight', { argNames: { weight: 'slope' }, positional: ['input', 'slope'] }),
      kLayer('PReLU', "alpha_initializer='Zeros', alpha_regularizer=None, alpha_constraint=None, shared_axes=None", K23, {
        defaults: { slope: 0 },
      }),
      jsLayer('prelu', "{alphaInitializer: 'zeros'}", { defaults: { slope: 0 } }),
      jsOp('prelu', 'x, alpha', { argNames: { alpha: 'slope' }, positional: ['x', 'slope'] }),
    ],
  },
  {
    id: 'rrelu',
    displayName: 'RReLU',
    params: [
      numParam('lower', 1 / 8, 0, 1, 'Lower bound of the random slope (training).', '随机斜率的下界（训练时）。'),
      numParam('upper', 1 / 3, 0, 1, 'Upper bound of the random slope; in eval mode the slope is (lower + upper)/2.', '随机斜率的上界；推理时斜率取 (lower + upper)/2。'),
    ],
    properties: props({ range: r(-Infinity, Infinity), monotonic: true }),
    roles: ['hidden'],
    names: [
      tModule('RReLU', 'lower=0.125, upper=0.3333333333333333, inplace=False', {
        argNames: { lower: 'lower', upper: 'upper' }, positional: ['lower', 'upper', 'inplace'],
      }),
      tF('rrelu', 'input, lower=1./8, upper=1./3, training=False, inplace=False', { positional: ['input', 'lower', 'upper', 'training', 'inplace'] }),
      tF('rrelu_', 'input, lower=1./8, upper=1./3, training=False', { positional: ['input', 'lower', 'upper', 'training'] }),
      tTorch('rrelu', 'input, lower=1./8, upper=1./3, training=False', { positional: ['input', 'lower', 'upper', 'training'] }),
    ],
  },
  {
    id: 'elu',
    displayName: 'ELU',
    params: [alphaParam],
    properties: props({
      range: r(-1, Infinity), monotonic: true, zeroCentred: true, saturatesLeft: true, smooth: true,
    }),
    roles: ['hidden'],
    names: [
      tModule('ELU', 'alpha=1.0, inplace=False', { defaults: { alpha: 1 }, positional: ['alpha', 'inplace'] }),
      tF('elu', 'input, alpha=1.0, inplace=False', { defaults: { alpha: 1 }, positional: ['input', 'alpha', 'inplace'] }),
      tF('elu_', 'input, alpha=1.'),
      kStr('elu', K23),
      kFn('elu', 'x, alpha=1.0', K23, { defaults: { alpha: 1 }, positional: ['x', 'alpha'] }),
      kLayer('ELU', 'alpha=1.0', K23, { defaults: { alpha: 1 }, positional: ['alpha'] }),
      tfNn('tf.nn', 'elu', 'features'),
      jsStr('elu'),
      jsOp('elu', 'x'),
      jsLayer('elu', '{alpha: 1.0}', { defaults: { alpha: 1 } }),
    ],
  },
  {
    id: 'selu',
    displayName: 'SELU',
    params: [],
    properties: props({
      range: r(-SELU_SCALE * SELU_ALPHA, Infinity), monotonic: true, zeroCentred: true, saturatesLeft: true,
      selfNormalizing: true, maxDerivative: SELU_SCALE * SELU_ALPHA,
    }),
    roles: ['hidden'],
    names: [
      tModule('SELU', 'inplace=False', { positional: ['inplace'] }),
      tF('selu', 'input, inplace=False'),
      tF('selu_', 'input'),
      tTorch('selu', 'input'),
      tTorch('selu_', 'input'),
      kStr('selu', K23),
      kFn('selu', 'x', K23),
      tfNn('tf.nn', 'selu', 'features'),
      jsStr('selu'),
      jsOp('selu', 'x'),
    ],
  },
  {
    id: 'celu',
    displayName: 'CELU',
    params: [alphaParam],
    properties: props({ range: r(-1, Infinity), monotonic: true, zeroCentred: true, saturatesLeft: true, smooth: true }),
    roles: ['hidden'],
    names: [
      tModule('CELU', 'alpha=1.0, inplace=False', { defaults: { alpha: 1 }, positional: ['alpha', 'inplace'] }),
      tF('celu', 'input, alpha=1., inplace=False', { defaults: { alpha: 1 }, positional: ['input', 'alpha', 'inplace'] }),
      tF('celu_', 'input, alpha=1.'),
      tTorch('celu', 'input, alpha=1.'),
      kStr('celu', K3),
      kFn('celu', 'x, alpha=1.0', K3, { defaults: { alpha: 1 }, positional: ['x', 'alpha'] }),
    ],
  },
  {
    id: 'threshold',
    displayName: 'Threshold',
    params: [
      numParam('threshold', 0, -3, 3, 'Inputs at or below this are replaced.', '小于等于该阈值的输入被替换。'),
      numParam('value', 0, -3, 3, 'The replacement value.', '替换值。'),
    ],
    properties: props({ range: r(-Infinity, Infinity), saturatesLeft: true }),
    roles: ['hidden'],
    names: [
      tModule('Threshold', 'threshold, value, inplace=False', { positional: ['threshold', 'value', 'inplace'] }),
      tF('threshold', 'input, threshold, value, inplace=False', { positional: ['input', 'threshold', 'value', 'inplace'] }),
      tF('threshold_', 'input, threshold, value', { positional: ['input', 'threshold', 'value'] }),
      tTorch('threshold', 'input, threshold, value', { positional: ['input', 'threshold', 'value'] }),
      kStr('threshold', K3),
      kFn('threshold', 'x, threshold, default_value', K3, {
        argNames: { threshold: 'threshold', default_value: 'value' }, positional: ['x', 'threshold', 'value'],
      }),
      kLayer('ThresholdedReLU', 'theta=1.0', K2, { defaults: { threshold: 1, value: 0 }, argNames: { theta: 'threshold' }, positional: ['threshold'] }),
      jsLayer('thresholdedReLU', '{theta: 1.0}', { defaults: { threshold: 1, value: 0 }, argNames: { theta: 'threshold' } }),
    ],
  },
  {
    id: 'linear',
    displayName: 'Linear (identity)',
    params: [],
    properties: props({ range: r(-Infinity, Infinity), monotonic: true, zeroCentred: true, smooth: true, identity: true }),
    roles: ['regression-output'],
    names: [
      tModule('Identity', ''),
      kStr('linear', K23),
      kFn('linear', 'x', K23),
      jsStr('linear'),
      hf('linear'),
    ],
  },
];
