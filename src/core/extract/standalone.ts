/**
 * Activation modules constructed outside any model: `act = nn.LeakyReLU(True)` at module level,
 * `self.act = nn.GELU()` in a helper class, `keras.layers.ReLU()` passed around. No model step
 * records them, but the activation is still written in the code: rules that read every activation
 * (ACT006, ACT009) and the hover must see it.
 */
import type { Range } from '../types';
import type { Framework } from '../math/types';
import type { Extraction } from './context';
import type { CallFact } from './facts';
import { isActivationName } from './activations';
import { layerFromCall } from './layers';

function frameworkOfConstructor(ex: Extraction, call: CallFact): Framework | undefined {
  const q = call.qualified;
  if (!q || q.split('.').length !== 3) return undefined;
  if (ex.facts.dialect === 'py' && q.startsWith('torch.nn.') && isActivationName(call.name, 'torch', ['torch-module'])) return 'torch';
  if (ex.facts.dialect === 'py' && q.startsWith('keras.layers.') && (call.name === 'Activation' || isActivationName(call.name, 'keras', ['keras-layer']))) return 'keras';
  if (ex.facts.dialect === 'js' && q.startsWith('tf.layers.') && (call.name === 'activation' || isActivationName(call.name, 'tfjs', ['tfjs-layer']))) return 'tfjs';
  return undefined;
}

function inside(inner: Range, outer: Range): boolean {
  if (inner.cell !== outer.cell) return false;
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Add an activation entry for each activation module constructor no extractor has recorded yet. */
export function extractStandaloneActivations(ex: Extraction): void {
  const byLine = new Map<string, Range[]>();
  const index = (r: Range) => {
    const k = `${r.cell ?? ''}:${r.start.line}`;
    byLine.set(k, [...(byLine.get(k) ?? []), r]);
  };
  for (const ref of ex.ir.activations) index(ref.range);
  const recorded = (r: Range): boolean => {
    for (let line = r.start.line; line <= r.end.line; line++) {
      for (const x of byLine.get(`${r.cell ?? ''}:${line}`) ?? []) if (inside(x, r)) return true;
    }
    return false;
  };
  for (const call of ex.facts.calls) {
    const fw = frameworkOfConstructor(ex, call);
    if (!fw || !ex.frameworks.has(fw)) continue;
    const r = ex.range(call.node);
    if (recorded(r)) continue;
    const before = ex.ir.activations.length;
    layerFromCall(ex, fw, call);
    for (const ref of ex.ir.activations.slice(before)) index(ref.range);
  }
}
