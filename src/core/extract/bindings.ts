/**
 * Names bound to models / loss objects, per lexical scope: `model` assigned in two functions is two
 * bindings, and a use sees the binding of the scope that declares the name (the latest one before
 * the use when there are several). A function parameter is resolved through the file's calls of
 * that function (`train(model, …)` → the `model` of the caller); a name declared nowhere in the
 * file falls back to the one value bound to that name anywhere, if it is unique.
 */
import type { Node } from 'web-tree-sitter';
import type { CallFact, Facts } from './facts';
import { branchArmNode, declaringScope, type Scope } from './scope';
import { dottedPath, findArg, unwrap, type ArgNode } from './syntax';

/** Where a name is used (or bound): its innermost scope and source offset. */
export interface Use {
  scope: Scope;
  pos: number;
  /** Bindings: the assigned value (its if / else arm makes the binding conditional). */
  node?: Node;
}

interface Entry<T> {
  value: T;
  pos: number;
  /** Alternatives bound together (`model = build()` where build returns one of several): one group id. */
  group?: number;
  /** Source span of the if / else / case arm the binding is made in, if any. */
  arm?: [number, number];
}

const MAX_DEPTH = 4;

/**
 * What the incremental analysis (regions.ts) needs to know of a run: which names were bound where,
 * and where a name was looked up by name in the whole file (a name declared nowhere, a parameter no
 * call passes) — the one lookup that reaches across statements without naming them. `seeded`: the
 * values bound in statements a partial analysis does not redo, for that whole-file lookup.
 */
export interface BindingWatch<T> {
  bound(name: string, value: T, pos: number): void;
  consulted(name: string, pos: number): void;
  seeded?: ReadonlyMap<string, readonly { value: T; pos: number }[]>;
}

/** The answer for a name bound nowhere (shared: callers only read candidate sets). */
const NONE: ReadonlySet<never> = new Set();

export class ScopedBindings<T> {
  private readonly maps = new Map<object, Map<string, Entry<T>[]>>();
  /** Every value bound to a name anywhere, with the position of its first binding (the whole-file lookup). */
  private readonly byName = new Map<string, Map<T, number>>();

  constructor(
    private readonly facts: Facts,
    /** The value a call expression stands for (`Net().to(dev)`, `build_model()`), if known. */
    private readonly fromCall: (call: CallFact, depth: number) => T | undefined = () => undefined,
    /** Candidates that are interchangeable (two `nn.CrossEntropyLoss()` objects): one of them stands for all. */
    private readonly same: (a: T, b: T) => boolean = (a, b) => a === b,
    private readonly watch?: BindingWatch<T>,
  ) {
  }

  /**
   * The values bound to `name` anywhere: the seeded ones (statements a partial analysis carries
   * over) entered on first use of the name, not all up front (a keystroke's partial analysis looks
   * up a few names; the seeds are every value bound in the file).
   */
  private named(name: string): Map<T, number> | undefined {
    const all = this.byName.get(name);
    if (all) return all;
    const seeds = this.watch?.seeded?.get(name);
    if (!seeds) return undefined;
    const made = new Map<T, number>();
    for (const v of seeds) made.set(v.value, v.pos);
    this.byName.set(name, made);
    return made;
  }

  /** `self.x` / `this.x` belong to the class; other names to the scope that declares their root. */
  private home(name: string, scope: Scope): object | undefined {
    const dot = name.indexOf('.');
    const root = dot < 0 ? name : name.slice(0, dot);
    if (root === 'self' || root === 'this') return scope.cls ?? this.facts.rootScope;
    return declaringScope(scope, root);
  }

  private groups = 0;

  /** Bind several alternative values at once: the name stands for any of them (a function returning one of several models). */
  bindAlternatives(name: string, values: readonly T[], at: Use): void {
    const group = ++this.groups;
    for (const v of values) this.bind(name, v, at, group);
  }

  bind(name: string, value: T, at: Use, group?: number): void {
    const home = this.home(name, at.scope) ?? this.facts.rootScope;
    let map = this.maps.get(home);
    if (!map) this.maps.set(home, (map = new Map()));
    const list = map.get(name) ?? [];
    const armNode = at.node ? branchArmNode(at.node) : undefined;
    list.push({ value, pos: at.pos, ...(armNode ? { arm: [armNode.startIndex, armNode.endIndex] as [number, number] } : {}), ...(group !== undefined ? { group } : {}) });
    map.set(name, list);
    this.watch?.bound(name, value, at.pos);
    const all = this.named(name) ?? new Map<T, number>();
    if (!all.has(value)) all.set(value, at.pos);
    this.byName.set(name, all);
  }

