/**
 * Keras functional API and tfjs tf.model: tensors produced by applying layers
 * (`x = Dense(8)(x)`, `tf.layers.dense({...}).apply(x)`) traced back from the model's outputs.
 */
import type { Node } from 'web-tree-sitter';
import type { Layer, Model, ModelOutput } from '../ir';
import type { Framework } from '../math/types';
import { dotted, type Extraction } from './context';
import type { AssignFact, CallFact, ClassFact, FnFact } from './facts';
import { inputArg } from './calls';
import { layerFromCall } from './layers';
import { lineage } from './models';
import { exclusiveArms } from './scope';
import { dottedPath, findArg, listElements, stringValue, unwrap, factArgs } from './syntax';

interface Tensor {
  step?: Layer;
  input?: Tensor;
  order: number;
}

const INPUT = /^(keras\.(Input|layers\.Input)|tf\.input)$/;
const MODEL = /^(keras\.Model|tf\.model)$/;
/** Functions whose result is their first argument's values (dtype casts included). */
const IDENTITY = /^(tf\.(identity|cast)|keras\.ops\.cast)$/;

/** What the functional pass knows so far: the tensor each call makes, and the tensors assigned to names. */
interface TensorState {
  ex: Extraction;
  tensorsByCall: Map<number, Tensor>;
  /**
   * Every tensor assigned to a name, in execution order, with where: a read takes the last one
   * that can reach it (not one from another arm of the same if / else).
   */
  vars: Map<FnFact | undefined, Map<string, { t: Tensor; at: Node }[]>>;
}

/*
 * The helpers below are module functions over a TensorState, not closures made per run: V8 keeps
 * a closure's optimized code only while a closure of it lives, so closures made per analysis were
 * optimized again after most full collections (steady-state full analyses of a 5,000-line file).
 */

function varsIn(st: TensorState, fn: FnFact | undefined): Map<string, { t: Tensor; at: Node }[]> {
  let m = st.vars.get(fn);
  if (!m) st.vars.set(fn, (m = new Map()));
  return m;
}

function tensorOf(st: TensorState, node: Node | undefined, fn: FnFact | undefined): Tensor | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  const c = st.ex.callOf(n);
  if (c) {
    const t = st.tensorsByCall.get(c.id);
    // tf.identity / a dtype cast hands its input on unchanged: a probability stays a probability.
    if (!t && c.qualified && IDENTITY.test(c.qualified)) return tensorOf(st, c.args.find((a) => a.index === 0)?.value, fn);
    return t;
  }
  const els = listElements(n);
  if (els && els[0]) return tensorOf(st, els[0], fn);
  const p = dottedPath(n);
  const list = p ? varsIn(st, fn).get(dotted(p)) : undefined;
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) if (!exclusiveArms(list[i]!.at, n)) return list[i]!.t;
  return undefined;
}

/**
 * Calls and assignments interleaved in execution order. Each list is in execution order already
 * (the walk numbers both from one counter as it records them), so they are merged; a list found
 * out of order falls back to a sort.
 */
function inExecutionOrder(calls: readonly CallFact[], assigns: readonly AssignFact[]): (CallFact | AssignFact)[] {
  const out = new Array<CallFact | AssignFact>(calls.length + assigns.length);
  let i = 0;
  let j = 0;
  let k = 0;
  let last = -Infinity;
  while (i < calls.length || j < assigns.length) {
    const next = j >= assigns.length || (i < calls.length && calls[i]!.order <= assigns[j]!.order) ? calls[i++]! : assigns[j++]!;
    if (next.order < last) return [...calls, ...assigns].sort((a, b) => a.order - b.order);
    last = next.order;
    out[k++] = next;
  }
  return out;
}

export function extractFunctional(ex: Extraction, framework: Framework): void {
  const st: TensorState = { ex, tensorsByCall: new Map(), vars: new Map() };
  const tensorsByCall = st.tensorsByCall;
  const layerVars = new Map<string, Layer>();

  const events = inExecutionOrder(ex.facts.calls, ex.facts.assigns);
  for (let e = 0; e < events.length; e++) {
    const ev = events[e]!;
    if ('targets' in ev) {
      const a = ev;
      if (!a.valueCall) continue;
      const t = tensorOf(st, a.valueCall.node, a.fn);
      if (t) {
        for (const target of a.targets) {
          const list = varsIn(st, a.fn).get(target) ?? [];
          list.push({ t, at: a.value });
          varsIn(st, a.fn).set(target, list);
        }
      }
      else {
        const layer = layerFromCall(ex, framework, a.valueCall);
        if (layer) for (const target of a.targets) layerVars.set(target, layer);
      }
      continue;
    }
    const call = ev;
    if (call.qualified && INPUT.test(call.qualified)) {
      tensorsByCall.set(call.id, { order: call.order });
      continue;
    }
    // Dense(8)(x) / tf.layers.dense({...}).apply(x) / dense(x) / dense.apply(x)
    let layer: Layer | undefined;
    let inputNode: Node | undefined;
    const isApply = framework === 'tfjs' ? call.name === 'apply' : true;
    if (isApply && call.calleeCall && (framework === 'keras' ? unwrap(call.callee).id === call.calleeCall.node.id : true)) {
      layer = layerFromCall(ex, framework, call.calleeCall);
      inputNode = call.args[0]?.value;
    } else if (call.path) {
      const p = framework === 'tfjs' && call.name === 'apply' ? call.path.slice(0, -1) : call.path;
      layer = layerVars.get(dotted(p));
      inputNode = call.args[0]?.value;
    }
    if (layer) {
      const step: Layer = { ...layer };
      ex.layerByCall.set(call.id, step);
      tensorsByCall.set(call.id, { step, input: tensorOf(st, inputNode, call.fn), order: call.order });
      continue;
    }
    // A model applied like a layer (`gan_output = discriminator(generator(z))`): its output chain is one step.
    const nested = call.path && !call.qualified ? (ex.modelFor(call.path, ex.useOf(call)) ?? builtBy(ex, call)) : undefined;
    if (nested && nested.framework === framework && !nested.opaque && nested.outputs.length === 1) {
      const out = nested.outputs[0]!;
      const inner: Model = { ...nested, kind: 'sequential', bindings: [], layers: out.layers, outputs: [{ ...out, index: 0 }] };
      const step: Layer = { framework, className: nested.name ?? 'Model', kind: 'container', origin: 'layer', args: [], range: ex.range(call.node), nameRange: nested.nameRange, inner };
      ex.layerByCall.set(call.id, step);
      tensorsByCall.set(call.id, { step, input: tensorOf(st, call.args[0]?.value, call.fn), order: call.order });
      continue;
    }
    const ac = ex.activationByCall.get(call.id);
    if (ac) {
      const input = tensorOf(st, inputArg(call)?.value, call.fn);
      if (input) tensorsByCall.set(call.id, { step: ex.callLayer(ac, call), input, order: call.order });
      continue;
    }
    const sub = framework === 'keras' ? functionalSubclass(ex, call) : undefined;
    if ((call.qualified && MODEL.test(call.qualified)) || sub) {
      const model = buildModel(ex, framework, call, st);
      // CustomModel(inputs, outputs): this instance is what `self(x)` in the class's train_step runs.
      if (model && sub) {
        model.name ??= sub.name;
        const set = ex.functionalInstances.get(sub) ?? new Set();
        set.add(model);
        ex.functionalInstances.set(sub, set);
      }
    }
  }
}

