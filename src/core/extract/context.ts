/**
 * The state shared by the extractors of one program: the facts of the walk, the IR being built,
 * the model / loss / layer bindings, and helpers to turn calls into layers and activation refs.
 */
import type { Node } from 'web-tree-sitter';
import type { ActivationCall, ActivationRef, Arg, Layer, Loss, Model, ProgramIR } from '../ir';
import type { Framework } from '../math/types';
import type { SourceDoc } from '../parse/source';
import type { AssignFact, CallFact, ClassFact, Facts, FnFact } from './facts';
import { ScopedBindings, type BindingWatch, type Use } from './bindings';
import { importedModelOfCall, markImported } from './imported';
import type { ReturnFact, Scope } from './scope';
import { capturedNumber, dottedPath, findArg, rangeOf, toArg, unwrap, type ArgNode } from './syntax';
import { layerKind, widthArgs } from './tables';

/** Methods that return their receiver object (a model stays the model). */
const STRIP = /^(to|cuda|cpu|double|float|half|train|eval|requires_grad_|share_memory)$/;
/** Wrappers whose result runs the wrapped model (`DDP(model)`, `torch.compile(model)`). */
export const MODEL_WRAPPERS = /^torch\.(nn\.(parallel\.)?(DistributedDataParallel|DataParallel)|compile|jit\.script)$/;
/** `self(x)` aliases: the run method called by name. */
const RUN_METHODS = new Set(['forward', 'call', '__call__', 'stateless_call']);

function numberArg(args: readonly ArgNode[], name: string, index?: number): number | undefined {
  const a = findArg(args, name, index);
  // Captured, not read: the width is stored as it is (syntax.ts capturedNumber, cutoff.ts).
  return a ? capturedNumber(a.value) : undefined;
}

