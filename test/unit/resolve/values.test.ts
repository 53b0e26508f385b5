/**
 * The value-resolution engine by itself (src/core/resolve/values.ts): parse a snippet, run the one
 * walk, ask which activation(s) an expression stands for. Every pattern is checked on code that
 * resolves and on a look-alike that must not.
 */
import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { walk } from '../../../src/core/extract/walk';
import { parseSource } from '../../../src/core/parse';
import { mirroredTree } from '../../../src/core/parse/mirror';
import type { SourceLanguage } from '../../../src/core/types';
import { ValueResolver, type Value } from '../../../src/core/resolve/values';

async function resolverOf(src: string, language: SourceLanguage = 'python') {
  const parsed = await parseSource(src, language);
  const root = mirroredTree(parsed.tree!, parsed.doc.program);
  const facts = walk(root, parsed.grammar === 'python' ? 'py' : 'js', () => false);
  const resolver = new ValueResolver(facts);
  /** The `nth` (1-based) node whose text is exactly `text`, outermost first. */
  const node = (text: string, nth = 1): Node => {
    let seen = 0;
    let found: Node | undefined;
    const visit = (n: Node): void => {
      if (found) return;
      if (n.text === text && ++seen === nth) {
        found = n;
        return;
      }
      for (const c of n.children) visit(c);
    };
    visit(root.rootNode);
    if (!found) throw new Error(`no node ${text} #${nth}`);
    return found;
  };
  const lineOf = (n: Node) => src.slice(0, n.startIndex).split('\n').length;
  /** 'GELU class default', 'SiLU instance argument@12', "gelu_new instance config registry=hf-act2fn" */
  const show = (v: Value): string => {
    if (v.t === 'act') {
      const args = v.args.map((a) => (a.name ? `${a.name}=${a.value.text}` : `#${a.index}=${a.value.text}`)).join(',');
      return [v.name, v.form, v.via + (v.from ? `@${lineOf(v.from)}` : ''), args ? `(${args})` : '', v.registry ? `registry=${v.registry.id}${v.registry.hit ? '' : ':unknown'}` : ''].filter(Boolean).join(' ');
    }
    if (v.t === 'str') return `'${v.value}' ${v.via}${v.from ? `@${lineOf(v.from)}` : ''}`;
    if (v.t === 'obj') return `obj ${v.cls.name}`;
    return v.t;
  };
  const values = (text: string, nth = 1) => resolver.values(node(text, nth)).map(show);
  return { resolver, node, values };
}

describe('value resolution: bare references', () => {
  it('a qualified activation class or function is itself, written', async () => {
    const { values } = await resolverOf(
      ['import torch.nn as nn', 'import torch.nn.functional as F', 'import torch', 'a = nn.GELU', 'b = F.gelu', 'c = torch.special.expit', 'd = nn.Linear', 'e = F.linear'].join('\n'),
    );
    expect(values('nn.GELU')).toEqual(['GELU class written']);
    expect(values('F.gelu')).toEqual(['gelu function written']);
    expect(values('torch.special.expit')).toEqual(['expit function written']);
    expect(values('nn.Linear')).toEqual([]);
    expect(values('F.linear')).toEqual([]);
  });

  it('Keras and TF names: tf.nn.softmax and keras.activations.softmax are activation functions; keras.activations.get is not', async () => {
    const { values } = await resolverOf(['import tensorflow as tf', 'from tensorflow import keras', 'a = tf.nn.softmax', 'b = keras.activations.softmax', 'c = keras.activations.get', 'd = tf.keras.layers.ReLU'].join('\n'));
    expect(values('tf.nn.softmax')).toEqual(['softmax function written']);
    expect(values('keras.activations.softmax')).toEqual(['softmax function written']);
    expect(values('keras.activations.get')).toEqual([]);
    expect(values('tf.keras.layers.ReLU')).toEqual(['ReLU class written']);
  });
});