/** `critic = build_critic()` … `critic(x)`: the model the name's last assignment builds (names are bound to helper results only later). */
function builtBy(ex: Extraction, call: CallFact): Model | undefined {
  const p = call.path;
  if (!p || p.length !== 1) return undefined;
  const a = ex.lastAssign(p[0]!, call.fn, call.order) ?? (call.fn ? ex.lastAssign(p[0]!, undefined, call.order) : undefined);
  return a?.valueCall && a.targets.length === 1 ? ex.modelOfCall(a.valueCall) : undefined;
}

function chain(t: Tensor | undefined): Layer[] {
  const out: Layer[] = [];
  const seen = new Set<Tensor>();
  for (let cur = t; cur && !seen.has(cur); cur = cur.input) {
    seen.add(cur);
    if (cur.step) out.push(cur.step);
  }
  return out.reverse();
}

/**
 * A Keras Model subclass of this file called like keras.Model (`CustomModel(inputs, outputs)`,
 * `CustomModel(inputs=i, outputs=o)`): the class name, else undefined. A class with its own
 * __init__ taking other parameters is not called functionally.
 */
function functionalSubclass(ex: Extraction, call: CallFact): ClassFact | undefined {
  const p = call.path;
  if (!p || p.length !== 1) return undefined;
  // A notebook may define the class again in a later cell: the definition above the call is the one it makes.
  const named = ex.classesNamed(p[0]!);
  if (named.length === 0) return undefined;
  const cls = named.filter((c) => c.node.startIndex < call.node.startIndex).at(-1) ?? named.at(-1);
  if (!cls || cls.methods.has('__init__')) return undefined;
  if (!lineage(ex.classesByName(), cls).some((c) => c.bases.some((b) => b === 'keras.Model' || b === 'Model'))) return undefined;
  const positional = call.args.filter((a) => a.index !== undefined).length;
  return positional >= 2 || call.args.some((a) => a.name === 'outputs') ? cls : undefined;
}

function buildModel(ex: Extraction, framework: Framework, call: CallFact, st: TensorState): Model | undefined {
  const args = factArgs(call, ex.facts.dialect);
  const outArg = findArg(args, 'outputs', framework === 'keras' ? 1 : undefined);
  if (!outArg) return undefined;
  const outNode = unwrap(outArg.value);
  let outNodes: { node: Node; name?: string }[];
  const els = listElements(outNode);
  if (els) outNodes = els.map((node) => ({ node }));
  else if (outNode.type === 'dictionary') {
    outNodes = outNode.namedChildren
      .filter((p) => p.type === 'pair')
      .map((p) => ({ node: p.childForFieldName('value')!, name: stringValue(p.childForFieldName('key')!) }))
      .filter((o) => o.node) as { node: Node; name?: string }[];
  } else outNodes = [{ node: outNode }];
  const outputs: ModelOutput[] = outNodes.map((o, index) => {
    const layers = chain(tensorOf(st, o.node, call.fn));
    const out: ModelOutput = { index, layers, range: ex.range(o.node) };
    const name = o.name ?? layers[layers.length - 1]?.layerName;
    if (name !== undefined) out.name = name;
    return out;
  });
  const all = new Set<Layer>();
  for (const o of outputs) for (const l of o.layers) all.add(l);
  const layers = [...all].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  const r = ex.range(call.node);
  const model: Model = { framework, kind: 'functional', bindings: [], layers, outputs, range: r, nameRange: ex.range(call.callee) };
  const targets = ex.targetsOf(call);
  const nameArg = findArg(args, 'name');
  const name = nameArg ? stringValue(nameArg.value) : undefined;
  if (name !== undefined) model.name = name;
  else if (targets[0]) model.name = targets[0];
  ex.consumed.add(call.id);
  ex.bindModel(model, call);
  ex.addModel(model);
  return model;
}