  /** The value `name` (dotted text) has at `use`, when it has only one. */
  get(name: string, use: Use, depth = 0): T | undefined {
    return this.one(this.candidates(name, use, depth));
  }

  /**
   * Every value `name` may have at `use`: one, or the alternatives of if / else arms and of the
   * calls passing a parameter; empty when unknown.
   */
  candidates(name: string, use: Use, depth = 0): ReadonlySet<T> {
    // A dotted name is never a parameter: bound somewhere (every binding is in byName) or unknown
    // (the watch still hears of a lookup by name in the whole file).
    if (name.includes('.') && !this.named(name)) {
      if (this.watch && !this.home(name, use.scope)) this.watch.consulted(name, use.pos);
      return NONE;
    }
    const home = this.home(name, use.scope);
    if (!home) {
      this.watch?.consulted(name, use.pos);
      return this.asSet(this.unique(name));
    }
    const entries = this.maps.get(home)?.get(name);
    if (entries && entries.length > 0) return latest(entries, use.pos);
    const scope = home as Scope;
    if (name.includes('.') || !scope.params?.includes(name) || depth >= MAX_DEPTH) return new Set();
    return this.param(scope, name, depth, use.pos);
  }

  private asSet(v: T | undefined): ReadonlySet<T> {
    return new Set(v === undefined ? [] : [v]);
  }

  /** The value of an expression: a name, or a call `fromCall` knows. */
  resolve(node: Node, use: Use, depth: number): T | undefined {
    const n = unwrap(node);
    const call = this.facts.callByNode.get(n.id);
    if (call) return depth < MAX_DEPTH ? this.fromCall(call, depth + 1) : undefined;
    const p = dottedPath(n);
    return p ? this.get(p.join('.'), use, depth) : undefined;
  }

  /** The one value bound to `name` anywhere (up to `same`: the one bound first in the source). */
  private unique(name: string): T | undefined {
    const all = this.named(name);
    if (!all || all.size === 0) return undefined;
    // The first bound: the smallest position, the earliest entered among equal ones (what a stable
    // sort by position puts first), found without sorting: a name bound to a model in every
    // function of a file (`model`) was sorted on every lookup that reached here.
    let first: T | undefined;
    let firstPos = Infinity;
    for (const [v, pos] of all) {
      if (pos < firstPos) {
        first = v;
        firstPos = pos;
      }
    }
    for (const v of all.keys()) if (v !== first && !this.same(first!, v)) return undefined;
    return first;
  }

  /** The one candidate (up to `same`), else undefined. */
  private one(candidates: ReadonlySet<T> | undefined): T | undefined {
    if (!candidates || candidates.size === 0) return undefined;
    let first: T | undefined;
    let seen = false;
    for (const c of candidates) {
      if (!seen) {
        first = c;
        seen = true;
      } else if (!this.same(first!, c)) return undefined;
    }
    return first;
  }

  /** A parameter: what the file's calls of its function pass for it. */
  private param(fn: Scope, name: string, depth: number, pos: number): ReadonlySet<T> {
    const sites = callSitesOf(this.facts, fn);
    if (sites.length === 0) {
      this.watch?.consulted(name, pos);
      return this.asSet(this.unique(name));
    }
    const found = new Set<T>();
    for (const c of sites) {
      const a = argumentFor(fn, name, c);
      if (!a) continue;
      const use = { scope: c.scope, pos: a.value.startIndex };
      // A name passed on keeps its alternatives (`model` chosen in if / else arms, then `train(model)`).
      const p = this.facts.callByNode.has(unwrap(a.value).id) ? undefined : dottedPath(unwrap(a.value));
      if (p) for (const v of this.candidates(p.join('.'), use, depth + 1)) found.add(v);
      else {
        const v = this.resolve(a.value, use, depth + 1);
        if (v !== undefined) found.add(v);
      }
    }
    return found;
  }

}

/** Per file's facts (function scopes outlive one analysis when kept by src/core/extract/incremental.ts). */
const sitesCache = new WeakMap<Facts, Map<Scope, CallFact[]>>();

