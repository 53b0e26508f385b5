import type { RuleModule, RawFinding, RuleContext } from './types';
import type { ActivationRef } from '../ir';
import type { Range } from '../types';
import { fmt, l } from './util/message';
import { calleeOf } from './util/callee';
import { replace } from './util/edits';

const messages = {
  deprecated: l("'{name}' is deprecated; use {replacement}", "'{name}' 已弃用；请改用 {replacement}"),
  fix: l('Use {replacement}', '改用 {replacement}'),
};

/** The root name of the replacement (`torch` for `torch.sigmoid`) is bound by an import in this file. */
function rootBound(ctx: RuleContext, replacement: string): boolean {
  const root = replacement.split('.')[0]!;
  return ctx.ir.imports.some((i) => i.local === root && (i.qualified === root || i.qualified.startsWith(`${root}.`)));
}

/** The text to replace: the callee of a call, or the whole reference (`activation=F.tanh`). */
function target(ctx: RuleContext, ref: ActivationRef): Range | undefined {
  if (ref.args.length > 0 || /\)\s*$/.test(ctx.ir.textAt(ref.range))) return calleeOf(ctx.ir, ref.range)?.range;
  return /^[\w.]+$/.test(ctx.ir.textAt(ref.range)) ? ref.range : undefined;
}

export const rule: RuleModule = {
  id: 'ACT013',
  name: 'deprecated-activation-api',
  defaultSeverity: 'hint',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    for (const ref of ctx.ir.activations) {
      const replacement = ref.resolved?.binding.deprecated?.replacement;
      if (!replacement) continue;
      const range = target(ctx, ref);
      const name = range ? ctx.ir.textAt(range) : ref.name;
      const fix = range && rootBound(ctx, replacement)
        ? { title: fmt(ctx, messages.fix, { replacement }), safe: true, edits: [replace(range, replacement)] }
        : undefined;
      out.push({ message: fmt(ctx, messages.deprecated, { name, replacement }), range: range ?? ref.range, ...(fix ? { fix } : {}) });
    }
    return out;
  },
  docs: {
    summary: l('A deprecated activation API such as `F.sigmoid` or `F.tanh`.', '使用了已弃用的激活函数 API，例如 `F.sigmoid`、`F.tanh`。'),
    whatItDoes:
      'Finds activation names the catalog marks as deprecated in their framework — `torch.nn.functional.sigmoid` and `torch.nn.functional.tanh` among them — and names the replacement.',
    notFlagged:
      "The current spellings (`torch.sigmoid`, `torch.tanh`, `F.relu`, `F.softmax`); names the catalog does not mark as deprecated in that framework.",
    whyBad:
      'Deprecated spellings emit warnings on every call and can disappear in a future release. The replacements compute exactly the same function.',
    example: {
      language: 'python',
      code: [
        'import torch',
        'import torch.nn.functional as F',
        '',
        'gate = F.sigmoid(scores)',
        '',
      ].join('\n'),
    },
    useInstead: {
      language: 'python',
      code: [
        'import torch',
        'import torch.nn.functional as F',
        '',
        'gate = torch.sigmoid(scores)',
        '',
      ].join('\n'),
    },
    fixSafety:
      'Safe when offered: the replacement is the same function under its current name (`F.sigmoid` → `torch.sigmoid`). The fix is offered only when the replacement\'s root name (`torch`) is imported in the file, so the edited code still resolves.',
  },
};
