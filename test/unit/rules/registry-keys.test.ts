// ACT008 on registry keys (src/core/rules/util/registryKeys.ts): a key the registry does not know,
// reported on the string literal where the key is written, in that registry's words. Every fixture
// line is written here; the key sets are the ones cited in src/core/resolve/registries.ts.
import { describe, expect, test } from 'vitest';
import { at, py, ruleFindings, table } from './harness';

const HF = 'from transformers.activations import ACT2FN, ACT2CLS, get_activation';
const TIMM = 'from timm.layers import get_act_layer, create_act_layer, get_act_fn';
const MM = 'from mmcv.cnn import build_activation_layer';
const NN = 'import torch.nn as nn\nimport torch.nn.functional as F';

const hfTypo = py(HF, 'act = ACT2FN["gleu"]');
const hfRelative = py('from torch import nn', 'from ...activations import ACT2CLS', 'act = ACT2CLS["gelu_pytorch_tahn"]()');
const hfCase = py(HF, 'act = get_activation("Gelu")');
const timmTypo = py(TIMM, "act = get_act_layer('swishh')");
const timmFn = py(TIMM, "fn = get_act_fn('hard_swishh')");
const mmTypo = py(MM, "act = build_activation_layer(dict(type='GELUU'))");
const mmCase = py(MM, "act_cfg = {'type': 'Relu', 'inplace': True}", 'act = build_activation_layer(act_cfg)');
const nnTypo = py(NN, "act = getattr(nn, 'Relu')()");
const kerasTypo = py('from tensorflow import keras', "f = keras.activations.get('reluu')");
const config = py(
  'from torch import nn',
  'from transformers.activations import ACT2FN',
  '',
  'class TinyConfig:',
  '    def __init__(self, hidden_size=8, hidden_act="gleu"):',
  '        self.hidden_size = hidden_size',
  '        self.hidden_act = hidden_act',
  '',
  'class TinyMLP(nn.Module):',
  '    def __init__(self, config):',
  '        super().__init__()',
  '        self.act = ACT2FN[config.hidden_act]',
);
const paramDefault = py(
  'from torch import nn',
  TIMM,
  '',
  'class Block(nn.Module):',
  "    def __init__(self, dim, act_layer='swishh'):",
  '        super().__init__()',
  '        self.act = get_act_layer(act_layer)()',
);

