/**
 * `activation-lens explain NAME`: resolve NAME in a framework through the catalog, apply --param,
 * evaluate f and f' at --at points. Formatting lives in explainFormat.ts.
 */
import { derivative, evaluate, jvp, lookup, suggest, vector } from '../core/math';
import type { Framework, ParamSpec, ParamValue, Resolved } from '../core/math/types';
import { parseNumber, UsageError, type ExplainArgs } from './args';

/** Order tried when --framework is omitted. */
export const FRAMEWORK_ORDER: readonly Framework[] = ['torch', 'keras', 'tfjs'];

export interface ExplainPoint {
  x: number;
  y: number;
  dy: number;
}

export interface ExplainParam {
  /** As the framework names the argument ('negative_slope', 'alpha'); canonical if it has none. */
  name: string;
  canonical: string;
  value: ParamValue;
  /** The framework's default for this spelling. */
  defaultValue: ParamValue;
  spec?: ParamSpec;
}

export interface ExplainData {
  requested: string;
  resolved: Resolved;
  framework: Framework;
  /** True when the framework was picked by trying FRAMEWORK_ORDER. */
  inferred: boolean;
  /** The parameters this spelling exposes (and any set with --param). */
  params: ExplainParam[];
  points: ExplainPoint[];
}

function resolveIn(name: string, framework: Framework): Resolved | undefined {
  const direct = lookup(name, framework);
  if (direct) return direct;
  // `nn.LeakyReLU`, `F.gelu`, `tf.layers.leakyReLU`, `keras.activations.relu`: try the last part.
  const last = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : undefined;
  return last ? lookup(last, framework) : undefined;
}

function unknownName(name: string, frameworks: readonly Framework[]): UsageError {
  const base = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  const ideas: string[] = [];
  for (const fw of frameworks) {
    for (const s of suggest(base, fw)) {
      const label = frameworks.length > 1 ? `${s} (${fw})` : s;
      if (!ideas.includes(label)) ideas.push(label);
    }
  }
  const where = frameworks.length === 1 ? `${frameworks[0]} does not know` : 'no framework knows';
  const hint = ideas.length > 0 ? `; did you mean ${ideas.slice(0, 6).join(', ')}?` : '';
  return new UsageError(`unknown activation '${name}': ${where} this name${hint}`);
}

function parseParamValue(key: string, text: string, spec: ParamSpec | undefined, current: ParamValue): ParamValue {
  const type = spec?.type ?? (typeof current === 'number' ? 'number' : typeof current === 'boolean' ? 'boolean' : 'enum');
  if (type === 'number') {
    const n = parseNumber(text);
    if (n === undefined) throw new UsageError(`--param ${key}: '${text}' is not a number`);
    return n;
  }
  if (type === 'boolean') {
    if (/^(true|1|yes)$/i.test(text)) return true;
    if (/^(false|0|no)$/i.test(text)) return false;
    throw new UsageError(`--param ${key}: '${text}' is not true or false`);
  }
  const options = spec?.options;
  if (options && !options.includes(text)) throw new UsageError(`--param ${key}: '${text}' is not one of ${options.join(', ')}`);
  return text;
}

/**
 * The canonical params this spelling exposes: the ones it sets a default for, names as an argument
 * or takes positionally. Others in `resolved.params` are fixed by the definition (GELU's `clip`).
 */
export function exposedParams(resolved: Resolved): Set<string> {
  const b = resolved.binding;
  return new Set([...Object.keys(b.defaults), ...Object.values(b.argNames ?? {}), ...(b.positional ?? [])]);
}

/** The framework's own name of a canonical parameter (`slope` → `negative_slope` for torch's LeakyReLU). */
export function frameworkParamName(resolved: Resolved, canonical: string): string {
  const argNames = resolved.binding.argNames ?? {};
  return Object.keys(argNames).find((k) => argNames[k] === canonical) ?? canonical;
}

function buildParams(resolved: Resolved, overrides: ReadonlyArray<[string, string]>): { shown: ExplainParam[]; all: ExplainParam[] } {
  const argNames = resolved.binding.argNames ?? {};
  const frameworkName = (canonical: string) => frameworkParamName(resolved, canonical);
  const all: ExplainParam[] = Object.entries(resolved.params).map(([canonical, value]) => ({
    name: frameworkName(canonical),
    canonical,
    value,
    defaultValue: value,
    spec: resolved.entry.params.find((p) => p.name === canonical),
  }));
  const exposed = exposedParams(resolved);
  const changed = new Set<ExplainParam>();
  for (const [key, text] of overrides) {
    const p = all.find((q) => q.name === key || q.canonical === key || argNames[key] === q.canonical);
    if (!p) {
      const known = all.filter((q) => exposed.has(q.canonical)).map((q) => q.name).join(', ') || 'none';
      throw new UsageError(`--param ${key}: ${resolved.binding.name} (${resolved.binding.framework}) has no parameter '${key}' (parameters: ${known})`);
    }
    p.value = parseParamValue(key, text, p.spec, p.defaultValue);
    changed.add(p);
  }
  return { shown: all.filter((q) => exposed.has(q.canonical) || changed.has(q)), all };
}

function computePoints(resolved: Resolved, params: Record<string, ParamValue>, xs: readonly number[]): ExplainPoint[] {
  const { entry } = resolved;
  if (!entry.properties.vector) {
    return xs.map((x) => ({ x, y: evaluate(resolved, params, x), dy: derivative(resolved, params, x) }));
  }
  // A vector op (softmax family): f is applied to the whole --at vector; dy is the Jacobian's diagonal ∂yᵢ/∂xᵢ.
  const ys = vector(entry, params, xs);
  if (ys.length !== xs.length) {
    throw new UsageError(`--at: ${entry.displayName} maps a vector to a vector of another length, so f and f' are not listed per point`);
  }
  return xs.map((x, i) => {
    const v = xs.map((_, k) => (k === i ? 1 : 0));
    return { x, y: ys[i], dy: jvp(entry, params, xs, v)[i] };
  });
}

export function explain(args: ExplainArgs): ExplainData {
  const frameworks = args.framework ? [args.framework] : FRAMEWORK_ORDER;
  let resolved: Resolved | undefined;
  for (const fw of frameworks) {
    resolved = resolveIn(args.name, fw);
    if (resolved) break;
  }
  if (!resolved) throw unknownName(args.name, frameworks);
  const { shown, all } = buildParams(resolved, args.params);
  const values = Object.fromEntries(all.map((p) => [p.canonical, p.value]));
  const points = args.at ? computePoints(resolved, values, args.at) : [];
  return { requested: args.name, resolved, framework: resolved.binding.framework, inferred: !args.framework, params: shown, points };
}
