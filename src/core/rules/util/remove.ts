/** Fix builders that remove an activation step from a model (always offered as unsafe). */
import type { ActivationCall, Layer, Model, ProgramIR } from '../../ir';
import type { TextEdit } from '../../types';
import { deleteListItem, replace } from './edits';

/** Finds the model (top level or nested container) whose own `layers` list holds `layer`. */
export function ownerOf(models: readonly Model[], layer: Layer): Model | undefined {
  for (const m of models) {
    if (m.layers.includes(layer)) return m;
    const inner = ownerOf(m.layers.flatMap((l) => (l.inner ? [l.inner] : [])), layer);
    if (inner) return inner;
  }
  return undefined;
}

/** Removes an activation layer written as an item of a Sequential list. */
export function removeLayerEdit(ir: ProgramIR, layer: Layer): TextEdit | undefined {
  if (layer.origin !== 'layer' || layer.kind !== 'activation') return undefined;
  const owner = ownerOf(ir.models, layer);
  if (!owner || owner.kind !== 'sequential') return undefined;
  const ranges = owner.layers.map((l) => l.range);
  return deleteListItem(ir, ranges, owner.layers.indexOf(layer));
}

/** Replaces an activation call by its input: `F.softmax(x, dim=1)` → `x`. */
export function unwrapCallEdit(call: ActivationCall): TextEdit | undefined {
  const input = call.activation.args.find((a) => a.index === 0 && a.name === undefined);
  if (!input) return undefined;
  // A tensor method (x.softmax(1)) has its input before the dot, not as argument 0.
  if (call.activation.kind === 'tensor-method') return undefined;
  return replace(call.range, input.text);
}
