/**
 * Resolved activation sites in the IR (src/core/extract/mentions.ts over src/core/resolve/values.ts):
 * every way a library chooses an activation becomes an entry of `ir.activations` with `via` and
 * `alternatives`; look-alikes do not. The fixtures are written for these tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivationRef, ProgramIR } from '../../../src/core/ir';
import { analyze } from '../../../src/core/analyze';
import { irOf, modelSummary } from '../extract/helpers';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../../fixtures/resolve', name), 'utf8');

/** "21 GELU{approximate=none} default | silu argument@57" — 1-based line of the site. */
function show(a: ActivationRef): string {
  const params = Object.entries(a.params).map(([k, v]) => `${k}=${v}`).join(',');
  const head = `${a.range.start.line + 1} ${a.name}${params ? `{${params}}` : ''} ${a.via ?? 'written'}${a.registry ? ` [${a.registry.id}]` : ''}${a.from ? `@${a.from.start.line + 1}` : ''}`;
  const alts = (a.alternatives ?? []).map((x) => `${x.name} ${x.via ?? 'written'}${x.from ? `@${x.from.start.line + 1}` : ''}`);
  return [head, ...alts].join(' | ');
}

const onLine = (ir: ProgramIR, line: number) => ir.activations.filter((a) => a.range.start.line + 1 === line).map(show);

describe('resolved sites: a library that passes activations around (timm style)', async () => {
  const ir = await irOf(fixture('timm_style.py'), 'python');

  it('bare references are sites: partial constants, dict values, defaults, self.x = F.gelu', () => {
    expect(onLine(ir, 11)).toEqual(['11 GELU{approximate=tanh} partial']);
    expect(onLine(ir, 12)).toEqual(['12 ReLU written', '12 GELU{approximate=none} written', '12 SiLU written']);
    expect(onLine(ir, 17)).toEqual(['17 GELU{approximate=none} written']);
    expect(onLine(ir, 47)).toEqual(['47 gelu{approximate=none} written']);
  });

  it('act_layer() is the default, with the classes callers pass as alternatives (same function once)', () => {
    expect(onLine(ir, 21)).toEqual(['21 GELU{approximate=none} default | silu argument@57 | GELU argument@76']);
    const alt = ir.activations.find((a) => a.range.start.line + 1 === 21)!.alternatives![1]!;
    expect(alt.params).toEqual({ approximate: 'tanh' }); // the partial's parameter survives the call
  });

  it('registry factories: timm create_act_layer / get_act_layer with string defaults, the key where it is written', () => {
    expect(onLine(ir, 29)).toEqual(['29 ReLU written', '29 sigmoid default [timm-create-act-layer]']);
    expect(onLine(ir, 32)).toEqual(['32 ReLU{inplace=true} default']);
    expect(onLine(ir, 34)).toEqual(['34 sigmoid default [timm-create-act-layer]']);
    expect(onLine(ir, 43)).toEqual(['43 relu default [timm-get-act-layer]']);
    expect(onLine(ir, 45)).toEqual(['45 relu{inplace=true} default [timm-get-act-layer]']);
    expect(onLine(ir, 46)).toEqual(['46 LeakyReLU{slope=0.2} default']);
  });

  it('a dataclass config field read through get_act_layer(cfg.act_layer), and the value a construction sets', () => {
    expect(onLine(ir, 66)).toEqual(['66 gelu{approximate=none} config [timm-get-act-layer]']);
    expect(onLine(ir, 70)).toEqual(['70 gelu{approximate=none} config [timm-get-act-layer] | silu config@77']);
    expect(onLine(ir, 77)).toEqual(['77 silu argument [timm-get-act-layer]']);
  });

  it('look-alikes are not sites: a norm partial, a dict of losses, a string that is not an activation, a parameter with no default and no caller', () => {
    expect(onLine(ir, 13)).toEqual([]);
    expect(onLine(ir, 19)).toEqual([]);
    expect(onLine(ir, 71)).toEqual([]);
    expect(onLine(ir, 78)).toEqual([]);
  });

  it('layers built with act_layer() / create_act_layer carry their resolved activation', () => {
    expect(ir.models.map(modelSummary)).toEqual([
      'subclass FeedForward: norm_layer > Linear > Linear[GELU] > Linear'.replace('Linear[GELU]', 'GELU'),
      'subclass Reducer: Conv2d > ReLU > Conv2d > sigmoid@gate',
      'subclass ConvBlock: Conv2d > relu > LeakyReLU',
      'subclass Stage: self.blocks{*[FeedForward(dim, dim * 4, act_layer=act_layer) for _ in range(depth)]}',
    ]);
  });
});

