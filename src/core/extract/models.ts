/** Models: Sequential containers, subclassed modules (execution order of forward/call), functional graphs. */
import type { Node } from 'web-tree-sitter';
import type { GateReason, Layer, Model } from '../ir';
import type { Framework } from '../math/types';
import type { Extraction } from './context';
import type { CallFact, ClassFact, FnFact } from './facts';
import { contextGate } from './calls';
import { MODEL_WRAPPERS } from './context';
import { activationValue, layerFromCall } from './layers';
import { branchArm } from './scope';
import { configArgs, dottedPath, findArg, listElements, literalValue, stringValue, toArg, unwrap } from './syntax';

const SEQUENTIAL: Record<Framework, RegExp> = {
  torch: /^torch\.nn\.Sequential$/,
  keras: /^keras\.Sequential$/,
  tfjs: /^tf\.sequential$/,
};

export function isSequentialCall(framework: Framework, call: CallFact): boolean {
  return call.qualified !== undefined && SEQUENTIAL[framework].test(call.qualified);
}

/** A step from an element expression of a Sequential list / argument (a constructor call, a bound layer, a nested model). */
export function stepFrom(ex: Extraction, framework: Framework, node: Node, depth = 0): Layer | undefined {
  const n = unwrap(node);
  // OrderedDict([('fc', nn.Linear(..)), …]) tuples: take the second element
  if (n.type === 'tuple') return n.namedChild(1) ? stepFrom(ex, framework, n.namedChild(1)!, depth) : undefined;
  const made = ex.callOf(n);
  const call = made && ex.baseCall(made); // nn.Sequential(...).to(device)
  if (!call) {
    const model = ex.modelFor(dottedPath(n), ex.useAt(n));
    if (model) return containerLayer(ex, model, n);
    return undefined;
  }
  if (isSequentialCall(framework, call) && depth < 6) {
    const inner = sequentialModel(ex, framework, call, depth + 1);
    ex.consumed.add(call.id);
    ex.innerByCall.set(call.id, inner);
    return containerLayer(ex, inner, call.node);
  }
  const cls = call.path?.length === 1 ? ex.classModels.get(call.path[0]!) : undefined;
  if (cls) return customLayerStep(ex, framework, call, cls) ?? containerLayer(ex, cls, call.node);
  // DDP(nn.Linear(16, 8)), torch.compile(block): the wrapped step.
  if (call.qualified && MODEL_WRAPPERS.test(call.qualified) && depth < 6) {
    const a = call.args.find((x) => x.index === 0) ?? call.args.find((x) => x.name === 'module' || x.name === 'model');
    const inner = a ? stepFrom(ex, framework, a.value, depth + 1) : undefined;
    if (inner) return inner;
  }
  const layer = layerFromCall(ex, framework, call);
  if (layer) return layer;
  // A helper that returns a block / model: `layers.append(block(64, 32))`.
  const model = ex.modelOfCall(call);
  if (model && model.framework === framework) return containerLayer(ex, model, call.node);
  return ex.newLayer(framework, call, call.name || call.callee.text, 'other');
}

/**
 * A custom Keras layer class that takes `activation=` and applies it in call()
 * (`self.activation = activations.get(activation)` … `return self.activation(y)`): constructed with
 * an activation, it is the class's own step followed by that activation. Without one (or with
 * None) the class stays one opaque step: what its call() returns is not known.
 */
function customLayerStep(ex: Extraction, framework: Framework, call: CallFact, model: Model): Layer | undefined {
  if (framework !== 'keras') return undefined;
  const cls = model.name === undefined ? undefined : ex.classesNamed(model.name).find((c) => ex.range(c.nameNode).start.line === model.nameRange.start.line);
  const init = cls?.methods.get('__init__');
  const run = cls?.methods.get('call');
  if (!cls || !init || !run) return undefined;
  const scope = ex.facts.scopeByNode.get(init.node.id);
  const index = scope?.params?.indexOf('activation') ?? -1;
  if (!scope || index < 0) return undefined;
  // call() must apply the stored activation: self.activation(...) (or the attribute it is stored in).
  const stored = ex.assignsIn(init).filter((a) => a.targets.some((t) => t.startsWith('self.')) && /\bactivation\b/.test(a.value.text)).flatMap((a) => a.targets);
  const applies = stored.length > 0 && ex.callsIn(run).some((c) => c.path?.length === 2 && c.path[0] === 'self' && stored.includes(c.path.join('.')));
  if (!applies) return undefined;
  const arg = findArg(call.args, 'activation', index - 1);
  if (!arg) return undefined;
  const ref = activationValue(ex, framework, arg.value);
  if (!ref) return undefined;
  ex.addRef(ref);
  const own = containerLayer(ex, model, call.node);
  const r = ex.range(call.node);
  const act: Layer = { framework, className: ref.name, kind: 'activation', origin: 'layer', activation: ref, activationArg: toArg(ex.doc, arg), args: [], range: ref.range, nameRange: ref.nameRange };
  const inner: Model = { framework, kind: 'sequential', name: model.name ?? 'layer', bindings: [], layers: [own, act], outputs: [{ index: 0, layers: [own, act], range: r }], range: r, nameRange: ex.range(call.callee) };
  return { framework, className: model.name ?? 'layer', kind: 'container', origin: 'layer', args: call.args.map((a) => toArg(ex.doc, a)), range: r, nameRange: ex.range(call.callee), inner };
}

