import type { RuleModule, RawFinding } from './types';
import type { ActivationRef, Arg } from '../ir';
import { fmt, l } from './util/message';
import { replace } from './util/edits';

const messages = {
  boolean: l(
    "'{value}' binds to the slope of '{name}': the slope becomes {slope} and the layer {effect}. Did you mean inplace={value}?",
    "'{value}' 被当作 '{name}' 的斜率：斜率变成 {slope}，这一层{effectZh}。你是不是想写 inplace={value}？",
  ),
  identity: l("A slope of 1 makes '{name}' the identity: the layer adds no nonlinearity", "斜率为 1 时 '{name}' 就是恒等映射：这一层没有任何非线性"),
  outside: l(
    "Slope {slope} of '{name}' is outside (0, 1): {effect}",
    "'{name}' 的斜率 {slope} 不在 (0, 1) 之内：{effectZh}",
  ),
  fix: l('Use inplace={value}', '改为 inplace={value}'),
};

/** The written argument that binds to the catalog's canonical 'slope' parameter. */
function slopeArg(ref: ActivationRef): Arg | undefined {
  const b = ref.resolved?.binding;
  if (!b) return undefined;
  return ref.args.find((a) => (a.name !== undefined ? (b.argNames?.[a.name] ?? a.name) === 'slope' : a.index !== undefined && b.positional?.[a.index] === 'slope'));
}

function effect(slope: number): { en: string; zh: string } {
  if (slope < 0) return { en: 'negative inputs change sign, so the function is no longer monotonic', zh: '负输入会变号，函数不再单调' };
  if (slope === 0) return { en: 'this is plain ReLU, with the same dead units', zh: '这就是普通的 ReLU，同样会出现死神经元' };
  return { en: 'negative inputs are amplified more than positive ones', zh: '负输入被放大得比正输入还多' };
}

export const rule: RuleModule = {
  id: 'ACT009',
  name: 'leaky-relu-slope',
  defaultSeverity: 'warning',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const ref of ctx.ir.activations) {
      const entry = ref.resolved?.entry;
      if (!entry || !entry.params.some((p) => p.name === 'slope')) continue;
      const arg = slopeArg(ref);
      if (!arg || !arg.isLiteral) continue;
      const leaky = Number(ref.resolved!.params.slope ?? 0) > 0;
      const name = ref.name;
      if (typeof arg.value === 'boolean') {
        const slope = arg.value ? 1 : 0;
        const canFix = arg.name === undefined && ref.resolved!.binding.positional?.includes('inplace');
        out.push({
          message: fmt(ctx, messages.boolean, {
            value: arg.text, name, slope,
            effect: slope === 1 ? 'is the identity' : 'is plain ReLU',
            effectZh: slope === 1 ? '就是恒等映射' : '就是普通的 ReLU',
          }),
          range: arg.range,
          ...(canFix ? { fix: { title: fmt(ctx, messages.fix, { value: arg.text }), safe: false, edits: [replace(arg.range, `inplace=${arg.text}`)] } } : {}),
        });
        continue;
      }
      if (typeof arg.value !== 'number') continue;
      const slope = arg.value;
      if (slope === 1) {
        out.push({ message: fmt(ctx, messages.identity, { name }), range: arg.range });
      } else if (slope < 0 || slope > 1 || (slope === 0 && leaky)) {
        const e = effect(slope);
        out.push({ message: fmt(ctx, messages.outside, { slope, name, effect: e.en, effectZh: e.zh }), range: arg.range });
      }
    }
    return out;
  },
  docs: {
    summary: l('A Leaky ReLU slope outside (0, 1), or `nn.LeakyReLU(True)`.', 'Leaky ReLU 的斜率不在 (0, 1) 内，或写成了 `nn.LeakyReLU(True)`。'),
    whatItDoes:
      "Reads the negative-side slope written for any activation that has one in the catalog (LeakyReLU in every framework, Keras `relu(negative_slope=…)`, `tf.nn.leaky_relu(alpha=…)`) and reports a boolean bound to it by position — `nn.LeakyReLU(True)`, meant as `inplace=True` — or a value outside (0, 1): 1 (the identity), 0 on a leaky ReLU (plain ReLU), negative, or above 1.",
    notFlagged:
      "The default slopes and any slope strictly between 0 and 1; Keras `ReLU(negative_slope=0.0)`, which is plain ReLU by definition; a slope given as a variable or an expression (not judged); `inplace=True` passed by keyword.",
    whyBad:
      "`nn.LeakyReLU(True)` passes True as `negative_slope`, which Python treats as 1.0: the layer is the identity and the network loses a nonlinearity without any error. A slope of 0 brings back ReLU's dead units; a negative slope makes the function non-monotonic; a slope above 1 amplifies negative inputs more than positive ones.",
    example: {
      language: 'python',
      code: [
        'import torch.nn as nn',
        '',
        'model = nn.Sequential(',
        '    nn.Linear(64, 64),',
        '    nn.LeakyReLU(True),',
        '    nn.Linear(64, 10),',
        ')',
        '',
      ].join('\n'),
    },
    useInstead: {
      language: 'python',
      code: [
        'import torch.nn as nn',
        '',
        'model = nn.Sequential(',
        '    nn.Linear(64, 64),',
        '    nn.LeakyReLU(0.01, inplace=True),',
        '    nn.Linear(64, 10),',
        ')',
        '',
      ].join('\n'),
    },
    fixSafety:
      'Unsafe. For a positional boolean the fix rewrites it as `inplace=True`; the slope becomes the default 0.01 instead of 1.0, which changes what the model computes (it is what was meant). Other slopes get no fix: only the author knows the intended value.',
  },
};
