/**
 * The bridge from a FunctionSpec (id, framework, spelling, params) to two plain functions f and f′
 * computed by the catalog (src/core/math, bundled into the webview), plus what the controls need:
 * the framework definitions to choose from and the parameters with their slider bounds.
 *
 * Functions over a vector axis (softmax family, glu) are not pointwise: they are shown as the first
 * component of the op on a small vector built from x, and labelled so.
 */
import { derivative, entries, evaluate, getEntry, jvp, vector } from '../src/core/math';
import type { ActivationEntry, NameBinding, ParamSpec, ParamValue, Params } from '../src/core/math/types';
import type { Fn } from './sample';
import type { FunctionSpec } from './protocol';

/** One choice of "definition": the first binding of a group with the same framework, variants and defaults. */
export interface Definition {
  key: string;
  binding: NameBinding;
  label: string;
}

export interface Curve {
  spec: FunctionSpec;
  entry: ActivationEntry;
  definition: Definition;
  /** Defaults of the chosen spelling, overridden by the spec's params. */
  params: Params;
  label: string;
  f: Fn;
  df: Fn;
  /** For vector ops: how x enters, e.g. "softmax([x, 0])". */
  vectorSlice?: string;
}

const FRAMEWORK_LABEL: Record<string, string> = { torch: 'PyTorch', keras: 'Keras', tfjs: 'TF.js' };

function frameworkLabel(b: NameBinding): string {
  if (b.framework === 'keras') {
    if (b.kind === 'tf-nn') return 'TensorFlow';
    const v = b.variants ?? [];
    if (v.length === 1) return v[0] === 'keras2' ? 'Keras 2' : 'Keras 3';
  }
  return FRAMEWORK_LABEL[b.framework] ?? b.framework;
}

export function definitions(entry: ActivationEntry): Definition[] {
  const out: Definition[] = [];
  const seen = new Set<string>();
  for (const b of entry.names) {
    if (b.deprecated) continue;
    const key = `${frameworkLabel(b)}|${JSON.stringify(Object.entries(b.defaults).sort())}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, binding: b, label: `${frameworkLabel(b)}: ${b.signature}` });
  }
  if (out.length === 0 && entry.names[0]) {
    const b = entry.names[0];
    out.push({ key: b.framework, binding: b, label: `${frameworkLabel(b)}: ${b.signature}` });
  }
  return out;
}

/**
 * The definition a spec names. Preference: same framework, spelling and variant; same framework and
 * variant; same framework and spelling; same framework; the entry's first definition.
 */
export function definitionOf(entry: ActivationEntry, spec: FunctionSpec): Definition | undefined {
  const defs = definitions(entry);
  const keyOf = (b: NameBinding) => `${frameworkLabel(b)}|${JSON.stringify(Object.entries(b.defaults).sort())}`;
  const variant = spec.params.variant;
  const live = entry.names.filter((b) => !b.deprecated && b.framework === spec.framework);
  const sameVariant = (b: NameBinding) => variant === undefined || b.defaults.variant === undefined || b.defaults.variant === variant;
  const binding =
    live.find((b) => b.name === spec.name && sameVariant(b)) ??
    live.find((b) => sameVariant(b)) ??
    live.find((b) => b.name === spec.name) ??
    live[0];
  return (binding && defs.find((d) => d.key === keyOf(binding))) ?? defs[0];
}

/** ParamSpec as the catalog builds it carries its default; the contract type does not name it. */
export function paramDefault(p: ParamSpec): ParamValue | undefined {
  return (p as ParamSpec & { default?: ParamValue }).default;
}

export function effectiveParams(entry: ActivationEntry, def: Definition | undefined, spec: FunctionSpec): Params {
  const out: Record<string, ParamValue> = {};
  for (const p of entry.params) {
    const d = paramDefault(p);
    if (d !== undefined) out[p.name] = d;
  }
  Object.assign(out, def?.binding.defaults ?? {}, spec.params);
  return out;
}

function fmt(v: ParamValue): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v);
}

export function resolveCurve(spec: FunctionSpec): Curve | undefined {
  const entry = getEntry(spec.id);
  if (!entry) return undefined;
  const definition = definitionOf(entry, spec);
  if (!definition) return undefined;
  const params = effectiveParams(entry, definition, spec);
  // Name the parameters that matter: a lone parameter always, others when they differ from the default.
  const shown = entry.params
    .filter((p) => !(entry.properties.vector && (p.name === 'axis' || p.name === 'dim')))
    .filter((p) => {
      const v = params[p.name];
      if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return false;
      if (entry.params.length === 1 && p.type === 'number') return true;
      return v !== (definition.binding.defaults[p.name] ?? paramDefault(p));
    })
    .map((p) => `${p.name}=${fmt(params[p.name] as ParamValue)}`);
  const label = [entry.displayName, frameworkLabel(definition.binding), ...shown].join(' · ');
  const safe = (g: Fn): Fn => (x) => {
    try {
      return g(x);
    } catch {
      return NaN;
    }
  };
  if (!entry.properties.vector) {
    return {
      spec, entry, definition, params, label,
      f: safe((x) => evaluate(entry, params, x)),
      df: safe((x) => derivative(entry, params, x)),
    };
  }
  // glu halves its input: glu([x, x]) = x·σ(x); the others see [x, 0].
  const glu = entry.id === 'glu';
  const at = (x: number) => (glu ? [x, x] : [x, 0]);
  const dir = glu ? [1, 1] : [1, 0];
  return {
    spec, entry, definition, params, label,
    f: safe((x) => vector(entry, params, at(x))[0] as number),
    df: safe((x) => jvp(entry, params, at(x), dir)[0] as number),
    vectorSlice: glu ? `${entry.id}([x, x])` : `${entry.id}([x, 0])`,
  };
}

/** Every entry the panel can draw, in catalog order. */
export function catalog(): readonly ActivationEntry[] {
  return entries();
}

/** A new spec for `id` with the first definition of `framework` (or the entry's first). */
export function newSpec(id: string, framework?: FunctionSpec['framework']): FunctionSpec {
  const entry = getEntry(id);
  const def = entry ? definitions(entry).find((d) => d.binding.framework === framework) ?? definitions(entry)[0] : undefined;
  return def ? { id, framework: def.binding.framework, name: def.binding.name, params: { ...def.binding.defaults } } : { id, params: {} };
}