function containerLayer(ex: Extraction, inner: Model, node: Node): Layer {
  const r = ex.range(node);
  return { framework: inner.framework, className: inner.name ?? 'Sequential', kind: 'container', origin: 'layer', args: [], range: r, nameRange: inner.nameRange, inner };
}

/** Most copies of a repeated block (`ModuleList([Block() for _ in range(n)])`) spelled out in a model. */
const MAX_REPEAT = 16;

/** An integer literal, or a name the same function (or the module) assigns one to before `order`. */
function intValue(ex: Extraction, node: Node, order: number, fn: FnFact | undefined): number | undefined {
  const lit = literalValue(node);
  if (lit.ok) return typeof lit.value === 'number' && Number.isInteger(lit.value) ? lit.value : undefined;
  const p = dottedPath(node);
  if (!p || p.length !== 1) return undefined;
  const a = ex.lastAssign(p[0]!, fn, order) ?? (fn ? ex.lastAssign(p[0]!, undefined, Number.MAX_SAFE_INTEGER) : undefined);
  if (!a || a.targets.length !== 1) return undefined;
  const v = literalValue(a.value);
  return v.ok && typeof v.value === 'number' && Number.isInteger(v.value) ? v.value : undefined;
}

/** `[f(x) for _ in range(n)]`: the element expression and n when it is known. */
function comprehension(ex: Extraction, node: Node, order: number, fn: FnFact | undefined): { body: Node; count?: number } | undefined {
  const n = unwrap(node);
  if (n.type !== 'list_comprehension' && n.type !== 'generator_expression') return undefined;
  const body = n.namedChild(0);
  if (!body) return undefined;
  const clauses = n.namedChildren.filter((c) => c.type === 'for_in_clause');
  let count: number | undefined;
  if (clauses.length === 1 && !n.namedChildren.some((c) => c.type === 'if_clause')) {
    const right = clauses[0]!.childForFieldName('right');
    const rc = right ? ex.callOf(right) : undefined;
    if (rc && rc.path?.length === 1 && rc.path[0] === 'range' && rc.args.length === 1 && rc.args[0]!.index === 0) count = intValue(ex, rc.args[0]!.value, order, fn);
  }
  return count === undefined ? { body } : { body, count };
}

/**
 * The element expressions a list stands for, in order: a list literal, or a variable built in the
 * same function before `order` (`layers = [...]`, `layers.append(x)`, `layers.extend([...])`,
 * `layers += [...]`, `layers = layers + [...]`). Undefined when the list cannot be followed.
 */
