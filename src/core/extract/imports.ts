/**
 * Import aliases → fully qualified names, and canonical spellings of the framework namespaces so
 * the extractors match one form: `tf.keras.layers.core.Dense` → `keras.layers.Dense`,
 * `tensorflow.nn.relu` → `tf.nn.relu`, `@tensorflow/tfjs-node` → `tf`.
 */
import type { Node } from 'web-tree-sitter';
import type { ArgNode } from './syntax';
import type { Framework } from '../math/types';
import type { Dialect } from './syntax';
import { dottedPath, stringValue, unwrap } from './syntax';

export interface RawImport {
  local: string;
  qualified: string;
  node: Node;
  /** `from .create_act import get_act_layer`: qualified is `.create_act.get_act_layer` (kept apart: not a framework name). */
  relative?: true;
  /**
   * A module-level alias of a framework name, not an import statement: `Dense = tf.keras.layers.Dense`,
   * or `RegularizedDense = partial(tf.keras.layers.Dense, activation="relu")` whose keyword
   * arguments every call of the alias receives (`partial`, with the call's text for the walk's context key).
   * `qualified: ''` ends an alias (the name rebound to something else).
   */
  alias?: { partial?: { args: ArgNode[]; text: string } };
}

/** Python import statements → bindings. */
export function pythonImports(node: Node): RawImport[] {
  const out: RawImport[] = [];
  if (node.type === 'import_statement') {
    for (const n of node.childrenForFieldName('name')) {
      if (n.type === 'aliased_import') {
        const name = n.childForFieldName('name')?.text;
        const alias = n.childForFieldName('alias')?.text;
        if (name && alias) out.push({ local: alias, qualified: name, node: n });
      } else if (n.type === 'dotted_name') {
        const root = n.text.split('.')[0]!;
        out.push({ local: root, qualified: root, node: n });
      }
    }
  } else if (node.type === 'import_from_statement') {
    const mod = node.childForFieldName('module_name');
    if (!mod) return out;
    if (mod.type === 'relative_import') {
      // Leading dots kept (`from .models import Net` → '.models.Net', `from .. import net` →
      // '..net'): the project linker (src/core/project) resolves them to files.
      const prefix = mod.text.endsWith('.') ? mod.text : `${mod.text}.`;
      for (const n of node.childrenForFieldName('name')) {
        const name = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
        const local = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
        if (name && local) out.push({ local, qualified: `${prefix}${name}`, node: n, relative: true });
      }
      return out;
    }
    const prefix = `${mod.text}.`;
    for (const n of node.childrenForFieldName('name')) {
      if (n.type === 'aliased_import') {
        const name = n.childForFieldName('name')?.text;
        const alias = n.childForFieldName('alias')?.text;
        if (name && alias) out.push({ local: alias, qualified: `${prefix}${name}`, node: n });
      } else if (n.type === 'dotted_name') {
        out.push({ local: n.text, qualified: `${prefix}${n.text}`, node: n });
      }
    }
  }
  return out;
}