describe('resolved sites: Hugging Face style configs and registries', () => {
  const src = [
    'from transformers.activations import ACT2FN', //                1
    'from transformers import PretrainedConfig', //                  2
    'import torch.nn as nn', //                                      3
    '', //                                                           4
    'class TinyConfig(PretrainedConfig):', //                        5
    '    def __init__(self, hidden_size=64, hidden_act="gelu_new", **kwargs):', // 6
    '        super().__init__(**kwargs)', //                         7
    '        self.hidden_size = hidden_size', //                     8
    '        self.hidden_act = hidden_act', //                       9
    '', //                                                           10
    'class TinyMLP(nn.Module):', //                                  11
    '    def __init__(self, config):', //                            12
    '        super().__init__()', //                                 13
    '        self.fc = nn.Linear(config.hidden_size, config.hidden_size)', // 14
    '        self.act_fn = ACT2FN[config.hidden_act]', //            15
    '', //                                                           16
    'small = TinyConfig(hidden_act="quick_gelu")', //                17
  ].join('\n');

  it('ACT2FN[config.hidden_act]: the config default, then what constructions set; the key strings are sites', async () => {
    const ir = await irOf(src, 'python');
    expect(onLine(ir, 15)).toEqual(['15 gelu_new{approximate=tanh} config [hf-act2fn] | quick_gelu config@17']);
    expect(onLine(ir, 6)).toEqual(['6 gelu_new{approximate=tanh} default [hf-act2fn]']);
    expect(onLine(ir, 17)).toEqual(['17 quick_gelu{approximate=sigmoid} argument [hf-act2fn]']);
  });

  it('a config typo passed at construction reaches ACT008 through the registry, reported where the string is written', async () => {
    const typo = src.replace('"quick_gelu"', '"gleu"');
    const r = await analyze(typo, { language: 'python', select: ['ACT008'] });
    const col = typo.split('\n')[16]!.indexOf('"gleu"') + 1; // the string literal, quotes included
    expect(r.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.column + 1}`)).toEqual([`17:${col}`]);
    expect(r.findings[0]!.message).toContain("'gleu'");
  });

  it('hidden_act="…" in a file that only configures a transformers model is a site by the library convention (known keys only)', async () => {
    const ir = await irOf(['from transformers import BertConfig', 'a = BertConfig(hidden_act="gelu_pytorch_tanh")', 'b = BertConfig(hidden_act="my_own_act")', 'c = dict(mode="gelu")'].join('\n'), 'python');
    expect(ir.activations.map(show)).toEqual(['2 gelu_pytorch_tanh{approximate=tanh} argument [hf-act2fn]']);
  });
});

describe('resolved sites: rules read them', () => {
  it('ACT003 fires on three stacked act_layer() sigmoids, not on three act_layer() ReLUs', async () => {
    const make = (act: string) =>
      [
        'import torch.nn as nn',
        '',
        'class Deep(nn.Module):',
        `    def __init__(self, act_layer=nn.${act}):`,
        '        super().__init__()',
        '        self.fc1 = nn.Linear(8, 8)',
        '        self.act1 = act_layer()',
        '        self.fc2 = nn.Linear(8, 8)',
        '        self.act2 = act_layer()',
        '        self.fc3 = nn.Linear(8, 8)',
        '        self.act3 = act_layer()',
        '        self.out = nn.Linear(8, 1)',
        '',
        '    def forward(self, x):',
        '        x = self.act1(self.fc1(x))',
        '        x = self.act2(self.fc2(x))',
        '        x = self.act3(self.fc3(x))',
        '        return self.out(x)',
      ].join('\n');
    const sig = await analyze(make('Sigmoid'), { language: 'python', select: ['ACT003'] });
    expect(sig.findings.map((f) => `${f.rule}@${f.range.start.line + 1}`)).toEqual(['ACT003@7']);
    expect(sig.findings[0]!.message).toContain('3 stacked');
    const relu = await analyze(make('ReLU'), { language: 'python', select: ['ACT003'] });
    expect(relu.findings).toEqual([]);
  });

  it('ACT003 also fires when the sigmoid is passed by the caller, not the default', async () => {
    const src = [
      'import torch.nn as nn',
      'class Deep(nn.Module):',
      '    def __init__(self, act_layer=nn.ReLU):',
      '        super().__init__()',
      '        self.net = nn.Sequential(nn.Linear(8, 8), act_layer(), nn.Linear(8, 8), act_layer(), nn.Linear(8, 8), act_layer(), nn.Linear(8, 1))',
      '    def forward(self, x):',
      '        return self.net(x)',
      'model = Deep(act_layer=nn.Sigmoid)',
    ].join('\n');
    // The default (ReLU) is the site's main value; the caller's Sigmoid is an alternative: no warning
    // unless every value saturates. The rule reads the main value only.
    const r = await analyze(src, { language: 'python', select: ['ACT003'] });
    expect(r.findings).toEqual([]);
    const only = await analyze(src.replace('act_layer=nn.ReLU', 'act_layer'), { language: 'python', select: ['ACT003'] });
    expect(only.findings.map((f) => f.rule)).toEqual(['ACT003']);
  });

  it('ACT008: a Keras helper default typo is reported once, at the string, with the fix', async () => {
    const src = [
      'from tensorflow import keras',
      "def block(units, activation='rleu'):",
      '    return keras.layers.Dense(units, activation=activation)',
      'model = keras.Sequential([block(8), block(8, activation="tanh"), keras.layers.Dense(1)])',
    ].join('\n');
    const r = await analyze(src, { language: 'python', select: ['ACT008'] });
    expect(r.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.column + 1}`)).toEqual(['2:29']);
    expect(r.findings[0]!.fix?.edits[0]?.newText).toBe("'relu'");
    const sites = r.activations.filter((a) => a.range.start.line === 2);
    expect(sites.map((s) => `${s.name} ${s.via}`)).toEqual(['rleu default']);
    expect(sites[0]!.alternatives?.map((s) => `${s.name} ${s.via}`)).toEqual(['tanh argument']);
  });
});