export function listNodes(ex: Extraction, node: Node, order: number, fn: FnFact | undefined, depth = 0): Node[] | undefined {
  const n = unwrap(node);
  const literal = listElements(n);
  if (literal) return literal;
  if (depth > 4) return undefined;
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    const a = l ? listNodes(ex, l, order, fn, depth + 1) : undefined;
    const b = r ? listNodes(ex, r, order, fn, depth + 1) : undefined;
    return a && b ? [...a, ...b] : undefined;
  }
  const p = dottedPath(n);
  if (!p) return undefined;
  const name = p.join('.');
  // The last plain assignment of a list to the name starts the list; appends after it add to it.
  const start = ex.lastListStart(name, fn, order);
  if (!start) return undefined;
  const base = unwrap(start.value);
  let out: Node[];
  if (base.type === 'binary_operator') {
    const l = base.childForFieldName('left');
    const r = base.childForFieldName('right');
    const prev = l && dottedPath(l)?.join('.') === name ? listNodes(ex, l, start.order, fn, depth + 1) : l ? listNodes(ex, l, start.order, fn, depth + 1) : undefined;
    const more = r ? listNodes(ex, r, start.order, fn, depth + 1) : undefined;
    if (!prev || !more) return undefined;
    out = [...prev, ...more];
  } else {
    const els = listElements(base);
    if (!els) return undefined;
    out = [...els];
  }
  const events: { order: number; nodes: Node[] }[] = [];
  for (const c of ex.callsIn(fn)) {
    if (c.order <= start.order || c.order >= order || !c.receiver) continue;
    if (dottedPath(c.receiver)?.join('.') !== name) continue;
    const a0 = c.args.find((a) => a.index === 0);
    if (c.name === 'append' && a0) events.push({ order: c.order, nodes: [a0.value] });
    else if (c.name === 'extend' && a0) {
      const more = listNodes(ex, a0.value, c.order, fn, depth + 1);
      if (!more) return undefined;
      events.push({ order: c.order, nodes: more });
    } else if (c.name === 'insert' || c.name === 'pop' || c.name === 'remove' || c.name === 'clear' || c.name === 'reverse' || c.name === 'sort') return undefined;
  }
  for (const a of ex.assignsIn(fn)) {
    if (a.order <= start.order || a.order >= order || !a.targets.includes(name)) continue;
    if (a.value.parent?.type !== 'augmented_assignment') continue;
    const more = listNodes(ex, a.value, a.order, fn, depth + 1);
    if (!more) return undefined;
    events.push({ order: a.order, nodes: more });
  }
  events.sort((x, y) => x.order - y.order);
  for (const e of events) out.push(...e.nodes);
  return out;
}

/** The steps an attribute assigned in __init__ holds: a layer, a Sequential, a ModuleList (its blocks repeated when the count is known), a list. */
function attrSteps(ex: Extraction, framework: Framework, v: Node, order: number, fn: FnFact | undefined): Layer[] {
  const c = ex.callOf(v);
  const fromList = (arg: Node | undefined): Layer[] => {
    if (!arg) return [];
    const comp = comprehension(ex, arg, order, fn);
    if (comp) {
      const s = stepFrom(ex, framework, comp.body);
      if (!s) return [];
      // Blocks (a Sequential, a module class) carry their own activations: n of them stack n deep.
      // A bare layer is kept once: what the loop applies around it is not repeated with it.
      const times = s.kind === 'container' && comp.count !== undefined && comp.count >= 1 ? Math.min(comp.count, MAX_REPEAT) : 1;
      return Array.from({ length: times }, () => ({ ...s, inLoop: true }));
    }
    const els = listNodes(ex, arg, order, fn);
    return (els ?? []).flatMap((e) => stepFrom(ex, framework, e) ?? []);
  };
  if (c && /^(torch\.nn\.(ModuleList|ModuleDict))$/.test(c.qualified ?? '')) return fromList(c.args[0] ? unwrap(c.args[0].value) : undefined);
  if (v.type === 'list' || v.type === 'list_comprehension') return v.type === 'list' ? fromList(v) : [];
  const s = stepFrom(ex, framework, v);
  return s ? [s] : [];
}

/** nn.Sequential(a, b, c) / Sequential([a, b]) / tf.sequential({layers: [a, b]}). */
export function sequentialModel(ex: Extraction, framework: Framework, call: CallFact, depth = 0): Model {
  let elements: Node[] = [];
  if (framework === 'torch') {
    const args = call.args.filter((a) => a.name === undefined);
    const first = args[0] ? unwrap(args[0].value) : undefined;
    const od = first ? ex.callOf(first) : undefined;
    if (od && od.name === 'OrderedDict' && od.args[0]) elements = listNodes(ex, od.args[0].value, call.order, call.fn) ?? listElements(od.args[0].value) ?? [];
    else {
      // nn.Sequential(*layers): the splatted list, followed through its appends.
      for (const child of call.node.childForFieldName('arguments')?.namedChildren ?? []) {
        if (child.type === 'comment' || child.type === 'keyword_argument') continue;
        if (child.type === 'list_splat') {
          const inner = child.namedChild(0);
          const els = inner ? listNodes(ex, inner, call.order, call.fn) : undefined;
          if (els) elements.push(...els);
          else elements.push(child);
        } else elements.push(child);
      }
    }
  } else {
    const args = configArgs(call.node, ex.facts.dialect);
    const layers = findArg(args, 'layers', framework === 'keras' ? 0 : undefined);
    elements = layers ? (listNodes(ex, layers.value, call.order, call.fn) ?? []) : [];
  }
  const layers: Layer[] = [];
  for (const el of elements) {
    const step = stepFrom(ex, framework, el, depth);
    if (step) layers.push(step);
    else {
      // An element we cannot resolve (`self.relu`, `*blocks`, a variable) still sits between its
      // neighbours: keep it as an unknown step so they are not read as adjacent.
      const r = ex.range(el);
      layers.push({ framework, className: el.text.slice(0, 80), kind: 'other', origin: 'layer', args: [], range: r, nameRange: r });
    }
  }
  const r = ex.range(call.node);
  const model: Model = { framework, kind: 'sequential', bindings: [], layers, outputs: [{ index: 0, layers, range: r }], range: r, nameRange: ex.range(call.callee) };
  const nameArg = findArg(configArgs(call.node, ex.facts.dialect), 'name');
  const name = nameArg ? stringValue(nameArg.value) : undefined;
  const targets = ex.targetsOf(call);
  if (name !== undefined) model.name = name;
  else if (targets[0]) model.name = targets[0];
  return model;
}

