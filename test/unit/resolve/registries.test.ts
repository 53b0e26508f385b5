/**
 * The registry tables against the frameworks' own sources. Each expectation cites the fact it
 * checks; the key lists below are copied from those sources by hand (not from our tables).
 */
import { describe, expect, it } from 'vitest';
import {
  isRegistryKey,
  lookupRegistry,
  registryForCall,
  registryForSubscript,
  registryKeys,
  registryLabel,
  suggestRegistryKeys,
  type RegistryId,
} from '../../../src/core/resolve/registries';
import { evaluate, getEntry } from '../../../src/core/math';

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('key sets', () => {
  it('ACT2FN / ACT2CLS / get_activation: transformers 5.18.0 activations.py l.324-349 (24 keys)', () => {
    const act2cls = [
      'gelu', 'gelu_10', 'gelu_fast', 'gelu_new', 'gelu_python', 'gelu_pytorch_tanh', 'gelu_python_tanh', 'gelu_accurate',
      'hardswish', 'laplace', 'leaky_relu', 'linear', 'mish', 'quick_gelu', 'relu', 'relu2', 'relu6', 'sigmoid', 'silu',
      'sqrtsoftplus', 'swish', 'tanh', 'prelu', 'xielu',
    ];
    for (const reg of ['hf-act2fn', 'hf-act2cls', 'hf-get-activation'] as const) expect(sorted(registryKeys(reg))).toEqual(sorted(act2cls));
  });

  it('timm get_act_layer: create_act.py l.55-75 _ACT_LAYER_DEFAULT plus the l.86-89 aliases', () => {
    const keys = [
      'silu', 'swish', 'mish', 'relu', 'relu6', 'leaky_relu', 'elu', 'prelu', 'celu', 'selu', 'gelu', 'gelu_tanh', 'quick_gelu',
      'sigmoid', 'tanh', 'hard_sigmoid', 'hard_swish', 'hard_mish', 'identity', 'hardsigmoid', 'hardswish',
    ];
    expect(sorted(registryKeys('timm-get-act-layer'))).toEqual(sorted(keys));
    expect(sorted(registryKeys('timm-create-act-layer'))).toEqual(sorted(keys));
  });

  it('timm get_act_fn: create_act.py l.20-38 _ACT_FN_DEFAULT plus aliases (no prelu, no identity)', () => {
    expect(isRegistryKey('timm-get-act-fn', 'prelu')).toBe(false);
    expect(isRegistryKey('timm-get-act-fn', 'identity')).toBe(false);
    expect(isRegistryKey('timm-get-act-fn', 'hard_mish')).toBe(true);
    expect(registryKeys('timm-get-act-fn')).toHaveLength(19);
  });

  it('mmcv build_activation_layer: the activation types registered in mmcv/cnn/bricks', () => {
    expect(sorted(registryKeys('mm-build-activation'))).toEqual(sorted([
      'ReLU', 'LeakyReLU', 'PReLU', 'RReLU', 'ReLU6', 'ELU', 'Sigmoid', 'Tanh', 'SiLU', 'Clamp', 'Clip', 'GELU', 'HSigmoid', 'HSwish', 'Swish',
    ]));
  });

  it('keras.activations.get: keras 3.15.1 activations/__init__.py l.37-73 ALL_OBJECTS_DICT (32 names)', () => {
    const k3 = [
      'relu', 'leaky_relu', 'relu6', 'softmax', 'celu', 'elu', 'selu', 'softplus', 'softsign', 'squareplus', 'soft_shrink',
      'sparse_plus', 'silu', 'gelu', 'glu', 'tanh', 'tanh_shrink', 'threshold', 'sigmoid', 'sparse_sigmoid', 'exponential',
      'hard_sigmoid', 'hard_silu', 'hard_tanh', 'hard_shrink', 'linear', 'mish', 'log_softmax', 'log_sigmoid', 'sparsemax',
      'swish', 'hard_swish',
    ];
    expect(sorted(registryKeys('keras-activations-get'))).toEqual(sorted(k3));
  });

  it('getattr(nn, …) / getattr(F, …) know the torch activation names and not lower/upper-case look-alikes', () => {
    expect(isRegistryKey('torch-getattr-nn', 'ReLU')).toBe(true);
    expect(isRegistryKey('torch-getattr-nn', 'relu')).toBe(false);
    expect(isRegistryKey('torch-getattr-F', 'relu')).toBe(true);
    expect(isRegistryKey('torch-getattr-F', 'ReLU')).toBe(false);
    expect(isRegistryKey('torch-getattr-F', 'leaky_relu_')).toBe(true);
  });
});

