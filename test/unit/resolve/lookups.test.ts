/**
 * Registry lookups whose key the file does not say (src/core/resolve/lookups.ts): they are sites
 * with no id, carrying the config attribute and the imported config classes the project linker
 * reads; look-alikes (a non-registry dict, a key the file does say, a config class of the file
 * with a non-string field) are not. Snippets written for these tests.
 */
import { describe, expect, it } from 'vitest';
import type { ActivationRef } from '../../../src/core/ir';
import { irOf } from '../extract/helpers';

const HEAD = [
  'from torch import nn',
  'from transformers.activations import ACT2FN, get_activation',
  'from .configuration_tiny import TinyConfig, TinyTextConfig',
  'from .utils import helper_config',
];

async function lookups(body: string[]): Promise<string[]> {
  const ir = await irOf([...HEAD, ...body].join('\n'), 'python');
  return ir.activations
    .filter((a: ActivationRef) => a.lookup)
    .map((a) => `${a.range.start.line + 1 - HEAD.length} ${a.lookup!.registry} ${a.lookup!.expression} attr=${a.lookup!.attr ?? '-'} classes=${(a.lookup!.classes ?? []).join(',') || '-'} id=${a.id ?? '-'}`);
}

describe('lookups: keys another file gives', () => {
  it('config.x with the config unannotated: every imported config class is a candidate', async () => {
    expect(
      await lookups([
        'class MLP(nn.Module):',
        '    def __init__(self, config):',
        '        super().__init__()',
        '        self.act = ACT2FN[config.hidden_act]',
      ]),
    ).toEqual(['4 hf-act2fn config.hidden_act attr=hidden_act classes=.configuration_tiny.TinyConfig,.configuration_tiny.TinyTextConfig id=-']);
  });

  it('an annotation narrows to its class; self.config.x and a local copy are followed', async () => {
    expect(
      await lookups([
        'class Pooler(nn.Module):',
        '    def __init__(self, config: TinyTextConfig):',
        '        super().__init__()',
        '        self.config = config',
        '        self.name = config.pooler_act',
        '    def forward(self, x):',
        '        a = ACT2FN[self.config.pooler_act](x)',
        '        return ACT2FN[self.name](a)',
      ]),
    ).toEqual([
      '7 hf-act2fn self.config.pooler_act attr=pooler_act classes=.configuration_tiny.TinyTextConfig id=-',
      '8 hf-act2fn self.name attr=pooler_act classes=.configuration_tiny.TinyTextConfig id=-',
    ]);
  });

  it('getattr(config, name, default): the config field first, the default as an alternative', async () => {
    const ir = await irOf([...HEAD, 'def head(config):', '    return get_activation(getattr(config, "summary_act", "tanh"))'].join('\n'), 'python');
    const site = ir.activations.find((a) => a.lookup)!;
    expect(site.lookup).toMatchObject({ registry: 'hf-get-activation', attr: 'summary_act' });
    expect(site.alternatives?.map((a) => `${a.id} ${a.via}`)).toEqual(['tanh default']);
  });

  it('a parameter nobody passes: a site with no id and no attribute to follow', async () => {
    expect(await lookups(['def apply(x, activation=None):', '    return ACT2FN[activation](x)'])).toEqual(['2 hf-act2fn activation attr=- classes=- id=-']);
  });
});

