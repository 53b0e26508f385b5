import type { RuleModule, RawFinding, RuleContext } from './types';
import type { ActivationRef, Layer } from '../ir';
import { getArg } from '../ir';
import type { Fix } from '../types';
import { fmt, l } from './util/message';
import { affineBefore, isSoftmaxLike, flowChains, rangeKey } from './util/ir';
import { replace, requote } from './util/edits';

const messages = {
  single: l(
    "'{name}' over a single unit always outputs 1: the layer learns nothing. For a binary output use sigmoid",
    "对单个单元做 '{name}' 的结果恒为 1：这一层什么也学不到。二分类输出请用 sigmoid",
  ),
  related: l('this layer has 1 output unit', '这一层只有 1 个输出单元'),
  fix: l("Use 'sigmoid'", "改用 'sigmoid'"),
};

/** True when the softmax runs over the unit axis: always in Keras/tfjs; torch only for dim 1 / -1 / implicit. */
function overUnitAxis(ref: ActivationRef, affine: Layer): boolean {
  if (ref.framework !== 'torch') {
    const axis = getArg(ref.args, 'axis');
    return !axis || (axis.isLiteral && axis.value === -1);
  }
  if (ref.kind === 'tensor-method') return false;
  const dim = getArg(ref.args, 'dim', ref.kind === 'torch-module' ? 0 : 1);
  if (!dim) return true; // implicit dim: 1 for the 2-D output of a Linear head
  if (!dim.isLiteral) return false;
  return dim.value === -1 || (dim.value === 1 && /^(Linear|Conv\w*)$/.test(affine.className));
}

function stringFix(ctx: RuleContext, ref: ActivationRef): Fix | undefined {
  if (ref.kind !== 'keras-string' && ref.kind !== 'tfjs-string') return undefined;
  const text = ctx.ir.textAt(ref.range);
  return { title: fmt(ctx, messages.fix), safe: false, edits: [replace(ref.range, requote(text, 'sigmoid'))] };
}

export const rule: RuleModule = {
  id: 'ACT004',
  name: 'single-unit-softmax',
  defaultSeverity: 'error',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    const report = (ref: ActivationRef, affine: Layer): void => {
      const key = rangeKey(ref.range);
      if (seen.has(key) || !overUnitAxis(ref, affine)) return;
      seen.add(key);
      const fix = stringFix(ctx, ref);
      out.push({
        message: fmt(ctx, messages.single, { name: ref.name }),
        range: ref.range,
        ...(affine.activation === ref ? {} : { related: [{ range: affine.range, message: fmt(ctx, messages.related) }] }),
        ...(fix ? { fix } : {}),
      });
    };
    for (const model of ctx.ir.models) {
      const chains = flowChains(model);
      for (const chain of chains) {
        chain.forEach((layer, i) => {
          if (!isSoftmaxLike(layer.activation)) return;
          if (layer.kind === 'affine' && layer.units === 1) report(layer.activation!, layer);
          else if (layer.kind === 'activation') {
            const affine = affineBefore(chain, i);
            if (affine?.units === 1 && affine.kind === 'affine') report(layer.activation!, affine);
          }
        });
      }
    }
    for (const call of ctx.ir.activationCalls) {
      const affine = call.inputLayer;
      if (isSoftmaxLike(call.activation) && affine?.kind === 'affine' && affine.units === 1) report(call.activation, affine);
    }
    return out;
  },
  docs: {
    summary: l('Softmax over a single unit: the output is always 1.', '对单个单元做 softmax：输出恒为 1。'),
    whatItDoes:
      'Finds a softmax-like activation (an operation over a vector axis that squashes to probabilities) applied to a layer with one output unit: `Dense(1, activation=\'softmax\')`, `Linear(n, 1)` followed by `Softmax(dim=1)`, `F.softmax(self.fc(x), dim=-1)` where `fc` has one output. In PyTorch it fires only when the softmax runs over the unit axis (dim 1, -1 or the implicit dim).',
    notFlagged:
      "Softmax over several units; a single unit with sigmoid; a PyTorch softmax over another axis than the unit axis (`dim=0`, the batch axis); a single-unit layer whose softmax cannot be traced to it (a softmax over a concatenation, an unknown number of units).",
    whyBad:
      'Softmax normalizes over its axis; over one element it returns exp(x)/exp(x) = 1 whatever the input. The prediction is constant, the gradient is zero, and a binary classifier built this way never learns. A single-unit probability needs sigmoid (or no activation and a with-logits loss).',
    example: {
      language: 'python',
      code: [
        'from tensorflow import keras',
        '',
        'model = keras.Sequential([',
        "    keras.layers.Dense(32, activation='relu'),",
        "    keras.layers.Dense(1, activation='softmax'),",
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
        "    keras.layers.Dense(32, activation='relu'),",
        "    keras.layers.Dense(1, activation='sigmoid'),",
        '])',
        '',
      ].join('\n'),
    },
    fixSafety:
      "Unsafe. The fix replaces an `activation='softmax'` string with `'sigmoid'` (Keras, TensorFlow.js). That changes what the model computes — from a constant 1 to a real probability — and the loss may need to change with it.",
  },
};
