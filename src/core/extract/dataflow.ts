/**
 * Data flow between model steps (Layer.input, ModelOutput.final).
 *
 * Subclasses: forward()/call() order is not data flow (q/k/v projections of one input, VAE mu /
 * logvar heads of one hidden state), so each step's input is traced through the method's local
 * variables back to the step that produced it: `x = self.fc1(x); x = F.relu(x)` → relu.input =
 * fc1. Anything the trace cannot follow (`x + res`, `torch.cat(...)`, a helper method) leaves
 * the input unset, and the rules read no adjacency across it. The `return` value gives the
 * output's final step.
 *
 * Sequential and functional models: their output chains already are data flow; the links are
 * filled in along them.
 */
import type { Node } from 'web-tree-sitter';
import type { Layer, Model } from '../ir';
import type { Framework } from '../math/types';
import type { Range } from '../types';
import type { Extraction } from './context';
import type { AssignFact, CallFact, ClassFact, FnFact } from './facts';
import { inputArg } from './calls';
import { exclusiveArms } from './scope';
import { dottedPath, unwrap } from './syntax';
import { argumentFor } from './bindings';
import { methodOf } from './models';

const RUN: Record<Framework, string[]> = { torch: ['forward'], keras: ['call'], tfjs: ['call'] };

/** Methods that pass their receiver's values on unchanged (shape and dtype only). */
const SHAPE_METHOD = /^(view|view_as|reshape|reshape_as|flatten|squeeze|unsqueeze|contiguous|permute|transpose|float|double|half|to|cpu|cuda|clone|detach)$/;
/** Functions whose first argument's values pass on unchanged (reshapes; dropout is the identity at inference). */
const SHAPE_FUNCTION = /^(torch\.(flatten|reshape|squeeze|unsqueeze|transpose|permute)|torch\.nn\.functional\.(dropout\d?d?|alpha_dropout|feature_alpha_dropout)|tf\.(reshape|squeeze|expand_dims|identity|cast)|keras\.ops\.(reshape|squeeze|expand_dims|cast))$/;

const MAX_DEPTH = 16;

interface Flow {
  ex: Extraction;
  fn: FnFact;
  steps: Map<number, Layer[]>;
  /** Steps called as a statement on a variable (`self.relu(x)` with inplace=True, `F.relu_(x)`): they change it in place. */
  inPlace: { name: string; order: number; step: Layer; fn: FnFact | undefined; node: Node }[];
  /** Inlined helper methods: the call that invoked each (its arguments are the helper's parameters). */
  invokedBy: Map<FnFact, CallFact>;
}

/**
 * The last assignment to `name` in `fn` before `order` that can reach `at`: one made in another
 * arm of the same if / else cannot (`if self.reparam_conv is not None: x = self.reparam_conv(x)` /
 * `else: x = self.pos_enc(x) + x` — the else arm reads the x from before the if).
 */
function reachingAssign(f: Flow, fn: FnFact, name: string, order: number, at: Node): AssignFact | undefined {
  let best: AssignFact | undefined;
  // The assignments to the name (an index: not every assignment of the method per name looked up).
  const assigns = f.ex.assignsTo(fn, name);
  for (let i = 0; i < assigns.length; i++) {
    const a = assigns[i]!;
    if (a.order < order && (!best || a.order > best.order) && !exclusiveArms(a.value, at)) best = a;
  }
  return best;
}

/** The steps each call of the run method made, rebuilt from model.layers (undefined when they do not line up). */
function stepsByCall(ex: Extraction, model: Model, calls: readonly CallFact[]): Map<number, Layer[]> | undefined {
  const out = new Map<number, Layer[]>();
  let i = 0;
  for (const call of calls) {
    const ac = ex.activationByCall.get(call.id);
    if (ac) {
      if (model.layers[i]?.call !== ac) return undefined;
      out.set(call.id, [model.layers[i++]!]);
      continue;
    }
    const last = (ex.stepsOf.get(model) ?? ex.layerByCall).get(call.id);
    if (!last) continue;
    const j = model.layers.indexOf(last, i);
    if (j < 0) return undefined;
    out.set(call.id, model.layers.slice(i, j + 1));
    i = j + 1;
  }
  return i === model.layers.length ? out : undefined;
}

/** The value a call consumes: the receiver of tensor methods, else its input argument. */
function consumed(call: CallFact, tensorMethod: boolean): Node | undefined {
  if (tensorMethod) return call.receiver;
  const a = call.args.find((x) => x.index === 0) ?? call.args.find((x) => x.name === 'input' || x.name === 'inputs' || x.name === 'x');
  return a?.value;
}

