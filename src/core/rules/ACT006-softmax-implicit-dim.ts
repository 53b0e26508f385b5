import type { RuleModule, RawFinding } from './types';
import type { ActivationRef } from '../ir';
import { getArg } from '../ir';
import { fmt, l } from './util/message';
import { propsOf } from './util/ir';
import { insertArg } from './util/edits';

const messages = {
  implicit: l(
    "'{name}' without dim: PyTorch guesses the axis (dim=0 for 0-, 1- and 3-D input, dim=1 otherwise) and warns that this is deprecated. Pass dim explicitly",
    "'{name}' 未指定 dim：PyTorch 会猜测轴（0、1、3 维输入取 dim=0，其余取 dim=1），并提示该用法已弃用。请显式传入 dim",
  ),
  fix: l('Add dim=1', '添加 dim=1'),
};

/** A softmax-family op whose torch signature has `dim=None` and no dim given (by name or position). */
function implicitDim(ref: ActivationRef): boolean {
  const binding = ref.resolved?.binding;
  const p = propsOf(ref);
  if (!binding || !p || ref.framework !== 'torch' || !p.vector) return false;
  if (!(p.squashesToProbabilities || p.logProbabilities)) return false;
  if (!/\bdim=None\b/.test(binding.signature)) return false;
  const position = binding.positional?.indexOf('axis') ?? -1;
  if (getArg(ref.args, 'dim', position >= 0 ? position : undefined)) return false;
  return true;
}

/** *args / **kwargs could carry dim: stay silent. */
function splatted(text: string): boolean {
  return /[(,]\s*\*{1,2}[A-Za-z_]/.test(text);
}

export const rule: RuleModule = {
  id: 'ACT006',
  name: 'softmax-implicit-dim',
  defaultSeverity: 'warning',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const ref of ctx.ir.activations) {
      if (!implicitDim(ref) || splatted(ctx.ir.textAt(ref.range))) continue;
      const edit = insertArg(ctx.ir, ref.range, ref.args, 'dim=1');
      out.push({
        message: fmt(ctx, messages.implicit, { name: ref.name }),
        range: ref.range,
        ...(edit ? { fix: { title: fmt(ctx, messages.fix), safe: false, edits: [edit] } } : {}),
      });
    }
    return out;
  },
  docs: {
    summary: l('PyTorch softmax / log_softmax / softmin without `dim`.', 'PyTorch 的 softmax / log_softmax / softmin 未指定 `dim`。'),
    whatItDoes:
      'Finds `nn.Softmax()`, `nn.LogSoftmax()`, `nn.Softmin()` and `F.softmax(x)`, `F.log_softmax(x)`, `F.softmin(x)` called without a `dim` (neither by keyword nor by position) — every PyTorch softmax-family API whose `dim` defaults to None.',
    notFlagged:
      "`dim` given by keyword or by position, also through `**kwargs`; `torch.softmax` and `Tensor.softmax`, whose `dim` is required anyway; `nn.Softmax2d`, which has no `dim`; Keras and TensorFlow softmax, whose axis defaults to -1.",
    whyBad:
      'With `dim=None` PyTorch picks the axis from the number of dimensions of the input: dim 0 for 0-, 1- and 3-D tensors, dim 1 otherwise, and emits a deprecation warning. For a batch of sequences (3-D) that is the batch axis, so the "probabilities" are normalized across examples. The code silently changes meaning when the input shape changes.',
    example: {
      language: 'python',
      code: [
        'import torch.nn as nn',
        'import torch.nn.functional as F',
        '',
        'class Net(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.fc = nn.Linear(128, 10)',
        '',
        '    def forward(self, x):',
        '        return F.softmax(self.fc(x))',
        '',
      ].join('\n'),
    },
    useInstead: {
      language: 'python',
      code: [
        'import torch.nn as nn',
        'import torch.nn.functional as F',
        '',
        'class Net(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.fc = nn.Linear(128, 10)',
        '',
        '    def forward(self, x):',
        '        return F.softmax(self.fc(x), dim=1)',
        '',
      ].join('\n'),
    },
    fixSafety:
      'Unsafe. The fix adds `dim=1`, which is what PyTorch picks for 2-D and 4-D inputs; for 1-D or 3-D inputs it changes the axis (and is then usually the intended one). Check the shape before applying.',
  },
};
