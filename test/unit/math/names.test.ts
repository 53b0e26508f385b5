import { describe, expect, it } from 'vitest';
import { entries, formatSignature, lookup, suggest } from '../../../src/core/math/index';

// The name lists of /work/shared/FACTS.md ("Accepted activation names"), collected from the
// frameworks' sources (keras-team/keras activations/__init__.py, tfjs-layers activation_config.ts,
// torch.nn.modules.activation, transformers ACT2CLS).
const KERAS3 = ['relu', 'leaky_relu', 'relu6', 'softmax', 'celu', 'elu', 'selu', 'softplus', 'softsign', 'squareplus',
  'soft_shrink', 'sparse_plus', 'silu', 'gelu', 'glu', 'tanh', 'tanh_shrink', 'threshold', 'sigmoid', 'sparse_sigmoid',
  'exponential', 'hard_sigmoid', 'hard_silu', 'hard_tanh', 'hard_shrink', 'linear', 'mish', 'log_softmax', 'log_sigmoid',
  'sparsemax', 'swish', 'hard_swish'];
const KERAS2 = ['softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'relu', 'gelu', 'tanh', 'sigmoid', 'exponential',
  'hard_sigmoid', 'linear', 'mish'];
const TFJS = ['elu', 'selu', 'relu', 'relu6', 'linear', 'sigmoid', 'hardSigmoid', 'softplus', 'softsign', 'tanh', 'softmax',
  'logSoftmax', 'swish', 'mish', 'gelu', 'gelu_new'];
const TORCH_MODULES = ['ELU', 'Hardshrink', 'Hardsigmoid', 'Hardtanh', 'Hardswish', 'LeakyReLU', 'LogSigmoid', 'PReLU', 'ReLU',
  'ReLU6', 'RReLU', 'SELU', 'CELU', 'GELU', 'Sigmoid', 'SiLU', 'Mish', 'Softplus', 'Softshrink', 'Softsign', 'Tanh',
  'Tanhshrink', 'Threshold', 'GLU', 'Softmin', 'Softmax', 'Softmax2d', 'LogSoftmax'];
const HF = ['gelu', 'gelu_new', 'gelu_fast', 'gelu_python', 'quick_gelu', 'gelu_10', 'relu', 'silu', 'swish', 'mish', 'tanh',
  'sigmoid', 'linear'];

describe('every name in FACTS.md resolves', () => {
  it.each(KERAS3)('Keras 3 activation=%j', (n) => {
    expect(lookup(n, 'keras', ['keras-string'], { variant: 'keras3' })).toBeDefined();
  });
  it.each(KERAS2)('Keras 2.15 activation=%j', (n) => {
    expect(lookup(n, 'keras', ['keras-string'], { variant: 'keras2' })).toBeDefined();
  });
  it.each(TFJS)('tfjs activation: %j', (n) => expect(lookup(n, 'tfjs', ['tfjs-string'])).toBeDefined());
  it.each(TORCH_MODULES)('torch nn.%s', (n) => {
    expect(lookup(`nn.${n}`, 'torch', ['torch-module'])?.binding.name).toBe(n);
    expect(lookup(`torch.nn.${n}`, 'torch')?.binding.kind).toBe('torch-module');
  });
  it.each(HF)('transformers hidden_act=%j', (n) => expect(lookup(n, 'torch', ['hf-hidden-act'])).toBeDefined());
  it('torch.relu, torch.sigmoid, torch.tanh, x.relu(), x.softmax(dim)', () => {
    for (const n of ['torch.relu', 'torch.sigmoid', 'torch.tanh']) expect(lookup(n, 'torch')?.binding.deprecated).toBeUndefined();
    expect(lookup('relu', 'torch', ['tensor-method'])?.entry.id).toBe('relu');
    expect(lookup('relu_', 'torch', ['tensor-method'])?.entry.id).toBe('relu');
    expect(lookup('softmax', 'torch', ['tensor-method'])?.entry.id).toBe('softmax');
  });
});

