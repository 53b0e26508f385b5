/** Layer constructor calls → IR layers, for the three frameworks. */
import type { Node } from 'web-tree-sitter';
import type { ActivationRef, Layer } from '../ir';
import type { Framework } from '../math/types';
import type { Extraction } from './context';
import type { CallFact } from './facts';
import { isActivationName, makeRef, splitQualified } from './activations';
import { capturedNumber, findArg, listElements, literalValue, stringValue, toArg, unwrap, type ArgNode, factArgs } from './syntax';
import { layerKind, widthArgs } from './tables';
import { literalVia, refOfValue, refOfValues } from './mentions';
import { nameNodeOf, type ActValue } from '../resolve/values';

/** The value of `activation=` (Keras) / `activation:` (tfjs) as an ActivationRef; undefined = linear or not resolvable. */
export function activationValue(ex: Extraction, framework: Framework, value: Node): ActivationRef | undefined {
  const v = unwrap(value);
  const s = stringValue(v);
  if (s !== undefined) {
    return makeRef(ex.doc, { framework, kind: framework === 'tfjs' ? 'tfjs-string' : 'keras-string', name: s, nameNode: v, node: v, args: [] });
  }
  const direct = framework === 'tfjs' ? undefined : writtenActivation(ex, framework, v);
  return direct ?? resolvedActivation(ex, framework, v);
}

function writtenActivation(ex: Extraction, framework: Framework, v: Node): ActivationRef | undefined {
  const call = ex.callOf(v);
  const q = call ? call.qualified : ex.facts.imports.qualifyNode(v);
  if (!q) return undefined;
  const [module, name] = splitQualified(q);
  const nameNode = (call ? call.callee : v).childForFieldName('attribute') ?? (call ? call.callee : v);
  const node = call ? call.node : v;
  const args = call ? call.args : [];
  if (module === 'keras.activations') return makeRef(ex.doc, { framework, kind: 'keras-function', name, qualified: q, module, nameNode, node, args });
  if (module === 'tf.nn' || module === 'tf.math' || module === 'tf') return makeRef(ex.doc, { framework, kind: 'tf-nn', name, qualified: q, module, nameNode, node, args });
  if (module === 'keras.layers' && call) return makeRef(ex.doc, { framework, kind: 'keras-layer', name, qualified: q, module, nameNode, node, args });
  return undefined;
}

/**
 * `activation=activation` in a helper / custom layer: what the parameter's default and the file's
 * callers pass (`def block(units, activation='relu')`, `block(8, activation='tanh')`), a literal
 * dict (`params['activation']`), a config field. Strings become the framework's activation strings;
 * each literal read from elsewhere also gets a site of its own where it is written.
 */
function resolvedActivation(ex: Extraction, framework: Framework, v: Node): ActivationRef | undefined {
  const values: ActValue[] = [];
  for (const x of ex.values.values(v)) {
    if (x.t === 'str') {
      values.push({ t: 'act', form: 'function', framework, kind: framework === 'tfjs' ? 'tfjs-string' : 'keras-string', name: x.value, args: [], node: x.node, via: x.via, ...(x.from ? { from: x.from } : {}) });
    } else if (x.t === 'act' && x.framework === framework && x.via !== 'written') values.push(x);
  }
  if (values.length === 0) return undefined;
  const ref = refOfValues(ex, values, v, nameNodeOf(v), []);
  for (const x of values) {
    const lit = unwrap(x.node);
    if (lit.type !== 'string' && lit.type !== 'template_string') continue;
    const { from: _from, ...rest } = x;
    ex.addResolvedRef(refOfValue(ex, { ...rest, via: literalVia(lit) }, lit, lit, []));
  }
  return ref;
}

function numberArg(args: readonly ArgNode[], name: string, index?: number): number | undefined {
  const a = findArg(args, name, index);
  // Captured, not read: the width is stored as it is (syntax.ts capturedNumber, cutoff.ts).
  return a ? capturedNumber(a.value) : undefined;
}