/** JS/TS imports and `require` declarations → bindings. */
export function jsImports(node: Node): RawImport[] {
  const out: RawImport[] = [];
  if (node.type === 'import_statement') {
    const src = node.childForFieldName('source');
    const from = src ? stringValue(src) : undefined;
    if (!from) return out;
    const clause = node.namedChildren.find((c) => c.type === 'import_clause');
    for (const c of clause?.namedChildren ?? []) {
      if (c.type === 'identifier') out.push({ local: c.text, qualified: from, node: c });
      else if (c.type === 'namespace_import') {
        const id = c.namedChildren.find((x) => x.type === 'identifier');
        if (id) out.push({ local: id.text, qualified: from, node: c });
      } else if (c.type === 'named_imports') {
        for (const spec of c.namedChildren) {
          if (spec.type !== 'import_specifier') continue;
          const name = spec.childForFieldName('name')?.text;
          const alias = spec.childForFieldName('alias')?.text ?? name;
          if (name && alias) out.push({ local: alias, qualified: `${from}.${name}`, node: spec });
        }
      }
    }
  } else if (node.type === 'variable_declarator') {
    const value = node.childForFieldName('value');
    const name = node.childForFieldName('name');
    if (!value || !name) return out;
    const v = unwrap(value);
    if (v.type !== 'call_expression' || v.childForFieldName('function')?.text !== 'require') return out;
    const arg = v.childForFieldName('arguments')?.namedChild(0);
    const from = arg ? stringValue(arg) : undefined;
    if (!from) return out;
    if (name.type === 'identifier') out.push({ local: name.text, qualified: from, node });
    else if (name.type === 'object_pattern') {
      for (const p of name.namedChildren) {
        if (p.type === 'shorthand_property_identifier_pattern') out.push({ local: p.text, qualified: `${from}.${p.text}`, node: p });
        else if (p.type === 'pair_pattern') {
          const key = p.childForFieldName('key')?.text;
          const val = p.childForFieldName('value')?.text;
          if (key && val) out.push({ local: val, qualified: `${from}.${key}`, node: p });
        }
      }
    }
  }
  return out;
}

/** `tf.losses.X`, `tf.metrics.X`, `tf.optimizers.X`, `tf.initializers.X` in Python: aliases of `tf.keras.<module>.X`. */
const TF2_KERAS_ALIAS = /^tf\.(losses|metrics|optimizers|initializers)\./;

/** canonical() of the names seen lately (the same few dozen names recur in every file). */
const canonicalSeen = new Map<string, string>();

/** Canonical spelling of a qualified name. */
export function canonical(q: string): string {
  let s = canonicalSeen.get(q);
  if (s === undefined) {
    if (canonicalSeen.size >= 10_000) canonicalSeen.clear();
    canonicalSeen.set(q, (s = spell(q)));
  }
  return s;
}

function spell(q: string): string {
  let s = q;
  if (/^@tensorflow\/tfjs[\w-]*/.test(s)) s = s.replace(/^@tensorflow\/tfjs[\w-]*/, 'tf');
  s = s.replace(/^tensorflow\b/, 'tf');
  s = s.replace(/^(tf\.)?(python\.)?(compat\.v[12]\.)?(tf_)?keras\.(src\.)?/, 'keras.');
  s = s.replace(/^tf_keras$|^tf\.keras$/, 'keras');
  // keras.layers.core.Dense, keras.layers.advanced_activations.LeakyReLU, keras.layers.activation.relu.ReLU
  s = s.replace(/^keras\.layers\.(?:[a-z_]+\.)+([A-Z]\w*)$/, 'keras.layers.$1');
  s = s.replace(/^keras\.models\.(Sequential|Model)$/, 'keras.$1');
  s = s.replace(/^keras\.engine\.(?:[a-z_]+\.)+(\w+)$/, 'keras.$1');
  s = s.replace(/^torch\.nn\.modules\.(?:[a-z_]+\.)+([A-Z]\w*)$/, 'torch.nn.$1');
  return s;
}

export function frameworkOf(qualified: string): Framework | undefined {
  if (qualified === 'torch' || qualified.startsWith('torch.')) return 'torch';
  if (qualified === 'keras' || qualified.startsWith('keras.')) return 'keras';
  return undefined;
}

export class ImportTable {
  readonly raw: RawImport[] = [];
  private readonly map = new Map<string, string>();

  constructor(private readonly dialect: Dialect) {}

  private readonly relativeMap = new Map<string, string>();

  private readonly partialMap = new Map<string, { qualified: string; args: ArgNode[] }>();