describe('lookup', () => {
  it('is case-sensitive as the framework spells it', () => {
    expect(lookup('Relu', 'keras', ['keras-string'])).toBeUndefined();
    expect(lookup('hard_sigmoid', 'tfjs', ['tfjs-string'])).toBeUndefined();
    expect(lookup('leakyRelu', 'tfjs', ['tfjs-op'])?.entry.id).toBe('leaky_relu');
    expect(lookup('leakyReLU', 'tfjs', ['tfjs-layer'])?.entry.id).toBe('leaky_relu');
    expect(lookup('leakyReLU', 'tfjs', ['tfjs-op'])).toBeUndefined();
  });
  it('rejects names a Keras version does not accept when the version is given', () => {
    expect(lookup('leaky_relu', 'keras', ['keras-string'], { variant: 'keras2' })).toBeUndefined();
    expect(lookup('ThresholdedReLU', 'keras', ['keras-layer'], { variant: 'keras3' })).toBeUndefined();
    expect(lookup('ThresholdedReLU', 'keras', ['keras-layer'], { variant: 'keras2' })?.params).toMatchObject({ threshold: 1 });
  });
  it('gives each framework its own defaults', () => {
    expect(lookup('nn.LeakyReLU', 'torch')?.params.slope).toBe(0.01);
    expect(lookup('LeakyReLU', 'keras', ['keras-layer'])?.params.slope).toBe(0.3);
    expect(lookup('LeakyReLU', 'keras', ['keras-layer'], { variant: 'keras2' })?.binding.argNames).toEqual({ alpha: 'slope' });
    expect(lookup('leaky_relu', 'keras', ['keras-function'])?.params.slope).toBe(0.2);
    expect(lookup('tf.nn.leaky_relu', 'keras')?.params.slope).toBe(0.2);
    expect(lookup('tf.layers.leakyReLU', 'tfjs')?.params.slope).toBe(0.3);
    expect(lookup('tf.leakyRelu', 'tfjs')?.params.slope).toBe(0.2);
    expect(lookup('nn.PReLU', 'torch')?.params.slope).toBe(0.25);
    expect(lookup('tf.layers.prelu', 'tfjs')?.params.slope).toBe(0);
    expect(lookup('nn.Softplus', 'torch')?.params).toMatchObject({ beta: 1, threshold: 20 });
    expect(lookup('softplus', 'keras')?.params.threshold).toBe(Infinity);
    expect(lookup('tf.layers.softmax', 'tfjs')?.params.axis).toBe(1);
    expect(lookup('hard_sigmoid', 'keras')?.params.variant).toBe('keras3');
    expect(lookup('hard_sigmoid', 'keras', undefined, { variant: 'keras2' })?.params.variant).toBe('keras2');
    expect(lookup('hardSigmoid', 'tfjs')?.params.variant).toBe('tfjs');
    expect(lookup('gelu_new', 'tfjs')?.params.approximate).toBe('tanh');
    expect(lookup('gelu_10', 'torch', ['hf-hidden-act'])?.params).toMatchObject({ approximate: 'none', clip: 10 });
  });
  it('binds nn.LeakyReLU(True) positionally to the slope', () => {
    const r = lookup('nn.LeakyReLU', 'torch');
    expect(r?.binding.positional?.[0]).toBe('slope');
  });
  it('resolves qualified names by module and marks deprecated spellings', () => {
    expect(lookup('F.sigmoid', 'torch')?.binding.deprecated?.replacement).toBe('torch.sigmoid');
    expect(lookup('torch.nn.functional.tanh', 'torch')?.binding.deprecated?.replacement).toBe('torch.tanh');
    expect(lookup('sigmoid', 'torch', ['torch-functional'])?.binding.deprecated).toBeUndefined();
    expect(lookup('tf.keras.activations.gelu', 'keras')?.entry.id).toBe('gelu');
    expect(lookup('mymodule.relu', 'torch')).toBeUndefined();
    expect(formatSignature(lookup('F.tanh', 'torch')!.binding)).toContain('deprecated: use torch.tanh');
  });
  it('has no duplicate bindings', () => {
    const seen = new Set<string>();
    for (const e of entries()) for (const b of e.names) {
      const k = [b.framework, b.kind, b.module ?? '', b.name, (b.variants ?? []).join('+')].join('|');
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }
  });
});

describe('suggest', () => {
  it('puts case-insensitive matches first', () => {
    expect(suggest('Relu', 'keras', ['keras-string'])[0]).toBe('relu');
    expect(suggest('hard_sigmoid', 'tfjs', ['tfjs-string'])[0]).toBe('hardSigmoid');
    expect(suggest('LeakyRelu', 'torch', ['torch-module'])[0]).toBe('LeakyReLU');
  });
  it('finds near misses and nothing for far ones', () => {
    expect(suggest('sigmoud', 'keras', ['keras-string'])).toContain('sigmoid');
    expect(suggest('gelu_neww', 'tfjs')).toContain('gelu_new');
    expect(suggest('convolution', 'keras', ['keras-string'])).toEqual([]);
  });
});