/** Top-level Sequential models and their `model.add(layer)` calls (in source order). */
export function extractSequentials(ex: Extraction, framework: Framework): void {
  // Indexed loops over the file's calls: no iterator object per call where V8 has not optimized the loop yet.
  const calls = ex.facts.calls;
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!;
    const own = superSequential(framework, call);
    if (own) {
      // class Stack(nn.Sequential): super().__init__(layers…) — the class is that Sequential.
      const model = sequentialModel(ex, framework, call);
      model.name = own.name;
      ex.consumed.add(call.id);
      if (!ex.classModels.has(own.name)) ex.classModels.set(own.name, model);
      ex.addModel(model);
      continue;
    }
    if (!isSequentialCall(framework, call)) continue;
    const targets = ex.targetsOf(call);
    const ofSelf = targets.some((t) => t.startsWith('self.') || t.startsWith('this.'));
    if (ex.consumed.has(call.id)) {
      // `self.body = nn.Sequential(…)` in a class with no run method in the file (a container of
      // blocks; a base class's forward elsewhere): no forward() reads it, so it is a model of its own.
      const inner = ofSelf && !runsInFile(ex, framework, call) ? ex.innerByCall.get(call.id) : undefined;
      if (inner && !ex.ir.models.includes(inner)) ex.addModel(inner);
      continue;
    }
    if (ofSelf && runsInFile(ex, framework, call)) continue; // part of a subclass
    if (call.parent && !(framework === 'keras' && call.parent.name === 'Model')) continue; // nested: handled by its parent
    const model = sequentialModel(ex, framework, call);
    ex.consumed.add(call.id);
    ex.bindModel(model, call);
    ex.addModel(model);
  }
  const lastArm = new Map<Model, number>();
  // Keras / tfjs `model.add(layer)`; torch `model.add_module('fc', layer)`.
  const adder = framework === 'torch' ? 'add_module' : 'add';
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!;
    if (call.name !== adder || !call.receiver) continue;
    const model = ex.modelFor(dottedPath(call.receiver), ex.useOf(call));
    if (!model || model.framework !== framework || model.kind !== 'sequential') continue;
    const arg = framework === 'torch' ? findArg(call.args, 'module', 1) : call.args.find((a) => a.index === 0 || a.name === 'layer');
    const step = arg ? stepFrom(ex, framework, arg.value) : undefined;
    if (!step) continue;
    // add() calls in different if/else or switch arms are alternatives, not neighbours: an
    // unknown step between them keeps the rules from reading them as adjacent.
    const arm = branchArm(call.node);
    const prev = lastArm.get(model);
    if (prev !== undefined && prev !== arm && model.layers.length > 0) {
      const r = ex.range(call.node);
      model.layers.push({ framework, className: '(branch)', kind: 'other', origin: 'layer', args: [], range: r, nameRange: r });
    }
    lastArm.set(model, arm);
    model.layers.push(step);
  }
}

/** `super().__init__(…)` in the `__init__` of a class deriving from nn.Sequential: that class. */
function superSequential(framework: Framework, call: CallFact): ClassFact | undefined {
  if (framework !== 'torch' || call.name !== '__init__' || call.fn?.name !== '__init__') return undefined;
  if (!/^super\(\s*(\w+\s*,\s*self\s*)?\)$/.test(call.callee.childForFieldName('object')?.text ?? '')) return undefined;
  const cls = call.fn.cls;
  return cls && cls.bases.includes('torch.nn.Sequential') ? cls : undefined;
}

