/**
 * The state shared by the extractors of one program: the facts of the walk, the IR being built,
 * the model / loss / layer bindings, and helpers to turn calls into layers and activation refs.
 */
import type { Node } from 'web-tree-sitter';
import type { ActivationCall, ActivationRef, Layer, Loss, Model, ProgramIR } from '../ir';
import type { Framework } from '../math/types';
import type { SourceDoc } from '../parse/source';
import type { AssignFact, CallFact, Facts, FnFact } from './facts';
import { ScopedBindings, type Use } from './bindings';
import type { Scope } from './scope';
import { rangeOf, toArg, unwrap } from './syntax';

export class Extraction {
  /** Variables (dotted text) → the model bound to them, per lexical scope. */
  readonly models: ScopedBindings<Model>;
  /** Variables → the loss object bound to them, per lexical scope. */
  readonly losses: ScopedBindings<Loss>;
  /** call id → the model that call builds (Sequential(...), keras.Model(...)). */
  readonly modelByCall = new Map<number, Model>();
  /** call id → activation call. */
  readonly activationByCall = new Map<number, ActivationCall>();
  /** call id → the model step this call applies (self.fc1(x), Dense(8)(x)). */
  readonly layerByCall = new Map<number, Layer>();
  /** class name → its model (torch / Keras subclasses). */
  readonly classModels = new Map<string, Model>();
  /** Calls that already built a model (so a nested Sequential is not a top-level model too). */
  readonly consumed = new Set<number>();
  private readonly assignsByFn = new Map<FnFact | undefined, AssignFact[]>();
  private readonly assignsByCall = new Map<number, AssignFact[]>();

  constructor(
    readonly doc: SourceDoc,
    readonly facts: Facts,
    readonly ir: ProgramIR,
    readonly frameworks: ReadonlySet<Framework>,
  ) {
    for (const a of facts.assigns) {
      const list = this.assignsByFn.get(a.fn) ?? [];
      list.push(a);
      this.assignsByFn.set(a.fn, list);
      if (!a.valueCall) continue;
      // `model = nn.Sequential(...).to(device)`: the assignment names the Sequential too.
      const base = this.baseCall(a.valueCall);
      for (const c of base === a.valueCall ? [a.valueCall] : [a.valueCall, base]) this.assignsByCall.set(c.id, [...(this.assignsByCall.get(c.id) ?? []), a]);
    }
    this.models = new ScopedBindings<Model>(facts, (call, depth) => this.modelOfCall(call, depth));
    this.losses = new ScopedBindings<Loss>(facts, undefined, (a, b) => a.name === b.name && a.expects === b.expects && a.framework === b.framework);
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

  /** The model a call stands for: a model it builds, a class instance, or what a local function returns. */
  modelOfCall(call: CallFact, depth = 0): Model | undefined {
    const base = this.baseCall(call);
    const built = this.modelByCall.get(base.id);
    if (built) return built;
    const p = base.path;
    if (!p) return undefined;
    if (p.length === 1 && this.classModels.has(p[0]!)) return this.classModels.get(p[0]!);
    if (depth > 4 || !(p.length === 1 || (p.length === 2 && (p[0] === 'self' || p[0] === 'this')))) return undefined;
    const fns = new Set<Scope>(this.facts.functionScopes.filter((s) => s.fnName === base.name && (p.length === 1 || s.cls === base.scope.cls)));
    if (fns.size === 0) return undefined;
    const found = new Set<Model>();
    for (const r of this.facts.returns) {
      if (!fns.has(r.fn)) continue;
      const m = this.models.resolve(r.value, { scope: r.scope, pos: r.value.startIndex }, depth + 1);
      if (m) found.add(m);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  range(node: Node) {
    return rangeOf(this.doc, node);
  }

  /** The last assignment to `name` in the function of `beforeOrder`, before that order. */
  lastAssign(name: string, fn: FnFact | undefined, beforeOrder: number): AssignFact | undefined {
    const list = this.assignsByFn.get(fn);
    if (!list) return undefined;
    let best: AssignFact | undefined;
    for (const a of list) {
      if (a.order < beforeOrder && a.targets.includes(name) && (!best || a.order > best.order)) best = a;
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
      if (!/^(to|cuda|cpu|double|float|half|train|eval|requires_grad_|share_memory)$/.test(c.name) || !c.receiver) return c;
      const r = this.callOf(c.receiver);
      if (!r) return c;
      c = r;
    }
    return c;
  }

  /**
   * Bind the names assigned a model through a call of a local function (`model = build_model()`)
   * or another name (`self.model = model`), in source order so chains resolve.
   */
  bindIndirectModels(framework: Framework): void {
    for (const a of this.facts.assigns) {
      const v = unwrap(a.value);
      let m: Model | undefined;
      if (a.valueCall) {
        if (this.modelByCall.has(this.baseCall(a.valueCall).id)) continue;
        m = this.modelOfCall(a.valueCall);
      } else if (v.type === 'identifier' || v.type === 'attribute' || v.type === 'member_expression') {
        m = this.models.resolve(v, { scope: a.scope, pos: v.startIndex }, 0);
      }
      if (m && m.framework === framework) this.bindModel(m, a);
    }
  }

  /** Every model a name may stand for where it is used (if / else alternatives, several callers). */
  modelsFor(path: readonly string[] | undefined, use: Use): Model[] {
    return path ? [...this.models.candidates(path.join('.'), use)] : [];
  }

  /** The model a callee expression names (`model`, `self.net`) where it is used, if any. */
  modelFor(path: readonly string[] | undefined, use: Use): Model | undefined {
    return path ? this.models.get(path.join('.'), use) : undefined;
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

  opaqueModel(framework: Framework, node: Node): Model {
    const r = this.range(node);
    return { framework, kind: 'functional', name: node.text.slice(0, 80), bindings: [], layers: [], outputs: [{ index: 0, layers: [], range: r }], range: r, nameRange: r, opaque: true };
  }

  newLayer(framework: Framework, call: CallFact, className: string, kind: Layer['kind'], extra: Partial<Layer> = {}): Layer {
    const layer: Layer = {
      framework,
      className,
      kind,
      origin: 'layer',
      args: call.args.map((a) => toArg(this.doc, a)),
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
