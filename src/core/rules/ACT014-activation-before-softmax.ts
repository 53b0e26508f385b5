import type { RuleModule, RawFinding, RuleContext } from './types';
import type { ActivationRef, Layer } from '../ir';
import type { Fix } from '../types';
import { fmt, l } from './util/message';
import { isPassThrough, isSoftmaxLike, flowChains, propsOf, rangeKey } from './util/ir';
import { removeLayerEdit, unwrapCallEdit } from './util/remove';

const messages = {
  before: l(
    "'{first}' makes the logits non-negative right before '{softmax}': negative scores are lost, so unlikely classes cannot be pushed toward 0",
    "在 '{softmax}' 之前用 '{first}' 把 logits 变成了非负数：负分数全部丢失，不可能的类别无法被压到接近 0",
  ),
  related: l("'{softmax}' follows", "随后是 '{softmax}'"),
  fix: l("Remove '{first}'", "删除 '{first}'"),
};

/** A pointwise non-negative activation other than the identity (relu, softplus, sigmoid …). */
function nonNegativePointwise(ref: ActivationRef | undefined): boolean {
  const p = propsOf(ref);
  return !!p && p.nonNegative && !p.vector && !p.identity;
}

function fixFor(ctx: RuleContext, first: ActivationRef, layer: Layer | undefined, call: Parameters<typeof unwrapCallEdit>[0] | undefined): Fix | undefined {
  const edit = call ? unwrapCallEdit(call) : layer ? removeLayerEdit(ctx.ir, layer) : undefined;
  return edit ? { title: fmt(ctx, messages.fix, { first: first.name }), safe: false, edits: [edit] } : undefined;
}

export const rule: RuleModule = {
  id: 'ACT014',
  name: 'activation-before-softmax',
  defaultSeverity: 'warning',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    const report = (first: ActivationRef, softmax: ActivationRef, fix: Fix | undefined): void => {
      const key = rangeKey(first.range);
      if (seen.has(key)) return;
      seen.add(key);
      out.push({
        message: fmt(ctx, messages.before, { first: first.name, softmax: softmax.name }),
        range: first.range,
        related: [{ range: softmax.range, message: fmt(ctx, messages.related, { softmax: softmax.name }) }],
        ...(fix ? { fix } : {}),
      });
    };
    for (const model of ctx.ir.models) {
      const chains = flowChains(model);
      for (const chain of chains) {
        chain.forEach((layer, i) => {
          if (layer.kind !== 'activation' || !isSoftmaxLike(layer.activation)) return;
          let j = i - 1;
          while (j >= 0 && isPassThrough(chain[j]!)) j--;
          const prev = chain[j];
          if (!prev || prev.gated || !nonNegativePointwise(prev.activation)) return;
          if (prev.kind !== 'activation' && prev.kind !== 'affine') return;
          report(prev.activation!, layer.activation!, prev.kind === 'activation' ? fixFor(ctx, prev.activation!, prev, undefined) : undefined);
        });
      }
    }
    for (const call of ctx.ir.activationCalls) {
      if (!isSoftmaxLike(call.activation) || call.gated) continue;
      const inner = call.wraps ?? call.input;
      if (inner && nonNegativePointwise(inner.activation) && !inner.gated) report(inner.activation, call.activation, fixFor(ctx, inner.activation, undefined, inner));
      else if (!inner && call.inputLayer?.kind === 'affine' && nonNegativePointwise(call.inputLayer.activation)) report(call.inputLayer.activation!, call.activation, undefined);
    }
    return out;
  },
  docs: {
    summary: l('A non-negative activation (ReLU …) applied to the logits right before softmax.', '在 softmax 之前对 logits 使用了非负激活函数（ReLU 等）。'),
    whatItDoes:
      'Finds a softmax-like activation whose input comes straight from a pointwise activation with non-negative output (ReLU, ReLU6, softplus, sigmoid, …): `Dense(10, activation=\'relu\')` followed by `Softmax()`, `nn.ReLU()` then `nn.Softmax(dim=1)`, or `F.softmax(F.relu(x), dim=1)`.',
    notFlagged:
      "Activations that can be negative before a softmax (tanh); a relu hidden layer followed by a linear logits layer and then softmax; attention weights (softmax of scaled dot products); a non-negative activation separated from the softmax by a layer that can produce negative values.",
    whyBad:
      'Softmax turns scores into probabilities by their differences; it needs negative scores to push a class toward 0. After ReLU all negative scores become 0, so the unlikely classes tie, and a unit that goes dead can never lower its class below the others. Bounded activations like sigmoid squash the scores into (0, 1) and the softmax output is close to uniform.',
    example: {
      language: 'python',
      code: [
        'import torch.nn as nn',
        '',
        'model = nn.Sequential(',
        '    nn.Linear(128, 10),',
        '    nn.ReLU(),',
        '    nn.Softmax(dim=1),',
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
        '    nn.Linear(128, 10),',
        '    nn.Softmax(dim=1),',
        ')',
        '',
      ].join('\n'),
    },
    fixSafety: 'Unsafe. The fix removes the non-negative activation layer or call, which changes what the model computes (as intended).',
  },
};
