/** Losses (strings, objects, functions) and the links from model outputs to them. */
import type { Node } from 'web-tree-sitter';
import type { ActivationCall, Link, Loss, Model } from '../ir';
import type { Framework } from '../math/types';
import { dotted, type Extraction } from './context';
import type { CallFact, FnFact } from './facts';
import { inputArg } from './calls';
import { dottedPath, findArg, literalValue, stringValue, toArg, unwrap, type ArgNode, factArgs } from './syntax';
import { lossInfo } from './tables';
import { splitQualified } from './activations';
import { argumentFor, callSitesOf, type Use } from './bindings';
import { declaringScope } from './scope';

/** Functions whose first argument's values reach their result unchanged (reshapes only). */
const SHAPE_FUNCTION = /^(torch\.(flatten|reshape|squeeze|unsqueeze|transpose|permute)|einops\.rearrange|tf\.(reshape|squeeze|expand_dims)|keras\.ops\.(reshape|squeeze|expand_dims))$/;

const LOSS_MODULES: Record<Framework, RegExp> = {
  torch: /^torch\.nn(\.functional)?$/,
  keras: /^(keras\.losses|tf\.nn|keras\.metrics)$/,
  tfjs: /^tf\.(losses|metrics)$/,
};

/**
 * A qualified name in a loss module (`torch.nn.X`, `keras.losses.x` …), tested whole, no split per
 * call: LOSS_MODULES' patterns followed by one last dotted part.
 */
const IN_LOSS_MODULE = Object.fromEntries(Object.entries(LOSS_MODULES).map(([fw, re]) => [fw, new RegExp(`${re.source.slice(0, -1)}\\.[^.]*$`)])) as Record<Framework, RegExp>;

function makeLoss(ex: Extraction, framework: Framework, name: string, form: Loss['form'], node: Node, nameNode: Node, args: readonly ArgNode[], qualified?: string): Loss | undefined {
  const info = lossInfo(framework, name, form === 'function');
  if (!info) return undefined;
  const loss: Loss = { framework, name, form, expects: info.expects, task: info.task, args: args.map((a) => toArg(ex.doc, a)), range: ex.range(node), nameRange: ex.range(nameNode) };
  if (qualified) loss.qualified = qualified;
  if (info.fromLogitsAware) {
    const fl = findArg(args, 'from_logits');
    if (fl) {
      loss.fromLogitsArg = toArg(ex.doc, fl);
      const v = literalValue(fl.value);
      if (v.ok && typeof v.value === 'boolean') loss.fromLogits = v.value;
    }
    if (loss.fromLogits === true) loss.expects = 'logits';
  }
  return loss;
}

/** A loss from an expression: 'categorical_crossentropy', keras.losses.X(...), nn.CrossEntropyLoss(), F.cross_entropy. */
function lossFromExpr(ex: Extraction, framework: Framework, node: Node, use: Use): Loss | undefined {
  const n = unwrap(node);
  const s = stringValue(n);
  if (s !== undefined) return makeLoss(ex, framework, s, 'string', n, n, []);
  const call = ex.callOf(n);
  const q = call ? call.qualified : ex.facts.imports.qualifyNode(n);
  if (!q) {
    const bound = dottedPath(n);
    return bound ? ex.losses.get(dotted(bound), use) : undefined;
  }
  const [module, name] = splitQualified(q);
  if (!LOSS_MODULES[framework].test(module)) return undefined;
  const isClass = /^[A-Z]/.test(name);
  const form: Loss['form'] = call && isClass ? (framework === 'torch' ? 'module' : 'object') : 'function';
  const nameNode = (call ? call.callee : n).childForFieldName(ex.facts.dialect === 'py' ? 'attribute' : 'property') ?? (call ? call.callee : n);
  const args = call && isClass ? call.args : [];
  return makeLoss(ex, framework, name, form, call && isClass ? call.node : n, nameNode, args, q);
}