describe('resolved sites: Keras and tfjs helpers', () => {
  it("Keras: a helper's activation parameter and a literal params dict", async () => {
    const ir = await irOf(
      [
        'from tensorflow import keras',
        'import tensorflow as tf',
        "params = {'units': 16, 'activation': 'selu'}",
        'def dense(units, activation=tf.nn.gelu):',
        '    return keras.layers.Dense(units, activation=activation)',
        "layer = keras.layers.Dense(params['units'], activation=params['activation'])",
        'out = keras.layers.Activation(tf.nn.relu)',
        'soft = keras.activations.softmax',
      ].join('\n'),
      'python',
    );
    expect(ir.activations.map(show)).toEqual([
      '3 selu config',
      '4 gelu{approximate=none} written',
      '5 gelu{approximate=none} default',
      '6 selu config',
      '7 relu written',
      '8 softmax{axis=-1} written',
    ]);
  });

  it('tfjs: a helper whose activation comes from the default and from callers', async () => {
    const ir = await irOf(
      [
        "const tf = require('@tensorflow/tfjs');",
        "function block(units, activation = 'relu') {",
        '  return tf.layers.dense({units, activation});',
        '}',
        'const model = tf.sequential({layers: [block(8), block(4, "sigmoid")]});',
      ].join('\n'),
      'javascript',
    );
    expect(ir.activations.map(show)).toEqual(['2 relu default', '3 relu default | sigmoid argument@5', '5 sigmoid argument']);
  });
});
