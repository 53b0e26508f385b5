import type { RuleModule, RawFinding, RuleContext } from './types';
import type { Layer } from '../ir';
import type { Fix } from '../types';
import { fmt, l } from './util/message';
import { flowChains, isPassThrough, rangeKey, stepNonlinearity } from './util/ir';
import { insertArg, replace, requote } from './util/edits';

const messages = {
  collapse: l(
    "'{first}' feeds '{second}' with no nonlinearity between them: the two collapse into a single linear map",
    "'{first}' 直接连到 '{second}'，中间没有非线性：两层会合并成一个线性映射",
  ),
  related: l('the next affine layer', '下一个仿射层'),
  fix: l("Add activation='relu'", "添加 activation='relu'"),
};

/** Steps that keep a chain linear: dropout and identity activations (see isPassThrough), reshapes (Flatten, view). */
function linearPassThrough(layer: Layer): boolean {
  return isPassThrough(layer) || layer.kind === 'reshape';
}

const pointwise = (l: Layer): boolean => l.kernelSize !== undefined && l.kernelSize.every((k) => k === 1);

/**
 * A deliberate factorization of one convolution into two linear ones, each far cheaper than the
 * full kernel it stands for:
 *  - depthwise (or grouped) then pointwise: a depthwise-separable convolution (MobileNet, Xception,
 *    grouped pointwise as in EfficientViT); pointwise then depthwise is the blueprint-separable order (BSConv-U);
 *  - a pointwise channel compressor then a spatial convolution (not when it visibly expands);
 *  - kernels that are 1 on complementary axes: (1, k, k) then (k, 1, 1) ("(2+1)D", R(2+1)D), (1, k) then (k, 1).
 */
export function factorized(a: Layer, b: Layer): boolean {
  if (a.grouped && pointwise(b)) return true;
  if (pointwise(a) && b.grouped && !pointwise(b)) return true;
  // A 1×1 channel compressor before a spatial convolution (CARAFE's compressor + content encoder):
  // a low-rank factorization unless the literals show the 1×1 does not compress.
  if (pointwise(a) && b.kernelSize && !pointwise(b) && !(a.units !== undefined && a.inFeatures !== undefined && a.units >= a.inFeatures)) return true;
  const ka = a.kernelSize;
  const kb = b.kernelSize;
  // Every axis is 1 in one of the two kernels (sizes written as expressions count as unknown, not 1).
  return !!ka && !!kb && ka.length >= 2 && ka.length === kb.length && !pointwise(a) && !pointwise(b) && ka.every((k, i) => k === 1 || kb[i] === 1);
}

function fixFor(ctx: RuleContext, layer: Layer): Fix | undefined {
  if (layer.framework === 'torch' || layer.origin !== 'layer') return undefined;
  const arg = layer.activationArg;
  if (arg) {
    if (!(arg.isLiteral && (arg.value === null || arg.value === 'linear'))) return undefined;
    const text = typeof arg.value === 'string' ? requote(arg.text, 'relu') : "'relu'";
    return { title: fmt(ctx, messages.fix), safe: false, edits: [replace(arg.range, text)] };
  }
  // tfjs layers take one config object: its properties are the named args.
  if (layer.framework === 'tfjs' && !layer.args.some((a) => a.name !== undefined)) return undefined;
  const edit = insertArg(ctx.ir, layer.range, layer.args, layer.framework === 'tfjs' ? "activation: 'relu'" : "activation='relu'");
  return edit ? { title: fmt(ctx, messages.fix), safe: false, edits: [edit] } : undefined;
}

export const rule: RuleModule = {
  id: 'ACT005',
  name: 'missing-nonlinearity',
  defaultSeverity: 'warning',
  fixable: true,
  messages,
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const model of ctx.ir.models) {
      const chains = flowChains(model);
      for (const chain of chains) {
        for (let i = 0; i < chain.length; i++) {
          const first = chain[i]!;
          if (first.kind !== 'affine' || first.gated || stepNonlinearity(first) !== 'linear') continue;
          let j = i + 1;
          while (j < chain.length && linearPassThrough(chain[j]!)) j++;
          const second = chain[j];
          if (!second || second.kind !== 'affine') continue;
          // A narrow linear layer feeding a wider one is a bottleneck / latent code (autoencoders,
          // low-rank factorizations): deliberate, not reported.
          if (first.units !== undefined && second.units !== undefined && first.units < second.units) continue;
          if (factorized(first, second)) continue;
          const key = rangeKey(first.range);
          if (seen.has(key)) continue;
          seen.add(key);
          const fix = fixFor(ctx, first);
          out.push({
            message: fmt(ctx, messages.collapse, { first: first.className, second: second.className }),
            range: first.nameRange,
            related: [{ range: second.nameRange, message: fmt(ctx, messages.related) }],
            ...(fix ? { fix } : {}),
          });
        }
      }
    }
    return out;
  },
  docs: {
    summary: l(
      'Two affine layers (Dense, Linear, Conv) follow each other with no nonlinearity between them.',
      '两个仿射层（Dense、Linear、Conv）之间没有非线性激活。',
    ),
    whatItDoes:
      'Walks each model in execution order and reports an affine layer (Dense, Linear, Conv, …) without an activation — no `activation=`, `activation=None` or `\'linear\'` — whose output reaches the next affine layer through nothing but dropout or reshapes (Flatten, view). Normalization, pooling, attention and unknown steps end the search. A narrow layer feeding a wider one (a bottleneck or latent code, as in autoencoders and low-rank factorizations) is deliberate and not reported.',
    notFlagged:
      "A nonlinearity between the two layers; normalization, pooling, attention or an unknown step between them (BatchNorm keeps the pair from collapsing during training); a narrow layer feeding a wider one (a bottleneck or latent code); deliberate factorizations of one convolution: a depthwise or grouped convolution (`groups=in_channels` or any `groups` other than 1, `DepthwiseConv*`, `SeparableConv*`) followed by a pointwise (1×1) or grouped pointwise convolution, a pointwise convolution followed by a depthwise one (blueprint-separable), a 1×1 channel compressor followed by a spatial convolution (unless its channel counts are literals showing it does not compress), and kernels that are 1 on complementary axes, such as a (2+1)D `Conv3D` (1, k, k) then (k, 1, 1) or an Inception-style (1, 7) then (7, 1). Layers applied in different arms of an `if` / `else` (a re-parameterized inference convolution and the training branch it replaces) are alternatives, not a sequence. Parallel heads of a subclass (VAE mu / logvar, attention q / k / v projections) are not adjacent: forward() order is not data flow. Full convolutions or dense layers stacked with nothing between them, or with only dropout, `nn.Identity()`, `Activation('linear')` or reshapes between them, are still reported.",
    whyBad:
      'A composition of affine maps is one affine map: W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂). However many such layers are stacked, the model can only represent what one layer can, and the extra layer only adds parameters and compute. The nonlinearity between layers is what makes depth useful.',
    example: {
      language: 'python',
      code: [
        'import torch.nn as nn',
        '',
        'model = nn.Sequential(',
        '    nn.Linear(784, 256),',
        '    nn.Linear(256, 10),',
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
        '    nn.Linear(784, 256),',
        '    nn.ReLU(),',
        '    nn.Linear(256, 10),',
        ')',
        '',
      ].join('\n'),
    },
    fixSafety:
      "Unsafe. For Keras and TensorFlow.js layers the fix adds `activation='relu'` (or replaces `None` / `'linear'`). That changes the model; a deliberate factorization the rule does not recognize (see What it does not flag) is the case where the linear pair is intended: then add a `noqa` comment.",
  },
};