/** Whether the class a `self.x = Sequential(…)` is written in (or a base in the file) has a run method (forward / call). */
function runsInFile(ex: Extraction, framework: Framework, call: CallFact): boolean {
  const cls = call.fn?.cls ?? call.cls;
  if (!cls) return true;
  return lineage(classIndex(ex), cls).some((c) => METHODS[framework].run.some((m) => c.methods.has(m)));
}

const METHODS: Record<Framework, { init: string[]; run: string[] }> = {
  torch: { init: ['__init__'], run: ['forward'] },
  keras: { init: ['__init__', 'build'], run: ['call'] },
  tfjs: { init: ['constructor', 'build'], run: ['call'] },
};

function isModelClass(framework: Framework, cls: ClassFact): boolean {
  if (framework === 'torch') return cls.bases.some((b) => b === 'torch.nn.Module' || /Module$/.test(b)) || cls.methods.has('forward');
  if (framework === 'keras') return cls.bases.some((b) => /^keras\.(Model|layers\.Layer|Layer)$/.test(b) || /^(Model|Layer)$/.test(b));
  return false;
}

/** The classes of the file by name (the last definition wins, as in Python). */
function classIndex(ex: Extraction): ReadonlyMap<string, ClassFact> {
  return ex.classesByName();
}

/** The class and its bases defined in this file, most derived first (no cycles, at most 6 deep). */
export function lineage(byName: ReadonlyMap<string, ClassFact>, cls: ClassFact): ClassFact[] {
  const out: ClassFact[] = [cls];
  for (let i = 0; i < out.length && out.length < 6; i++) {
    for (const b of out[i]!.bases) {
      const base = byName.get(b);
      if (base && !out.includes(base)) out.push(base);
    }
  }
  return out;
}

/** A method looked up as Python does: the class first, then its bases in this file. */
export function methodOf(byName: ReadonlyMap<string, ClassFact>, cls: ClassFact, name: string): FnFact | undefined {
  for (const c of lineage(byName, cls)) {
    const m = c.methods.get(name);
    if (m) return m;
  }
  return undefined;
}

/** `super().forward(x)` / `super(Net, self).forward(x)`: the callee is a method on the call's super() receiver. */
function isSuperCall(ex: Extraction, call: CallFact): boolean {
  const r = ex.callOf(call.receiver);
  return !!r && r.path?.length === 1 && r.path[0] === 'super';
}

/**
 * The calls of a run method in execution order, with the calls of the helper methods it makes
 * (`self.encode(x)`, `self._forward_features(x)`, `super().forward(x)`) inlined just before the
 * helper call itself (recorded in `ex.helperCalls`). Each helper is inlined once per expansion.
 */
function expandRun(ex: Extraction, byName: ReadonlyMap<string, ClassFact>, cls: ClassFact, fn: FnFact, init: readonly string[], seen: Set<FnFact>, depth: number): CallFact[] {
  const out: CallFact[] = [];
  const calls = ex.callsIn(fn);
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!;
    let helper: FnFact | undefined;
    const p = call.path;
    if (p && p.length === 2 && (p[0] === 'self' || p[0] === 'this')) helper = methodOf(byName, cls, p[1]!);
    else if (call.name && isSuperCall(ex, call) && fn.cls) {
      for (const base of lineage(byName, fn.cls).slice(1)) {
        helper = base.methods.get(call.name);
        if (helper) break;
      }
    }
    if (helper && !init.includes(helper.name) && !seen.has(helper) && depth < 4) {
      seen.add(helper);
      out.push(...expandRun(ex, byName, cls, helper, init, seen, depth + 1));
      ex.helperCalls.set(call.id, helper);
    }
    out.push(call);
  }
  return out;
}

/** The steps an attribute of a subclass holds (`self.fc = …` in __init__), gated where the class is. */
function setAttr(attrs: Map<string, Layer[]>, gate: GateReason | undefined, attr: string, steps: Layer[]): void {
  for (const s of steps) {
    s.attr = attr;
    if (gate) s.gated = true;
  }
  if (steps.length > 0) attrs.set(attr, steps);
}

