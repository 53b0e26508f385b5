import type { RuleModule, RawFinding } from './types';
import type { ActivationRef, ProgramIR } from '../ir';
import type { Variant } from '../math/types';
import { suggest } from '../math';
import { fmt, l } from './util/message';
import { replace, requote } from './util/edits';
import { registryUnknownKeys } from './util/registryKeys';

const messages = {
  unknown: l("Unknown activation '{name}' for {framework}", "{framework} 不认识激活函数 '{name}'"),
  unknownSuggest: l(
    "Unknown activation '{name}' for {framework}; did you mean {suggestions}?",
    "{framework} 不认识激活函数 '{name}'；你是不是想写 {suggestions}？",
  ),
  wrongVersion: l(
    "'{name}' is not available in {version}, which this file imports",
    "本文件导入的是 {version}，其中没有 '{name}'",
  ),
  fix: l("Replace with '{name}'", "替换为 '{name}'"),
  // Registry keys, in each registry's own words (src/core/resolve/registries.ts).
  hfNoKey: l("{registry} has no key '{key}'", "{registry} 中没有键 '{key}'"),
  timmNoKey: l("timm's {registry} does not know '{key}'", "timm 的 {registry} 不认识 '{key}'"),
  mmNoKey: l("No activation type '{key}' is registered for build_activation_layer", "build_activation_layer 没有注册名为 '{key}' 的激活类型"),
  kerasNoKey: l("keras.activations.get does not know '{key}'", "keras.activations.get 不认识 '{key}'"),
  torchNoAttr: l("{registry} has no attribute '{key}'", "{registry} 没有属性 '{key}'"),
  didYouMean: l('{message}; did you mean {suggestions}?', '{message}；你是不是想写 {suggestions}？'),
};

const FRAMEWORK_NAME = { keras: 'Keras', tfjs: 'TensorFlow.js', torch: 'PyTorch' } as const;

/** The Keras version the imports pin, if any: tf_keras is Keras 2; keras.ops / keras_core exist only in Keras 3. */
export function pinnedKeras(ir: ProgramIR): Variant | undefined {
  const q = ir.imports.map((i) => i.qualified);
  const k2 = q.some((s) => s === 'tf_keras' || s.startsWith('tf_keras.'));
  const k3 = q.some((s) => s === 'keras_core' || s.startsWith('keras_core.') || s === 'keras.ops' || s.startsWith('keras.ops.'));
  return k2 === k3 ? undefined : k2 ? 'keras2' : 'keras3';
}

/** Equal once case and underscores are ignored: the one unambiguous correction. */
function sameLetters(a: string, b: string): boolean {
  const n = (s: string) => s.toLowerCase().replace(/_/g, '');
  return n(a) === n(b);
}

/** Activation strings; a registry key (ref.registry) is checked in the registry's words instead (util/registryKeys.ts). */
function stringRef(ref: ActivationRef): boolean {
  return (ref.kind === 'keras-string' || ref.kind === 'tfjs-string') && !(ref as { registry?: unknown }).registry;
}

