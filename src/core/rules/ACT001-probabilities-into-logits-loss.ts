import type { RuleModule, RawFinding } from './types';
import type { Fix } from '../types';
import type { Link } from '../ir';
import { fmt, l } from './util/message';
import { outputHead, propsOf, rangeKey, type OutputHead } from './util/ir';
import { replace } from './util/edits';
import { removeLayerEdit, unwrapCallEdit } from './util/remove';

const messages = {
  squashed: l(
    "'{activation}' already turns the output into {what}, but the loss '{loss}' expects logits and applies {again} again",
    "'{activation}' 已把输出变成{whatZh}，但损失函数 '{loss}' 期望 logits，会再做一次 {again}",
  ),
  logSoftmax: l(
    "'{activation}' output goes into '{loss}', which applies log_softmax itself: the extra log_softmax is redundant",
    "'{activation}' 的输出送入 '{loss}'，而该损失函数自己会做 log_softmax：多出的 log_softmax 是多余的",
  ),
  related: l("the loss '{loss}' expects logits", "损失函数 '{loss}' 期望 logits"),
  fixFromLogits: l('Set from_logits=False', '改为 from_logits=False'),
  fixRemove: l("Remove '{activation}' and feed logits to the loss", "删除 '{activation}'，把 logits 交给损失函数"),
};

function fixFor(ctx: Parameters<RuleModule['check']>[0], link: Link, head: OutputHead): Fix | undefined {
  const loss = link.loss;
  const name = head.activation!.name;
  if (loss.fromLogitsArg && loss.fromLogits === true) {
    return { title: fmt(ctx, messages.fixFromLogits), safe: false, edits: [replace(loss.fromLogitsArg.range, 'False')] };
  }
  const edit = head.call ? unwrapCallEdit(head.call) : head.layer?.origin === 'call' && head.layer.call ? unwrapCallEdit(head.layer.call) : head.layer ? removeLayerEdit(ctx.ir, head.layer) : undefined;
  if (!edit || head.layer?.kind === 'affine') return undefined;
  return { title: fmt(ctx, messages.fixRemove, { activation: name }), safe: false, edits: [edit] };
}

export const rule: RuleModule = {
  id: 'ACT001',
  name: 'probabilities-into-logits-loss',
  defaultSeverity: 'warning',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const link of ctx.ir.links) {
      if (link.loss.expects !== 'logits') continue;
      const head = outputHead(link);
      const p = propsOf(head?.activation);
      if (!head || !p || !(p.squashesToProbabilities || p.logProbabilities)) continue;
      const key = rangeKey(head.site) + '|' + rangeKey(link.loss.range);
      if (seen.has(key)) continue;
      seen.add(key);
      const activation = head.activation!.name;
      const loss = link.loss.name;
      const multiclass = link.loss.task === 'multiclass' || p.vector;
      // log_softmax before a softmax cross-entropy is harmless (log_softmax is idempotent), but redundant.
      const message = p.logProbabilities && p.vector && link.loss.task === 'multiclass'
        ? fmt(ctx, messages.logSoftmax, { activation, loss })
        : fmt(ctx, messages.squashed, {
            activation,
            loss,
            what: p.logProbabilities ? 'log-probabilities' : 'probabilities',
            whatZh: p.logProbabilities ? '对数概率' : '概率',
            again: multiclass ? 'softmax' : 'sigmoid',
          });
      const fix = fixFor(ctx, link, head);
      out.push({
        message,
        range: head.site,
        related: [{ range: link.loss.fromLogitsArg?.fullRange ?? link.loss.range, message: fmt(ctx, messages.related, { loss }) }],
        ...(fix ? { fix } : {}),
      });
    }
    return out;
  },
  docs: {
    summary: l(
      'An output that is already a probability (softmax, sigmoid, log_softmax) feeds a loss that expects logits.',
      '已经是概率的输出（softmax、sigmoid、log_softmax）被送进期望 logits 的损失函数。',
    ),
    whatItDoes:
      "Finds a model output that ends in a probability-producing activation (softmax, sigmoid, log_softmax, or any activation the catalog marks as squashing to probabilities) and reaches a loss that applies that squashing itself: Keras losses with `from_logits=True`, PyTorch `CrossEntropyLoss` / `F.cross_entropy` and `BCEWithLogitsLoss`, TensorFlow's `*_cross_entropy_with_logits`, TensorFlow.js `tf.losses.softmaxCrossEntropy` / `sigmoidCrossEntropy`. The softmax layer and the loss are linked as related locations.",
    notFlagged:
      "Logits fed to a loss that takes logits; a softmax or sigmoid applied to the output only for prediction (under `torch.no_grad()`, after `model.eval()`, in a predict / inference function, or in a separate wrapper such as `Sequential([model, Softmax()])`); `log_softmax` followed by `NLLLoss`. Identity steps between the output activation and the loss (`nn.Identity()`, `Activation('linear')` used as a float32 cast in mixed-precision code, `Dropout`, `tf.identity`, `tf.cast`) change nothing: logits through them stay logits and are not reported, a probability through them stays a probability and is. A model output that cannot be read with certainty (several `return`s giving different steps, an activation the analyzer cannot resolve) is left alone.",
    whyBad:
      'The loss squashes its input again. Softmax of probabilities in (0, 1) is close to uniform, so the loss barely moves and its gradients shrink: training is slow or stalls while the code runs without an error. log_softmax before `CrossEntropyLoss` is the exception: it is mathematically harmless (log_softmax is idempotent) but redundant.',
    example: {
      language: 'python',
      code: [
        'import torch.nn as nn',
        '',
        'model = nn.Sequential(',
        '    nn.Linear(784, 128),',
        '    nn.ReLU(),',
        '    nn.Linear(128, 10),',
        '    nn.Softmax(dim=1),',
        ')',
        'criterion = nn.CrossEntropyLoss()',
        'loss = criterion(model(x), y)',
        '',
      ].join('\n'),
    },
    useInstead: {
      language: 'python',
      code: [
        'import torch.nn as nn',
        '',
        'model = nn.Sequential(',
        '    nn.Linear(784, 128),',
        '    nn.ReLU(),',
        '    nn.Linear(128, 10),',
        ')',
        'criterion = nn.CrossEntropyLoss()',
        'loss = criterion(model(x), y)',
        '',
      ].join('\n'),
    },
    fixSafety:
      'Unsafe. The fix removes the softmax/sigmoid step (PyTorch, or a Keras list of layers) or sets `from_logits=False` (Keras). Either changes what the model or the loss computes: code that calls the model for predictions then receives logits instead of probabilities. It is offered, never applied in bulk.',
  },
};
