import type { RuleModule, RawFinding } from './types';
import type { Layer } from '../ir';
import type { ActivationProperties } from '../math/types';
import { fmt, l } from './util/message';
import { affineBefore, outputChain, propsOf, rangeKey } from './util/ir';

const messages = {
  stacked: l(
    "{count} stacked hidden layers use saturating activations ({names}): gradients shrink through each of them (|f'| ≤ {maxDerivative})",
    "{count} 个堆叠的隐藏层使用饱和激活函数（{names}）：梯度每经过一层都会缩小（|f'| ≤ {maxDerivative}）",
  ),
  loop: l(
    "'{name}' is applied to every layer in a loop: a saturating activation through many layers makes gradients vanish",
    "'{name}' 在循环中作用于每一层：饱和激活函数经过多层会导致梯度消失",
  ),
  related: l("also saturating: '{name}'", "同样饱和：'{name}'"),
};

/** Saturates on both sides and is pointwise: sigmoid, tanh, hard sigmoid, softsign … (not softmax). */
function saturating(p: ActivationProperties | undefined): p is ActivationProperties {
  return !!p && p.saturatesLeft && p.saturatesRight && !p.vector && !p.identity;
}

function isGate(layer: Layer): boolean {
  return !!layer.gated || !!layer.call?.gated || layer.kind === 'recurrent' || layer.kind === 'attention';
}

/** The hidden steps of a chain: everything before the last affine layer, plus that layer's input side. */
function hiddenSaturating(chain: readonly Layer[]): Layer[] {
  let lastAffine = -1;
  chain.forEach((l, i) => { if (l.kind === 'affine') lastAffine = i; });
  const out: Layer[] = [];
  for (let i = 0; i < lastAffine; i++) {
    const layer = chain[i]!;
    if (layer.kind !== 'affine' && layer.kind !== 'activation') continue;
    if (isGate(layer) || !saturating(propsOf(layer.activation))) continue;
    // An activation step counts only when it follows an affine layer (a hidden layer's nonlinearity).
    if (layer.kind === 'activation' && !affineBefore(chain, i) && layer.call?.inputLayer?.kind !== 'affine') continue;
    out.push(layer);
  }
  return out;
}

/** Applied to a layer's result inside a loop over layers (not a time-step loop over a sum of terms). */
function inLayerLoop(chain: readonly Layer[], h: Layer): boolean {
  if (!h.inLoop) return false;
  if (h.kind === 'affine') return true;
  if (h.origin === 'call' && !h.call?.inputLayer) return false;
  const prev = chain[chain.indexOf(h) - 1];
  return !!prev && prev.kind === 'affine' && !!prev.inLoop;
}

export const rule: RuleModule = {
  id: 'ACT003',
  name: 'saturating-hidden-activation',
  defaultSeverity: 'information',
  messages,
  check(ctx) {
    const depth = Math.max(1, ctx.options.saturatingDepth ?? 3);
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const model of ctx.ir.models) {
      if (model.layers.some((l) => l.kind === 'recurrent')) continue;
      const chains = model.outputs.length > 0 ? model.outputs.map((_, i) => outputChain(model, i)) : [outputChain(model, 0)];
      for (const chain of chains) {
        const hidden = hiddenSaturating(chain);
        const looped = hidden.filter((h) => inLayerLoop(chain, h));
        if (hidden.length >= depth) {
          const first = hidden[0]!;
          const key = rangeKey(first.activation!.range);
          if (seen.has(key)) continue;
          seen.add(key);
          const names = [...new Set(hidden.map((h) => h.activation!.name))].join(', ');
          const pointed = new Set([key]);
          const maxD = Math.max(...hidden.map((h) => propsOf(h.activation)!.maxDerivative));
          out.push({
            message: fmt(ctx, messages.stacked, { count: hidden.length, names, maxDerivative: Number(maxD.toPrecision(3)) }),
            range: first.activation!.range,
            // A repeated block (ModuleList of n blocks) applies one written activation n times: point at it once.
            related: hidden
              .slice(1)
              .filter((h) => {
                const k = rangeKey(h.activation!.range);
                if (pointed.has(k)) return false;
                pointed.add(k);
                return true;
              })
              .map((h) => ({ range: h.activation!.range, message: fmt(ctx, messages.related, { name: h.activation!.name }) })),
          });
        } else if (looped.length > 0) {
          const h = looped[0]!;
          const key = rangeKey(h.activation!.range);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ message: fmt(ctx, messages.loop, { name: h.activation!.name }), range: h.activation!.range });
        }
      }
    }
    return out;
  },
  docs: {
    summary: l(
      'Several stacked hidden layers use a saturating activation (sigmoid, tanh, hard sigmoid, softsign).',
      '多个堆叠的隐藏层使用饱和激活函数（sigmoid、tanh、hard sigmoid、softsign）。',
    ),
    whatItDoes:
      'Counts the hidden layers of a model (every layer before the last affine layer) whose activation saturates on both sides, as the catalog records it, and reports when there are at least `saturatingDepth` of them (default 3), or when such an activation is applied to a layer inside a loop over layers. Gates are exempt: RNN/LSTM/GRU layers and hand-written cells, attention, squeeze-excitation, and any activation whose result multiplies another tensor (GLU). Output layers are never counted.',
    notFlagged:
      "Fewer stacked saturating layers than `saturatingDepth`; a sigmoid or tanh output layer; activations that saturate on one side only (ELU, SELU, softplus); gates: RNN / LSTM / GRU layers and any model containing one, hand-written cells (including a tanh in a time-step loop), attention, squeeze-excitation, and any activation whose result multiplies another tensor (GLU, gated units).",
    whyBad:
      "A saturating activation has a derivative near 0 for large |x| and at most 0.25 (sigmoid) or 1 (tanh) anywhere. Backpropagation multiplies one such factor per layer, so gradients reaching the first layers shrink geometrically: they learn slowly or not at all. Sigmoid's outputs are also all positive, which makes weight updates zig-zag. ReLU-family activations (ReLU, Leaky ReLU, ELU, GELU) avoid both problems in hidden layers.",
    example: {
      language: 'python',
      code: [
        'from tensorflow import keras',
        '',
        'model = keras.Sequential([',
        "    keras.layers.Dense(128, activation='sigmoid'),",
        "    keras.layers.Dense(128, activation='sigmoid'),",
        "    keras.layers.Dense(128, activation='sigmoid'),",
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
        "    keras.layers.Dense(128, activation='relu'),",
        "    keras.layers.Dense(128, activation='relu'),",
        "    keras.layers.Dense(128, activation='relu'),",
        "    keras.layers.Dense(10, activation='softmax'),",
        '])',
        '',
      ].join('\n'),
    },
    fixSafety: 'No fix: choosing another activation changes the model and usually its initialization; it is a design decision.',
  },
};
