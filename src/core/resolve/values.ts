/**
 * Value resolution: which activation(s) an expression stands for, and how the code reached it.
 *
 *   act_layer=nn.GELU            → GELU, written
 *   act_layer()  (in the body)   → GELU (default) or SiLU (argument, from `Block(…, act_layer=nn.SiLU)`)
 *   partial(nn.GELU, approximate='tanh')              → GELU {approximate: tanh}, partial
 *   ACT2FN[config.hidden_act]    → through the registry's key for the config's value, config
 *   get_act_layer('swish')       → registry
 *
 * Pure: reads the facts of the one walk (src/core/extract/walk.ts), never the IR, never `vscode`.
 * Lazy: nothing is computed until asked; answers are cached per node; names are found through
 * per-scope indexes built once (no scan of the file per expression).
 */
import type { Node } from 'web-tree-sitter';
import type { KeyLookup, ValueVia } from '../ir';
import { keyLookup } from './lookups';
import type { Framework, NameKind, ParamValue } from '../math/types';
import { functionKind, isActivationName, splitQualified } from '../extract/activations';
import { argumentFor, callSitesOf } from '../extract/bindings';
import type { AssignFact, CallFact, ClassFact, Facts } from '../extract/facts';
import { declaringScope, type Scope } from '../extract/scope';
import { dottedPath, objectProps, stringValue, unwrap, type ArgNode } from '../extract/syntax';
import { isOtherAttribute, lookupRegistry, registryForCall, registryForSubscript, type RegistryHit, type RegistryId } from './registries';

/** Registries that hold activations only (an unknown key is still an activation choice). */
const STRICT_REGISTRY: ReadonlySet<RegistryId> = new Set<RegistryId>(['hf-act2fn', 'hf-act2cls', 'hf-get-activation', 'timm-get-act-layer', 'timm-create-act-layer', 'timm-get-act-fn', 'keras-activations-get']);

/** How a value reached the expression (nearest hop first). */
export type Via = ValueVia;

/** An activation: a class (nn.GELU), a function (F.gelu), or a module instance (nn.GELU(), ACT2FN['gelu']). */
export interface ActValue {
  t: 'act';
  form: 'class' | 'function' | 'instance';
  framework: Framework;
  kind: NameKind;
  name: string;
  qualified?: string;
  module?: string;
  /** Arguments applied so far (partial's, then the call's), indexed as the activation's own signature. */
  args: ArgNode[];
  /** Canonical params a registry key fixes (`gelu_new` → approximate 'tanh'). */
  fixed?: Record<string, ParamValue>;
  /** Where the name is written: the identifier of `nn.GELU`, the string literal of a key. */
  node: Node;
  via: Via;
  /** The call that passed it (via argument) or constructed the config object (via config). */
  from?: Node;
  registry?: { id: RegistryId; key: string; keyNode: Node; hit?: RegistryHit };
  /** A registry lookup whose key this file does not say (lookups.ts). */
  lookup?: KeyLookup;
}

export interface StrValue {
  t: 'str';
  value: string;
  node: Node;
  via: Via;
  from?: Node;
}

/** A dict literal / `dict(...)` call / JS object literal (Keras params dicts, mm `act_cfg`). */
export interface DictValue {
  t: 'dict';
  node: Node;
  entries: ArgNode[];
  via: Via;
  from?: Node;
}

/** An instance of a class of this file (a config object). */
export interface ObjValue {
  t: 'obj';
  cls: ClassFact;
  /** The construction call, when known. */
  call?: CallFact;
  via: Via;
}

export interface NoneValue {
  t: 'none';
}

export type Value = ActValue | StrValue | DictValue | ObjValue | NoneValue;

/** Nesting of the resolution (each hop — a name, a call, a parameter — is one or two levels). */
const MAX_DEPTH = 30;
const MAX_VALUES = 12;
/** Expressions resolved per file at most: pathological code stays linear. */
const MAX_STEPS = 200_000;

const FORM_OF_REGISTRY: Readonly<Record<RegistryId, ActValue['form']>> = {
  'hf-act2fn': 'instance',
  'hf-act2cls': 'instance',
  'hf-get-activation': 'instance',
  'timm-get-act-layer': 'class',
  'timm-create-act-layer': 'instance',
  'timm-get-act-fn': 'function',
  'mm-build-activation': 'instance',
  'keras-activations-get': 'function',
  'torch-getattr-nn': 'class',
  'torch-getattr-F': 'function',
};

/** Where the registries live, for names imported from relative modules inside those libraries. */
const RELATIVE_LIBS = ['transformers.activations', 'timm.layers', 'mmcv.cnn'];

const CONFIG_CLASS = /(Config|Cfg|Conf|Args|Arguments|Params|Parameters|Settings|Options|Hparams|HParams)$/;

/** A config class: named like one (`BertConfig`, `TrainArgs`) or deriving from a config class. */
export function isConfigClass(c: ClassFact): boolean {
  return CONFIG_CLASS.test(c.name) || c.bases.some((b) => /PretrainedConfig|PreTrainedConfig|Config$/.test(b));
}

/** How a registry's keys are written (the name kind of its sites). */
function kindOfRegistry(reg: RegistryId): NameKind {
  if (reg.startsWith('hf')) return 'hf-hidden-act';
  if (reg === 'keras-activations-get') return 'keras-string';
  return reg === 'torch-getattr-F' ? 'torch-functional' : 'torch-module';
}

function frameworkOfRegistry(reg: RegistryId): Framework {
  return reg === 'keras-activations-get' ? 'keras' : 'torch';
}

