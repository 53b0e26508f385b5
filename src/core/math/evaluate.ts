/**
 * Evaluation entry points. `target` is an entry, its id, or a Resolved name; the parameters used
 * are, from weakest to strongest: the entry's canonical defaults, the resolved binding's framework
 * defaults (when a Resolved is given), then `params`.
 *
 * Framework differences are parameters, not separate entries:
 *  - hard_sigmoid `variant`: 'torch' | 'keras3' → relu6(x+3)/6, 'keras2' | 'tfjs' → clip(0.2x+0.5, 0, 1);
 *  - relu6 `variant`: 'tfjs-op' → the tf.relu6 op's gradient (1 at x = 6);
 *  - gelu `approximate`: 'none' | 'tanh' | 'sigmoid', `clip`;
 *  - softplus `threshold` (torch 20, Keras/tfjs Infinity), leaky slopes, SELU constants fixed.
 */
import { entryDefaults, getEntry } from './catalog';
import { PIECEWISE, type Pointwise } from './fn-piecewise';
import { SMOOTH } from './fn-smooth';
import { VECTOR, type VectorOp } from './fn-vector';
import type { ActivationEntry, Params, Resolved } from './types';

export type Target = ActivationEntry | Resolved | string;

function resolveTarget(target: Target, params: Params): { entry: ActivationEntry; params: Params } {
  if (typeof target === 'string') {
    const entry = getEntry(target);
    if (!entry) throw new RangeError(`unknown activation id '${target}'`);
    return { entry, params: { ...entryDefaults(entry), ...params } };
  }
  if ('binding' in target) {
    return { entry: target.entry, params: { ...entryDefaults(target.entry), ...target.params, ...params } };
  }
  return { entry: target, params: { ...entryDefaults(target), ...params } };
}

function pointwise(id: string): Pointwise {
  const fn = PIECEWISE[id] ?? SMOOTH[id];
  if (!fn) throw new RangeError(`'${id}' is not a pointwise activation; use vector()`);
  return fn;
}

function vectorOp(id: string): VectorOp | undefined {
  return VECTOR[id];
}

/** True when the entry is evaluated pointwise (evaluate/derivative), false for vector ops. */
export function isPointwise(target: Target): boolean {
  const { entry } = resolveTarget(target, {});
  return vectorOp(entry.id) === undefined;
}

/** f(x) for a pointwise activation. */
export function evaluate(target: Target, params: Params, x: number): number {
  const t = resolveTarget(target, params);
  return pointwise(t.entry.id).f(x, t.params);
}

/** f'(x) for a pointwise activation, with PyTorch's autograd value at kinks. */
export function derivative(target: Target, params: Params, x: number): number {
  const t = resolveTarget(target, params);
  return pointwise(t.entry.id).df(x, t.params);
}

/** f over a vector: the vector ops (softmax, log_softmax, softmin, sparsemax, glu), or pointwise map. */
export function vector(target: Target, params: Params, xs: readonly number[]): number[] {
  const t = resolveTarget(target, params);
  const op = vectorOp(t.entry.id);
  if (op) return op.f(xs, t.params);
  const fn = pointwise(t.entry.id);
  return xs.map((x) => fn.f(x, t.params));
}

/** Jacobian-vector product J(xs)·v (for glu the result has half the length). */
export function jvp(target: Target, params: Params, xs: readonly number[], v: readonly number[]): number[] {
  if (xs.length !== v.length) throw new RangeError('jvp: xs and v differ in length');
  const t = resolveTarget(target, params);
  const op = vectorOp(t.entry.id);
  if (op) return op.jvp(xs, v, t.params);
  const fn = pointwise(t.entry.id);
  return xs.map((x, i) => fn.df(x, t.params) * (v[i] as number));
}