/** nn.Module / keras.Model subclasses: layers set in __init__, in the order forward()/call() uses them. */
export function extractSubclasses(ex: Extraction, framework: Framework): void {
  const byName = classIndex(ex);
  // A class deriving from a model class of this file is a model class too (`class Net(Base)`).
  const classes = ex.facts.classes.filter((c) => lineage(byName, c).some((k) => isModelClass(framework, k)));
  // Per class, not per name: a file may define two classes of the same name (a notebook cell run
  // twice, say); each is its own model, `classModels` keeps the last one as Python would.
  const own = new Map<ClassFact, Model>();
  for (const cls of classes) {
    const r = ex.range(cls.node);
    const model: Model = { framework, kind: 'subclass', name: cls.name, bindings: [], layers: [], outputs: [{ index: 0, layers: [], range: r }], range: r, nameRange: ex.range(cls.nameNode) };
    ex.classModels.set(cls.name, model);
    own.set(cls, model);
  }
  // The calls of a method: ex.callsIn (a method's function has its class; so has a function nested in it).
  for (const cls of classes) {
    const model = own.get(cls)!;
    const { init, run } = METHODS[framework];
    const attrs = new Map<string, Layer[]>();
    const gate = contextGate(cls.name);
    // Base classes first: a subclass's __init__ overrides what its base set.
    const chain = lineage(byName, cls).reverse();
    for (const c of chain) {
      const assigns = ex.assignsInClass(c);
      for (let i = 0; i < assigns.length; i++) {
        const a = assigns[i]!;
        if (!a.fn || !init.includes(a.fn.name)) continue;
        for (const t of a.targets) {
          // `self.x`: one dot.
          if (!t.startsWith('self.') || t.indexOf('.', 5) >= 0) continue;
          setAttr(attrs, gate, t.slice(5), attrSteps(ex, framework, unwrap(a.value), a.order, a.fn));
        }
      }
    }
    // self.add_module('fc', nn.Linear(...)) in __init__
    for (const c of chain.flatMap((k) => [...(k.methods.values())].filter((m) => init.includes(m.name)).flatMap((m) => ex.callsIn(m)))) {
      if (framework !== 'torch' || c.name !== 'add_module' || c.path?.[0] !== 'self' || c.path.length !== 2) continue;
      const nameArg = findArg(c.args, 'name', 0);
      const modArg = findArg(c.args, 'module', 1);
      const attr = nameArg ? stringValue(nameArg.value) : undefined;
      if (attr && modArg) setAttr(attrs, gate, attr, attrSteps(ex, framework, unwrap(modArg.value), c.order, c.fn));
    }
    const method = run.map((m) => methodOf(byName, cls, m)).find((m) => m !== undefined);
    if (!method) continue;
    const calls = expandRun(ex, byName, cls, method, init, new Set([method]), 0);
    ex.runCalls.set(model, calls);
    const stepByCall = new Map<number, Layer>();
    ex.stepsOf.set(model, stepByCall);
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i]!;
      const ac = ex.activationByCall.get(call.id);
      if (ac) {
        const step = ex.callLayer(ac, call);
        if (gate) step.gated = true;
        model.layers.push(step);
        continue;
      }
      let steps: Layer[] | undefined;
      const p = call.path;
      if (p && p.length === 2 && p[0] === 'self') steps = attrs.get(p[1]!);
      else if (p && p.length === 1) {
        const lv = call.loopVars.find((l) => l.name === p[0]);
        const it = lv ? dottedPath(unwrap(lv.iter)) : undefined;
        if (it && it.length === 2 && it[0] === 'self') steps = attrs.get(it[1]!)?.map((s) => ({ ...s, inLoop: true }));
      }
      if (!steps) {
        // A layer constructed inline in call(): `x = layers.Dense(8)(x)` is rare in subclasses; skip.
        continue;
      }
      for (const s of steps) {
        const step: Layer = { ...s };
        if (call.inLoop) step.inLoop = true;
        if (call.multiplied) step.gated = true;
        ex.layerByCall.set(call.id, step);
        stepByCall.set(call.id, step);
        model.layers.push(step);
      }
    }
    model.outputs[0]!.layers = model.layers;
    ex.addModel(model);
  }
  // Instances: model = Net(...).to(device)
  const assigns = ex.facts.assigns;
  for (let i = 0; i < assigns.length; i++) {
    const a = assigns[i]!;
    if (!a.valueCall) continue;
    const base = ex.baseCall(a.valueCall);
    const m = base.path?.length === 1 ? ex.classModels.get(base.path[0]!) : undefined;
    if (m && m.framework === framework) ex.bindModel(m, a);
  }
}
