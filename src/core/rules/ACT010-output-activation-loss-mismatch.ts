import type { RuleModule, RawFinding } from './types';
import { fmt, l } from './util/message';
import { isSigmoidLike, isSoftmaxLike, outputHead, rangeKey } from './util/ir';

const messages = {
  sigmoidCategorical: l(
    "'{activation}' on {units} units with the multi-class loss '{loss}': sigmoid outputs do not sum to 1. Use softmax for one class per example, or a binary loss for multi-label",
    "对 {units} 个单元用 '{activation}'，配多分类损失 '{loss}'：sigmoid 输出之和不为 1。每个样本只有一个类别时用 softmax，多标签时用二元损失",
  ),
  softmaxBinary: l(
    "'{activation}' on {units} units with the binary loss '{loss}': softmax makes the classes compete. Use sigmoid for multi-label outputs, or a categorical loss",
    "对 {units} 个单元用 '{activation}'，配二元损失 '{loss}'：softmax 让各类别互相竞争。多标签输出请用 sigmoid，否则用分类交叉熵",
  ),
  softmaxRegression: l(
    "'{activation}' output with the regression loss '{loss}': a softmax output sums to 1 and cannot fit arbitrary targets. Regression heads usually have no activation",
    "'{activation}' 输出配回归损失 '{loss}'：softmax 输出之和为 1，拟合不了任意目标值。回归输出层通常不加激活函数",
  ),
  related: l("the loss '{loss}'", "损失函数 '{loss}'"),
};

export const rule: RuleModule = {
  id: 'ACT010',
  name: 'output-activation-loss-mismatch',
  defaultSeverity: 'warning',
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const link of ctx.ir.links) {
      const loss = link.loss;
      if (loss.expects !== 'probabilities' && loss.expects !== 'regression') continue;
      const head = outputHead(link);
      if (!head || head.linear || !head.activation) continue;
      const units = head.units;
      let message: string | undefined;
      const vars = { activation: head.activation.name, loss: loss.name, units: units ?? '?' };
      if (loss.expects === 'probabilities' && loss.task === 'multiclass' && isSigmoidLike(head.activation) && units !== undefined && units >= 2) {
        message = fmt(ctx, messages.sigmoidCategorical, vars);
      } else if (loss.expects === 'probabilities' && loss.task === 'binary' && isSoftmaxLike(head.activation) && units !== undefined && units >= 3) {
        // Two softmax units with binary cross-entropy on one-hot labels equals categorical cross-entropy: not reported.
        message = fmt(ctx, messages.softmaxBinary, vars);
      } else if (loss.expects === 'regression' && loss.task === 'regression' && isSoftmaxLike(head.activation)) {
        message = fmt(ctx, messages.softmaxRegression, vars);
      }
      if (!message) continue;
      const key = rangeKey(head.site) + '|' + rangeKey(loss.range);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ message, range: head.site, related: [{ range: loss.range, message: fmt(ctx, messages.related, { loss: loss.name }) }] });
    }
    return out;
  },
  docs: {
    summary: l(
      "The output activation does not match the loss's task (sigmoid with a categorical loss, softmax with a binary or regression loss).",
      '输出层激活函数与损失函数的任务不匹配（sigmoid 配多分类损失，softmax 配二元或回归损失）。',
    ),
    whatItDoes:
      'Reads the activation of a model output and the task of the loss it reaches: a sigmoid-like output (pointwise, squashing to probabilities) on two or more units with a categorical cross-entropy; a softmax-like output on three or more units with a binary cross-entropy; a softmax-like output with a regression loss (MSE, MAE, Huber). Losses that take logits are left to ACT001/ACT002.',
    notFlagged:
      "Two softmax units with binary cross-entropy (equivalent to a categorical loss); multi-label sigmoid outputs with binary cross-entropy; a sigmoid output with a regression loss (regression onto targets in [0, 1]); softmax with a categorical cross-entropy; multi-output models judged output by output (a softmax head with its cross-entropy next to a linear box head with MSE). Identity steps (`Dropout`, `nn.Identity()`, `Activation('linear')`) between the output and the loss do not hide the output activation. Losses that take logits are left to ACT001 / ACT002.",
    whyBad:
      'Sigmoid treats each unit as an independent yes/no, so its outputs do not form a distribution over classes; Keras renormalizes them silently and the gradients no longer match the model. Softmax makes units compete, which is wrong for multi-label targets scored unit by unit. A softmax output always sums to 1, so it cannot fit regression targets.',
    example: {
      language: 'python',
      code: [
        'from tensorflow import keras',
        '',
        'model = keras.Sequential([',
        "    keras.layers.Dense(64, activation='relu'),",
        "    keras.layers.Dense(5, activation='sigmoid'),",
        '])',
        "model.compile(optimizer='adam', loss='categorical_crossentropy')",
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
        "    keras.layers.Dense(5, activation='softmax'),",
        '])',
        "model.compile(optimizer='adam', loss='categorical_crossentropy')",
        '',
      ].join('\n'),
    },
    fixSafety: 'No fix: whether the task is multi-class, multi-label or regression is known only to the author, and either change alters the model.',
  },
};
