/**
 * The two ends of a model crossing files, as one file sees them (src/core/project links them):
 *  - placeholders: an opaque model for a name imported from a module that may be a file of the
 *    project (`Net()` after `from model import Net`, `net` after `from .model import net`), bound
 *    like any model so the file's links reach it;
 *  - exports: the module's top-level names that stand for a model (classes, functions returning a
 *    model, module-level model values), for the files that import them.
 * Python only: a JS/TS import of a local module is left alone.
 */
import type { Node } from 'web-tree-sitter';
import type { ImportedRef, Model, ModuleExport } from '../ir';
import type { Extraction } from './context';
import type { CallFact, Facts } from './facts';
import type { Framework } from '../math/types';
import { dottedPath } from './syntax';

/**
 * Roots never resolved to a project file: the frameworks the extractors read themselves, and
 * libraries whose functions transform tensors or values but never make a model (`einops.rearrange`
 * on a model output must stay a reshape the loss tracer sees through, not an opaque model).
 */
const FRAMEWORK_ROOT = /^(torch|keras|tf|tensorflow|tf_keras|@tensorflow|einops|numpy|scipy|jax|math|operator|functools|itertools|collections|copy|typing|os|sys)(\.|\/|$)/;

const placeholders = new WeakMap<Extraction, Map<string, Model>>();

/** The qualified name of an imported, non-framework dotted path; undefined otherwise. */
function importedName(ex: Extraction, path: readonly string[] | undefined): string | undefined {
  if (ex.facts.dialect !== 'py' || !path || path.length === 0) return undefined;
  if (path[0] === 'self' || path[0] === 'cls') return undefined;
  // Only imported roots qualify (the conventional aliases `nn`, `F`, `tf` … are frameworks).
  const rel = ex.facts.imports.relative(path[0]!);
  const q = rel !== undefined ? [rel, ...path.slice(1)].join('.') : ex.facts.imports.qualify(path);
  return q && !FRAMEWORK_ROOT.test(q) ? q : undefined;
}

function placeholder(ex: Extraction, ref: ImportedRef, node: Node): Model {
  let cache = placeholders.get(ex);
  if (!cache) placeholders.set(ex, (cache = new Map()));
  const key = `${ref.call ? 'call' : 'name'}:${ref.qualified}`;
  const known = cache.get(key);
  if (known) return known;
  const r = ex.range(node);
  const framework = ex.ir.frameworks[0] ?? 'torch';
  const model: Model = { framework, kind: 'functional', name: ref.qualified, bindings: [], layers: [], outputs: [{ index: 0, layers: [], range: r }], range: r, nameRange: r, opaque: true, imported: ref };
  cache.set(key, model);
  return model;
}

/**
 * The placeholder for a call of an imported name (`Net(10)`, `models.build(cfg)`), when no local
 * class or function of that name exists; undefined otherwise.
 */
export function importedModelOfCall(ex: Extraction, call: CallFact): Model | undefined {
  const q = importedName(ex, call.path);
  if (!q) return undefined;
  if (call.path!.length === 1 && ex.hasPlainFunction(call.name)) return undefined;
  return placeholder(ex, { qualified: q, call: true }, call.node);
}

/** Marks an opaque model made for an imported name (`net` after `from model import net`). */
export function markImported(ex: Extraction, model: Model, node: Node): void {
  const q = importedName(ex, dottedPath(node));
  if (q) model.imported = { qualified: q, call: false };
}

/** The module's top-level names that stand for models. */
export function moduleExports(ex: Extraction): ModuleExport[] {
  if (ex.facts.dialect !== 'py') return [];
  const out: ModuleExport[] = [];
  const seen = new Set<string>();
  const root = ex.facts.rootScope;
  for (const [name, model] of ex.classModels) {
    seen.add(name);
    out.push({ name, kind: 'class', model });
  }
  const returnsOf = new Map<object, typeof ex.facts.returns>();
  for (const r of ex.facts.returns) {
    if (r.fn.parent !== root) continue;
    const list = returnsOf.get(r.fn);
    if (list) list.push(r);
    else returnsOf.set(r.fn, [r]);
  }
  for (const fn of ex.facts.functionScopes) {
    if (fn.parent !== root || !fn.fnName || seen.has(fn.fnName)) continue;
    const found = new Set<Model>();
    for (const r of returnsOf.get(fn) ?? []) {
      const m = ex.models.resolve(r.value, { scope: r.scope, pos: r.value.startIndex }, 1);
      if (m) found.add(m);
    }
    if (found.size !== 1) continue;
    seen.add(fn.fnName);
    out.push({ name: fn.fnName, kind: 'function', model: [...found][0]! });
  }
  const end = Number.MAX_SAFE_INTEGER;
  for (const a of ex.facts.assigns) {
    if (a.scope !== root) continue;
    for (const t of a.targets) {
      if (t.includes('.') || seen.has(t)) continue;
      const m = ex.models.get(t, { scope: root, pos: end });
      if (!m) continue;
      seen.add(t);
      out.push({ name: t, kind: 'value', model: m });
    }
  }
  return out;
}

/**
 * Frameworks a Python file without framework imports still uses on a model from another file:
 * `model.compile(optimizer=…, loss=…)` on a model built by an imported function is Keras.
 */
export function impliedFrameworks(facts: Facts): Framework[] {
  if (facts.dialect !== 'py' || (facts.imports.raw.length === 0 && facts.imports.relativeEntries().length === 0)) return [];
  for (const c of facts.calls) {
    if (c.name === 'compile' && c.receiver && c.path && c.path.length === 2 && c.args.some((a) => a.name === 'loss')) return ['keras'];
  }
  return [];
}
