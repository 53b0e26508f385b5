/** Activations over a vector axis: softmax, log_softmax, softmin, sparsemax, GLU. */
import type { EntryDef } from './entries-relu';
import { K23, K3, jsLayer, jsOp, jsStr, kFn, kLayer, kStr, props, r, tF, tMethod, tModule, tTorch, tfNn } from './names';
import type { ParamSpec } from './types';

const axis = (d: number): ParamSpec & { default: number } => ({
  name: 'axis',
  type: 'number',
  default: d,
  description: { en: 'The axis (dim) the operation runs over.', 'zh-cn': '运算所沿的轴（dim）。' },
});
const dimArgs = { dim: 'axis' } as const;

export const VECTOR_FAMILY: EntryDef[] = [
  {
    id: 'softmax',
    displayName: 'Softmax',
    params: [axis(-1)],
    properties: props({
      range: r(0, 1), bounded: true, saturatesLeft: true, saturatesRight: true, smooth: true, nonNegative: true,
      squashesToProbabilities: true, vector: true, maxDerivative: 0.25,
    }),
    roles: ['multiclass-output'],
    names: [
      tModule('Softmax', 'dim=None', { argNames: dimArgs, positional: ['axis'] }),
      tModule('Softmax2d', '', { defaults: { axis: -3 } }),
      tF('softmax', 'input, dim=None, dtype=None', { argNames: dimArgs, positional: ['input', 'axis'] }),
      tTorch('softmax', 'input, dim, dtype=None', { argNames: dimArgs, positional: ['input', 'axis'] }),
      tTorch('softmax', 'input, dim, dtype=None', { argNames: dimArgs, positional: ['input', 'axis'] }, 'torch.special'),
      tMethod('softmax', 'dim', { argNames: dimArgs, positional: ['axis'] }),
      kStr('softmax', K23),
      kFn('softmax', 'x, axis=-1', K23, { defaults: { axis: -1 }, positional: ['x', 'axis'] }),
      kLayer('Softmax', 'axis=-1', K23, { defaults: { axis: -1 }, positional: ['axis'] }),
      tfNn('tf.nn', 'softmax', 'logits, axis=None', { defaults: { axis: -1 }, positional: ['logits', 'axis'] }),
      tfNn('tf.math', 'softmax', 'logits, axis=None', { defaults: { axis: -1 }, positional: ['logits', 'axis'] }),
      jsStr('softmax', { defaults: { axis: -1 } }),
      jsOp('softmax', 'logits, dim=-1', { defaults: { axis: -1 }, argNames: dimArgs, positional: ['logits', 'axis'] }),
      jsLayer('softmax', '{axis: 1}', { defaults: { axis: 1 } }),
    ],
  },
  {
    id: 'log_softmax',
    displayName: 'Log-softmax',
    params: [axis(-1)],
    properties: props({
      range: r(-Infinity, 0, '(]'), saturatesRight: true, smooth: true, logProbabilities: true, vector: true,
    }),
    roles: ['multiclass-output'],
    names: [
      tModule('LogSoftmax', 'dim=None', { argNames: dimArgs, positional: ['axis'] }),
      tF('log_softmax', 'input, dim=None, dtype=None', { argNames: dimArgs, positional: ['input', 'axis'] }),
      tTorch('log_softmax', 'input, dim, dtype=None', { argNames: dimArgs, positional: ['input', 'axis'] }),
      tTorch('log_softmax', 'input, dim, dtype=None', { argNames: dimArgs, positional: ['input', 'axis'] }, 'torch.special'),
      tMethod('log_softmax', 'dim', { argNames: dimArgs, positional: ['axis'] }),
      kStr('log_softmax', K3),
      kFn('log_softmax', 'x, axis=-1', K3, { defaults: { axis: -1 }, positional: ['x', 'axis'] }),
      tfNn('tf.nn', 'log_softmax', 'logits, axis=None', { defaults: { axis: -1 }, positional: ['logits', 'axis'] }),
      tfNn('tf.math', 'log_softmax', 'logits, axis=None', { defaults: { axis: -1 }, positional: ['logits', 'axis'] }),
      jsStr('logSoftmax', { defaults: { axis: -1 } }),
      jsOp('logSoftmax', 'logits, axis=-1', { defaults: { axis: -1 }, positional: ['logits', 'axis'] }),
    ],
  },
  {
    id: 'softmin',
    displayName: 'Softmin',
    params: [axis(-1)],
    properties: props({
      range: r(0, 1), bounded: true, saturatesLeft: true, saturatesRight: true, smooth: true, nonNegative: true,
      squashesToProbabilities: true, vector: true, maxDerivative: 0.25,
    }),
    roles: ['multiclass-output'],
    names: [
      tModule('Softmin', 'dim=None', { argNames: dimArgs, positional: ['axis'] }),
      tF('softmin', 'input, dim=None, dtype=None', { argNames: dimArgs, positional: ['input', 'axis'] }),
    ],
  },
  {
    id: 'sparsemax',
    displayName: 'Sparsemax',
    params: [axis(-1)],
    properties: props({
      range: r(0, 1, '[]'), bounded: true, saturatesLeft: true, saturatesRight: true, nonNegative: true,
      squashesToProbabilities: true, vector: true,
    }),
    roles: ['multiclass-output'],
    names: [kStr('sparsemax', K3), kFn('sparsemax', 'x, axis=-1', K3, { defaults: { axis: -1 }, positional: ['x', 'axis'] })],
  },
  {
    id: 'glu',
    displayName: 'GLU',
    params: [axis(-1)],
    properties: props({ range: r(-Infinity, Infinity), smooth: true, vector: true, maxDerivative: Infinity }),
    roles: ['gate', 'hidden'],
    names: [
      tModule('GLU', 'dim=-1', { defaults: { axis: -1 }, argNames: dimArgs, positional: ['axis'] }),
      tF('glu', 'input, dim=-1', { defaults: { axis: -1 }, argNames: dimArgs, positional: ['input', 'axis'] }),
      kStr('glu', K3),
      kFn('glu', 'x, axis=-1', K3, { defaults: { axis: -1 }, positional: ['x', 'axis'] }),
    ],
  },
];
