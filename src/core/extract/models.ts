/** Models: Sequential containers, subclassed modules (execution order of forward/call), functional graphs. */
import type { Node } from 'web-tree-sitter';
import type { Layer, Model } from '../ir';
import type { Framework } from '../math/types';
import type { Extraction } from './context';
import type { CallFact, ClassFact } from './facts';
import { contextGate } from './calls';
import { layerFromCall } from './layers';
import { branchArm } from './scope';
import { configArgs, dottedPath, findArg, listElements, stringValue, unwrap } from './syntax';

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
    return containerLayer(ex, inner, call.node);
  }
  const cls = call.path?.length === 1 ? ex.classModels.get(call.path[0]!) : undefined;
  if (cls) return containerLayer(ex, cls, call.node);
  const layer = layerFromCall(ex, framework, call);
  if (layer) return layer;
  return ex.newLayer(framework, call, call.name || call.callee.text, 'other');
}

function containerLayer(ex: Extraction, inner: Model, node: Node): Layer {
  const r = ex.range(node);
  return { framework: inner.framework, className: inner.name ?? 'Sequential', kind: 'container', origin: 'layer', args: [], range: r, nameRange: inner.nameRange, inner };
}

/** nn.Sequential(a, b, c) / Sequential([a, b]) / tf.sequential({layers: [a, b]}). */
export function sequentialModel(ex: Extraction, framework: Framework, call: CallFact, depth = 0): Model {
  let elements: Node[] = [];
  if (framework === 'torch') {
    const args = call.args.filter((a) => a.name === undefined);
    const first = args[0] ? unwrap(args[0].value) : undefined;
    const od = first ? ex.callOf(first) : undefined;
    if (od && od.name === 'OrderedDict' && od.args[0]) elements = listElements(od.args[0].value) ?? [];
    else elements = args.map((a) => a.value);
  } else {
    const args = configArgs(call.node, ex.facts.dialect);
    const layers = findArg(args, 'layers', framework === 'keras' ? 0 : undefined);
    elements = layers ? (listElements(layers.value) ?? []) : [];
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
  for (const call of ex.facts.calls) {
    if (!isSequentialCall(framework, call) || ex.consumed.has(call.id)) continue;
    const targets = ex.targetsOf(call);
    if (targets.some((t) => t.startsWith('self.') || t.startsWith('this.'))) continue; // part of a subclass
    if (call.parent && !(framework === 'keras' && call.parent.name === 'Model')) continue; // nested: handled by its parent
    const model = sequentialModel(ex, framework, call);
    ex.consumed.add(call.id);
    ex.bindModel(model, call);
    ex.addModel(model);
  }
  if (framework === 'torch') return;
  const lastArm = new Map<Model, number>();
  for (const call of ex.facts.calls) {
    if (call.name !== 'add' || !call.receiver) continue;
    const model = ex.modelFor(dottedPath(call.receiver), ex.useOf(call));
    if (!model || model.framework !== framework || model.kind !== 'sequential') continue;
    const arg = call.args.find((a) => a.index === 0 || a.name === 'layer');
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

/** nn.Module / keras.Model subclasses: layers set in __init__, in the order forward()/call() uses them. */
export function extractSubclasses(ex: Extraction, framework: Framework): void {
  const classes = ex.facts.classes.filter((c) => isModelClass(framework, c));
  // Per class, not per name: a file may define two classes of the same name (a notebook cell run
  // twice, say); each is its own model, `classModels` keeps the last one as Python would.
  const own = new Map<ClassFact, Model>();
  for (const cls of classes) {
    const r = ex.range(cls.node);
    const model: Model = { framework, kind: 'subclass', name: cls.name, bindings: [], layers: [], outputs: [{ index: 0, layers: [], range: r }], range: r, nameRange: ex.range(cls.nameNode) };
    ex.classModels.set(cls.name, model);
    own.set(cls, model);
  }
  const callsByFn = new Map<unknown, CallFact[]>();
  for (const c of ex.facts.calls) {
    if (!c.fn?.cls) continue;
    const list = callsByFn.get(c.fn) ?? [];
    list.push(c);
    callsByFn.set(c.fn, list);
  }
  const assignsByCls = new Map<unknown, typeof ex.facts.assigns>();
  for (const a of ex.facts.assigns) {
    if (!a.fn?.cls) continue;
    const list = assignsByCls.get(a.fn.cls) ?? [];
    list.push(a);
    assignsByCls.set(a.fn.cls, list);
  }
  for (const cls of classes) {
    const model = own.get(cls)!;
    const { init, run } = METHODS[framework];
    const attrs = new Map<string, Layer[]>();
    const gate = contextGate(cls.name);
    for (const a of assignsByCls.get(cls) ?? []) {
      if (!a.fn || !init.includes(a.fn.name)) continue;
      for (const t of a.targets) {
        if (!t.startsWith('self.') || t.split('.').length !== 2) continue;
        const attr = t.slice(5);
        const v = unwrap(a.value);
        const c = ex.callOf(v);
        let steps: Layer[] = [];
        if (c && /^(torch\.nn\.(ModuleList|ModuleDict))$/.test(c.qualified ?? '')) {
          const arg = c.args[0] ? unwrap(c.args[0].value) : undefined;
          if (arg?.type === 'list_comprehension') {
            const body = arg.namedChild(0);
            const s = body ? stepFrom(ex, framework, body) : undefined;
            if (s) steps = [{ ...s, inLoop: true }];
          } else if (arg) steps = (listElements(arg) ?? []).flatMap((e) => stepFrom(ex, framework, e) ?? []);
        } else if (v.type === 'list' || v.type === 'list_comprehension') {
          steps = v.type === 'list' ? (listElements(v) ?? []).flatMap((e) => stepFrom(ex, framework, e) ?? []) : [];
        } else {
          const s = stepFrom(ex, framework, v);
          if (s) steps = [s];
        }
        for (const s of steps) {
          s.attr = attr;
          if (gate) s.gated = true;
        }
        if (steps.length > 0) attrs.set(attr, steps);
      }
    }
    const method = run.map((m) => cls.methods.get(m)).find((m) => m !== undefined);
    if (!method) continue;
    for (const call of callsByFn.get(method) ?? []) {
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
        model.layers.push(step);
      }
    }
    model.outputs[0]!.layers = model.layers;
    ex.addModel(model);
  }
  // Instances: model = Net(...).to(device)
  for (const a of ex.facts.assigns) {
    if (!a.valueCall) continue;
    const base = ex.baseCall(a.valueCall);
    const m = base.path?.length === 1 ? ex.classModels.get(base.path[0]!) : undefined;
    if (m && m.framework === framework) ex.bindModel(m, a);
  }
}