/** The step whose result an expression is, when the trace can tell (`fn`: the method the expression is in). */
function producer(f: Flow, node: Node | undefined, order: number, depth: number, fn: FnFact = f.fn): Layer | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  const call = f.ex.callOf(n);
  if (call) {
    const made = f.steps.get(call.id);
    if (made) return made[made.length - 1];
    // An inlined helper (`x = self.decode(z)`): what its `return` gives.
    const helper = f.ex.helperCalls.get(call.id);
    if (helper && f.invokedBy.get(helper) === call) return helperResult(f, helper, depth + 1);
    if (call.qualified && SHAPE_FUNCTION.test(call.qualified)) return producer(f, consumed(call, false), call.order, depth + 1, fn);
    const rootIsSelf = call.path?.[0] === 'self' || call.path?.[0] === 'this';
    if (!call.qualified && call.receiver && !rootIsSelf && SHAPE_METHOD.test(call.name)) return producer(f, call.receiver, call.order, depth + 1, fn);
    return undefined;
  }
  if (n.type === 'subscript') return producer(f, n.childForFieldName('value') ?? undefined, order, depth + 1, fn);
  const p = dottedPath(n);
  if (!p) return undefined;
  const name = p.join('.');
  const a = reachingAssign(f, fn, name, order, n);
  let touched: Flow['inPlace'][number] | undefined;
  for (const e of f.inPlace) if (e.fn === fn && e.name === name && e.order < order && e.order > (a?.order ?? -1) && (!touched || e.order > touched.order) && !exclusiveArms(e.node, n)) touched = e;
  if (touched) return touched.step;
  if (!a) return p.length === 1 ? parameterValue(f, fn, name, depth + 1) : undefined;
  const pos = a.targets.indexOf(name);
  const v = unwrap(a.value);
  // `mu, logvar = self.mu(h), self.logvar(h)`: element by element.
  if (a.targets.length > 1 && (v.type === 'expression_list' || v.type === 'tuple')) {
    return v.namedChildCount === a.targets.length ? producer(f, v.namedChild(pos) ?? undefined, a.order, depth + 1, fn) : undefined;
  }
  const src = producer(f, v, a.order, depth + 1, fn);
  // `out, hidden = self.lstm(x)`: each target is part of the recurrent layer's result. Other
  // unpacked results (`z_mean, z_log_var, z = self.encoder(x)`) are known only for the first
  // target, the output the model's `return` gives (see mainValue).
  if (pos > 0 && src && src.kind !== 'recurrent' && src.kind !== 'attention') return undefined;
  return src;
}

/** A parameter of an inlined helper: the argument its one invocation passes. */
function parameterValue(f: Flow, fn: FnFact, name: string, depth: number): Layer | undefined {
  const call = f.invokedBy.get(fn);
  const scope = f.ex.facts.scopeByNode.get(fn.node.id);
  if (!call || !scope || !scope.params?.includes(name)) return undefined;
  const arg = argumentFor(scope, name, call);
  return arg && call.fn ? producer(f, arg.value, call.order, depth, call.fn) : undefined;
}

/** The step an inlined helper returns (its returns must agree). */
function helperResult(f: Flow, helper: FnFact, depth: number): Layer | undefined {
  const finals = new Set<Layer | undefined>();
  for (const v of returnValues(helper.node)) finals.add(producer(f, mainValue(v), orderAt(f.ex.assignsIn(helper), v), depth, helper));
  return finals.size === 1 ? [...finals][0] : undefined;
}