describe('meanings', () => {
  const hit = (reg: RegistryId, key: string) => {
    const h = lookupRegistry(reg, key);
    return h ? { id: h.id, params: h.params } : undefined;
  };

  it('transformers GELU variants: exact, tanh approximations, quick_gelu sigmoid, gelu_10 clipped', () => {
    // activations.py l.70 GELUActivation → F.gelu (exact)
    expect(hit('hf-act2fn', 'gelu')).toEqual({ id: 'gelu', params: { approximate: 'none' } });
    // l.59 NewGELUActivation, l.107 FastGELUActivation, l.151 AccurateGELUActivation, l.31 GELUTanh: tanh formula
    for (const k of ['gelu_new', 'gelu_fast', 'gelu_accurate', 'gelu_pytorch_tanh', 'gelu_python_tanh']) {
      expect(hit('hf-act2fn', k), k).toEqual({ id: 'gelu', params: { approximate: 'tanh' } });
    }
    // l.117 QuickGELUActivation: input * sigmoid(1.702 * input)
    const q = lookupRegistry('hf-act2cls', 'quick_gelu')!;
    expect(q.params).toEqual({ approximate: 'sigmoid' });
    const x = 0.7;
    expect(evaluate(getEntry(q.id)!, q.params, x)).toBeCloseTo(x / (1 + Math.exp(-1.702 * x)), 12);
    // l.325/326 gelu_10: ClippedGELUActivation(-10, 10)
    expect(hit('hf-act2fn', 'gelu_10')).toEqual({ id: 'gelu', params: { approximate: 'none', clip: 10 } });
  });

  it('transformers other keys: swish=nn.SiLU, leaky_relu=nn.LeakyReLU() slope 0.01, linear=identity, hardswish', () => {
    expect(hit('hf-get-activation', 'swish')?.id).toBe('silu');
    expect(hit('hf-get-activation', 'leaky_relu')).toEqual({ id: 'leaky_relu', params: { slope: 0.01 } });
    expect(hit('hf-act2fn', 'linear')?.id).toBe('linear');
    expect(hit('hf-act2fn', 'hardswish')?.id).toBe('hard_swish');
    expect(hit('hf-act2fn', 'relu6')?.id).toBe('relu6');
  });

  it('keys the registry knows but the catalog has no function for: known, not resolved', () => {
    for (const k of ['laplace', 'relu2', 'sqrtsoftplus', 'xielu']) {
      expect(isRegistryKey('hf-act2fn', k), k).toBe(true);
      expect(lookupRegistry('hf-act2fn', k), k).toBeUndefined();
    }
    expect(isRegistryKey('timm-get-act-layer', 'hard_mish')).toBe(true);
    expect(lookupRegistry('timm-get-act-layer', 'hard_mish')).toBeUndefined();
  });

  it('timm: gelu exact, gelu_tanh, quick_gelu; identity; case-insensitive (create_act.py l.122 name.lower())', () => {
    expect(hit('timm-get-act-layer', 'gelu')).toEqual({ id: 'gelu', params: { approximate: 'none' } });
    expect(hit('timm-get-act-layer', 'gelu_tanh')).toEqual({ id: 'gelu', params: { approximate: 'tanh' } });
    expect(hit('timm-create-act-layer', 'quick_gelu')).toEqual({ id: 'gelu', params: { approximate: 'sigmoid' } });
    expect(hit('timm-get-act-layer', 'identity')?.id).toBe('linear');
    expect(hit('timm-get-act-layer', 'GELU')?.id).toBe('gelu');
    expect(lookupRegistry('timm-get-act-layer', 'Swish')?.key).toBe('swish');
    expect(hit('timm-get-act-layer', 'hard_sigmoid')?.id).toBe('hard_sigmoid');
    expect(hit('timm-get-act-layer', 'hardswish')?.id).toBe('hard_swish');
    expect(hit('timm-get-act-fn', 'swish')?.id).toBe('silu');
    expect(hit('timm-get-act-layer', 'prelu')).toEqual({ id: 'prelu', params: { slope: 0.25 } });
  });

  it('mmcv: Clamp/Clip is clamp(x, -1, 1) = hardtanh with kwargs min/max; HSigmoid, HSwish, Swish', () => {
    const c = lookupRegistry('mm-build-activation', 'Clip')!;
    expect(c.id).toBe('hardtanh');
    expect(c.params).toEqual({ min_val: -1, max_val: 1 });
    expect(c.argNames).toEqual({ min: 'min_val', max: 'max_val' });
    // hsigmoid.py: min(max((x + 3) / 6, 0), 1) with the defaults
    const h = lookupRegistry('mm-build-activation', 'HSigmoid')!;
    expect(evaluate(getEntry(h.id)!, h.params, 1.2)).toBeCloseTo((1.2 + 3) / 6, 12);
    expect(hit('mm-build-activation', 'HSwish')?.id).toBe('hard_swish');
    expect(hit('mm-build-activation', 'Swish')?.id).toBe('silu');
    expect(lookupRegistry('mm-build-activation', 'LeakyReLU')?.argNames).toMatchObject({ negative_slope: 'slope' });
    // case-sensitive registry dict
    expect(lookupRegistry('mm-build-activation', 'relu')).toBeUndefined();
  });

  it('keras.activations.get and getattr', () => {
    expect(hit('keras-activations-get', 'hard_swish')?.id).toBe('hard_swish');
    expect(hit('keras-activations-get', 'swish')?.id).toBe('silu');
    expect(lookupRegistry('keras-activations-get', 'Relu')).toBeUndefined();
    expect(hit('torch-getattr-nn', 'LeakyReLU')).toEqual({ id: 'leaky_relu', params: { slope: 0.01 } });
    expect(hit('torch-getattr-F', 'gelu')?.id).toBe('gelu');
    expect(lookupRegistry('torch-getattr-nn', 'Linear')).toBeUndefined();
  });

  it('every key either resolves through the catalog or is a deliberate null (no typo in a spelling)', () => {
    const regs: RegistryId[] = ['hf-act2fn', 'timm-get-act-layer', 'timm-get-act-fn', 'mm-build-activation', 'keras-activations-get', 'torch-getattr-nn', 'torch-getattr-F'];
    const nulls = new Set(['hf-act2fn:laplace', 'hf-act2fn:relu2', 'hf-act2fn:sqrtsoftplus', 'hf-act2fn:xielu', 'timm-get-act-layer:hard_mish', 'timm-get-act-fn:hard_mish']);
    for (const reg of regs) {
      for (const k of registryKeys(reg)) {
        const h = lookupRegistry(reg, k);
        expect(h === undefined, `${reg}:${k}`).toBe(nulls.has(`${reg}:${k}`));
        if (h) expect(getEntry(h.id), `${reg}:${k}`).toBeDefined();
      }
    }
  });
});