describe('value resolution: parameters', () => {
  const src = [
    'import torch.nn as nn', //                                         1
    '', //                                                              2
    'class Mlp(nn.Module):', //                                         3
    '    def __init__(self, dim, act_layer=nn.GELU, gate=None):', //    4
    '        super().__init__()', //                                    5
    '        self.act = act_layer()', //                                6
    '        self.act2 = act_layer(inplace=True)', //                   7
    '        self.gate = gate()', //                                    8
    '', //                                                              9
    'class Block(nn.Module):', //                                       10
    '    def __init__(self, dim, act_layer=nn.GELU):', //               11
    '        super().__init__()', //                                    12
    '        self.mlp = Mlp(dim, act_layer=act_layer)', //              13
    '', //                                                              14
    'blk = Block(8, act_layer=nn.SiLU)', //                             15
    'def helper(norm):', //                                             16
    '    return norm()', //                                             17
  ].join('\n');

  it('a call of a parameter is an instance of its default and of every class the file passes', async () => {
    const { values } = await resolverOf(src);
    expect(values('act_layer()')).toEqual(['GELU instance default', 'GELU instance argument@13', 'SiLU instance argument@13']);
    expect(values('act_layer(inplace=True)')[0]).toBe('GELU instance default (inplace=True)');
  });

  it('a name passed on (`Mlp(dim, act_layer=act_layer)`) resolves in the caller', async () => {
    const { values } = await resolverOf(src);
    expect(values('act_layer', 4)).toEqual(['GELU class default', 'SiLU class argument@15']);
  });

  it('self attributes read what __init__ assigned', async () => {
    const { values } = await resolverOf(src.replace('        self.gate = gate()', '        self.gate = gate()\n        self.fn = self.act\n        self.other = self.missing'));
    expect(values('self.act', 2)).toEqual(['GELU instance default', 'GELU instance argument@15', 'SiLU instance argument@15']);
    expect(values('self.missing')).toEqual([]);
  });

  it('look-alikes: a parameter with no default and no known caller, a None default', async () => {
    const { values } = await resolverOf(src);
    expect(values('norm()')).toEqual([]);
    expect(values('gate()')).toEqual([]);
  });
});

describe('value resolution: partials', () => {
  it('functools.partial keeps its keyword and positional parameters', async () => {
    const { values } = await resolverOf(
      [
        'import functools',
        'from functools import partial',
        'import torch.nn as nn',
        "a = functools.partial(nn.GELU, approximate='tanh')",
        'b = partial(nn.LeakyReLU, 0.2)',
        'c = partial(nn.LayerNorm, eps=1e-6)',
        'd = b(inplace=True)',
      ].join('\n'),
    );
    expect(values("functools.partial(nn.GELU, approximate='tanh')")).toEqual(["GELU class partial (approximate='tanh')"]);
    expect(values('partial(nn.LeakyReLU, 0.2)')).toEqual(['LeakyReLU class partial (#0=0.2)']);
    expect(values('b(inplace=True)')).toEqual(['LeakyReLU instance partial (#0=0.2,inplace=True)']);
    expect(values('partial(nn.LayerNorm, eps=1e-6)')).toEqual([]);
  });

  it('`x = x or partial(...)` and conditional expressions give both sides', async () => {
    const { values } = await resolverOf(
      ['from functools import partial', 'import torch.nn as nn', 'def f(act_layer=None, fast=False):', "    act_layer = act_layer or partial(nn.GELU, approximate='tanh')", '    other = nn.ReLU if fast else nn.ReLU6', '    return act_layer(), other()'].join('\n'),
    );
    expect(values('act_layer()')).toEqual(["GELU instance partial (approximate='tanh')"]);
    expect(values('other()')).toEqual(['ReLU instance written', 'ReLU6 instance written']);
  });
});

describe('value resolution: registries', () => {
  it('HF ACT2FN with a literal key, an unknown key, and timm factories (class passes through)', async () => {
    const { values } = await resolverOf(
      [
        'from transformers.activations import ACT2FN, get_activation',
        'from timm.layers import get_act_layer, create_act_layer',
        'import torch.nn as nn',
        "a = ACT2FN['gelu_new']",
        "b = ACT2FN['gleu']",
        "c = get_act_layer('swish')",
        'd = get_act_layer(nn.GELU)',
        "e = create_act_layer('gelu', inplace=True)",
        "f = get_activation('quick_gelu')",
      ].join('\n'),
    );
    expect(values("ACT2FN['gelu_new']")).toEqual(['gelu_new instance registry registry=hf-act2fn']);
    expect(values("ACT2FN['gleu']")).toEqual(['gleu instance registry registry=hf-act2fn:unknown']);
    expect(values("get_act_layer('swish')")).toEqual(['swish class registry registry=timm-get-act-layer']);
    expect(values('get_act_layer(nn.GELU)')).toEqual(['GELU class written']);
    expect(values("create_act_layer('gelu', inplace=True)")).toEqual(['gelu instance registry (inplace=True) registry=timm-create-act-layer']);
    expect(values("get_activation('quick_gelu')")).toEqual(['quick_gelu instance registry registry=hf-get-activation']);
  });

  it("getattr(nn, 'ReLU') and mm build_activation_layer(dict(type='GELU'))", async () => {
    const { values } = await resolverOf(
      ['import torch.nn as nn', 'from mmcv.cnn import build_activation_layer', "act_cfg = dict(type='GELU')", 'a = build_activation_layer(act_cfg)', "b = getattr(nn, 'ReLU')", "c = getattr(self, 'ReLU')"].join('\n'),
    );
    expect(values('build_activation_layer(act_cfg)')).toEqual(['GELU instance registry registry=mm-build-activation']);
    expect(values("getattr(nn, 'ReLU')")).toEqual(['ReLU class registry registry=torch-getattr-nn']);
    expect(values("getattr(self, 'ReLU')")).toEqual([]);
  });

  it('a key from a relative import inside the library itself', async () => {
    const { values } = await resolverOf(['from ...activations import ACT2FN', 'from .create_act import get_act_layer', "a = ACT2FN['relu']", "b = get_act_layer('relu')"].join('\n'));
    expect(values("ACT2FN['relu']")).toEqual(['relu instance registry registry=hf-act2fn']);
    expect(values("get_act_layer('relu')")).toEqual(['relu class registry registry=timm-get-act-layer']);
  });

  it("look-alike: a subscript of an ordinary dict with a string that is not an activation", async () => {
    const { values } = await resolverOf(['import torch.nn as nn', "losses = {'ce': nn.CrossEntropyLoss, 'mse': nn.MSELoss}", "a = losses['ce']", "opts = {'mode': 'relu'}", "b = opts['mode']"].join('\n'));
    expect(values("losses['ce']")).toEqual([]);
    expect(values("opts['mode']")).toEqual(["'relu' config"]); // a string, never an activation by itself
  });
});