function isPartial(q: string | undefined, name: string, path: readonly string[] | undefined): boolean {
  if (q === 'functools.partial') return true;
  return name === 'partial' && !!path && path.length === 1;
}

type QualifiedAct = Omit<ActValue, 'args' | 'node' | 'via'>;

/** activationOfQualified's answers per dialect and name (pure; asked for every call and name of a file; bounded). */
const qualifiedMemo = { py: new Map<string, QualifiedAct | null>(), js: new Map<string, QualifiedAct | null>() };

/** The activation a qualified name stands for, when it names one (as a class or a function). Not to be mutated (answers are shared). */
export function activationOfQualified(q: string, dialect: 'py' | 'js'): QualifiedAct | undefined {
  const memo = qualifiedMemo[dialect];
  const hit = memo.get(q);
  if (hit !== undefined) return hit ?? undefined;
  const act = activationOfQualifiedName(q, dialect);
  if (memo.size >= 4096) memo.clear();
  memo.set(q, act ?? null);
  return act;
}

function activationOfQualifiedName(q: string, dialect: 'py' | 'js'): QualifiedAct | undefined {
  const [module, name] = splitQualified(q);
  if (dialect === 'py') {
    if (module === 'torch.nn' && isActivationName(name, 'torch', ['torch-module'])) return { t: 'act', form: 'class', framework: 'torch', kind: 'torch-module', name, qualified: q, module };
    if (module === 'keras.layers' && name !== 'Activation' && isActivationName(name, 'keras', ['keras-layer'])) return { t: 'act', form: 'class', framework: 'keras', kind: 'keras-layer', name, qualified: q, module };
  } else if (module === 'tf.layers' && isActivationName(name, 'tfjs', ['tfjs-layer'])) {
    return { t: 'act', form: 'class', framework: 'tfjs', kind: 'tfjs-layer', name, qualified: q, module };
  }
  const fk = functionKind(q, dialect);
  if (!fk) return undefined;
  if (fk.kind === 'keras-function' && fk.module === 'keras.activations') {
    if (name === 'get' || name === 'serialize' || name === 'deserialize') return undefined;
  } else if (!isActivationName(fk.name, fk.framework, [fk.kind])) return undefined;
  return { t: 'act', form: 'function', framework: fk.framework, kind: fk.kind, name: fk.name, qualified: q, module: fk.module };
}

/** The name node of a dotted expression: `GELU` of `nn.GELU`, the identifier itself otherwise. */
export function nameNodeOf(node: Node): Node {
  const n = unwrap(node);
  return n.childForFieldName('attribute') ?? n.childForFieldName('property') ?? n;
}

function withVia<T extends Value>(v: T, via: Via, from?: Node): T {
  if (v.t === 'none') return v;
  const out = { ...v, via } as T & { from?: Node };
  if (from) out.from = from;
  return out;
}

function reindex(args: readonly ArgNode[], shift: number): ArgNode[] {
  return args.map((a) => (a.index === undefined ? a : { ...a, index: a.index - shift }));
}

/** The cache's mark for a node whose answer is being computed. */
const ACTIVE: Value[] = [];
/** scopeAt()s answered by a walk up the parents before the scope tree is built (one per scope of the file, allocated once). */
const SCOPE_WALKS = 256;
/** The node types compute() answers (all others: no value). */
const COMPUTED: ReadonlySet<string> = new Set([
  'string', 'template_string', 'none', 'null', 'undefined', 'dictionary', 'object', 'conditional_expression', 'ternary_expression', 'boolean_operator', 'binary_expression',
  'call', 'call_expression', 'new_expression', 'subscript', 'subscript_expression', 'identifier', 'attribute', 'member_expression', 'shorthand_property_identifier',
]);
/** activations()'s answer when there is none (never mutated: callers filter or read it). */
const NO_ACTS: ActValue[] = [];

/**
 * The assignment of a name that reaches a use at `pos`: the last one before it; in a module or class
 * scope, failing that, the last one at all (a module-level name used in a function defined above it).
 * One function for ofIdentifier and the quick "no value" check, which must agree.
 */
function reachingOf(assigns: readonly AssignFact[], home: Scope, pos: number): AssignFact | undefined {
  let best: AssignFact | undefined;
  for (const a of assigns) if (a.value.endIndex <= pos && (!best || a.order > best.order)) best = a;
  if (!best && home.kind !== 'function' && assigns.length > 0) best = assigns[assigns.length - 1];
  return best;
}

export class ValueResolver {
  /** Answers per node id; ACTIVE while the node's own answer is being computed (a cycle reads it). */
  private readonly cache = new Map<number, Value[]>();
  private steps = 0;
  private cuts = 0;
  private assignIndex: Map<Scope, Map<string, AssignFact[]>> | undefined;
  private selfIndex: Map<ClassFact, Map<string, AssignFact[]>> | undefined;
  private classByName: Map<string, ClassFact> | undefined;

  constructor(readonly facts: Facts) {}

  /** Every value the expression may have (deduplicated, at most a dozen), with how it got there. */
  values(node: Node, depth = 0): Value[] {
    const n = unwrap(node);
    const id = n.id;
    const cached = this.cache.get(id);
    if (cached && cached !== ACTIVE) return cached;
    if (cached === undefined && this.standsForNothing(n)) {
      // Most calls and names of a file: answered without looking anything else up, so neither
      // cached (a Map insert costs more than asking again) nor cut by depth (there is no cycle).
      if (++this.steps > MAX_STEPS) this.cuts++;
      return [];
    }
    if (depth > MAX_DEPTH || cached === ACTIVE || ++this.steps > MAX_STEPS) {
      // Cut short (a cycle, too deep): whatever depends on this answer is incomplete and not cached.
      this.cuts++;
      return [];
    }
    this.cache.set(id, ACTIVE);
    const cutsBefore = this.cuts;
    let out: Value[];
    try {
      const all = this.compute(n, depth + 1);
      out = all.length <= 1 ? all : dedupe(all).slice(0, MAX_VALUES);
    } catch (e) {
      this.cache.delete(id);
      throw e;
    }
    if (this.cuts === cutsBefore || depth === 0) this.cache.set(id, out);
    else this.cache.delete(id);
    return out;
  }

