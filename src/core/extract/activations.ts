/**
 * Activation names → catalog bindings, and ActivationRef construction.
 *
 * We match on (framework, kind, name) and prefer the binding whose module is the one written in
 * the code (F.sigmoid is deprecated, torch.sigmoid is not: same name and kind, different module).
 */
import type { Node } from 'web-tree-sitter';
import type { ActivationRef } from '../ir';
import { entries } from '../math';
import type { Framework, NameBinding, NameKind, ParamValue, Resolved, ActivationEntry } from '../math/types';
import type { SourceDoc } from '../parse/source';
import { literalValue, rangeOf, toArg, type ArgNode } from './syntax';

type Indexed = { entry: ActivationEntry; binding: NameBinding & { module?: string } };
let index: Map<string, Indexed[]> | undefined;

function catalogIndex(): Map<string, Indexed[]> {
  if (index) return index;
  const m = new Map<string, Indexed[]>();
  try {
    for (const entry of entries()) {
      for (const binding of entry.names) {
        const key = `${binding.framework}|${binding.kind}|${binding.name}`;
        const list = m.get(key) ?? [];
        list.push({ entry, binding });
        m.set(key, list);
      }
    }
  } catch {
    // A broken catalog must not break extraction: names just stay unresolved.
  }
  index = m;
  return m;
}

export function resolveName(name: string, framework: Framework, kinds: readonly NameKind[], module?: string): Resolved | undefined {
  const idx = catalogIndex();
  let fallback: Indexed | undefined;
  for (const kind of kinds) {
    const list = idx.get(`${framework}|${kind}|${name}`);
    if (!list) continue;
    const exact = module === undefined ? list[0] : list.find((c) => c.binding.module === module);
    if (exact) return { entry: exact.entry, binding: exact.binding, params: { ...exact.binding.defaults } };
    fallback ??= list[0];
  }
  return fallback ? { entry: fallback.entry, binding: fallback.binding, params: { ...fallback.binding.defaults } } : undefined;
}

/** The catalog's names per framework and kind (built with the index). */
let namesByKind: Map<string, Map<string, Set<string>>> | undefined;

function kindNames(framework: Framework, kind: NameKind): Set<string> | undefined {
  if (!namesByKind) {
    const m = new Map<string, Map<string, Set<string>>>();
    for (const list of catalogIndex().values()) {
      for (const { binding } of list) {
        let byKind = m.get(binding.framework);
        if (!byKind) m.set(binding.framework, (byKind = new Map()));
        let names = byKind.get(binding.kind);
        if (!names) byKind.set(binding.kind, (names = new Set()));
        names.add(binding.name);
      }
    }
    namesByKind = m;
  }
  return namesByKind.get(framework)?.get(kind);
}

/** True when the catalog knows this name as an activation of this kind. */
export function isActivationName(name: string, framework: Framework, kinds: readonly NameKind[]): boolean {
  for (const k of kinds) if (kindNames(framework, k)?.has(name)) return true;
  return false;
}

/** Canonical params: binding defaults merged with the literal arguments. */
export function paramsFor(resolved: Resolved | undefined, args: readonly ArgNode[]): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = { ...(resolved?.params ?? {}) };
  if (!resolved) return params;
  const b = resolved.binding;
  for (const a of args) {
    const lit = literalValue(a.value);
    if (!lit.ok || lit.value === null || lit.value === undefined) continue;
    const key = a.name !== undefined ? (b.argNames?.[a.name] ?? a.name) : a.index !== undefined ? b.positional?.[a.index] : undefined;
    if (key) params[key] = lit.value;
  }
  return params;
}

export interface RefInput {
  framework: Framework;
  kind: NameKind;
  name: string;
  qualified?: string;
  module?: string;
  nameNode: Node;
  node: Node;
  args: readonly ArgNode[];
}

export function makeRef(doc: SourceDoc, r: RefInput): ActivationRef {
  const resolved = resolveName(r.name, r.framework, [r.kind], r.module);
  const ref: ActivationRef = {
    framework: r.framework,
    kind: r.kind,
    name: r.name,
    params: paramsFor(resolved, r.args),
    nameRange: rangeOf(doc, r.nameNode),
    range: rangeOf(doc, r.node),
    args: r.args.map((a) => toArg(doc, a)),
  };
  if (r.qualified) ref.qualified = r.qualified;
  if (resolved) {
    ref.resolved = resolved;
    ref.id = resolved.entry.id;
  }
  return ref;
}

/** The module and name of a canonical qualified name: 'torch.nn.functional.relu' → ['torch.nn.functional', 'relu']. */
export function splitQualified(q: string): [string, string] {
  const i = q.lastIndexOf('.');
  return i < 0 ? ['', q] : [q.slice(0, i), q.slice(i + 1)];
}

/** Which kind of activation function a qualified callee is (expression position), if any. */
export function functionKind(q: string, dialect: 'py' | 'js'): { framework: Framework; kind: NameKind; module: string; name: string } | undefined {
  const [module, name] = splitQualified(q);
  if (dialect === 'js') {
    if (module === 'tf') return { framework: 'tfjs', kind: 'tfjs-op', module, name };
    return undefined;
  }
  if (module === 'torch.nn.functional' || module === 'torch' || module === 'torch.special') return { framework: 'torch', kind: 'torch-functional', module, name };
  if (module === 'keras.activations' || module === 'keras.ops' || module === 'keras.backend') return { framework: 'keras', kind: 'keras-function', module, name };
  if (module === 'tf.nn' || module === 'tf.math' || module === 'tf') return { framework: 'keras', kind: 'tf-nn', module, name };
  return undefined;
}
