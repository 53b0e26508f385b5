/** The hover on resolved sites (src/shared/hoverText.ts choiceText): the chosen function, its parameters, alternatives and how each is reached. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { hoverAt } from '../../../src/shared/hover';
import { translator } from '../../../src/shared/l10n';

const zh = translator(JSON.parse(readFileSync(path.join(__dirname, '../../../media/l10n/bundle.l10n.zh-cn.json'), 'utf8')));
const en = translator(undefined);

const src = [
  'import torch.nn as nn', //                                   1
  'from functools import partial', //                           2
  'from transformers.activations import ACT2FN', //             3
  '', //                                                        4
  'class Mlp(nn.Module):', //                                   5
  '    def __init__(self, act_layer=nn.GELU):', //              6
  '        super().__init__()', //                              7
  '        self.act = act_layer()', //                          8
  '', //                                                        9
  'class Cfg:', //                                              10
  '    def __init__(self, hidden_act="gelu_new"):', //          11
  '        self.hidden_act = hidden_act', //                    12
  '', //                                                        13
  'class Layer(nn.Module):', //                                 14
  '    def __init__(self, config):', //                         15
  '        super().__init__()', //                              16
  '        self.act = ACT2FN[config.hidden_act]', //            17
  '', //                                                        18
  "block = Mlp(act_layer=partial(nn.LeakyReLU, negative_slope=0.2))", // 19
  'cfg = Cfg(hidden_act="silu")', //                            20
].join('\n');

async function hover(line: number, column: number, t = en, locale: 'en' | 'zh-cn' = 'en') {
  const result = await analyze(src, { language: 'python' });
  return hoverAt(result, undefined, { line: line - 1, column: column - 1 }, { locale, t, picture: false, plotLink: false })?.markdown ?? '';
}

describe('hover on resolved activations', () => {
  it('act_layer(): the default GELU with its parameters, or the partial a caller passes', async () => {
    const md = await hover(8, 21);
    expect(md).toContain('**GELU**');
    expect(md).toContain('Resolved here: `GELU` (parameter default) or `LeakyReLU(slope=0.2)` (passed by `Mlp(…)` at line 19)');
  });

  it('ACT2FN[config.hidden_act]: the config default through the registry, and the value a construction sets', async () => {
    const md = await hover(17, 25);
    expect(md).toContain('GELU');
    expect(md).toContain("`gelu_new` (config default, registry key `ACT2FN['gelu_new']`) or `silu` (config value set by `Cfg(…)` at line 20, registry key `ACT2FN['silu']`)");
    expect(md).toMatch(/approximate.*tanh/);
  });

  it('in Chinese', async () => {
    const md = await hover(8, 21, zh, 'zh-cn');
    expect(md).toContain('此处解析为: `GELU` (');
    expect(md).toContain('参数默认值');
    expect(md).toContain('由第 19 行的 `Mlp(…)` 传入');
  });

  it('a plainly written activation has no resolution line', async () => {
    const md = await hover(6, 38);
    expect(md).toContain('**GELU**');
    expect(md).not.toContain('Resolved here');
  });
});