/** Element `key` of a returned tuple / list / array (by position) or object literal (by property). */
function elementOf(value: Node, key: number | string): Node | undefined {
  const v = unwrap(value);
  if (typeof key === 'number') {
    if (v.type !== 'expression_list' && v.type !== 'tuple' && v.type !== 'list' && v.type !== 'array') return undefined;
    return v.namedChildren.filter((c) => c.type !== 'comment')[key];
  }
  if (v.type !== 'object' && v.type !== 'dictionary') return undefined;
  for (const c of v.namedChildren) {
    if (c.type === 'shorthand_property_identifier' && c.text === key) return c;
    if (c.type === 'pair') {
      const k = c.childForFieldName('key');
      const kt = k ? (k.type === 'string' ? k.text.slice(1, -1) : k.text) : undefined;
      if (kt === key) return c.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}
import { ValueResolver } from '../resolve/values';

/** A dotted path as the name bindings key it (`['self', 'fc']` → 'self.fc'); a plain name as it is, without a join. */
export function dotted(path: readonly string[]): string {
  return path.length === 1 ? path[0]! : path.join('.');
}

/** Two loss objects the whole-file lookup by name takes for one (two `nn.CrossEntropyLoss()`); regions.ts reasons with it too. */
export function sameLoss(a: Loss, b: Loss): boolean {
  return a.name === b.name && a.expects === b.expects && a.framework === b.framework;
}

function addTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export class Extraction {
  /** Variables (dotted text) → the model bound to them, per lexical scope. */
  readonly models: ScopedBindings<Model>;
  /** Variables → the loss object bound to them, per lexical scope. */
  readonly losses: ScopedBindings<Loss>;
  /** call id → the model that call builds (Sequential(...), keras.Model(...)). */
  readonly modelByCall = new Map<number, Model>();
  /** call id → activation call. */
  readonly activationByCall = new Map<number, ActivationCall>();
  /** call id → the activation ref a resolved call (`act_layer()`) was given, so it is recorded once. */
  readonly resolvedRefByCall = new Map<number, ActivationRef>();
  /** call id → the model step this call applies (self.fc1(x), Dense(8)(x)). */
  readonly layerByCall = new Map<number, Layer>();
  /** class name → its model (torch / Keras subclasses). */
  readonly classModels = new Map<string, Model>();
  /** Calls that already built a model (so a nested Sequential is not a top-level model too). */
  readonly consumed = new Set<number>();
  /** Sequential calls built as a step of another model (`self.head = nn.Sequential(...)`): call id → that inner model. */
  readonly innerByCall = new Map<number, Model>();
  /** Keras Model subclasses instantiated functionally (`CustomModel(inputs, outputs)`): class → the models built. */
  readonly functionalInstances = new Map<ClassFact, Set<Model>>();
  /** One-layer models of bare layer constructors (null: the call is not one). */
  private readonly layerModels = new Map<number, Model | null>();
  /** Helper method calls inlined into a run method (`self.encode(x)` in forward): call id → the helper. */
  readonly helperCalls = new Map<number, FnFact>();
  /** Per subclass model: the step each call of its run method applies (a base class's forward() runs in several models). */
  readonly stepsOf = new Map<Model, Map<number, Layer>>();
  /** Per subclass model: the calls of its run method with helpers inlined, in execution order. */
  readonly runCalls = new Map<Model, CallFact[]>();
  /** The loss object a constructor call makes (`Trainer(model, nn.NLLLoss())` passes one), set by the losses pass. */
  lossOfCall?: (call: CallFact) => Loss | undefined;
  /** Assignments already bound to a model by bindIndirectModels: 1 at their index in facts.assigns (a list one extraction does not change). */
  private boundAssigns: Uint8Array | undefined;
  private resolver: ValueResolver | undefined;
  private readonly assignsByFn = new Map<FnFact | undefined, AssignFact[]>();
  private readonly assignsByCall = new Map<number, AssignFact[]>();

  constructor(
    readonly doc: SourceDoc,
    readonly facts: Facts,
    readonly ir: ProgramIR,
    readonly frameworks: ReadonlySet<Framework>,
    /** Incremental analysis: what the name bindings report and are seeded with (regions.ts). */
    watch?: { models?: BindingWatch<Model>; losses?: BindingWatch<Loss> },
  ) {
    const assigns = facts.assigns;
    for (let i = 0; i < assigns.length; i++) {
      const a = assigns[i]!;
      addTo(this.assignsByFn, a.fn, a);
      if (!a.valueCall) continue;
      addTo(this.assignsByCall, a.valueCall.id, a);
      // `model = nn.Sequential(...).to(device)`: the assignment names the Sequential too.
      const base = this.baseCall(a.valueCall);
      if (base !== a.valueCall) addTo(this.assignsByCall, base.id, a);
    }
    this.models = new ScopedBindings<Model>(facts, (call, depth) => this.modelOfCall(call, depth), undefined, watch?.models);
    this.losses = new ScopedBindings<Loss>(facts, (call) => this.lossOfCall?.(call), sameLoss, watch?.losses);
  }

  private classIndex: { last: Map<string, ClassFact>; all: Map<string, ClassFact[]> } | undefined;

  private classes(): { last: Map<string, ClassFact>; all: Map<string, ClassFact[]> } {
    if (this.classIndex) return this.classIndex;
    const last = new Map<string, ClassFact>();
    const all = new Map<string, ClassFact[]>();
    for (const c of this.facts.classes) {
      last.set(c.name, c);
      const list = all.get(c.name);
      if (list) list.push(c);
      else all.set(c.name, [c]);
    }
    return (this.classIndex = { last, all });
  }

  /** The file's classes by name, the last definition winning as in Python (one pass, on first use; not to be mutated). */
  classesByName(): ReadonlyMap<string, ClassFact> {
    return this.classes().last;
  }

  private callsByFn: Map<FnFact | undefined, CallFact[]> | undefined;

  /** The calls made directly in `fn` (undefined: at module level), in source order (one pass, on first use). */
  callsIn(fn: FnFact | undefined): readonly CallFact[] {
    if (!this.callsByFn) {
      const idx = new Map<FnFact | undefined, CallFact[]>();
      for (const c of this.facts.calls) {
        const list = idx.get(c.fn);
        if (list) list.push(c);
        else idx.set(c.fn, [c]);
      }
      this.callsByFn = idx;
    }
    return this.callsByFn.get(fn) ?? [];
  }

  private assignsByCls: Map<ClassFact, AssignFact[]> | undefined;

  /** The assignments made in the methods of `cls` (and in functions nested in them), in source order (one pass, on first use). */
  assignsInClass(cls: ClassFact): readonly AssignFact[] {
    if (!this.assignsByCls) {
      const idx = new Map<ClassFact, AssignFact[]>();
      const assigns = this.facts.assigns;
      for (let i = 0; i < assigns.length; i++) {
        const a = assigns[i]!;
        const c = a.fn?.cls;
        if (c) addTo(idx, c, a);
      }
      this.assignsByCls = idx;
    }
    return this.assignsByCls.get(cls) ?? [];
  }

  /** The assignments made directly in `fn` (undefined: at module level), in source order. */
  assignsIn(fn: FnFact | undefined): readonly AssignFact[] {
    return this.assignsByFn.get(fn) ?? [];
  }

  private classByNode: Map<number, ClassFact> | undefined;

  /** The class a class-definition node defines (the first one, as a scan in source order finds it). */
  classOfNode(node: Node): ClassFact | undefined {
    if (!this.classByNode) {
      this.classByNode = new Map();
      for (const c of this.facts.classes) if (!this.classByNode.has(c.node.id)) this.classByNode.set(c.node.id, c);
    }
    return this.classByNode.get(node.id);
  }

  /** Every class of the file named `name`, in source order. */
  classesNamed(name: string): readonly ClassFact[] {
    return this.classes().all.get(name) ?? [];
  }

  /** The value resolver of this file (built on first use; answers cached per node). */
  get values(): ValueResolver {
    return (this.resolver ??= new ValueResolver(this.facts));
  }

  /** Where a call is made: its scope and offset (names in it are looked up there). */
  useOf(call: CallFact): Use {
    return { scope: call.scope, pos: call.node.startIndex };
  }

  /** The scope of any node (climbing to the nearest scope-opening ancestor). */
  useAt(node: Node): Use {
    for (let p: Node | null = node; p; p = p.parent) {
      const s = this.facts.scopeByNode.get(p.id);
      if (s) return { scope: s, pos: node.startIndex };
    }
    return { scope: this.facts.rootScope, pos: node.startIndex };
  }

  /**
   * The model a call stands for: a model it builds, a class instance, a wrapper of a model
   * (`DDP(model)`, `model.to(dev)`), a bare layer used as a model (`model = nn.Linear(20, 1)`), or
   * what a local function returns (`build()`; with `key`, one element of a returned tuple or object:
   * `ds, model, opt = load()` → key 1, `const {model} = build()` → key 'model').
   */
  modelOfCall(call: CallFact, depth = 0, key?: number | string): Model | undefined {
    const base = this.baseCall(call);
    const built = this.modelByCall.get(base.id) ?? this.innerByCall.get(base.id);
    if (built) return key === undefined ? built : undefined;
    if (depth > 4) return undefined;
    // `model.to(device)` / `model.cuda()` on a name (baseCall strips only call receivers).
    if (base.receiver && STRIP.test(base.name) && !this.callOf(base.receiver)) {
      return key === undefined ? this.models.resolve(base.receiver, this.useOf(base), depth + 1) : undefined;
    }
    // DDP(model), nn.DataParallel(model), torch.compile(model): the same model.
    if (base.qualified && MODEL_WRAPPERS.test(base.qualified)) {
      const a = base.args.find((x) => x.index === 0) ?? base.args.find((x) => x.name === 'module' || x.name === 'model');
      return a && key === undefined ? this.models.resolve(a.value, this.useOf(base), depth + 1) : undefined;
    }
    const p = base.path;
    if (!p) return undefined;
    if (p.length === 1 && this.classModels.has(p[0]!)) return key === undefined ? this.classModels.get(p[0]!) : undefined;
    if (key === undefined) {
      const layer = this.layerModel(base);
      if (layer) return layer;
      // A name imported from a module that may be a file of the project (src/core/project links it).
      const imported = importedModelOfCall(this, base);
      if (imported) return imported;
    }
    if (!(p.length === 1 || (p.length === 2 && (p[0] === 'self' || p[0] === 'this')))) return undefined;
    const named = this.functionsNamed(base.name);
    if (named.length === 0) return undefined;
    const fns = new Set<Scope>(named.filter((s) => p.length === 1 || s.cls === base.scope.cls));
    if (fns.size === 0) return undefined;
    const found = new Set<Model>();
    for (const r of this.returnsOfFunctionsNamed(base.name)) {
      if (!fns.has(r.fn)) continue;
      const v = key === undefined ? r.value : elementOf(r.value, key);
      if (!v) continue;
      const m = this.models.resolve(v, { scope: r.scope, pos: v.startIndex }, depth + 1);
      if (m) found.add(m);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  private byFnName: { scopes: Map<string, Scope[]>; returns: Map<string, ReturnFact[]> } | undefined;

  /** The file's function scopes and returns by function name, in source order (one pass, on first use). */
  private fnIndex(): { scopes: Map<string, Scope[]>; returns: Map<string, ReturnFact[]> } {
    if (this.byFnName) return this.byFnName;
    const scopes = new Map<string, Scope[]>();
    const returns = new Map<string, ReturnFact[]>();
    for (const s of this.facts.functionScopes) if (s.fnName !== undefined) (scopes.get(s.fnName) ?? scopes.set(s.fnName, []).get(s.fnName)!).push(s);
    for (const r of this.facts.returns) if (r.fn.fnName !== undefined) (returns.get(r.fn.fnName) ?? returns.set(r.fn.fnName, []).get(r.fn.fnName)!).push(r);
    return (this.byFnName = { scopes, returns });
  }

  private functionsNamed(name: string): Scope[] {
    return this.fnIndex().scopes.get(name) ?? [];
  }

  /** Whether the file defines a function named `name` outside any class. */
  hasPlainFunction(name: string): boolean {
    return this.functionsNamed(name).some((s) => !s.cls);
  }

  /** Every return of a function scope named `name` (the callers filter by scope), in source order. */
  private returnsOfFunctionsNamed(name: string): ReturnFact[] {
    return this.fnIndex().returns.get(name) ?? [];
  }

  /** The models a local function's `return name` may give when the name has alternatives (if / else arms). */
  private returnedAlternatives(call: CallFact): Model[] {
    const base = this.baseCall(call);
    const p = base.path;
    if (!p || p.length !== 1) return [];
    const fns = new Set<Scope>(this.functionsNamed(base.name));
    const found = new Set<Model>();
    for (const r of this.returnsOfFunctionsNamed(base.name)) {
      if (!fns.has(r.fn)) continue;
      const rp = this.callOf(r.value) ? undefined : dottedPath(unwrap(r.value));
      if (!rp) return [];
      const c = this.models.candidates(rp.join('.'), { scope: r.scope, pos: r.value.startIndex });
      if (c.size === 0) return [];
      for (const m of c) found.add(m);
    }
    return [...found];
  }

  /**
   * A torch affine layer constructor used where a model is expected (`model = nn.Linear(20, 1)`,
   * `self.head = nn.Linear(d, n)` called on the way to a loss): a one-layer model, kept out of
   * `ir.models` (the structure rules see the layer where it is written).
   */
  private layerModel(call: CallFact): Model | undefined {
    const cached = this.layerModels.get(call.id);
    if (cached !== undefined) return cached ?? undefined;
    let model: Model | null = null;
    const q = call.qualified;
    if (this.frameworks.has('torch') && q && /^torch\.nn\.[A-Z]\w*$/.test(q) && layerKind(call.name) === 'affine') {
      const layer = this.newLayer('torch', call, call.name, 'affine');
      const units = numberArg(call.args, ...widthArgs('torch', call.name).units!);
      if (units !== undefined) layer.units = units;
      const r = this.range(call.node);
      model = { framework: 'torch', kind: 'sequential', name: this.targetsOf(call)[0] ?? call.name, bindings: [], layers: [layer], outputs: [{ index: 0, layers: [layer], range: r }], range: r, nameRange: this.range(call.callee) };
    }
    this.layerModels.set(call.id, model);
    return model ?? undefined;
  }

  /** The model `self(x)` / `self.forward(x)` / `this.call(x)` stands for inside a method of a model class. */
  selfModel(call: CallFact): Model | undefined {
    const p = call.path;
    if (!p || !call.cls || !(p.length === 1 || (p.length === 2 && RUN_METHODS.has(p[1]!))) || (p[0] !== 'self' && p[0] !== 'this')) return undefined;
    const instances = this.functionalInstances.get(call.cls);
    if (instances && instances.size === 1) return [...instances][0];
    if (instances && instances.size > 1) return undefined;
    return this.classModels.get(call.cls.name);
  }

  range(node: Node) {
    return rangeOf(this.doc, node);
  }

  private assignsByFnName: Map<FnFact | undefined, Map<string, AssignFact[]>> | undefined;

  /** The assignments in `fn` with `name` among their targets, in source order (one pass, on first use). */
  assignsTo(fn: FnFact | undefined, name: string): readonly AssignFact[] {
    if (!this.assignsByFnName) {
      const idx = new Map<FnFact | undefined, Map<string, AssignFact[]>>();
      for (const [f, list] of this.assignsByFn) {
        const byName = new Map<string, AssignFact[]>();
        for (let i = 0; i < list.length; i++) {
          const a = list[i]!;
          if (a.targets.length === 1) addTo(byName, a.targets[0]!, a);
          else for (const t of new Set(a.targets)) addTo(byName, t, a);
        }
        idx.set(f, byName);
      }
      this.assignsByFnName = idx;
    }
    return this.assignsByFnName.get(fn)?.get(name) ?? [];
  }

  /** The last assignment to `name` in the function of `beforeOrder`, before that order. */
  lastAssign(name: string, fn: FnFact | undefined, beforeOrder: number): AssignFact | undefined {
    let best: AssignFact | undefined;
    for (const a of this.assignsTo(fn, name)) {
      if (a.order < beforeOrder && (!best || a.order > best.order)) best = a;
    }
    return best;
  }

  /**
   * The last plain assignment to `name` in `fn` before `beforeOrder` (not an augmented `+=`): where
   * a list variable starts (`layers = []`).
   */
  lastListStart(name: string, fn: FnFact | undefined, beforeOrder: number): AssignFact | undefined {
    let best: AssignFact | undefined;
    for (const a of this.assignsTo(fn, name)) {
      if (a.order < beforeOrder && a.targets.length === 1 && a.targets[0] === name && a.value.parent?.type !== 'augmented_assignment' && (!best || a.order > best.order)) best = a;
    }
    return best;
  }

  /** Every target a call's value is assigned to (`model = nn.Sequential(...)` → ['model']). */
  targetsOf(call: CallFact): string[] {
    return (this.assignsByCall.get(call.id) ?? []).flatMap((a) => a.targets);
  }

  callOf(node: Node | undefined | null): CallFact | undefined {
    return node ? this.facts.callByNode.get(unwrap(node).id) : undefined;
  }

  /** Strip `.to(device)`, `.cuda()`, `.eval()` … chains: the call that made the object. */
  baseCall(call: CallFact): CallFact {
    let c = call;
    for (let i = 0; i < 8; i++) {
      if (!STRIP.test(c.name) || !c.receiver) return c;
      const r = this.callOf(c.receiver);
      if (!r) return c;
      c = r;
    }
    return c;
  }

  /**
   * Bind the names assigned a model through a call of a local function (`model = build_model()`,
   * `ds, model, opt = load()`, `const {model} = build()`) or another name (`self.model = model`), in
   * source order so chains resolve; a second pass catches names used before the assignment that
   * binds them is reached in the text (`self.model = model` in a class defined above `main()`).
   */
  bindIndirectModels(framework: Framework): void {
    const assigns = this.facts.assigns;
    const bound = (this.boundAssigns ??= new Uint8Array(assigns.length));
    for (let pass = 0; pass < 2; pass++) {
      // Indexed: no iterator object per assignment where V8 has not optimized the loop yet.
      for (let i = 0; i < assigns.length; i++) {
        const a = assigns[i]!;
        if (bound[i]) continue;
        if (a.valueCall) {
          if (this.modelByCall.has(this.baseCall(a.valueCall).id)) continue;
          if (a.keys && a.keys.length > 0) {
            // Unpacked: each target is one element of what the call returns.
            a.targets.forEach((t, i) => {
              const k = a.keys![i];
              const m = k === undefined ? undefined : this.modelOfCall(a.valueCall!, 0, k);
              if (m && m.framework === framework) this.bindTarget(m, a, t);
            });
            continue;
          }
          const m = this.modelOfCall(a.valueCall);
          if (m && m.framework === framework) this.bindModel(m, a), (bound[i] = 1);
          else if (!m) {
            // The function returns one of several models (chosen in if / else arms): each is possible.
            const alts = this.returnedAlternatives(a.valueCall).filter((x) => x.framework === framework);
            if (alts.length > 1) {
              for (const t of a.targets) {
                this.models.bindAlternatives(t, alts, { scope: a.scope, pos: a.value.endIndex, node: a.value });
                for (const x of alts) if (!x.bindings.includes(t)) x.bindings.push(t);
              }
              bound[i] = 1;
            }
          }
        } else {
          const v = unwrap(a.value);
          if (v.type === 'identifier' || v.type === 'attribute' || v.type === 'member_expression') {
            const m = this.models.resolve(v, { scope: a.scope, pos: v.startIndex }, 0);
            if (m && m.framework === framework) this.bindModel(m, a), (bound[i] = 1);
          }
        }
      }
    }
  }

  private bindTarget(model: Model, a: AssignFact, name: string): void {
    if (this.models.candidates(name, { scope: a.scope, pos: a.value.endIndex }).has(model)) return;
    this.models.bind(name, model, { scope: a.scope, pos: a.value.endIndex, node: a.value });
    if (!model.bindings.includes(name)) model.bindings.push(name);
  }

  /** Every model a name may stand for where it is used (if / else alternatives, several callers). */
  modelsFor(path: readonly string[] | undefined, use: Use): Model[] {
    return path ? [...this.models.candidates(dotted(path), use)] : [];
  }

  /** The model a callee expression names (`model`, `self.net`) where it is used, if any. */
  modelFor(path: readonly string[] | undefined, use: Use): Model | undefined {
    return path ? this.models.get(dotted(path), use) : undefined;
  }

  /** Bind a model to the targets of an assignment, or of every assignment of the call that builds it. */
  bindModel(model: Model, source: CallFact | AssignFact): void {
    let assigns: readonly AssignFact[];
    if ('targets' in source) assigns = [source];
    else {
      this.modelByCall.set(source.id, model);
      assigns = this.assignsByCall.get(source.id) ?? [];
    }
    for (const a of assigns) {
      for (const n of a.targets) {
        this.models.bind(n, model, { scope: a.scope, pos: a.value.endIndex, node: a.value });
        if (!model.bindings.includes(n)) model.bindings.push(n);
      }
    }
  }

  addModel(model: Model): void {
    this.ir.models.push(model);
  }

  addRef(ref: ActivationRef | undefined): void {
    if (ref) this.ir.activations.push(ref);
  }

  private readonly resolvedSites = new Set<string>();

  /** A resolved site (src/core/resolve): recorded once per name range, however often its layer is built. */
  addResolvedRef(ref: ActivationRef): void {
    const r = ref.nameRange;
    const k = `${r.cell ?? ''}:${r.start.line}:${r.start.column}:${r.end.line}:${r.end.column}`;
    if (this.resolvedSites.has(k)) return;
    this.resolvedSites.add(k);
    this.ir.activations.push(ref);
  }

  opaqueModel(framework: Framework, node: Node): Model {
    const r = this.range(node);
    const model: Model = { framework, kind: 'functional', name: node.text.slice(0, 80), bindings: [], layers: [], outputs: [{ index: 0, layers: [], range: r }], range: r, nameRange: r, opaque: true };
    markImported(this, model, node);
    return model;
  }

  /** A layer a call constructs; `argNodes`: the arguments it records (the call's own unless given). */
  newLayer(framework: Framework, call: CallFact, className: string, kind: Layer['kind'], extra: Partial<Layer> = {}, argNodes: readonly ArgNode[] = call.args): Layer {
    const args = new Array<Arg>(argNodes.length);
    for (let i = 0; i < argNodes.length; i++) args[i] = toArg(this.doc, argNodes[i]!);
    const layer: Layer = {
      framework,
      className,
      kind,
      origin: 'layer',
      args,
      range: this.range(call.node),
      nameRange: this.range(call.callee),
      ...extra,
    };
    if (call.qualified) layer.qualified = call.qualified;
    if (call.inLoop) layer.inLoop = true;
    return layer;
  }

  /** A model step made from an activation call inside forward()/call() or a functional graph. */
  callLayer(ac: ActivationCall, call: CallFact): Layer {
    const layer: Layer = {
      framework: ac.framework,
      className: ac.activation.name,
      kind: 'activation',
      origin: 'call',
      activation: ac.activation,
      args: ac.activation.args,
      range: ac.range,
      nameRange: ac.activation.nameRange,
      call: ac,
    };
    if (ac.activation.qualified) layer.qualified = ac.activation.qualified;
    if (ac.inLoop || call.inLoop) layer.inLoop = true;
    if (ac.gated) layer.gated = true;
    return layer;
  }
}