describe('lookups: look-alikes', () => {
  it('a dict of losses indexed by a config value is not a registry', async () => {
    const ir = await irOf([...HEAD, 'LOSSES = {"ce": nn.CrossEntropyLoss, "mse": nn.MSELoss}', 'def loss(config):', '    return LOSSES[config.loss]()'].join('\n'), 'python');
    expect(ir.activations.filter((a) => a.lookup)).toEqual([]);
  });

  it("getattr(nn, 'GRU') and getattr(F, 'dropout') are not activation sites; getattr(nn, name) with an unknown name neither", async () => {
    const ir = await irOf(
      ['import torch.nn as nn', 'import torch.nn.functional as F', 'rnn = getattr(nn, "GRU")(4, 8)', 'act = getattr(nn, "ReLU")()', 'fn = getattr(F, "dropout")', 'def make(name):', '    return getattr(nn, name)()', 'def act_of(act_name):', '    return getattr(nn, act_name)()'].join('\n'),
      'python',
    );
    // (getattr(nn, "ReLU") and the call of it are nested sites of one choice: `list` prints one line)
    expect([...new Set(ir.activations.map((a) => `${a.range.start.line + 1} ${a.name} ${a.id ?? '?'}`))]).toEqual(['4 ReLU relu', '9 act_name ?']);
  });

  it('a key the file says is resolved, not a lookup', async () => {
    const ir = await irOf([...HEAD, 'def act():', '    name = "gelu_new"', '    return ACT2FN[name]'].join('\n'), 'python');
    expect(ir.activations.filter((a) => a.lookup)).toEqual([]);
    expect(ir.activations.map((a) => `${a.name} ${a.id}`)).toContain('gelu_new gelu');
  });

  it('a config class of this file with a non-string field: no lookup (the file says it is not a key)', async () => {
    const ir = await irOf([...HEAD, 'class LocalConfig:', '    depth: int = 4', 'def f(cfg: LocalConfig):', '    return ACT2FN[cfg.depth]'].join('\n'), 'python');
    expect(ir.activations.filter((a) => a.lookup)).toEqual([]);
  });
});

describe('config classes in the IR (what the project linker reads)', () => {
  it('string fields of config classes, open fields marked, other classes left out', async () => {
    const ir = await irOf(
      [
        'from ...configuration_utils import PreTrainedConfig',
        'class TinyConfig(PreTrainedConfig):',
        '    hidden_act: str = "gelu"',
        '    depth: int = 2',
        '    def __init__(self, proj="relu", **kw):',
        '        self.ffn_act = proj.split("-")[-1]',
        '        if proj == "gated-gelu":',
        '            self.ffn_act = "gelu_new"',
        'class Helper:',
        '    activation = "relu"',
      ].join('\n'),
      'python',
    );
    expect(ir.frameworks).toEqual(['torch']);
    expect(ir.configs?.map((c) => ({ name: c.name, fields: c.fields.map((f) => `${f.attr}=${f.value}@${f.range.start.line + 1}`), open: c.open }))).toEqual([
      { name: 'TinyConfig', fields: ['hidden_act=gelu@3', 'ffn_act=gelu_new@8'], open: ['ffn_act'] },
    ]);
  });
});

describe("OpenMMLab's convention: act_cfg=dict(type=…) is an activation choice", () => {
  it('a default and a keyword argument, with the dict entries as parameters; not in code that imports no OpenMMLab package', async () => {
    const src = [
      'from mmcv.cnn import ConvModule',
      'class Head:',
      "    def __init__(self, act_cfg=dict(type='LeakyReLU', negative_slope=0.2)):",
      "        self.conv = ConvModule(3, 8, 3, act_cfg=dict(type='GELU'))",
      "        self.norm = ConvModule(3, 8, 3, norm_cfg=dict(type='BN'), act_cfg={'type': 'NotAnActivation'})",
    ];
    const ir = await irOf(src.join('\n'), 'python');
    expect(ir.activations.map((a) => `${a.range.start.line + 1} ${a.name} ${a.id} ${a.via} ${JSON.stringify(a.params)}`)).toEqual([
      '3 LeakyReLU leaky_relu default {"slope":0.2}',
      '4 GELU gelu argument {"approximate":"none"}',
    ]);
    const plain = await irOf(['import torch', ...src.slice(1)].join('\n'), 'python');
    expect(plain.activations).toEqual([]);
  });
});

describe('a name assigned in each arm of an if / else before its use', () => {
  it('both arms are values (the last one first), a reassignment after the if wins alone', async () => {
    const src = [
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      'def head(num_classes):',
      '    if num_classes == 2:',
      '        units = 1',
      '        activation = "sigmoid"',
      '    else:',
      '        units = num_classes',
      '        activation = "softmax"',
      '    a = layers.Dense(units, activation=activation)',
      '    activation = "relu"',
      '    b = layers.Dense(units, activation=activation)',
      '    return a, b',
    ];
    const ir = await irOf(src.join('\n'), 'python');
    const on = (line: number) => ir.activations.filter((x) => x.range.start.line + 1 === line).map((x) => [x.id, ...(x.alternatives ?? []).map((y) => y.id)].join(' or '));
    expect(on(10)).toEqual(['softmax or sigmoid']);
    expect(on(12)).toEqual(['relu']);
  });
});
