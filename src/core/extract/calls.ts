/** Activation calls in expression position (F.relu(x), torch.softmax(x, 1), x.sigmoid(), tf.nn.relu(x), tf.relu(x)). */
import type { ActivationCall, GateReason } from '../ir';
import type { Framework, NameKind } from '../math/types';
import type { Extraction } from './context';
import type { CallFact } from './facts';
import { functionKind, isActivationName, makeRef } from './activations';
import { dottedPath, unwrap } from './syntax';

const GATE_CONTEXT: [RegExp, GateReason][] = [
  [/(LSTM|GRU|RNN)|Cell$|Recurr/i, 'rnn-cell'],
  [/Attention|Attn/i, 'attention'],
  [/SE(Block|Layer|Module|Net)?$|Squeeze|Excit|^SE[A-Z_]/i, 'squeeze-excitation'],
  [/Gate|Gating|GLU|Gated|Swiglu|Geglu/i, 'multiplied'],
];

export function contextGate(...names: (string | undefined)[]): GateReason | undefined {
  for (const n of names) {
    if (!n) continue;
    for (const [re, reason] of GATE_CONTEXT) if (re.test(n)) return reason;
  }
  return undefined;
}

/** The argument that is the activation's input. */
export function inputArg(call: CallFact) {
  return call.args.find((a) => a.name === 'input' || a.name === 'x' || a.name === 'features' || a.name === 'logits') ?? call.args.find((a) => a.index === 0);
}

function classify(ex: Extraction, call: CallFact): { framework: Framework; kind: NameKind; module?: string; name: string } | undefined {
  const dialect = ex.facts.dialect;
  if (call.qualified) {
    const fk = functionKind(call.qualified, dialect);
    if (!fk) return undefined;
    if (fk.kind === 'keras-function' && fk.module === 'keras.activations') return fk;
    return isActivationName(fk.name, fk.framework, [fk.kind]) ? fk : undefined;
  }
  // Tensor methods: x.relu(), logits.softmax(dim=-1); not self.relu(...) (a module attribute).
  if (!call.receiver) return undefined;
  const root = call.path?.[0];
  if (root === 'self' || root === 'this' || (call.path && call.path.length < 2)) return undefined;
  if (dialect === 'py' && ex.frameworks.has('torch') && isActivationName(call.name, 'torch', ['tensor-method'])) {
    return { framework: 'torch', kind: 'tensor-method', name: call.name };
  }
  if (dialect === 'js' && ex.frameworks.has('tfjs') && isActivationName(call.name, 'tfjs', ['tfjs-op'])) {
    return { framework: 'tfjs', kind: 'tfjs-op', name: call.name };
  }
  return undefined;
}

export function extractActivationCalls(ex: Extraction): void {
  const { facts } = ex;
  for (const call of facts.calls) {
    const c = classify(ex, call);
    if (!c) continue;
    const ref = makeRef(ex.doc, {
      framework: c.framework,
      kind: c.kind,
      name: c.name,
      ...(call.qualified ? { qualified: call.qualified } : {}),
      ...(c.module !== undefined ? { module: c.module } : {}),
      nameNode: call.callee.childForFieldName('attribute') ?? call.callee.childForFieldName('property') ?? call.callee,
      node: call.node,
      args: call.args,
    });
    const gateReason = call.multiplied ? 'multiplied' : contextGate(call.cls?.name, call.fn?.name);
    const ac: ActivationCall = {
      framework: c.framework,
      activation: ref,
      range: ex.range(call.node),
      gated: gateReason !== undefined,
      inference: call.inference,
      inLoop: call.inLoop,
    };
    if (gateReason) ac.gateReason = gateReason;
    if (call.fn) ac.functionName = call.fn.name;
    if (call.cls) ac.className = call.cls.name;
    ex.activationByCall.set(call.id, ac);
    ex.ir.activationCalls.push(ac);
    ex.addRef(ref);
  }
  // Nesting, enclosing calls, inputs through variables, gating through variables.
  for (const call of facts.calls) {
    const ac = ex.activationByCall.get(call.id);
    if (!ac) continue;
    const parent = call.parent;
    if (parent) {
      const pac = ex.activationByCall.get(parent.id);
      ac.enclosingCall = {
        name: parent.name,
        range: ex.range(parent.node),
        nameRange: ex.range(parent.callee),
        ...(parent.qualified ? { qualified: parent.qualified } : {}),
        ...(pac ? { activation: pac } : {}),
      };
      if (pac && call.parentArg && call.parentArg === inputArg(parent)) {
        ac.wrappedBy = pac;
        pac.wraps = ac;
        pac.input = ac;
      }
    }
    // Tensor method on an activation call's result: F.relu(x).softmax(1).
    if (ac.activation.kind === 'tensor-method' || (ac.framework === 'tfjs' && !call.qualified)) {
      const rc = ex.callOf(call.receiver);
      const rac = rc ? ex.activationByCall.get(rc.id) : undefined;
      if (rac) {
        rac.wrappedBy = ac;
        ac.wraps = rac;
        ac.input = rac;
      }
    }
    // Input through a variable: x = F.relu(x); y = F.softmax(x)
    if (!ac.input) {
      const argNode = ac.activation.kind === 'tensor-method' || (ac.framework === 'tfjs' && !call.qualified) ? call.receiver : inputArg(call)?.value;
      const path = argNode ? dottedPath(unwrap(argNode)) : undefined;
      if (path) {
        const a = ex.lastAssign(path.join('.'), call.fn, call.order);
        const src = a?.valueCall ? ex.activationByCall.get(a.valueCall.id) : undefined;
        if (src) ac.input = src;
      }
    }
    // Gating through a variable: g = torch.sigmoid(z); out = x * g
    if (!ac.gated) {
      const names = facts.multiplied.get(call.fn);
      const targets = names ? ex.targetsOf(call) : [];
      if (targets.some((t) => names!.has(t))) {
        ac.gated = true;
        ac.gateReason = 'multiplied';
      }
    }
  }
}