/** Statements that hold other statements (a `return` can only sit in one of these). */
const COMPOUND = new Set(['block', 'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'with_statement', 'try_statement', 'except_clause', 'except_group_clause', 'finally_clause', 'match_statement', 'case_clause']);

/** `return` statements of a function body (not of functions nested in it): statements only, no expressions walked. */
function returnValues(fnNode: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node, depth: number): void => {
    if (depth > 100) return;
    for (const c of n.namedChildren) {
      if (c.type === 'return_statement') {
        const v = c.namedChildren.find((x) => x.type !== 'comment');
        if (v) out.push(v);
      } else if (COMPOUND.has(c.type)) visit(c, depth + 1);
    }
  };
  const body = fnNode.childForFieldName('body');
  if (body) visit(body, 0);
  return out;
}

/** `nn.ReLU(inplace=True)`, `F.relu(x, inplace=True)`, `F.relu_(x)`, `x.sigmoid_()`: the step overwrites its input. */
function writesInPlace(step: Layer): boolean {
  const act = step.activation;
  if (act && (act.params.inplace === true || act.name.endsWith('_'))) return true;
  return step.args.some((a) => a.name === 'inplace' && a.isLiteral && a.value === true);
}

/** An execution order for a node that is not a call: just after every assignment of the function that ends before it. */
function orderAt(assigns: readonly AssignFact[], node: Node): number {
  let order = 0;
  for (const a of assigns) if (a.value.endIndex <= node.startIndex && a.order >= order) order = a.order + 1;
  return order;
}

/** The first element of a returned tuple / list (`return recon, mu, logvar`, `out, hidden`): by convention the main output. */
function mainValue(v: Node): Node {
  const n = unwrap(v);
  if ((n.type === 'expression_list' || n.type === 'tuple' || n.type === 'list') && n.namedChild(0)) return n.namedChild(0)!;
  return n;
}

function linkSubclass(ex: Extraction, model: Model, cls: ClassFact, framework: Framework, byName: ReadonlyMap<string, ClassFact>): void {
  const method = RUN[framework].map((m) => methodOf(byName, cls, m)).find((m) => m !== undefined);
  if (!method) return;
  const calls = ex.runCalls.get(model) ?? ex.callsIn(method);
  const steps = stepsByCall(ex, model, calls);
  if (!steps) return;
  const invokedBy = new Map<FnFact, CallFact>();
  for (const c of calls) {
    const h = ex.helperCalls.get(c.id);
    if (h && !invokedBy.has(h)) invokedBy.set(h, c);
  }
  const flow: Flow = { ex, fn: method, steps, inPlace: [], invokedBy };
  const inputOf = (call: CallFact): Node | undefined => {
    const ac = ex.activationByCall.get(call.id);
    const tensorMethod = !!ac && (ac.activation.kind === 'tensor-method' || (ac.framework === 'tfjs' && !call.qualified));
    return ac && !tensorMethod ? inputArg(call)?.value : consumed(call, tensorMethod);
  };
  for (const call of calls) {
    const made = steps.get(call.id);
    if (!made) continue;
    let p = call.node.parent;
    while (p && p.type === 'parenthesized_expression') p = p.parent;
    const target = p?.type === 'expression_statement' && writesInPlace(made[made.length - 1]!) ? inputOf(call) : undefined;
    const path = target ? dottedPath(unwrap(target)) : undefined;
    if (path) flow.inPlace.push({ name: path.join('.'), order: call.order, step: made[made.length - 1]!, fn: call.fn, node: call.node });
  }
  for (const call of calls) {
    const made = steps.get(call.id);
    if (!made) continue;
    const input = producer(flow, inputOf(call), call.order, 0, call.fn ?? method);
    // A ModuleList of several layers applied in a loop: each feeds the next.
    made.forEach((s, k) => {
      const prev = k === 0 ? input : made[k - 1];
      if (prev && prev !== s) s.input = prev;
    });
  }
  const finals = new Set<Layer | undefined>();
  for (const v of returnValues(method.node)) finals.add(producer(flow, mainValue(v), orderAt(ex.assignsIn(method), v), 0));
  // Several returns (`if self.training: return x`) must agree on one step.
  const final = finals.size === 1 ? [...finals][0] : undefined;
  if (final && model.outputs[0]) model.outputs[0].final = final;
  else if (finals.size > 1 && model.outputs[0]) model.outputs[0].ambiguous = true;
}

/** Fill Layer.input and ModelOutput.final for the subclasses of one framework (right after they are extracted). */
export function linkSubclassFlow(ex: Extraction, framework: Framework): void {
  // The calls and assignments of a method: ex.callsIn / ex.assignsIn (the functions asked about
  // are methods and functions nested in them, which all have their class).
  const at = (r: Range) => `${r.cell ?? ''}:${r.start.line}:${r.start.column}`;
  const classByName = new Map(ex.facts.classes.map((c) => [at(ex.range(c.nameNode)), c]));
  const byName = new Map(ex.facts.classes.map((c) => [c.name, c]));
  for (const model of ex.ir.models) {
    if (model.kind !== 'subclass' || model.framework !== framework) continue;
    const cls = classByName.get(at(model.nameRange));
    if (cls) linkSubclass(ex, model, cls, framework, byName);
  }
}

/** Sequential and functional models: each step of an output chain consumes the one before it. */
export function linkChainFlow(models: readonly Model[]): void {
  const seen = new Set<Model>();
  const visit = (m: Model, depth: number): void => {
    if (seen.has(m) || depth > 8) return;
    seen.add(m);
    if (m.kind === 'subclass' || m.opaque) return;
    for (const out of m.outputs) {
      out.layers.forEach((l, k) => {
        if (k > 0 && !l.input && out.layers[k - 1] !== l) l.input = out.layers[k - 1]!;
      });
    }
    for (const l of m.layers) if (l.kind === 'container' && l.inner) visit(l.inner, depth + 1);
  };
  for (const m of models) visit(m, 0);
}