/** A loss object made by a constructor call (`nn.MSELoss()`, `keras.losses.X(from_logits=True)`), else undefined. */
function lossFromCallee(ex: Extraction, framework: Framework, ctor: CallFact): Loss | undefined {
  if (!ctor.qualified || !/^[A-Z]/.test(ctor.name) || !IN_LOSS_MODULE[framework].test(ctor.qualified)) return undefined;
  const nameNode = ctor.callee.childForFieldName(ex.facts.dialect === 'py' ? 'attribute' : 'property') ?? ctor.callee;
  return makeLoss(ex, framework, ctor.name, framework === 'torch' ? 'module' : 'object', ctor.node, nameNode, ctor.args, ctor.qualified);
}

function pushLoss(ex: Extraction, loss: Loss): Loss {
  if (!ex.ir.losses.includes(loss)) ex.ir.losses.push(loss);
  return loss;
}

/** The prediction argument of a loss call. */
function predictionArg(framework: Framework, loss: Loss, call: CallFact): ArgNode | undefined {
  if (framework === 'torch') return findArg(call.args, 'input', 0);
  if (framework === 'tfjs') return findArg(call.args, 'logits', 1) ?? findArg(call.args, 'predictions', 1);
  if (/with_logits/.test(loss.name)) return findArg(call.args, 'logits', 1);
  return findArg(call.args, 'y_pred', 1);
}

interface Traced {
  model?: Model;
  /** Alternatives: the model is one of these (chosen in if / else arms, or passed by several calls). */
  models?: Model[];
  applied: ActivationCall[];
  source?: Node;
}

/** Follow a prediction expression back to the model call that produced it. */
function trace(ex: Extraction, node: Node, fn: FnFact | undefined, order: number, depth: number, applied: ActivationCall[]): Traced {
  const n = unwrap(node);
  if (depth > 12) return { applied, source: n };
  const call = ex.callOf(n);
  if (call) {
    const ac = ex.activationByCall.get(call.id);
    if (ac) {
      applied.unshift(ac);
      const inp = ac.activation.kind === 'tensor-method' || (ac.framework === 'tfjs' && !call.qualified) ? call.receiver : inputArg(call)?.value;
      return inp ? trace(ex, inp, fn, call.order, depth + 1, applied) : { applied };
    }
    // `self(x)` in a Lightning training_step / Keras train_step: the class's own model.
    const model = ex.selfModel(call) ?? ex.modelFor(call.path, ex.useOf(call));
    if (model) return { model, applied };
    const alternatives = ex.modelsFor(call.path, ex.useOf(call));
    if (alternatives.length > 1) return { models: alternatives, applied };
    // torch.flatten(out, 1), einops.rearrange(out, 'b n d -> (b n) d'): the same values, reshaped.
    if (call.qualified && SHAPE_FUNCTION.test(call.qualified)) {
      const a = call.args.find((x) => x.index === 0) ?? call.args.find((x) => x.name === 'input' || x.name === 'tensor');
      return a ? trace(ex, a.value, fn, call.order, depth + 1, applied) : { applied, source: call.callee };
    }
    if (call.receiver && /^(squeeze|unsqueeze|view|view_as|reshape|reshape_as|flatten|float|double|half|contiguous|to|cpu|cuda|detach|clone|permute|transpose|squeeze_|forward|__call__|call|stateless_call|predict|apply|predictOnBatch)$/.test(call.name)) {
      const m = ex.modelFor(dottedPath(call.receiver), ex.useOf(call));
      if (m) return { model: m, applied };
      return trace(ex, call.receiver, fn, call.order, depth + 1, applied);
    }
    return { applied, source: call.callee };
  }
  if (n.type === 'subscript' || n.type === 'subscript_expression' || n.type === 'attribute' || n.type === 'member_expression') {
    const p = dottedPath(n);
    const a = p ? ex.lastAssign(dotted(p), fn, order) : undefined;
    if (a) return trace(ex, a.value, fn, a.order, depth + 1, applied);
    const obj = n.childForFieldName(n.type.startsWith('subscript') ? (n.type === 'subscript' ? 'value' : 'object') : 'object');
    if (obj && !(p && p.length === 2 && (p[0] === 'self' || p[0] === 'this'))) return trace(ex, obj, fn, order, depth + 1, applied);
    return { applied, source: n };
  }
  const p = dottedPath(n);
  if (p) {
    const a = ex.lastAssign(dotted(p), fn, order);
    if (a) {
      // tuple targets (out, hidden = model(x)): the first target is the output
      return trace(ex, a.value, fn, a.order, depth + 1, applied);
    }
    const viaParam = p.length === 1 ? traceParameter(ex, n, p[0]!, depth, applied) : undefined;
    if (viaParam) return viaParam;
  }
  return { applied, source: n };
}