/**
 * A call that makes an activation module without naming it: `act_layer()`, `act_layer(inplace=True)`
 * (a parameter whose default / callers pass nn.GELU), `partial(nn.GELU, …)()`, `create_act_layer('gelu')`,
 * `ACT2FN[config.hidden_act]` stored as a layer. The layer carries the resolved activation (with its
 * alternatives), so the rules see it.
 */
function resolvedLayer(ex: Extraction, framework: Framework, call: CallFact): Layer | undefined {
  const values = ex.values.activations(call.node).filter((v) => v.form === 'instance' && v.framework === framework);
  if (values.length === 0) return undefined;
  const existing = ex.resolvedRefByCall.get(call.id);
  const ref = existing ?? refOfValues(ex, values, call.node, values.some((v) => v.registry || v.lookup) ? call.node : call.callee, call.args);
  if (!ref) return undefined;
  if (!existing) {
    ex.resolvedRefByCall.set(call.id, ref);
    ex.addResolvedRef(ref);
  }
  return ex.newLayer(framework, call, ref.name, 'activation', { activation: ref });
}

/** A kernel size: `3` → [3], `(1, 3, 3)` / `[1, 7]` → each axis, `(1, k[1], k[2])` → [1, null, null]; undefined when not a number or tuple. */
function kernelSizeOf(args: readonly ArgNode[], name: string, index?: number): (number | null)[] | undefined {
  const a = findArg(args, name, index);
  if (!a) return undefined;
  const lit = literalValue(a.value);
  if (lit.ok) return typeof lit.value === 'number' && lit.value > 0 ? [lit.value] : undefined;
  const els = listElements(a.value);
  if (!els || els.length === 0) return undefined;
  return els.map((e) => {
    const v = literalValue(e);
    return v.ok && typeof v.value === 'number' && v.value > 0 ? v.value : null;
  });
}

/**
 * Kernel size and channel grouping of a convolution (ACT005 tells factorized pairs from stacks):
 * DepthwiseConv* and SeparableConv* are grouped by construction; otherwise a `groups=` that is not
 * the literal 1 (`groups=in_channels`, `groups=32`, `groups=self.groups`) is.
 */
function convShape(layer: Layer, args: readonly ArgNode[], framework: Framework, name: string): void {
  if (!/conv/i.test(name)) return;
  const depthwise = /^(Depthwise|Separable)/i.test(name);
  const kernel =
    framework === 'torch'
      ? kernelSizeOf(args, 'kernel_size', 2)
      : framework === 'keras'
        ? kernelSizeOf(args, 'kernel_size', /^Depthwise/.test(name) ? 0 : 1)
        : kernelSizeOf(args, 'kernelSize');
  if (kernel) layer.kernelSize = kernel;
  const g = framework === 'tfjs' ? undefined : findArg(args, 'groups', 6);
  const gv = g ? literalValue(g.value) : undefined;
  if (depthwise || (g && !(gv?.ok && gv.value === 1))) layer.grouped = true;
}

/** The module torch's layer classes are qualified under (`torch.nn.Linear`). */
const TORCH_NN = 'torch.nn.';