describe('where registries are imported from', () => {
  it('calls', () => {
    expect(registryForCall('transformers.activations.get_activation')).toBe('hf-get-activation');
    expect(registryForCall('timm.layers.get_act_layer')).toBe('timm-get-act-layer');
    expect(registryForCall('timm.models.layers.create_act_layer')).toBe('timm-create-act-layer');
    expect(registryForCall('timm.layers.create_act.get_act_fn')).toBe('timm-get-act-fn');
    expect(registryForCall('.create_act.get_act_layer')).toBe('timm-get-act-layer');
    expect(registryForCall('mmcv.cnn.build_activation_layer')).toBe('mm-build-activation');
    expect(registryForCall('mmcv.cnn.bricks.activation.build_activation_layer')).toBe('mm-build-activation');
    expect(registryForCall('keras.activations.get')).toBe('keras-activations-get');
    expect(registryForCall('getattr:torch.nn')).toBe('torch-getattr-nn');
    expect(registryForCall('getattr:torch.nn.functional')).toBe('torch-getattr-F');
  });

  it('look-alikes are not registries', () => {
    expect(registryForCall('mylib.get_act_layer')).toBeUndefined();
    expect(registryForCall('get_act_layer')).toBeUndefined();
    expect(registryForCall('keras.layers.get')).toBeUndefined();
    expect(registryForCall('getattr:self')).toBeUndefined();
    expect(registryForCall('.utils.get_activation')).toBeUndefined();
    expect(registryForSubscript('transformers.activations_tf.ACT2FN')).toBeUndefined();
    expect(registryForSubscript('mymodule.ACT2FN')).toBeUndefined();
  });

  it('subscripts, also relative inside transformers (from ...activations import ACT2FN)', () => {
    expect(registryForSubscript('transformers.activations.ACT2FN')).toBe('hf-act2fn');
    expect(registryForSubscript('transformers.activations.ACT2CLS')).toBe('hf-act2cls');
    expect(registryForSubscript('...activations.ACT2FN')).toBe('hf-act2fn');
    expect(registryForSubscript('ACT2FN')).toBeUndefined();
  });
});

describe('did you mean', () => {
  it('suggests in the registry’s own keys', () => {
    expect(suggestRegistryKeys('hf-act2fn', 'gleu')[0]).toBe('gelu');
    expect(suggestRegistryKeys('timm-get-act-layer', 'swishh')[0]).toBe('swish');
    expect(suggestRegistryKeys('mm-build-activation', 'GELUU')[0]).toBe('GELU');
    expect(suggestRegistryKeys('mm-build-activation', 'Relu')[0]).toBe('ReLU');
    expect(suggestRegistryKeys('hf-act2fn', 'completely_unrelated')).toEqual([]);
    expect(registryLabel('hf-act2fn')).toBe('ACT2FN');
  });
});