  /** The activations the expression may stand for (strings, dicts and objects left out). */
  activations(node: Node): ActValue[] {
    const all = this.values(node);
    // Most names and calls of a file stand for nothing: no new (filtered) array for them.
    if (all.length === 0) return NO_ACTS;
    for (const v of all) if (v.t !== 'act') return all.filter((x): x is ActValue => x.t === 'act');
    return all.slice() as ActValue[];
  }

  private scopeAsks = 0;

  /** Per scope, the scopes directly inside it, in source order (built on first use). */
  private scopeKids: Map<Scope, Scope[]> | undefined;

  /**
   * The scope of any node (the innermost scope-opening ancestor). Asked for nearly every name of
   * the file: found by position, down the few levels of nested scopes (a binary search among a
   * scope's inner scopes), not by a walk up ~10 parents each. A node strictly inside a scope's
   * range descends from it (siblings do not overlap); a node touching a scope's first or last
   * character (a zero-width node of an error) is looked up by its parents.
   */
  scopeAt(node: Node): Scope {
    // A partial analysis (a keystroke) asks a few: the walk up its parents, no tree of the file's scopes.
    if (++this.scopeAsks <= SCOPE_WALKS) return this.scopeByParents(node);
    const kids = (this.scopeKids ??= this.scopeTree());
    const start = node.startIndex;
    const end = node.endIndex;
    let s = this.facts.rootScope;
    for (let inner = kids.get(s); inner; inner = kids.get(s)) {
      let lo = 0;
      let hi = inner.length - 1;
      let found: Scope | undefined;
      // The last inner scope starting at or before the node.
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (inner[mid]!.node.startIndex <= start) {
          found = inner[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (!found) break;
      const fs = found.node.startIndex;
      const fe = found.node.endIndex;
      if (start > fe) break; // after it: in `s` itself
      if (start === fs || start === fe || end >= fe) return this.scopeByParents(node);
      s = found;
    }
    return s;
  }

  private scopeByParents(node: Node): Scope {
    for (let p: Node | null = node; p; p = p.parent) {
      const s = this.facts.scopeByNode.get(p.id);
      if (s) return s;
    }
    return this.facts.rootScope;
  }

  private scopeTree(): Map<Scope, Scope[]> {
    const kids = new Map<Scope, Scope[]>();
    for (const s of this.facts.scopeByNode.values()) {
      if (!s.parent) continue;
      const list = kids.get(s.parent);
      if (list) list.push(s);
      else kids.set(s.parent, [s]);
    }
    for (const list of kids.values()) list.sort((a, b) => a.node.startIndex - b.node.startIndex);
    return kids;
  }

  /** The last name node whose dotted path and qualified name were read (standsForNothing, then ofName, read the same). */
  private named: Node | undefined;
  private namedPath: string[] | undefined;
  private namedQualified: string | undefined;

  private remember(n: Node, path: string[] | undefined): void {
    this.named = n;
    this.namedPath = path;
    this.namedQualified = path && this.facts.imports.qualify(path);
  }

  private pathOf(n: Node): string[] | undefined {
    if (this.named !== n) this.remember(n, dottedPath(n));
    return this.namedPath;
  }

  /**
   * The qualified name of a name the walk recorded (a RefFact: its node and dotted path), kept
   * for the values() asked of the same node next (extractMentions asks both of every ref).
   */
  qualifyRef(node: Node, path: string[]): string | undefined {
    if (this.named !== node) this.remember(node, path);
    return this.namedQualified;
  }

  /** The qualified name of `n`'s dotted path (pathOf(n) read first). */
  private qualifiedOf(n: Node, path: readonly string[]): string | undefined {
    return this.named === n ? this.namedQualified : this.facts.imports.qualify(path);
  }

  /**
   * Whether compute() would answer "no value" without resolving any other expression: a literal
   * number, a builtin or unknown plain name, an imported name that is no activation
   * (`torch.float32`), a call of one (`nn.Conv2d(…)`, `print(…)`, `len(…)`). Mirrors compute() /
   * ofName() / ofCall() for those cases exactly; anything else is left to them (false).
   */
  private standsForNothing(n: Node, budget = 3): boolean {
    const t = n.type;
    if (t === 'identifier' || t === 'attribute' || t === 'member_expression' || t === 'shorthand_property_identifier') {
      const path = this.pathOf(n);
      if (!path) return false;
      const q = this.qualifiedOf(n, path);
      if (q) return !activationOfQualified(q, this.facts.dialect);
      if (path.length === 1) {
        const home = declaringScope(this.scopeAt(n), path[0]!);
        return !home || (budget > 0 && this.nameHoldsNothing(path[0]!, n, home, budget - 1));
      }
      return budget > 0 && this.attributeHoldsNothing(n, path, budget - 1);
    }
    if (t === 'call' || t === 'call_expression' || t === 'new_expression') {
      const call = this.facts.callByNode.get(n.id);
      if (!call) return true;
      const q = call.qualified;
      if (this.registryOfCall(call) || isPartial(q, call.name, call.path)) return false;
      const plain = call.path?.length === 1;
      if (q) {
        const act = activationOfQualified(q, this.facts.dialect);
        if (act) return act.form === 'function';
        return !(plain && call.name === 'getattr');
      }
      if (plain && (call.name === 'getattr' || call.name === 'dict' || this.classNamed(call.name))) return false;
      // Calling it makes an activation only when the callee is an activation class.
      return this.standsForNothing(unwrap(call.callee), budget);
    }
    // compute()'s own cases; every other node type (numbers, lists, lambdas, arithmetic …) is no value.
    return !COMPUTED.has(t);
  }

  /**
   * ofName()'s answer for `self.x` / `obj.attr` (not an import) is "no value", known without
   * computing anything: what the class's methods assign to `self.x` and the object itself are
   * answered "no value" already, and no config class of the file defines the attribute.
   */
  private attributeHoldsNothing(n: Node, path: readonly string[], budget: number): boolean {
    if ((path[0] === 'self' || path[0] === 'this') && path.length === 2) {
      const cls = this.scopeAt(n).cls;
      if (cls) for (const a of this.selfAssigns(cls).get(path[1]!) ?? []) if (!this.knownNothing(a.value, budget)) return false;
    }
    const obj = n.childForFieldName('object');
    const attr = (n.childForFieldName('attribute') ?? n.childForFieldName('property'))?.text;
    if (!obj || !attr) return true;
    return this.knownNothing(obj, budget) && this.configClassesWith(attr).length === 0;
  }

  /** values(node) is known to be "no value" without computing: cached so, or standing for nothing. */
  private knownNothing(node: Node, budget: number): boolean {
    const v = unwrap(node);
    const cached = this.cache.get(v.id);
    if (cached !== undefined) return cached !== ACTIVE && cached.length === 0;
    return this.standsForNothing(v, budget);
  }

  /**
   * ofIdentifier()'s answer is "no value" and is known without computing anything: the one
   * assignment that reaches the use (no other if / else arm) holds an expression already answered
   * "no value" (cached, or standing for nothing itself), or the name is a parameter whose values
   * (ofParam's cache) are none. `x = self.conv(x)` … `self.norm(x)`: the second `x` asks nothing new.
   */
  private nameHoldsNothing(name: string, n: Node, home: Scope, budget: number): boolean {
    const assigns = this.assignsIn(home, name);
    const pos = n.startIndex;
    const best = reachingOf(assigns, home, pos);
    if (best) {
      return otherArms(best, assigns, pos).length === 0 && this.knownNothing(best.value, budget);
    }
    if (home.kind === 'function' && home.params?.includes(name)) return this.paramCache.get(home)?.get(name)?.length === 0;
    return true;
  }

  private compute(n: Node, depth: number): Value[] {
    const t = n.type;
    if (t === 'string' || t === 'template_string') {
      const s = stringValue(n);
      return s === undefined ? [] : [{ t: 'str', value: s, node: n, via: 'written' }];
    }
    if (t === 'none' || t === 'null' || t === 'undefined') return [{ t: 'none' }];
    if (t === 'dictionary') return [{ t: 'dict', node: n, entries: dictEntries(n), via: 'written' }];
    if (t === 'object') return [{ t: 'dict', node: n, entries: objectProps(n), via: 'written' }];
    if (t === 'conditional_expression') {
      const [a, , b] = n.namedChildren; // body if cond else alternative
      return [...(a ? this.values(a, depth) : []), ...(b ? this.values(b, depth) : [])];
    }
    if (t === 'ternary_expression') {
      const a = n.childForFieldName('consequence');
      const b = n.childForFieldName('alternative');
      return [...(a ? this.values(a, depth) : []), ...(b ? this.values(b, depth) : [])];
    }
    if (t === 'boolean_operator' || (t === 'binary_expression' && /^(\|\||\?\?)$/.test(n.childForFieldName('operator')?.text ?? ''))) {
      const op = n.childForFieldName('operator')?.text ?? n.child(1)?.text;
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (op === 'and') return r ? this.values(r, depth) : [];
      return [...(l ? this.values(l, depth).filter((v) => v.t !== 'none') : []), ...(r ? this.values(r, depth) : [])];
    }
    if (t === 'call' || t === 'call_expression' || t === 'new_expression') {
      const call = this.facts.callByNode.get(n.id);
      return call ? this.ofCall(call, depth) : [];
    }
    if (t === 'subscript' || t === 'subscript_expression') return this.ofSubscript(n, depth);
    if (t === 'identifier' || t === 'attribute' || t === 'member_expression' || t === 'shorthand_property_identifier') return this.ofName(n, depth);
    return [];
  }

  private ofName(n: Node, depth: number): Value[] {
    const path = this.pathOf(n);
    if (!path) {
      // `obj().attr`, `x[0].attr`: an attribute of something that is not a name
      return this.attributeOf(n, depth);
    }
    const q = this.qualifiedOf(n, path);
    if (q) {
      const act = activationOfQualified(q, this.facts.dialect);
      return act ? [{ ...act, args: [], node: nameNodeOf(n), via: 'written' }] : [];
    }
    const root = path[0]!;
    if (path.length === 1) return this.ofIdentifier(root, n, depth);
    if ((root === 'self' || root === 'this') && path.length === 2) {
      const scope = this.scopeAt(n);
      if (scope.cls) {
        const own = this.ofSelfAttr(scope.cls, path[1]!, depth);
        if (own.length > 0) return own;
      }
    }
    return this.attributeOf(n, depth);
  }

  /** `x.attr` where `x` is a config object, a dict-like value or an unknown parameter. */
  private attributeOf(n: Node, depth: number): Value[] {
    const obj = n.childForFieldName('object');
    const attr = (n.childForFieldName('attribute') ?? n.childForFieldName('property'))?.text;
    if (!obj || !attr) return [];
    return this.attrOf(obj, attr, depth);
  }

  private attrOf(obj: Node, attr: string, depth: number): Value[] {
    const bases = this.values(obj, depth);
    const out: Value[] = [];
    let known = false;
    for (const b of bases) {
      if (b.t === 'obj') {
        known = true;
        out.push(...this.classAttr(b.cls, attr, b.call, depth));
      } else if (b.t === 'dict') {
        known = true;
        out.push(...this.dictValue(b, attr, depth));
      }
    }
    if (known) return out;
    // A config object we cannot follow: the config class of this file that defines the attribute.
    const classes = this.configClassesWith(attr);
    return classes.flatMap((c) => this.classAttr(c, attr, undefined, depth));
  }

  private ofIdentifier(name: string, n: Node, depth: number): Value[] {
    const scope = this.scopeAt(n);
    const home = declaringScope(scope, name);
    if (!home) return [];
    const assigns = this.assignsIn(home, name);
    const pos = n.startIndex;
    const best = reachingOf(assigns, home, pos);
    if (best) {
      // `if …: act = "sigmoid" else: act = "softmax"` before the use: the last assignment of each arm.
      const others = otherArms(best, assigns, pos);
      return others.length === 0 ? this.values(best.value, depth) : [best, ...others].flatMap((a) => this.values(a.value, depth));
    }
    if (home.kind === 'function' && home.params?.includes(name)) return this.ofParam(home, name, depth);
    return [];
  }

  /**
   * A parameter's answers per function scope and name: the same for every use of the parameter
   * that no assignment reaches (`self`, `x` in a forward), so computed once. Kept only when
   * complete (no cut short), as values() keeps its answers per node.
   */
  private readonly paramCache = new Map<Scope, Map<string, Value[]>>();

  /** A parameter: its default, its annotation's config class, and what the file's calls pass. */
  private ofParam(fn: Scope, name: string, depth: number): Value[] {
    let perFn = this.paramCache.get(fn);
    const hit = perFn?.get(name);
    if (hit) return hit.slice();
    const cutsBefore = this.cuts;
    const out = this.paramValues(fn, name, depth);
    if (this.cuts === cutsBefore) {
      if (!perFn) this.paramCache.set(fn, (perFn = new Map()));
      perFn.set(name, out.slice());
    }
    return out;
  }

  private paramValues(fn: Scope, name: string, depth: number): Value[] {
    const out: Value[] = [];
    const p = parameterNode(fn.node, name);
    if (p?.value) out.push(...this.values(p.value, depth).map((v) => withVia(v, 'default')));
    if (p?.type) {
      const cls = this.classNamed(annotationName(p.type));
      if (cls) out.push({ t: 'obj', cls, via: 'default' });
    }
    for (const c of callSitesOf(this.facts, fn)) {
      const a = argumentFor(fn, name, c);
      if (!a) continue;
      out.push(...this.values(a.value, depth).map((v) => (v.t === 'obj' ? v : withVia(v, 'argument', c.node))));
    }
    return out;
  }

  /** The values an attribute of a config class may have (class attribute, dataclass field, `__init__` default stored on self, constructions in the file). */
  fieldValues(cls: ClassFact, attr: string): Value[] {
    return dedupe(this.classAttr(cls, attr, undefined, 0)).slice(0, MAX_VALUES);
  }

  /** `self.act` inside a class: what its methods assign to it (`self.act = act_layer()`). */
  private ofSelfAttr(cls: ClassFact, attr: string, depth: number): Value[] {
    const list = this.selfAssigns(cls).get(attr) ?? [];
    return list.flatMap((a) => this.values(a.value, depth));
  }

  /** An attribute of an instance of a class of this file: class attributes / dataclass fields, `self.x = …` in `__init__`, construction arguments. */
  private classAttr(cls: ClassFact, attr: string, call: CallFact | undefined, depth: number): Value[] {
    const out: Value[] = [];
    const initFn = cls.methods.get('__init__');
    const init = initFn ? this.facts.scopeByNode.get(initFn.node.id) : undefined;
    if (call) {
      // Construction arguments: `Cfg(hidden_act='gelu_new')` (a dataclass field or an `__init__` parameter).
      const byName = call.args.find((a) => a.name === attr);
      if (byName) return this.values(byName.value, depth).map((v) => withVia(v, 'config', call.node));
    }
    for (const a of this.assignsIn(this.classScope(cls), attr)) out.push(...this.values(a.value, depth).map((v) => withVia(v, 'config')));
    for (const a of this.selfAssigns(cls).get(attr) ?? []) {
      const v = unwrap(a.value);
      const p = v.type === 'identifier' && init?.params?.includes(v.text) ? parameterNode(init.node, v.text) : undefined;
      if (p && init) {
        // `self.hidden_act = hidden_act`: the `__init__` default, and the file's constructions.
        if (p.value) out.push(...this.values(p.value, depth).map((x) => withVia(x, 'config')));
        for (const c of call ? [call] : callSitesOf(this.facts, init)) {
          const arg = argumentFor(init, v.text, c);
          if (arg) out.push(...this.values(arg.value, depth).map((x) => withVia(x, 'config', c.node)));
        }
      } else out.push(...this.values(a.value, depth).map((x) => withVia(x, 'config')));
    }
    if (!call && this.assignsIn(this.classScope(cls), attr).length > 0) {
      // A dataclass field: also every construction in the file that sets it.
      for (const c of this.constructionsOf(cls)) {
        const byName = c.args.find((a) => a.name === attr);
        if (byName) out.push(...this.values(byName.value, depth).map((x) => withVia(x, 'config', c.node)));
      }
    }
    return out;
  }

  /**
   * The qualified name of a dotted path for registry look-ups: through the imports, else a name
   * imported from a relative module inside the libraries themselves (`from .create_act import
   * get_act_layer` in timm, `from ...activations import ACT2FN` in transformers).
   */
  registryName(path: readonly string[] | undefined, kind: 'call' | 'subscript'): RegistryId | undefined {
    if (!path) return undefined;
    const q = this.facts.imports.qualify(path);
    const find = kind === 'call' ? registryForCall : registryForSubscript;
    if (q) return find(q);
    if (path.length !== 1 || !this.facts.imports.relative(path[0]!)) return undefined;
    const name = splitQualified(this.facts.imports.relative(path[0]!)!)[1];
    for (const lib of RELATIVE_LIBS) {
      const r = find(`${lib}.${name}`);
      if (r) return r;
    }
    return undefined;
  }

  /** The last call whose registry was looked up, and that registry (standsForNothing, then ofCall, ask the same). */
  private registryCall: CallFact | undefined;
  private registryOfLast: RegistryId | undefined;

  private registryOfCall(call: CallFact): RegistryId | undefined {
    if (this.registryCall !== call) {
      this.registryCall = call;
      this.registryOfLast = this.registryName(call.path, 'call');
    }
    return this.registryOfLast;
  }

  private ofCall(call: CallFact, depth: number): Value[] {
    const q = call.qualified;
    const reg = this.registryOfCall(call);
    if (reg) return this.ofRegistryCall(reg, call, depth);
    if (isPartial(q, call.name, call.path)) {
      const first = call.args.find((a) => a.index === 0);
      if (!first) return [];
      const rest = reindex(call.args.filter((a) => a !== first), 1);
      return this.values(first.value, depth).flatMap((v): Value[] => (v.t === 'act' && v.form !== 'instance' ? [{ ...v, args: [...v.args, ...rest], via: v.via === 'written' ? 'partial' : v.via }] : []));
    }
    if (q) {
      const act = activationOfQualified(q, this.facts.dialect);
      if (act) {
        if (act.form === 'function') return []; // F.relu(x): a tensor
        return [{ ...act, form: 'instance', args: [...call.args], node: nameNodeOf(call.callee), via: 'written' }];
      }
      if (call.name === 'getattr' && call.path?.length === 1) return this.ofGetattr(call, depth);
      return [];
    }
    if (call.path?.length === 1 && call.name === 'getattr') return this.ofGetattr(call, depth);
    if (call.path?.length === 1 && call.name === 'dict') return [{ t: 'dict', node: call.node, entries: call.args.filter((a) => a.name !== undefined), via: 'written' }];
    // A class of this file: a config object (`BertConfig(hidden_act=…)`).
    if (call.path?.length === 1) {
      const cls = this.classNamed(call.name);
      if (cls) return [{ t: 'obj', cls, call, via: 'written' }];
    }
    // `act_layer()`, `self.act_layer(inplace=True)`, `partial(...)()`: calling a class makes an instance.
    const out: Value[] = [];
    for (const v of this.values(call.callee, depth)) {
      if (v.t !== 'act' || v.form !== 'class') continue;
      out.push({ ...v, form: 'instance', args: [...v.args, ...call.args] });
    }
    return out;
  }

  /** `getattr(nn, 'ReLU')`, `getattr(F, name)`: torch's own namespaces as a registry. */
  private ofGetattr(call: CallFact, depth: number): Value[] {
    const [obj, key] = [call.args.find((a) => a.index === 0), call.args.find((a) => a.index === 1)];
    if (!obj || !key) return [];
    const q = this.facts.imports.qualifyNode(obj.value);
    const reg: RegistryId | undefined = q === 'torch.nn' ? 'torch-getattr-nn' : q === 'torch.nn.functional' ? 'torch-getattr-F' : undefined;
    if (!reg) {
      // getattr(config, "conv_act", "tanh"): the attribute where known, else the default.
      const name = stringValue(unwrap(key.value));
      if (name === undefined || !/^[A-Za-z_]\w*$/.test(name)) return [];
      const fallback = call.args.find((a) => a.index === 2);
      const own = this.attrOf(obj.value, name, depth);
      return [...own, ...(fallback ? this.values(fallback.value, depth).map((v) => withVia(v, 'default')) : [])];
    }
    return this.keyed(reg, key.value, [], depth);
  }

  private ofRegistryCall(reg: RegistryId, call: CallFact, depth: number): Value[] {
    const keyArg = call.args.find((a) => a.index === 0) ?? call.args.find((a) => a.name === 'name' || a.name === 'act_layer' || a.name === 'activation_string' || a.name === 'identifier' || a.name === 'cfg');
    if (!keyArg) return [];
    const rest = call.args.filter((a) => a !== keyArg);
    if (reg === 'mm-build-activation') {
      // build_activation_layer(dict(type='GELU', approximate='tanh')): the dict's `type` is the key.
      const out: Value[] = [];
      for (const d of this.values(keyArg.value, depth)) {
        if (d.t !== 'dict') continue;
        const type = d.entries.find((e) => e.name === 'type');
        if (!type) continue;
        const params = d.entries.filter((e) => e.name !== 'type' && e.name !== 'inplace');
        out.push(...this.keyed(reg, type.value, params, depth).map((v) => (d.via === 'written' ? v : withVia(v, d.via === 'registry' ? 'registry' : d.via, d.from))));
      }
      return out;
    }
    return this.keyed(reg, keyArg.value, rest, depth);
  }

  private ofSubscript(n: Node, depth: number): Value[] {
    const obj = n.childForFieldName('value') ?? n.childForFieldName('object');
    const idx = n.childForFieldName('subscript') ?? n.childForFieldName('index');
    if (!obj || !idx) return [];
    const reg = this.registryName(dottedPath(obj), 'subscript');
    if (reg) return this.keyed(reg, idx, [], depth);
    const keys = this.values(idx, depth).filter((k): k is StrValue => k.t === 'str');
    const out: Value[] = [];
    for (const d of this.values(obj, depth)) {
      if (d.t !== 'dict') continue;
      if (keys.length === 0) {
        // An unknown key into a literal dict of activations: every value is a candidate.
        for (const e of d.entries) out.push(...this.values(e.value, depth).filter((v) => v.t === 'act'));
      } else for (const k of keys) out.push(...this.dictValue(d, k.value, depth));
    }
    return out;
  }

  private dictValue(d: DictValue, key: string, depth: number): Value[] {
    const e = d.entries.find((x) => x.name === key);
    // A value read out of a literal dict (`params['activation']`) is a config value.
    return e ? this.values(e.value, depth).map((v) => (d.via === 'written' ? withVia(v, 'config') : withVia(v, d.via, d.from))) : [];
  }

  /** A registry lookup: string keys through the registry's table; activation classes pass through (timm accepts both). */
  private keyed(reg: RegistryId, keyNode: Node, args: readonly ArgNode[], depth: number): ActValue[] {
    const form = FORM_OF_REGISTRY[reg];
    const out: ActValue[] = [];
    const keys = this.values(keyNode, depth);
    // The registry lookup itself, for the project linker, when the key may come from another file.
    const lookupOf = (lookup: KeyLookup): ActValue => ({ t: 'act', form, framework: frameworkOfRegistry(reg), kind: kindOfRegistry(reg), name: lookup.expression, args: [...args], node: unwrap(keyNode), via: 'registry', lookup });
    if (!keys.some((k) => k.t === 'act' || k.t === 'str') && unwrap(keyNode).type !== 'string') {
      // A key this file does not say (`ACT2FN[config.hidden_act]`, the config class imported): still
      // an activation choice, with where its key may come from for the project linker.
      // getattr(nn, name) / MODELS.build hold every module: an unknown key is an activation only when its name says so.
      if (!STRICT_REGISTRY.has(reg) && !/act|nonlin/i.test(unwrap(keyNode).text)) return [];
      const lookup = keyLookup(this, reg, keyNode);
      // A config class of this file defines the attribute: the file says the key, and it is not a string (`cfg.depth`).
      if (lookup?.attr && this.configClassesWith(lookup.attr).length > 0) return [];
      return lookup ? [lookupOf(lookup)] : [];
    }
    // getattr(config, "summary_act", "relu") with the config class imported: the config's field
    // (for the project linker) first, the fallback as the alternative.
    if (keys.some((k) => k.t === 'str' && k.via === 'default')) {
      const lookup = keyLookup(this, reg, keyNode);
      if (lookup?.attr && lookup.classes && this.configClassesWith(lookup.attr).length === 0) out.push(lookupOf(lookup));
    }
    for (const k of keys) {
      if (k.t === 'act') {
        if (reg.startsWith('timm') && k.form !== 'instance') out.push({ ...k, form: form === 'function' ? k.form : form, args: [...k.args, ...args] });
        continue;
      }
      if (k.t !== 'str') continue;
      // getattr(nn, 'GRU'): an attribute that is not an activation.
      if (isOtherAttribute(reg, k.value)) continue;
      const hit = lookupRegistry(reg, k.value);
      const via: Via = k.via === 'written' ? 'registry' : k.via;
      const v: ActValue = {
        t: 'act',
        form,
        framework: hit?.framework ?? frameworkOfRegistry(reg),
        kind: kindOfRegistry(reg),
        name: k.value,
        args: [...args],
        node: k.node,
        via,
        registry: { id: reg, key: k.value, keyNode: k.node, ...(hit ? { hit } : {}) },
      };
      if (hit) v.fixed = { ...hit.params };
      if (k.from) v.from = k.from;
      out.push(v);
    }
    return out;
  }

  // ---- indexes (built once, on first use) ----

  /** The assignments to `name` in `scope` (internal; lookups.ts reads them). */
  assignsIn(scope: Scope, name: string): AssignFact[] {
    if (!this.assignIndex) {
      const idx = new Map<Scope, Map<string, AssignFact[]>>();
      for (const a of this.facts.assigns) {
        let m = idx.get(a.scope);
        if (!m) idx.set(a.scope, (m = new Map()));
        for (const t of a.targets) {
          const list = m.get(t);
          if (list) list.push(a);
          else m.set(t, [a]);
        }
      }
      this.assignIndex = idx;
    }
    return this.assignIndex.get(scope)?.get(name) ?? [];
  }

  /** `self.x = …` of a class's methods, by attribute (internal; lookups.ts reads them). */
  selfAssigns(cls: ClassFact): Map<string, AssignFact[]> {
    if (!this.selfIndex) {
      const idx = new Map<ClassFact, Map<string, AssignFact[]>>();
      for (const a of this.facts.assigns) {
        const c = a.fn?.cls;
        if (!c) continue;
        for (const t of a.targets) {
          const m = /^(?:self|this)\.(\w+)$/.exec(t);
          if (!m) continue;
          let map = idx.get(c);
          if (!map) idx.set(c, (map = new Map()));
          const list = map.get(m[1]!);
          if (list) list.push(a);
          else map.set(m[1]!, [a]);
        }
      }
      this.selfIndex = idx;
    }
    return this.selfIndex.get(cls) ?? new Map();
  }

  private classNamed(name: string | undefined): ClassFact | undefined {
    if (!name) return undefined;
    if (!this.classByName) {
      this.classByName = new Map();
      for (const c of this.facts.classes) this.classByName.set(c.name, c);
    }
    return this.classByName.get(name);
  }

  private classScope(cls: ClassFact): Scope {
    return this.facts.scopeByNode.get(cls.node.id) ?? this.facts.rootScope;
  }

  /** Calls of a plain name, by that name (one pass over the calls, on first use). */
  private plainCalls: Map<string, CallFact[]> | undefined;

  private constructionsOf(cls: ClassFact): CallFact[] {
    if (!this.plainCalls) {
      this.plainCalls = new Map();
      for (const c of this.facts.calls) if (c.path?.length === 1) (this.plainCalls.get(c.name) ?? this.plainCalls.set(c.name, []).get(c.name)!).push(c);
    }
    return this.plainCalls.get(cls.name) ?? [];
  }

  private configCache = new Map<string, ClassFact[]>();
  private configClasses: ClassFact[] | undefined;

  /** Config-like classes of this file (by name or base) that define `attr`. */
  configClassesWith(attr: string): ClassFact[] {
    const hit = this.configCache.get(attr);
    if (hit) return hit;
    this.configClasses ??= this.facts.classes.filter(isConfigClass);
    const out = this.configClasses.filter((c) => this.assignsIn(this.classScope(c), attr).length > 0 || this.selfAssigns(c).has(attr));
    this.configCache.set(attr, out);
    return out;
  }
}

const ARM_PARENTS = new Set(['if_statement', 'elif_clause', 'else_clause']);

/** The if statement whose arm (if / elif / else body) `node` sits in, directly, and that arm. */
function armOf(node: Node): { stmt: Node; arm: Node } | undefined {
  for (let p: Node | null = node.parent, child: Node = node; p; child = p, p = p.parent) {
    if (p.type === 'block' && p.parent && ARM_PARENTS.has(p.parent.type)) {
      const clause = p.parent;
      const stmt = clause.type === 'if_statement' ? clause : clause.parent;
      return stmt ? { stmt, arm: p } : undefined;
    }
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'module') return undefined;
    void child;
  }
  return undefined;
}

/**
 * When the last assignment before a use sits in one arm of an if / elif / else whose other arms
 * assign too, those arms' last assignments (before the use) are values as well.
 */
function otherArms(best: AssignFact, assigns: readonly AssignFact[], pos: number): AssignFact[] {
  if (assigns.length === 1) return []; // the name's one assignment (most names): no other arm, no climb to find one
  const where = armOf(best.value);
  if (!where || where.stmt.endIndex > pos) return [];
  const byArm = new Map<number, AssignFact>();
  for (const a of assigns) {
    if (a === best || a.value.endIndex > pos) continue;
    const w = armOf(a.value);
    if (!w || w.stmt.id !== where.stmt.id || w.arm.id === where.arm.id) continue;
    const prev = byArm.get(w.arm.id);
    if (!prev || a.order > prev.order) byArm.set(w.arm.id, a);
  }
  return [...byArm.values()];
}

function dictEntries(n: Node): ArgNode[] {
  const out: ArgNode[] = [];
  for (const c of n.namedChildren) {
    if (c.type !== 'pair') continue;
    const key = c.childForFieldName('key');
    const value = c.childForFieldName('value');
    if (!key || !value) continue;
    const name = stringValue(key);
    if (name !== undefined) out.push({ name, value, nameNode: key, full: c });
  }
  return out;
}

/** A parameter's default value and annotation, by name. */
export function parameterNode(fnNode: Node, name: string): { value?: Node; type?: Node } | undefined {
  const params = fnNode.childForFieldName('parameters');
  for (const p of params?.namedChildren ?? []) {
    const t = p.type;
    if (t === 'identifier') {
      if (p.text === name) return {};
      continue;
    }
    const nameNode = p.childForFieldName('name') ?? p.childForFieldName('left') ?? p.childForFieldName('pattern') ?? (t === 'typed_parameter' ? p.namedChild(0) : null);
    if (nameNode?.text !== name) continue;
    const value = p.childForFieldName('value') ?? p.childForFieldName('right');
    const type = p.childForFieldName('type');
    return { ...(value ? { value } : {}), ...(type ? { type } : {}) };
  }
  return undefined;
}

export function annotationName(type: Node): string | undefined {
  const inner = type.namedChild(0) ?? type;
  const p = dottedPath(inner.type === 'string' ? inner : inner);
  return p ? p[p.length - 1] : stringValue(inner);
}

function key(v: Value): string {
  switch (v.t) {
    case 'act':
      return `a|${v.node.id}|${v.form}|${v.name}|${v.args.map((a) => a.full.id).join(',')}|${v.via}|${v.from?.id ?? ''}`;
    case 'str':
      return `s|${v.node.id}|${v.via}|${v.from?.id ?? ''}`;
    case 'dict':
      return `d|${v.node.id}|${v.via}`;
    case 'obj':
      return `o|${v.cls.node.id}|${v.call?.id ?? ''}`;
    default:
      return 'n';
  }
}

function dedupe(values: Value[]): Value[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