/**
 * The file's calls by callee name (last path segment), built once per facts, `calls` array and
 * length. Per facts, not per array: an incremental walk patches the previous walk's `calls` in
 * place (walk.ts patchFacts), so one array can hold other calls at the same length.
 */
const callsByName = new WeakMap<Facts, { calls: CallFact[]; length: number; byName: Map<string, CallFact[]> }>();

function callsNamed(facts: Facts, name: string): readonly CallFact[] {
  let index = callsByName.get(facts);
  if (!index || index.calls !== facts.calls || index.length !== facts.calls.length) {
    const byName = new Map<string, CallFact[]>();
    for (const c of facts.calls) {
      const list = byName.get(c.name);
      if (list) list.push(c);
      else byName.set(c.name, [c]);
    }
    callsByName.set(facts, (index = { calls: facts.calls, length: facts.calls.length, byName }));
  }
  return index.byName.get(name) ?? [];
}

/** Calls of a function scope by name: `train(…)`, `self.train(…)`; constructors: `Trainer(…)`, `new Trainer(…)`. */
export function callSitesOf(facts: Facts, fn: Scope): CallFact[] {
  let perFile = sitesCache.get(facts);
  if (!perFile) sitesCache.set(facts, (perFile = new Map()));
  const cached = perFile.get(fn);
  if (cached) return cached;
  const ctor = fn.fnName === '__init__' || fn.fnName === 'constructor';
  const name = ctor ? fn.cls?.name : fn.fnName;
  // Methods are also called on instances of their class: `gan = GAN(...)` … `gan.compile(loss_fn=…)`.
  const instances = !ctor && fn.cls ? instanceNames(facts, fn.cls.name) : undefined;
  const out = name
    ? callsNamed(facts, name).filter((c) => {
        const p = c.path;
        if (!p) return false;
        return p.length === 1 || (!ctor && p.length === 2 && (p[0] === 'self' || p[0] === 'this' || !!instances?.has(p[0]!)));
      })
    : [];
  perFile.set(fn, out);
  return out;
}

/** Per file's facts: callee name → the names assigned the result of calling it (one pass over the assignments). */
const instancesCache = new WeakMap<Facts, Map<string, Set<string>>>();

/** Names assigned an instance of a class of this file (`gan = GAN(...)`, `t = Trainer(...).to(dev)` not included). */
function instanceNames(facts: Facts, cls: string): Set<string> {
  let byCallee = instancesCache.get(facts);
  if (!byCallee) {
    byCallee = new Map();
    for (const a of facts.assigns) {
      const p = a.valueCall?.path;
      if (p && p.length === 1 && a.targets.length === 1) (byCallee.get(p[0]!) ?? byCallee.set(p[0]!, new Set()).get(p[0]!)!).add(a.targets[0]!);
    }
    instancesCache.set(facts, byCallee);
  }
  return byCallee.get(cls) ?? new Set();
}

/** The argument a call passes for parameter `name` of function scope `fn` (by keyword, else by position). */
export function argumentFor(fn: Scope, name: string, call: CallFact): ArgNode | undefined {
  let index = fn.params?.indexOf(name) ?? -1;
  if (fn.method) index--;
  return findArg(call.args, name, index >= 0 ? index : undefined);
}

/**
 * The value bound last before `pos`, else the last one bound at all (a use in a loop or a
 * closure). A binding made in an if / else arm the use is not inside is only one of the values
 * the name may have: the others are the bindings back to the last unconditional one, and when
 * they differ the value is unknown (`if a: model = A()` / `else: model = B()` / `train(model)`).
 */
function latest<T>(entries: readonly Entry<T>[], pos: number): ReadonlySet<T> {
  const before = entries.filter((e) => e.pos <= pos);
  if (before.length === 0) return new Set([entries.reduce((a, b) => (b.pos >= a.pos ? b : a)).value]);
  const best = before.reduce((a, b) => (b.pos >= a.pos ? b : a));
  const values = best.group !== undefined ? before.filter((e) => e.group === best.group).map((e) => e.value) : [best.value];
  if (!best.arm || (pos >= best.arm[0] && pos <= best.arm[1])) return new Set(values);
  const plain = before.filter((e) => !e.arm).reduce<Entry<T> | undefined>((a, b) => (!a || b.pos >= a.pos ? b : a), undefined);
  return new Set(before.filter((e) => !plain || e.pos >= plain.pos).map((e) => e.value));
}