  add(imp: RawImport): void {
    if (imp.relative) {
      this.relativeMap.set(imp.local, imp.qualified);
      return;
    }
    if (imp.alias && imp.qualified === '') {
      // The alias rebound to something else (`Dense = make_dense`): no longer the framework's name.
      this.aliases.delete(imp.local);
      this.map.delete(imp.local);
      this.partialMap.delete(imp.local);
      return;
    }
    if (imp.alias) {
      this.aliases.add(imp.local);
      // An alias is a name of the module, not an import: it qualifies names, it is not listed. A
      // partial alias qualifies only its calls (the value resolver reads the partial itself:
      // `act_layer=_TANH_GELU` is GELU with approximate='tanh', not a bare GELU).
      if (imp.alias.partial) {
        this.partialMap.set(imp.local, { qualified: imp.qualified, args: imp.alias.partial.args });
        this.map.delete(imp.local);
      } else {
        this.map.set(imp.local, imp.qualified);
        this.partialMap.delete(imp.local);
      }
      return;
    }
    this.raw.push(imp);
    this.map.set(imp.local, imp.qualified);
    this.partialMap.delete(imp.local);
    this.aliases.delete(imp.local);
  }

  private readonly aliases = new Set<string>();

  /** Whether `local` is a module-level alias (walk.ts), not an import. */
  isAlias(local: string): boolean {
    return this.aliases.has(local);
  }

  /** A module-level `partial` alias: what its calls make and the keywords it gives them (`RegularizedDense(100)`). */
  partial(local: string): { qualified: string; args: readonly ArgNode[] } | undefined {
    return this.map.has(local) ? undefined : this.partialMap.get(local);
  }

  /** Local name → '.module.name' of every relative import (the project linker reads them). */
  relativeEntries(): [string, string][] {
    return [...this.relativeMap];
  }

  /** Every name imported from a relative module, as '.module.name'. */
  relativeImports(): IterableIterator<string> {
    return this.relativeMap.values();
  }

  /** A name imported from a relative module (`from .create_act import get_act_layer` → '.create_act.get_act_layer'). */
  relative(name: string): string | undefined {
    return this.map.has(name) ? undefined : this.relativeMap.get(name);
  }

  /** What a local root name stands for (explicit import, else the common convention). */
  root(name: string): string | undefined {
    const explicit = this.map.get(name);
    if (explicit !== undefined) return explicit;
    if (this.dialect === 'js') return name === 'tf' ? '@tensorflow/tfjs' : undefined;
    switch (name) {
      case 'torch':
      case 'keras':
        return name;
      case 'nn':
        return 'torch.nn';
      case 'F':
        return 'torch.nn.functional';
      case 'tf':
        return 'tensorflow';
      default:
        return undefined;
    }
  }

  /** Canonical qualified name of a dotted path, when its root is an import (or a conventional alias). */
  qualify(path: readonly string[] | undefined): string | undefined {
    if (!path || path.length === 0) return undefined;
    const root = this.root(path[0]!);
    if (root === undefined) return undefined;
    let joined = root;
    for (let i = 1; i < path.length; i++) joined += `.${path[i]}`;
    const q = canonical(joined);
    // TensorFlow 2's top-level aliases of Keras modules: tf.losses.SparseCategoricalCrossentropy is
    // tf.keras.losses.SparseCategoricalCrossentropy (TensorFlow.js's tf.losses.* are its own).
    return this.dialect === 'py' ? q.replace(TF2_KERAS_ALIAS, 'keras.$1.') : q;
  }

  qualifyNode(node: Node | null): string | undefined {
    return this.qualify(dottedPath(node));
  }

  /** Frameworks named by the imports. */
  frameworks(): Framework[] {
    const set = new Set<Framework>();
    for (const imp of this.raw) {
      const q = imp.qualified;
      if (q.startsWith('@tensorflow/tfjs')) set.add('tfjs');
      else if (q === 'torch' || q.startsWith('torch.')) set.add('torch');
      else if (/^(tensorflow|keras|tf_keras)(\.|$)/.test(q)) set.add('keras');
      // PyTorch-only libraries whose activation registries we read (src/core/resolve/registries.ts).
      else if (/^(timm|mmcv|mmengine)(\.|$)|^transformers\.activations(\.|$)/.test(q)) set.add('torch');
    }
    return [...set];
  }
}
