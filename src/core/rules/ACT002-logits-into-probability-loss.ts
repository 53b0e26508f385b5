import type { RuleModule, RawFinding, RuleContext } from './types';
import type { Fix } from '../types';
import type { Link } from '../ir';
import { fmt, l } from './util/message';
import { outputHead, propsOf, rangeKey } from './util/ir';
import { insertArg, replace } from './util/edits';

const messages = {
  probabilities: l(
    "The loss '{loss}' expects probabilities, but the model output {what}",
    "损失函数 '{loss}' 期望概率，但模型输出{whatZh}",
  ),
  logProbabilities: l(
    "The loss '{loss}' expects log-probabilities (log_softmax), but the model output {what}",
    "损失函数 '{loss}' 期望对数概率（log_softmax），但模型输出{whatZh}",
  ),
  related: l('the model output is produced here', '模型输出在这里产生'),
  fixLogits: l("Use '{replacement}' (takes logits)", "改用 '{replacement}'（接受 logits）"),
  fixFromLogits: l('Set from_logits=True', '改为 from_logits=True'),
};

/** torch losses and their logits-taking counterparts (the fix only; detection reads loss.expects). */
const TORCH_LOGITS: Readonly<Record<string, string>> = {
  BCELoss: 'BCEWithLogitsLoss',
  binary_cross_entropy: 'binary_cross_entropy_with_logits',
  NLLLoss: 'CrossEntropyLoss',
  nll_loss: 'cross_entropy',
};

function fixFor(ctx: RuleContext, link: Link): Fix | undefined {
  const loss = link.loss;
  if (loss.framework === 'torch') {
    const replacement = TORCH_LOGITS[loss.name];
    if (!replacement || ctx.ir.textAt(loss.nameRange).split('.').pop() !== loss.name) return undefined;
    const callee = ctx.ir.textAt(loss.nameRange);
    return { title: fmt(ctx, messages.fixLogits, { replacement }), safe: false, edits: [replace(loss.nameRange, callee.slice(0, callee.length - loss.name.length) + replacement)] };
  }
  if (loss.framework === 'keras' && loss.form === 'object') {
    if (loss.fromLogitsArg) {
      if (loss.fromLogits !== false) return undefined;
      return { title: fmt(ctx, messages.fixFromLogits), safe: false, edits: [replace(loss.fromLogitsArg.range, 'True')] };
    }
    const edit = insertArg(ctx.ir, loss.range, loss.args, 'from_logits=True');
    return edit ? { title: fmt(ctx, messages.fixFromLogits), safe: false, edits: [edit] } : undefined;
  }
  return undefined;
}

export const rule: RuleModule = {
  id: 'ACT002',
  name: 'logits-into-probability-loss',
  defaultSeverity: 'warning',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const link of ctx.ir.links) {
      const expects = link.loss.expects;
      if (expects !== 'probabilities' && expects !== 'log-probabilities') continue;
      const head = outputHead(link);
      if (!head) continue;
      const p = propsOf(head.activation);
      if (!head.linear && !p) continue;
      let what: string;
      let whatZh: string;
      if (head.linear || p!.identity) {
        what = 'has no activation (logits)';
        whatZh = '没有激活函数（是 logits）';
      } else if (expects === 'probabilities') {
        if (p!.squashesToProbabilities) continue;
        what = p!.logProbabilities ? `is '${head.activation!.name}' (log-probabilities)` : `is '${head.activation!.name}', not a probability`;
        whatZh = p!.logProbabilities ? `是 '${head.activation!.name}'（对数概率）` : `是 '${head.activation!.name}'，不是概率`;
      } else {
        if (p!.logProbabilities) continue;
        what = `is '${head.activation!.name}'`;
        whatZh = `是 '${head.activation!.name}'`;
      }
      const key = rangeKey(link.loss.range) + '|' + rangeKey(head.site);
      if (seen.has(key)) continue;
      seen.add(key);
      const fix = fixFor(ctx, link);
      out.push({
        message: fmt(ctx, expects === 'probabilities' ? messages.probabilities : messages.logProbabilities, { loss: link.loss.name, what, whatZh }),
        range: link.loss.range,
        related: [{ range: head.site, message: fmt(ctx, messages.related) }],
        ...(fix ? { fix } : {}),
      });
    }
    return out;
  },
  docs: {
    summary: l(
      'A model output that is not a probability (no activation, relu, tanh …) feeds a loss that expects probabilities or log-probabilities.',
      '不是概率的模型输出（无激活、relu、tanh……）被送进期望概率或对数概率的损失函数。',
    ),
    whatItDoes:
      'Finds a loss that expects probabilities — Keras `categorical_crossentropy`, `sparse_categorical_crossentropy` and `binary_crossentropy` with `from_logits` False (the default), PyTorch `BCELoss` / `F.binary_cross_entropy`, TensorFlow.js `categoricalCrossentropy` / `binaryCrossentropy` — or log-probabilities (PyTorch `NLLLoss` / `F.nll_loss`), fed by a model output whose last step is known not to produce them: a layer without activation, or an activation such as relu or tanh. It stays silent when the output head cannot be read with certainty.',
    notFlagged:
      "An output activation that produces what the loss expects (sigmoid or softmax with a probability loss, `log_softmax` with `NLLLoss`), also when identity steps sit between it and the loss: a softmax followed by `Activation('linear', dtype='float32')` (the mixed-precision cast), `nn.Identity()`, `Dropout`, `tf.identity` or `tf.cast` still outputs probabilities. A regression head without activation with a regression loss; a sigmoid decoder with binary cross-entropy (VAEs); an activation given by an expression the analyzer cannot resolve; a model output that cannot be read with certainty (several `return`s giving different steps).",
    whyBad:
      'Logits are not probabilities. Keras clips them into (0, 1) and the loss becomes meaningless; PyTorch `BCELoss` raises an error on values outside [0, 1] or, worse, trains on whatever it gets; `NLLLoss` on raw scores simply picks the score of the target class, which the network can push to infinity.',
    example: {
      language: 'python',
      code: [
        'from tensorflow import keras',
        '',
        'model = keras.Sequential([',
        "    keras.layers.Dense(64, activation='relu'),",
        '    keras.layers.Dense(10),',
        '])',
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')",
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
        '    keras.layers.Dense(10),',
        '])',
        "model.compile(optimizer='adam', loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))",
        '',
      ].join('\n'),
    },
    fixSafety:
      'Unsafe. PyTorch: the fix switches to the logits-taking loss (`BCELoss` → `BCEWithLogitsLoss`, `NLLLoss` → `CrossEntropyLoss`, and the functional forms); Keras loss objects: it sets `from_logits=True`. Both change what the loss computes (correctly, if the output really is logits). No fix is offered for string losses.',
  },
};
