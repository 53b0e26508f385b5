import type { RuleModule, RawFinding, RuleContext } from './types';
import type { Layer } from '../ir';
import type { Fix } from '../types';
import { fmt, l } from './util/message';
import { affineBefore, flowChains, propsOf, rangeKey } from './util/ir';
import { insertArg, replace, requote } from './util/edits';

const messages = {
  init: l(
    "'{name}' is self-normalizing only with lecun_normal weights, but this layer uses {init}",
    "'{name}' 只有配合 lecun_normal 权重初始化才能自归一化，但这一层用的是 {init}",
  ),
  related: l('the selu activation', 'selu 激活函数'),
  fix: l("Use kernel_initializer='lecun_normal'", "改为 kernel_initializer='lecun_normal'"),
};

const norm = (s: string): string => s.toLowerCase().replace(/[_\s]/g, '');

/** undefined: fine or unknown; otherwise the initializer as shown in the message. */
function badInit(layer: Layer): string | undefined {
  const k = layer.kernelInitializer;
  if (!k) return "the default 'glorot_uniform'";
  // A variable or other expression: cannot tell. Only string literals and initializer calls are judged.
  if (k.value === undefined || !(/^['"]/.test(k.text) || /\)\s*$/.test(k.text))) return undefined;
  return norm(k.value).endsWith('lecunnormal') ? undefined : `'${k.value}'`;
}

function fixFor(ctx: RuleContext, layer: Layer): Fix | undefined {
  const k = layer.kernelInitializer;
  if (k) {
    if (!/^['"]/.test(k.text)) return undefined;
    return { title: fmt(ctx, messages.fix), safe: false, edits: [replace(k.range, requote(k.text, 'lecun_normal'))] };
  }
  if (layer.origin !== 'layer') return undefined;
  const edit = insertArg(ctx.ir, layer.range, layer.args, "kernel_initializer='lecun_normal'");
  return edit ? { title: fmt(ctx, messages.fix), safe: false, edits: [edit] } : undefined;
}

export const rule: RuleModule = {
  id: 'ACT011',
  name: 'selu-without-lecun-normal',
  defaultSeverity: 'warning',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const model of ctx.ir.models) {
      if (model.framework !== 'keras') continue;
      const chains = flowChains(model);
      for (const chain of chains) {
        chain.forEach((layer, i) => {
          if (!propsOf(layer.activation)?.selfNormalizing) return;
          const affine = layer.kind === 'affine' ? layer : layer.kind === 'activation' ? affineBefore(chain, i) : undefined;
          if (!affine || affine.kind !== 'affine' || affine.framework !== 'keras') return;
          const init = badInit(affine);
          const key = rangeKey(affine.range);
          if (!init || seen.has(key)) return;
          seen.add(key);
          const fix = fixFor(ctx, affine);
          out.push({
            message: fmt(ctx, messages.init, { name: layer.activation!.name, init }),
            range: affine.kernelInitializer?.range ?? affine.nameRange,
            ...(affine === layer ? {} : { related: [{ range: layer.activation!.range, message: fmt(ctx, messages.related) }] }),
            ...(fix ? { fix } : {}),
          });
        });
      }
    }
    return out;
  },
  docs: {
    summary: l('A Keras selu layer without `kernel_initializer=\'lecun_normal\'`.', 'Keras 中使用 selu 的层没有设置 `kernel_initializer=\'lecun_normal\'`。'),
    whatItDoes:
      "Finds Keras layers whose activation is self-normalizing (SELU), either through `activation=` or a following `Activation('selu')` layer, and whose `kernel_initializer` is missing (Keras then uses `glorot_uniform`) or is a literal other than `lecun_normal` / `LecunNormal()`. Initializers given as variables are not judged.",
    notFlagged:
      "`kernel_initializer='lecun_normal'` or `LecunNormal()`; an initializer held in a variable (not judged); other activations with the default initializer (elu, relu); PyTorch `nn.SELU`, which has no `kernel_initializer` argument.",
    whyBad:
      'SELU keeps activations at zero mean and unit variance only under its assumptions: weights drawn with variance 1/fan_in (LeCun normal) and inputs already standardized. With Glorot initialization the fixed point is lost and the self-normalizing property — the reason to pick SELU — does not hold; deep SELU networks can then diverge or stall.',
    example: {
      language: 'python',
      code: [
        'from tensorflow import keras',
        '',
        'model = keras.Sequential([',
        "    keras.layers.Dense(128, activation='selu'),",
        "    keras.layers.Dense(10, activation='softmax'),",
        '])',
        '',
      ].join('\n'),
    },
    useInstead: {
      language: 'python',
      code: [
        'from tensorflow import keras',
        '',
        'model = keras.Sequential([',
        "    keras.layers.Dense(128, activation='selu', kernel_initializer='lecun_normal'),",
        "    keras.layers.Dense(10, activation='softmax'),",
        '])',
        '',
      ].join('\n'),
    },
    fixSafety: "Unsafe. The fix sets `kernel_initializer='lecun_normal'`, which changes the initial weights and therefore the trained model (as intended).",
  },
};