/**
 * A parameter of the enclosing function (`def loss_function(recon_x, x)`): what the file's calls
 * of that function pass for it, when every call that can be traced reaches the same model.
 */
function traceParameter(ex: Extraction, node: Node, name: string, depth: number, applied: ActivationCall[]): Traced | undefined {
  const fnScope = declaringScope(ex.useAt(node).scope, name);
  if (!fnScope || fnScope.kind !== 'function' || !fnScope.params?.includes(name) || depth > 8) return undefined;
  let found: Traced | undefined;
  for (const site of callSitesOf(ex.facts, fnScope)) {
    const arg = argumentFor(fnScope, name, site);
    if (!arg) continue;
    const t = trace(ex, arg.value, site.fn, site.order, depth + 1, []);
    if (!t.model || t.model.opaque) continue;
    if (found && found.model !== t.model) return undefined;
    found ??= { model: t.model, applied: [...t.applied, ...applied] };
  }
  return found;
}

/** The loss a constructor call makes (`Trainer(model, opt, nn.NLLLoss())` passes one): one Loss per call, kept in `made`. */
function lossOfCall(ex: Extraction, framework: Framework, made: Map<number, Loss | null>, call: CallFact): Loss | undefined {
  const base = ex.baseCall(call);
  let loss = made.get(base.id);
  if (loss === undefined) {
    const l = lossFromCallee(ex, framework, base);
    loss = l ? pushLoss(ex, l) : null;
    made.set(base.id, loss);
  }
  return loss ?? undefined;
}