export const rule: RuleModule = {
  id: 'ACT008',
  name: 'unknown-activation',
  defaultSeverity: 'error',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    const pinned = pinnedKeras(ctx.ir);
    // A string read through a parameter / config / dict is reported once, where it is written.
    const reported = new Set<string>();
    for (const site of ctx.ir.activations) {
      if (!stringRef(site) || site.name === '') continue;
      const at = site.valueRange ?? site.range;
      const key = `${at.cell ?? ''}:${at.start.line}:${at.start.column}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const ref = at === site.range ? site : { ...site, range: at };
      if (ref.resolved) {
        if (ref.framework !== 'keras' || !pinned) continue;
        const ok = ref.resolved.entry.names.some((b) => b.framework === 'keras' && b.kind === ref.kind && b.name === ref.name && (!b.variants || b.variants.includes(pinned)));
        if (ok) continue;
        out.push({ message: fmt(ctx, messages.wrongVersion, { name: ref.name, version: pinned === 'keras2' ? 'Keras 2' : 'Keras 3' }), range: ref.range });
        continue;
      }
      const suggestions = suggest(ref.name, ref.framework, [ref.kind]);
      const framework = FRAMEWORK_NAME[ref.framework];
      const message = suggestions.length > 0
        ? fmt(ctx, messages.unknownSuggest, { name: ref.name, framework, suggestions: suggestions.slice(0, 3).map((s) => `'${s}'`).join(', ') })
        : fmt(ctx, messages.unknown, { name: ref.name, framework });
      const best = suggestions[0];
      const text = ctx.ir.textAt(ref.range);
      const fix = best && /^['"`]/.test(text)
        ? { title: fmt(ctx, messages.fix, { name: best }), safe: sameLetters(best, ref.name) && suggestions.filter((s) => sameLetters(s, ref.name)).length === 1, edits: [replace(ref.range, requote(text, best))] }
        : undefined;
      out.push({ message, range: ref.range, ...(fix ? { fix } : {}) });
    }
    out.push(...registryUnknownKeys(ctx, messages));
    return out;
  },
  docs: {
    summary: l('An activation string the framework does not know (names are case-sensitive).', '框架不认识的激活函数字符串（名称区分大小写）。'),
    whatItDoes:
      "Checks every `activation='…'` string (Keras) and `activation: '…'` string (TensorFlow.js) against the names that framework accepts, case-sensitively, and suggests the closest valid names. Keras names are accepted when either Keras 2 or Keras 3 knows them, unless the imports pin a version (`tf_keras` is Keras 2; `keras.ops` / `keras_core` are Keras 3). Also checks the keys of the activation registries against their real key sets, and says so in the registry's words: Hugging Face `ACT2FN[…]` / `ACT2CLS[…]` / `get_activation(…)` (including a config's `hidden_act` read through them), timm's `get_act_layer` / `create_act_layer` / `get_act_fn` (case-insensitive, as timm lower-cases), `keras.activations.get`, and — only for a near miss, since these hold other names too — mmcv's `build_activation_layer(dict(type=…))` and `getattr(nn, …)` / `getattr(F, …)`. The key is reported where its string is written (a parameter default, a config field).",
    notFlagged:
      "Every name either Keras 2 or Keras 3 accepts when the imports pin no version (`'log_softmax'` exists only in Keras 3); `activation=None` and `'linear'`; TensorFlow.js spellings (`'hardSigmoid'`, `'logSoftmax'`); activations given as variables, functions or layer objects rather than strings (not judged).",
    whyBad:
      "The model fails when it is built — often far from the line that is wrong, and only after data loading has run (a registry raises KeyError: `ACT2FN['gleu']`). The spellings differ between frameworks: TensorFlow.js wants `'hardSigmoid'` and `'logSoftmax'`, Keras wants `'hard_sigmoid'` and `'log_softmax'` (the latter only in Keras 3).",
    example: {
      language: 'javascript',
      code: [
        "const tf = require('@tensorflow/tfjs');",
        '',
        'const model = tf.sequential({',
        '  layers: [',
        "    tf.layers.dense({inputShape: [8], units: 16, activation: 'relu'}),",
        "    tf.layers.dense({units: 1, activation: 'hard_sigmoid'}),",
        '  ],',
        '});',
        '',
      ].join('\n'),
    },
    useInstead: {
      language: 'javascript',
      code: [
        "const tf = require('@tensorflow/tfjs');",
        '',
        'const model = tf.sequential({',
        '  layers: [',
        "    tf.layers.dense({inputShape: [8], units: 16, activation: 'relu'}),",
        "    tf.layers.dense({units: 1, activation: 'hardSigmoid'}),",
        '  ],',
        '});',
        '',
      ].join('\n'),
    },
    fixSafety:
      "The fix replaces the string with the closest valid name. It is safe when the only candidate differs just in case or underscores (`'hard_sigmoid'` → `'hardSigmoid'` in TensorFlow.js, `'Relu'` → `'relu'`): the code could not run before, and no other reading is possible. Any other suggestion is a guess and is offered as unsafe.",
  },
};
