/**
 * Read-only helpers over the IR shared by several rules. Every helper answers `undefined` when the
 * IR is uncertain: the rules prefer silence to a guess.
 */
import type { ActivationProperties } from '../../math/types';
import { flatLayers, type ActivationCall, type ActivationRef, type Layer, type Link, type Model } from '../../ir';
import type { Range } from '../../types';

export function propsOf(ref: ActivationRef | undefined): ActivationProperties | undefined {
  return ref?.resolved?.entry.properties;
}

/** A probability-squashing op over a vector axis (softmax, softmin, sparsemax). */
export function isSoftmaxLike(ref: ActivationRef | undefined): boolean {
  const p = propsOf(ref);
  return !!p && p.vector && p.squashesToProbabilities;
}

/** A pointwise probability squash (sigmoid, hard sigmoid). */
export function isSigmoidLike(ref: ActivationRef | undefined): boolean {
  const p = propsOf(ref);
  return !!p && !p.vector && p.squashesToProbabilities;
}

/**
 * What a step does to its input as far as nonlinearity goes:
 * 'linear' (no activation, None, 'linear'), 'nonlinear' (a known activation that is not the
 * identity), or 'unknown' (an expression the catalog cannot resolve).
 */
export function stepNonlinearity(layer: Layer): 'linear' | 'nonlinear' | 'unknown' {
  if (layer.activation) {
    const p = propsOf(layer.activation);
    if (!p) return 'unknown';
    return p.identity ? 'linear' : 'nonlinear';
  }
  const arg = layer.activationArg;
  if (!arg) return 'linear';
  if (arg.isLiteral && arg.value === null) return 'linear';
  return 'unknown';
}

/**
 * Steps that leave the values they pass on unchanged at inference time: dropout, and identity
 * activations (`nn.Identity()`, `Activation('linear')`, often a float32 cast after a softmax in
 * mixed-precision code). A probability stays a probability through them, logits stay logits.
 */
export function isPassThrough(layer: Layer): boolean {
  if (layer.kind === 'dropout') return true;
  return layer.kind === 'activation' && propsOf(layer.activation)?.identity === true;
}

/**
 * Chains are expanded recursively (a container's inner model, its own containers …, to depth 8),
 * and the same inner model often sits in several containers (timm's dla.py: a Tree of Trees), so
 * the expansion of one model at one depth is memoized for the duration of one outermost call:
 * without it the work grows with (containers per model)^depth — 3.7 s of rules on a 609-line file.
 * The answers depend on the depth (the cut-off), so the depth is part of the key. Nothing is kept
 * between calls: a model mutated later (project linking) is never answered from a stale entry.
 */
interface Memo {
  flow: Map<Model, Map<number, Layer[][]>>;
}
let memo: Memo | undefined;

function memoized<R>(run: () => R): R {
  if (memo) return run();
  memo = { flow: new Map() };
  try {
    return run();
  } finally {
    memo = undefined;
  }
}

/** The chain of steps feeding output `index` of a model, containers expanded. */
export function outputChain(model: Model, index: number): Layer[] {
  return memoized(() => outputChainOf(model, index));
}

function outputChainOf(model: Model, index: number): Layer[] {
  const out = model.outputs[index];
  const layers = out ? out.layers : model.outputs.length === 0 ? model.layers : [];
  const flat: Layer[] = [];
  const walk = (ls: readonly Layer[], depth: number): void => {
    for (const l of ls) {
      if (l.kind === 'container' && l.inner && depth < 8) {
        if (l.inner.kind === 'subclass') flat.push(...containerSteps(l, depth));
        else walk(l.inner.layers, depth + 1);
      } else flat.push(l);
    }
  };
  walk(layers, 0);
  return flat;
}

/** The last affine step before position `i` in a chain, skipping pass-through and normalization steps. */
export function affineBefore(chain: readonly Layer[], i: number): Layer | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const l = chain[j]!;
    if (l.kind === 'affine') return l;
    if (isPassThrough(l) || l.kind === 'normalization') continue;
    return undefined;
  }
  return undefined;
}

/** What a model output is made of when it reaches a loss. */
export interface OutputHead {
  /** The final activation; undefined with `linear` true means no activation at all. */
  activation?: ActivationRef;
  linear: boolean;
  /** Where to point: the activation, or the last affine layer when linear. */
  site: Range;
  /** The step carrying the activation (layer-origin or call-origin step of the model). */
  layer?: Layer;
  /** When the activation is applied between the model and the loss: loss(F.softmax(model(x)), y). */
  call?: ActivationCall;
  /** Output units of the last affine layer, when a literal. */
  units?: number;
  /** The chain the head was read from. */
  chain: Layer[];
}

/** The outermost of the activation calls applied on the way to a loss. */
export function outermost(calls: readonly ActivationCall[]): ActivationCall | undefined {
  const tops = calls.filter((a) => !calls.some((b) => b !== a && (b.wraps === a || b.input === a)));
  return tops.length === 1 ? tops[0] : undefined;
}