export function extractLosses(ex: Extraction, framework: Framework): void {
  const made = new Map<number, Loss | null>();
  ex.lossOfCall = (call) => lossOfCall(ex, framework, made, call);
  // Indexed loops over the file's assignments and calls: no iterator object per item where V8 has not optimized the loop yet.
  const assigns = ex.facts.assigns;
  const calls = ex.facts.calls;
  // Loss objects bound to names: criterion = nn.CrossEntropyLoss(), loss_object = keras.losses.X(...)
  for (let i = 0; i < assigns.length; i++) {
    const a = assigns[i]!;
    const loss = lossFromExpr(ex, framework, a.value, { scope: a.scope, pos: a.value.startIndex });
    if (!loss || loss.form === 'string' || (loss.form === 'function' && ex.callOf(a.value))) continue;
    const target = a.targets[0];
    if (target) loss.binding = target;
    for (const t of a.targets) ex.losses.bind(t, pushLoss(ex, loss), { scope: a.scope, pos: a.value.endIndex, node: a.value });
  }
  // Loss objects passed on by name: self.loss_fn = loss_fn
  for (let i = 0; i < assigns.length; i++) {
    const a = assigns[i]!;
    const v = unwrap(a.value);
    if (a.valueCall || !(v.type === 'identifier' || v.type === 'attribute' || v.type === 'member_expression')) continue;
    const loss = ex.losses.resolve(v, { scope: a.scope, pos: v.startIndex }, 0);
    if (loss && loss.framework === framework) for (const t of a.targets) ex.losses.bind(t, loss, { scope: a.scope, pos: a.value.endIndex, node: a.value });
  }
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!;
    if (call.name === 'compile' && call.receiver) {
      compileLinks(ex, framework, call);
      continue;
    }
    // criterion(out, y) / self.loss_fn(out, y) / F.cross_entropy(out, y) / tf.losses.softmaxCrossEntropy(y, logits)
    let loss = call.path ? ex.losses.get(dotted(call.path), ex.useOf(call)) : undefined;
    if (loss && loss.framework !== framework) continue; // linked by its own framework's pass
    if (!loss && call.qualified && IN_LOSS_MODULE[framework].test(call.qualified) && !/^[A-Z]/.test(call.name)) {
      const fresh = makeLoss(ex, framework, call.name, 'function', call.node, call.callee.childForFieldName(ex.facts.dialect === 'py' ? 'attribute' : 'property') ?? call.callee, call.args, call.qualified);
      if (fresh) loss = pushLoss(ex, fresh);
    }
    // Constructed and called on the spot: nn.BCEWithLogitsLoss()(model(x), y)
    if (!loss && call.calleeCall && ex.callOf(call.callee) === call.calleeCall) {
      const made = lossFromCallee(ex, framework, ex.baseCall(call.calleeCall));
      if (made) loss = pushLoss(ex, made);
    }
    if (!loss) continue;
    const pred = predictionArg(framework, loss, call);
    if (!pred) continue;
    const t = trace(ex, pred.value, call.fn, call.order, 0, []);
    for (const model of t.models ?? [t.model ?? ex.opaqueModel(framework, t.source ?? pred.value)]) {
      const link: Link = { model, loss, via: 'call', range: ex.range(call.node), outputIndex: 0, applied: t.applied };
      ex.ir.links.push(link);
    }
  }
}

function compileLinks(ex: Extraction, framework: Framework, call: CallFact): void {
  const args = factArgs(call, ex.facts.dialect);
  const lossArg = findArg(args, 'loss', framework === 'keras' ? 1 : undefined);
  if (!lossArg) return;
  const receiver = call.receiver!;
  // Alternatives (a model chosen in if / else arms) are each linked: each must suit the loss.
  const candidates = ex.modelsFor(dottedPath(receiver), ex.useOf(call));
  const models = candidates.length > 0 ? candidates.filter((m) => m.framework === framework) : [ex.opaqueModel(framework, receiver)];
  const v = unwrap(lossArg.value);
  const entries: { node: Node; name?: string; index: number }[] = [];
  if (v.type === 'dictionary' || v.type === 'object') {
    v.namedChildren.filter((p) => p.type === 'pair').forEach((p, i) => {
      const key = p.childForFieldName('key');
      const value = p.childForFieldName('value');
      if (!key || !value) return;
      const name = key.type === 'string' ? stringValue(key) : key.text;
      entries.push({ node: value, index: i, ...(name !== undefined ? { name } : {}) });
    });
  } else if (v.type === 'list' || v.type === 'array' || v.type === 'tuple') {
    v.namedChildren.forEach((node, index) => entries.push({ node, index }));
  } else entries.push({ node: v, index: 0 });
  const multi = entries.length > 1 || v.type === 'dictionary' || v.type === 'object' || v.type === 'list' || v.type === 'array';
  for (const e of entries) {
    const loss = lossFromExpr(ex, framework, e.node, ex.useOf(call));
    if (!loss) continue;
    pushLoss(ex, loss);
    if (multi) {
      if (e.name !== undefined) loss.outputName = e.name;
      else loss.outputIndex = e.index;
    }
    for (const model of models) {
      let outputIndex = 0;
      if (e.name !== undefined) {
        const found = model.outputs.find((o) => o.name === e.name);
        outputIndex = found ? found.index : -1;
      } else if (multi) outputIndex = e.index < model.outputs.length ? e.index : -1;
      if (outputIndex < 0) continue;
      ex.ir.links.push({ model, loss, via: 'compile', range: ex.range(call.node), outputIndex, applied: [] });
    }
  }
}
