import type { RuleModule, RawFinding, RuleContext } from './types';
import type { ActivationRef, Layer } from '../ir';
import type { Fix } from '../types';
import { evaluate } from '../math';
import { fmt, l } from './util/message';
import { flowChains, propsOf, rangeKey } from './util/ir';
import { removeLayerEdit, unwrapCallEdit } from './util/remove';

const messages = {
  twice: l("'{name}' is applied twice in a row", "'{name}' 连续作用了两次"),
  related: l('first applied here', '第一次作用在这里'),
  fix: l("Remove the second '{name}'", "删除第二个 '{name}'"),
};

const GRID = [-8, -3, -1.5, -0.5, -0.1, 0, 0.1, 0.5, 1.5, 3, 8];

/** f(f(x)) = f(x) on a grid, computed with the catalog's own definition and the params as written. */
function idempotent(a: ActivationRef, b: ActivationRef): boolean {
  const entry = a.resolved?.entry;
  if (!entry || propsOf(a)?.vector) return false;
  // Only the function's own parameters matter (not inplace=True and the like).
  if (entry.params.some((p) => a.params[p.name] !== b.params[p.name])) return false;
  try {
    return GRID.every((x) => {
      const y = evaluate(entry, a.params, x);
      return Math.abs(evaluate(entry, a.params, y) - y) <= 1e-12 * Math.max(1, Math.abs(y));
    });
  } catch {
    return false;
  }
}

function sameActivation(a: ActivationRef | undefined, b: ActivationRef | undefined): boolean {
  return !!a?.id && !!b?.id && a.id === b.id && !propsOf(a)?.identity;
}

function fixFor(ctx: RuleContext, first: ActivationRef, second: Layer | undefined, secondRef: ActivationRef, call?: Parameters<typeof unwrapCallEdit>[0]): Fix | undefined {
  const edit = call ? unwrapCallEdit(call) : second ? removeLayerEdit(ctx.ir, second) : undefined;
  if (!edit) return undefined;
  return { title: fmt(ctx, messages.fix, { name: secondRef.name }), safe: idempotent(first, secondRef), edits: [edit] };
}

export const rule: RuleModule = {
  id: 'ACT007',
  name: 'double-activation',
  defaultSeverity: 'warning',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    const report = (first: ActivationRef, second: ActivationRef, fix: Fix | undefined): void => {
      const key = rangeKey(second.range);
      if (seen.has(key)) return;
      seen.add(key);
      out.push({
        message: fmt(ctx, messages.twice, { name: second.name }),
        range: second.range,
        related: [{ range: first.range, message: fmt(ctx, messages.related) }],
        ...(fix ? { fix } : {}),
      });
    };
    const pairs: Array<[Layer, Layer]> = [];
    for (const m of ctx.ir.models) for (const c of flowChains(m)) for (let i = 0; i + 1 < c.length; i++) pairs.push([c[i]!, c[i + 1]!]);
    for (const [a, b] of pairs) {
      if (b.kind !== 'activation' || b.origin !== 'layer' || a.gated || b.gated) continue;
      if (!sameActivation(a.activation, b.activation)) continue;
      report(a.activation!, b.activation!, fixFor(ctx, a.activation!, b, b.activation!));
    }
    // Calls: softmax(softmax(x)), or x = F.relu(x) followed by F.relu(x) on the same variable.
    for (const call of ctx.ir.activationCalls) {
      const inner = call.wraps ?? call.input;
      if (!inner || !sameActivation(inner.activation, call.activation)) continue;
      report(inner.activation, call.activation, fixFor(ctx, inner.activation, undefined, call.activation, call));
    }
    return out;
  },
  docs: {
    summary: l('The same activation is applied twice in a row.', '同一个激活函数被连续作用两次。'),
    whatItDoes:
      "Finds the same activation applied twice with nothing in between: a layer's `activation=` followed by an identical activation layer in the same list, two identical activation layers in a row, or nested / chained calls such as `F.softmax(F.softmax(x))`.",
    notFlagged:
      "Two different activations in a row (relu then softmax); a layer without activation followed by an activation layer; the same activation on both sides of another step (relu, BatchNorm, relu); the same activation applied to two different tensors; the identity (`'linear'`, `nn.Identity()`) twice; gates (an activation whose result multiplies another tensor).",
    whyBad:
      'For idempotent activations (ReLU, ReLU6, hard tanh) the second one does nothing but cost time and hide the intent. For the others it changes the result: softmax of a softmax is nearly uniform, tanh(tanh(x)) shrinks the range and the gradient. Usually one of the two was left behind when the model was edited.',
    example: {
      language: 'python',
      code: [
        'from tensorflow import keras',
        '',
        'model = keras.Sequential([',
        "    keras.layers.Dense(64, activation='relu'),",
        "    keras.layers.Activation('relu'),",
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
        "    keras.layers.Dense(64, activation='relu'),",
        "    keras.layers.Dense(10, activation='softmax'),",
        '])',
        '',
      ].join('\n'),
    },
    fixSafety:
      "The fix removes the second activation. It is marked safe only when the catalog's own definition shows the activation is idempotent with the parameters as written (f(f(x)) = f(x), as for ReLU); then the model computes exactly the same. Otherwise (softmax, sigmoid, tanh …) removing it changes the output and the fix is unsafe.",
  },
};