describe('value resolution: configs', () => {
  it('config.hidden_act through a PretrainedConfig-style class: the __init__ default and the constructions', async () => {
    const { values } = await resolverOf(
      [
        'from transformers.activations import ACT2FN', //      1
        '', //                                                 2
        'class TinyConfig:', //                                3
        '    def __init__(self, hidden_act="gelu_new"):', //   4
        '        self.hidden_act = hidden_act', //             5
        '', //                                                 6
        'class Layer:', //                                     7
        '    def __init__(self, config):', //                  8
        '        self.act = ACT2FN[config.hidden_act]', //     9
        '', //                                                 10
        'cfg = TinyConfig(hidden_act="gleu")', //              11
      ].join('\n'),
    );
    expect(values('ACT2FN[config.hidden_act]')).toEqual(['gelu_new instance config registry=hf-act2fn', 'gleu instance config@11 registry=hf-act2fn:unknown']);
  });

  it('dataclass fields and class attributes, with the values constructions pass', async () => {
    const { values } = await resolverOf(
      [
        'from dataclasses import dataclass',
        'from timm.layers import get_act_layer',
        '@dataclass',
        'class ModelCfg:',
        "    act_layer: str = 'relu'",
        '    depth: int = 4',
        'class Settings:',
        "    activation = 'silu'",
        'cfgs = dict(a=ModelCfg(act_layer="silu"))',
        'def build(cfg: ModelCfg, s: Settings):',
        '    return get_act_layer(cfg.act_layer), get_act_layer(s.activation), get_act_layer(cfg.depth)',
      ].join('\n'),
    );
    expect(values('get_act_layer(cfg.act_layer)')).toEqual(['relu class config registry=timm-get-act-layer', 'silu class config@9 registry=timm-get-act-layer']);
    expect(values('get_act_layer(s.activation)')).toEqual(['silu class config registry=timm-get-act-layer']);
    expect(values('get_act_layer(cfg.depth)')).toEqual([]);
  });

  it("Keras: a value read from a literal dict (params['activation'])", async () => {
    const { values } = await resolverOf(["params = {'units': 64, 'activation': 'relu'}", "a = params['activation']", "b = params['units']"].join('\n'));
    expect(values("params['activation']")).toEqual(["'relu' config"]);
    expect(values("params['units']")).toEqual([]);
  });
});

describe('value resolution: JavaScript', () => {
  it('a tfjs helper parameter default and the literal its caller passes', async () => {
    const { values } = await resolverOf(
      ["const tf = require('@tensorflow/tfjs');", "function block(units, activation = 'relu') {", '  return tf.layers.dense({units, activation});', '}', "block(8, 'tanh');"].join('\n'),
      'javascript',
    );
    expect(values('activation', 2)).toEqual(["'relu' default", "'tanh' argument@5"]);
  });
});

describe('value resolution: bounded', () => {
  it('recursion through mutually recursive parameters ends', async () => {
    const { values } = await resolverOf(['import torch.nn as nn', 'def a(act=nn.ReLU):', '    return b(act)', 'def b(act):', '    return a(act)', 'x = a()'].join('\n'));
    expect(values('act', 2)).toEqual(['ReLU class default']);
  });
});