table(
  'ACT008',
  [
    {
      name: 'ACT2FN["gleu"]: in ACT2FN\'s words, a guess (unsafe)',
      code: hfTypo,
      spans: [at(hfTypo, '"gleu"')],
      message: "ACT2FN has no key 'gleu'; did you mean 'gelu'?",
      output: hfTypo.replace('"gleu"', '"gelu"'),
      safe: false,
    },
    {
      name: 'ACT2CLS imported relatively, as inside transformers',
      code: hfRelative,
      spans: [at(hfRelative, '"gelu_pytorch_tahn"')],
      message: "ACT2CLS has no key 'gelu_pytorch_tahn'; did you mean 'gelu_pytorch_tanh'?",
    },
    {
      name: 'get_activation("Gelu"): only the case differs, safe',
      code: hfCase,
      spans: [at(hfCase, '"Gelu"')],
      message: "get_activation (ACT2FN) has no key 'Gelu'; did you mean 'gelu'?",
      output: hfCase.replace('"Gelu"', '"gelu"'),
      safe: true,
    },
    { name: "timm get_act_layer('swishh')", code: timmTypo, spans: [at(timmTypo, "'swishh'")], message: "timm's get_act_layer does not know 'swishh'; did you mean 'swish'?" },
    { name: "timm get_act_fn('hard_swishh')", code: timmFn, spans: [at(timmFn, "'hard_swishh'")], message: "timm's get_act_fn does not know 'hard_swishh'; did you mean 'hard_swish'?" },
    {
      name: "mmcv build_activation_layer(dict(type='GELUU'))",
      code: mmTypo,
      spans: [at(mmTypo, "'GELUU'")],
      message: "No activation type 'GELUU' is registered for build_activation_layer; did you mean 'GELU'?",
    },
    { name: "mmcv cfg dict {'type': 'Relu'} in a variable, safe case fix", code: mmCase, spans: [at(mmCase, "'Relu'")], output: mmCase.replace("'Relu'", "'ReLU'"), safe: true },
    { name: "getattr(nn, 'Relu')", code: nnTypo, spans: [at(nnTypo, "'Relu'")], message: "torch.nn has no attribute 'Relu'; did you mean 'ReLU'?" },
    { name: "keras.activations.get('reluu')", code: kerasTypo, spans: [at(kerasTypo, "'reluu'")], message: "keras.activations.get does not know 'reluu'; did you mean 'relu', 'relu6'?" },
    {
      name: 'a config default hidden_act="gleu" read through ACT2FN[config.hidden_act]: reported once, on the config string',
      code: config,
      spans: [at(config, '"gleu"')],
      message: "ACT2FN has no key 'gleu'; did you mean 'gelu'?",
    },
    { name: "a parameter default act_layer='swishh' passed to get_act_layer", code: paramDefault, spans: [at(paramDefault, "'swishh'")] },
  ],
  [
    { name: 'valid keys of every registry', code: py(HF, TIMM, MM, NN, 'from tensorflow import keras', 'a = ACT2FN["gelu_new"]', 'b = ACT2CLS["quick_gelu"]()', 'c = get_activation("gelu_pytorch_tanh")', "d = get_act_layer('GELU')", "e = create_act_layer('hard_sigmoid')", "f = get_act_fn('gelu_tanh')", "g = build_activation_layer(dict(type='HSwish'))", "h = getattr(nn, 'ReLU')()", "i = getattr(F, 'gelu')", "j = keras.activations.get('swish')") },
    { name: 'keys the registry knows without a catalog entry (laplace, relu2, hard_mish)', code: py(HF, TIMM, 'a = ACT2FN["laplace"]', 'b = ACT2FN["relu2"]', "c = get_act_layer('hard_mish')") },
    { name: "a dict(type='GELUU') never passed to a builder", code: py("cfg = dict(type='GELUU')", "norm_cfg = dict(type='BNN')") },
    { name: 'a local dict called ACT2FN (not the transformers one)', code: py('ACT2FN = {"gleu": None}', 'act = ACT2FN["gleu"]') },
    { name: 'another library\'s get_act_layer', code: py('from mylib import get_act_layer', "act = get_act_layer('swishh')") },
    { name: 'string keys of other dicts and getattr on other objects', code: py(NN, "cfg = {'gleu': 1}", "x = cfg['gleu']", "y = getattr(nn, 'GRU')", "z = getattr(F, 'linear')", 'class M:', '    def f(self):', "        return getattr(self, 'gleu')") },
    { name: 'mmcv: a type far from every activation may be the project\'s own registered module', code: py(MM, "act = build_activation_layer(dict(type='Mish'))", "act2 = build_activation_layer(dict(type='MyAct'))") },
    { name: "timm: '' and None mean no activation", code: py(TIMM, "a = get_act_layer('')", 'b = get_act_layer(None)') },
  ],
);

describe('ACT008 registry messages in Simplified Chinese', () => {
  test('ACT2FN typo', async () => {
    const [f] = await ruleFindings('ACT008', hfTypo, 'python', { locale: 'zh-cn' });
    expect(f!.message).toBe("ACT2FN 中没有键 'gleu'；你是不是想写 'gelu'？");
  });
  test('timm, mmcv, torch.nn, keras', async () => {
    expect((await ruleFindings('ACT008', timmTypo, 'python', { locale: 'zh-cn' }))[0]!.message).toBe("timm 的 get_act_layer 不认识 'swishh'；你是不是想写 'swish'？");
    expect((await ruleFindings('ACT008', mmTypo, 'python', { locale: 'zh-cn' }))[0]!.message).toMatch(/^build_activation_layer 没有注册名为 'GELUU' 的激活类型；/);
    expect((await ruleFindings('ACT008', nnTypo, 'python', { locale: 'zh-cn' }))[0]!.message).toMatch(/^torch\.nn 没有属性 'Relu'；/);
    expect((await ruleFindings('ACT008', kerasTypo, 'python', { locale: 'zh-cn' }))[0]!.message).toMatch(/^keras\.activations\.get 不认识 'reluu'；/);
  });
});