/** The layer a call constructs in this framework, or undefined when the call is not a layer constructor. */
export function layerFromCall(ex: Extraction, framework: Framework, call: CallFact): Layer | undefined {
  const q = call.qualified;
  if (framework === 'torch') {
    // `torch.nn.X`, no more dots (a slice, not a split: every layer of a file asks).
    if (!q?.startsWith(TORCH_NN) || q.indexOf('.', TORCH_NN.length) >= 0) return resolvedLayer(ex, framework, call);
    // The framework's name (an alias `Linear = nn.Linear` is called by its own name).
    const name = q.slice(TORCH_NN.length);
    if (isActivationName(name, 'torch', ['torch-module'])) {
      const ref = makeRef(ex.doc, { framework, kind: 'torch-module', name, qualified: q, module: 'torch.nn', nameNode: call.callee.childForFieldName('attribute') ?? call.callee, node: call.node, args: call.args });
      ex.addRef(ref);
      return ex.newLayer(framework, call, name, 'activation', { activation: ref });
    }
    const kind = layerKind(name) ?? 'other';
    const layer = ex.newLayer(framework, call, name, kind);
    if (kind === 'affine') {
      const widths = widthArgs(framework, name);
      const units = numberArg(call.args, ...widths.units!);
      const inF = numberArg(call.args, ...widths.inFeatures!);
      if (units !== undefined) layer.units = units;
      if (inF !== undefined) layer.inFeatures = inF;
      convShape(layer, call.args, framework, name);
    }
    return layer;
  }
  const args = factArgs(call, ex.facts.dialect);
  // TimeDistributed(Dense(10, activation='softmax')), tf.layers.timeDistributed({layer: …}): the
  // wrapper applies its layer at every time step, so its output is that layer's output.
  if (q && (q === 'keras.layers.TimeDistributed' || q === 'tf.layers.timeDistributed')) {
    const inner = findArg(args, 'layer', framework === 'keras' ? 0 : undefined);
    const ic = inner ? ex.callOf(unwrap(inner.value)) : undefined;
    const layer = ic ? layerFromCall(ex, framework, ic) : undefined;
    if (layer) return { ...layer, range: ex.range(call.node) };
  }
  // `keras.layers.X` / `tf.layers.X`, no more dots.
  const prefix = framework === 'keras' ? 'keras.layers.' : 'tf.layers.';
  if (!q?.startsWith(prefix) || q.indexOf('.', prefix.length) >= 0) return undefined;
  const name = q.slice(prefix.length);
  const layerKindName: 'keras-layer' | 'tfjs-layer' = framework === 'keras' ? 'keras-layer' : 'tfjs-layer';
  const [module] = splitQualified(q);
  const isActivationLayer = name === 'Activation' || name === 'activation';
  let layer: Layer;
  if (!isActivationLayer && isActivationName(name, framework, [layerKindName])) {
    const ref = makeRef(ex.doc, { framework, kind: layerKindName, name, qualified: q, module, nameNode: call.callee.childForFieldName(framework === 'keras' ? 'attribute' : 'property') ?? call.callee, node: call.node, args });
    ex.addRef(ref);
    layer = ex.newLayer(framework, call, name, 'activation', { activation: ref });
  } else {
    // The config's arguments (JS: the object's properties), not the call's.
    layer = ex.newLayer(framework, call, name, isActivationLayer ? 'activation' : (layerKind(name) ?? 'other'), {}, args);
    // JS: the config object's text was read when the call's own arguments were converted too (then
    // replaced by its properties). Still read, so it stays flagged read (MirrorNode.read) and a
    // keystroke inside it takes the incremental path it took; whether such a keystroke could be
    // cut off instead is another change (extract/cutoff.ts, incremental tests).
    if (args !== call.args) for (const a of call.args) if (!args.includes(a)) void a.value.text;
    const act = findArg(args, 'activation', isActivationLayer && framework === 'keras' ? 0 : undefined);
    if (act) {
      layer.activationArg = toArg(ex.doc, act);
      const ref = activationValue(ex, framework, act.value);
      if (ref) {
        layer.activation = ref;
        ex.addRef(ref);
      }
    }
    if (layer.kind === 'affine') {
      const widths = widthArgs(framework, name);
      const units = widths.units ? numberArg(args, ...widths.units) : undefined;
      if (units !== undefined) layer.units = units;
      convShape(layer, args, framework, name);
    }
    const init = findArg(args, framework === 'keras' ? 'kernel_initializer' : 'kernelInitializer');
    if (init) {
      const iv = unwrap(init.value);
      const ic = ex.callOf(iv);
      const value = stringValue(iv) ?? (ic ? ic.name : (iv.text.split('.').pop() ?? undefined));
      layer.kernelInitializer = { text: iv.text, range: ex.range(iv), ...(value !== undefined ? { value } : {}) };
    }
  }
  const lname = findArg(args, 'name');
  const ln = lname ? stringValue(lname.value) : undefined;
  if (ln !== undefined) layer.layerName = ln;
  return layer;
}