/**
 * The flow chain that ends at `final`, cut there: a step that also feeds something else
 * (`logits = self.fc(x); self.probs = F.softmax(logits, 1); return logits`) is still the output.
 */
function chainTo(model: Model, final: Layer, depth = 0): Layer[] | undefined {
  if (depth >= 8) return undefined;
  const end = final.kind === 'container' ? expand([final], depth).at(-1) : final;
  if (!end) return undefined;
  const c = flowChains(model, depth).find((ch) => ch.includes(end));
  return c ? c.slice(0, c.indexOf(end) + 1) : undefined;
}

/** The head of the model output a link feeds into its loss; undefined when uncertain. */
export function outputHead(link: Link): OutputHead | undefined {
  return memoized(() => outputHeadOf(link));
}

function outputHeadOf(link: Link): OutputHead | undefined {
  if (link.outputIndex < 0) return undefined;
  if (link.model.outputs[link.outputIndex]?.ambiguous) return undefined;
  const final = link.model.outputs[link.outputIndex]?.final;
  const chain = final ? (chainTo(link.model, final) ?? outputChainOf(link.model, link.outputIndex)) : outputChainOf(link.model, link.outputIndex);
  let end = chain.length - 1;
  while (end >= 0 && isPassThrough(chain[end]!)) end--;
  if (end < 0) return undefined;
  const last = chain[end]!;
  let head: OutputHead;
  if (last.kind === 'affine') {
    const nl = stepNonlinearity(last);
    if (nl === 'unknown') return undefined;
    head = nl === 'linear'
      ? { linear: true, site: last.nameRange, layer: last, units: last.units, chain }
      : { linear: false, activation: last.activation, site: last.activation!.range, layer: last, units: last.units, chain };
  } else if (last.kind === 'activation') {
    if (!last.activation || !propsOf(last.activation)) return undefined;
    const affine = affineBefore(chain, end);
    head = { linear: false, activation: last.activation, site: last.range, layer: last, units: affine?.units, chain };
  } else {
    return undefined;
  }
  if (link.applied.length > 0) {
    const top = outermost(link.applied);
    if (!top || !propsOf(top.activation)) return undefined;
    return { linear: false, activation: top.activation, site: top.range, call: top, units: head.units, chain };
  }
  return head;
}

/** Same range (cell, start, end). */
export function sameRange(a: Range, b: Range): boolean {
  return a.cell === b.cell && a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;
}

export function rangeKey(r: Range): string {
  return `${r.cell ?? ''}:${r.start.line}:${r.start.column}:${r.end.line}:${r.end.column}`;
}

/** All models, each once, with inner containers' models not repeated. */
export function allChains(models: readonly Model[]): Layer[][] {
  return models.map((m) => flatLayers(m));
}

/** Display name of an activation as written ("nn.Softmax", "'softmax'"). */
export function shownName(ref: ActivationRef): string {
  return ref.name;
}

/** A step's layers with nested containers expanded in place. */
function expand(steps: readonly Layer[], depth = 0): Layer[] {
  return steps.flatMap((l) => (l.kind === 'container' && l.inner && depth < 8 ? containerSteps(l, depth) : [l]));
}

/**
 * What a container step stands for in a chain: a Sequential's layers; for a subclass (whose
 * forward() order is not data flow) its flow chain up to the step it returns, or the container
 * itself, opaque, when that is unknown.
 */
function containerSteps(l: Layer, depth: number): Layer[] {
  const inner = l.inner!;
  if (inner.kind !== 'subclass') return expand(inner.layers, depth + 1);
  const final = inner.outputs[0]?.final;
  return (final && chainTo(inner, final, depth + 1)) || [l];
}

/**
 * Chains in which neighbours really feed each other: the output chains of Sequential and
 * functional models; for subclasses, chains rebuilt from `Layer.input` (forward() order is not
 * data flow), so a subclass without that information yields only one-step chains.
 */
export function flowChains(model: Model, depth = 0): Layer[][] {
  return memoized(() => {
    const byDepth = memo!.flow.get(model) ?? new Map<number, Layer[][]>();
    memo!.flow.set(model, byDepth);
    let chains = byDepth.get(depth);
    if (!chains) byDepth.set(depth, (chains = flowChainsOf(model, depth)));
    // The memo's arrays are shared inside one call; the caller gets its own.
    return depth === 0 ? chains.map((c) => [...c]) : chains;
  });
}

function flowChainsOf(model: Model, depth: number): Layer[][] {
  if (depth >= 8) return [];
  if (model.kind !== 'subclass') {
    return model.outputs.length > 0 ? model.outputs.map((_, i) => outputChainOf(model, i)) : [outputChainOf(model, 0)];
  }
  const consumed = new Set<Layer>();
  for (const l of model.layers) if (l.input) consumed.add(l.input);
  return model.layers
    .filter((tip) => !consumed.has(tip))
    .map((tip) => {
      const seq: Layer[] = [];
      const seen = new Set<Layer>();
      for (let cur: Layer | undefined = tip; cur && !seen.has(cur); cur = cur.input) {
        seen.add(cur);
        seq.unshift(cur);
      }
      return expand(seq, depth);
    });
}
