import type { RuleModule, RawFinding, RuleContext } from './types';
import type { ActivationCall } from '../ir';
import type { Fix } from '../types';
import { getEntry } from '../math';
import { fmt, l } from './util/message';
import { propsOf } from './util/ir';
import { calleeOf } from './util/callee';
import { replace, withLastSegment } from './util/edits';

const messages = {
  logOf: l(
    "log({name}(x)) underflows to -inf when a probability rounds to 0; use {replacement}",
    "log({name}(x)) 在某个概率舍入为 0 时会下溢成 -inf；请改用 {replacement}",
  ),
  fix: l('Use {replacement}', '改用 {replacement}'),
};

const TENSOR_LOG = /^(torch|tensorflow|tf|keras|@tensorflow\/tfjs[\w-]*)(\.|$)/;

/** The enclosing call is a tensor library's log whose only argument is this activation call. */
function isLogOf(ctx: RuleContext, call: ActivationCall): boolean {
  const enc = call.enclosingCall;
  if (!enc || enc.name !== 'log') return false;
  if (enc.qualified !== undefined && !TENSOR_LOG.test(enc.qualified)) return false;
  const outer = calleeOf(ctx.ir, enc.range);
  const inner = ctx.ir.textAt(call.range);
  return !!outer && outer.rest.replace(/\s+/g, '') === `(${inner.replace(/\s+/g, '')})`;
}

/** The log-space counterpart (log_softmax for softmax) bound in the same framework, kind and namespace. */
function replacementCallee(ctx: RuleContext, call: ActivationCall): string | undefined {
  const ref = call.activation;
  const binding = ref.resolved?.binding;
  const counterpart = ref.id ? getEntry(`log_${ref.id}`) : undefined;
  const callee = calleeOf(ctx.ir, call.range);
  if (!binding || !counterpart?.properties.logProbabilities || !callee || ref.kind === 'tensor-method') return undefined;
  const same = counterpart.names.find((b) => b.framework === binding.framework && b.kind === binding.kind && b.module === binding.module);
  if (same) return withLastSegment(callee.text, same.name);
  // torch.sigmoid → torch.nn.functional.logsigmoid, tf.sigmoid → tf.math.log_sigmoid: the counterpart's
  // full namespace, when its root is the root the code already uses.
  const root = callee.text.split('.')[0];
  const other = counterpart.names.find((b) => b.framework === binding.framework && b.kind === binding.kind && b.module?.split('.')[0] === root && !b.deprecated);
  if (other?.module) return `${other.module}.${other.name}`;
  return undefined;
}

/** The counterpart as the framework spells it, for the message when no fix can be built. */
function counterpartName(call: ActivationCall): string | undefined {
  const ref = call.activation;
  const b = (ref.id ? getEntry(`log_${ref.id}`) : undefined)?.names.find((n) => n.framework === ref.framework && !n.deprecated && n.module !== undefined && n.kind !== 'tensor-method');
  return b ? `${b.module}.${b.name}` : undefined;
}

export const rule: RuleModule = {
  id: 'ACT012',
  name: 'log-of-softmax',
  defaultSeverity: 'warning',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const call of ctx.ir.activationCalls) {
      if (!propsOf(call.activation)?.squashesToProbabilities || !isLogOf(ctx, call)) continue;
      const enc = call.enclosingCall!;
      const newCallee = replacementCallee(ctx, call);
      const calleeText = calleeOf(ctx.ir, call.range);
      const replacement = newCallee ?? counterpartName(call) ?? (propsOf(call.activation)!.vector ? 'log_softmax' : 'log_sigmoid');
      let fix: Fix | undefined;
      if (newCallee && calleeText) {
        fix = { title: fmt(ctx, messages.fix, { replacement: newCallee }), safe: true, edits: [replace(enc.range, newCallee + calleeText.rest)] };
      }
      out.push({ message: fmt(ctx, messages.logOf, { name: call.activation.name, replacement }), range: enc.range, ...(fix ? { fix } : {}) });
    }
    return out;
  },
  docs: {
    summary: l('`log(softmax(x))` or `log(sigmoid(x))`: use log_softmax / logsigmoid.', '`log(softmax(x))` 或 `log(sigmoid(x))`：请用 log_softmax / logsigmoid。'),
    whatItDoes:
      'Finds a tensor library\'s `log` (`torch.log`, `tf.math.log`, `tf.log`, `keras.ops.log`) applied directly to a call of an activation that squashes to probabilities (softmax, sigmoid, …), and points to the fused log-space function the same framework offers.',
    notFlagged:
      "`log_softmax` / `log_sigmoid` already; `log(softmax(x) + eps)` (deliberate smoothing: the log's argument is not the activation alone); the log of an activation that does not squash to probabilities (relu); `math.log` and other non-tensor logs of Python numbers.",
    whyBad:
      'softmax and sigmoid round small probabilities to exactly 0 in float32 (for a logit gap above about 104), and log(0) is -inf: the loss becomes inf and the gradients NaN. log_softmax computes x - logsumexp(x) directly, which stays finite and is also faster; logsigmoid likewise.',
    example: {
      language: 'python',
      code: [
        'import torch',
        'import torch.nn.functional as F',
        '',
        'log_probs = torch.log(F.softmax(logits, dim=1))',
        '',
      ].join('\n'),
    },
    useInstead: {
      language: 'python',
      code: [
        'import torch',
        'import torch.nn.functional as F',
        '',
        'log_probs = F.log_softmax(logits, dim=1)',
        '',
      ].join('\n'),
    },
    fixSafety:
      'Safe. log_softmax(x, dim) equals log(softmax(x, dim)) in exact arithmetic, takes the same arguments and keeps the same `dim`; the results differ only by rounding, and only where the original underflowed to -inf does the fixed code give a different (finite, correct) value. A correct model computes the same thing.',
  },
};
