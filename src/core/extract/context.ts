/**
 * The state shared by the extractors of one program: the facts of the walk, the IR being built,
 * the model / loss / layer bindings, and helpers to turn calls into layers and activation refs.
 */
import type { Node } from 'web-tree-sitter';
import type { ActivationCall, ActivationRef, Layer, Loss, Model, ProgramIR } from '../ir';
import type { Framework } from '../math/types';
import type { SourceDoc } from '../parse/source';
import type { AssignFact, CallFact, Facts, FnFact } from './facts';
import { rangeOf, toArg, unwrap } from './syntax';

export class Extraction {
  /** Variable (dotted text) → model bound to it. */
  readonly modelBindings = new Map<string, Model>();
  /** Variable → loss object bound to it. */
  readonly lossBindings = new Map<string, Loss>();
  /** call id → activation call. */
  readonly activationByCall = new Map<number, ActivationCall>();
  /** call id → the model step this call applies (self.fc1(x), Dense(8)(x)). */
  readonly layerByCall = new Map<number, Layer>();
  /** class name → its model (torch / Keras subclasses). */
  readonly classModels = new Map<string, Model>();
  /** Calls that already built a model (so a nested Sequential is not a top-level model too). */
  readonly consumed = new Set<number>();
  private readonly assignsByFn = new Map<FnFact | undefined, AssignFact[]>();
  private readonly targetsByCall = new Map<number, string[]>();

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
      if (a.valueCall) this.targetsByCall.set(a.valueCall.id, [...(this.targetsByCall.get(a.valueCall.id) ?? []), ...a.targets]);
    }
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
    return this.targetsByCall.get(call.id) ?? [];
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

  /** The model a callee expression names (`model`, `self.net`), if any. */
  modelFor(path: readonly string[] | undefined): Model | undefined {
    return path ? this.modelBindings.get(path.join('.')) : undefined;
  }

  bindModel(model: Model, names: readonly string[]): void {
    for (const n of names) {
      this.modelBindings.set(n, model);
      if (!model.bindings.includes(n)) model.bindings.push(n);
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
