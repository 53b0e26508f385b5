/**
 * The panel's controls, built with the DOM (textContent only): the view tabs and export button,
 * the x-range / points / f / f′ row, the depth settings row, and one card per function with its
 * definition (framework and spelling: Keras 2 vs 3 hard sigmoid, torch vs tfjs defaults), its
 * parameters (number + slider, checkbox, or choice), hide and remove.
 */
import { catalog, definitionOf, definitions, effectiveParams, newSpec, paramDefault } from './curves';
import { el } from './dom';
import type { FunctionSpec, Locale, PlotState } from './protocol';
import { format, type Strings } from './strings';

export interface ControlEvents {
  /** A control changed the (latest) state; `structural` when the controls must be rebuilt. */
  update(change: (current: PlotState) => PlotState, structural: boolean): void;
  exportPng(): void;
}

function numberInput(id: string, value: number, attrs: Record<string, string | number> = {}): HTMLInputElement {
  const input = el('input', { id, type: 'number', step: 'any', ...attrs });
  input.value = Number.isFinite(value) ? String(value) : '';
  return input;
}

function readNumber(input: HTMLInputElement): number | undefined {
  if (input.value.trim() === '') return undefined;
  const n = Number(input.value);
  return Number.isFinite(n) ? n : undefined;
}

export function buildToolbar(state: PlotState, s: Strings, events: ControlEvents): HTMLElement {
  const tab = (view: PlotState['view'], label: string) => {
    const b = el('button', { class: 'tab', id: `tab-${view}`, 'aria-pressed': String(state.view === view) }, label);
    b.addEventListener('click', () => events.update((st) => ({ ...st, view }), true));
    return b;
  };
  const exportButton = el('button', { id: 'export', class: 'secondary' }, s.exportPng);
  exportButton.addEventListener('click', () => events.exportPng());
  return el('header', { class: 'bar' }, el('div', { class: 'tabs', role: 'group' }, tab('functions', s.viewFunctions), tab('depth', s.viewDepth)), exportButton);
}

export function buildRangeRow(state: PlotState, s: Strings, events: ControlEvents): HTMLElement {
  const xMin = numberInput('x-min', state.xMin);
  const xMax = numberInput('x-max', state.xMax);
  const points = numberInput('points', state.points, { min: 16, max: 10000, step: 1 });
  const showF = el('input', { id: 'show-f', type: 'checkbox', checked: state.showF });
  const showDf = el('input', { id: 'show-df', type: 'checkbox', checked: state.showDf });
  const onRange = () =>
    events.update(
      (st) => ({
        ...st,
        xMin: readNumber(xMin) ?? st.xMin,
        xMax: readNumber(xMax) ?? st.xMax,
        points: readNumber(points) ?? st.points,
        showF: showF.checked,
        showDf: showDf.checked,
      }),
      false,
    );
  for (const i of [xMin, xMax, points]) i.addEventListener('change', onRange);
  for (const i of [showF, showDf]) i.addEventListener('change', onRange);
  return el(
    'div',
    { class: 'row', id: 'range-row' },
    el('label', { for: 'x-min' }, s.xFrom), xMin,
    el('label', { for: 'x-max' }, s.xTo), xMax,
    el('label', { for: 'points' }, s.points), points,
    el('label', { class: 'check' }, showF, s.showF),
    el('label', { class: 'check' }, showDf, s.showDf),
  );
}

/**
 * Depth settings. For a model (state.model) the layer count is the model's own and the width is the
 * one used where the code does not say; a button goes back to comparing the functions.
 */
export function buildDepthRow(state: PlotState, s: Strings, events: ControlEvents): HTMLElement {
  const model = state.model;
  const keys = model ? (['width', 'batch', 'seed'] as const) : (['layers', 'width', 'batch', 'seed'] as const);
  const fields = keys.map((k) => {
    const input = numberInput(`depth-${k}`, state.depth[k], { step: 1 });
    input.addEventListener('change', () => {
      const v = readNumber(input);
      if (v !== undefined) events.update((st) => ({ ...st, depth: { ...st.depth, [k]: v } }), false);
    });
    return [el('label', { for: `depth-${k}` }, model && k === 'width' ? s.defaultWidth : s[k]), input] as const;
  });
  const row = el('div', { class: 'row', id: 'depth-row' });
  if (model) {
    const back = el('button', { id: 'depth-compare', class: 'secondary' }, s.compareFunctions);
    back.addEventListener('click', () => events.update(({ model: _m, ...st }) => st, true));
    row.append(el('strong', { id: 'depth-model' }, format(s.modelTitle, model.name)), back);
  }
  row.append(...fields.flat());
  return row;
}

export function buildAddRow(s: Strings, events: ControlEvents): HTMLElement {
  const select = el('select', { id: 'add-function' }, el('option', { value: '' }, s.addFunction));
  for (const e of catalog()) select.append(el('option', { value: e.id }, `${e.displayName} (${e.id})`));
  select.addEventListener('change', () => {
    const id = select.value;
    if (!id) return;
    events.update((st) => {
      if (st.functions.length >= 12) return st;
      const fw = st.functions[st.functions.length - 1]?.framework;
      return { ...st, functions: [...st.functions, newSpec(id, fw)] };
    }, true);
  });
  return el('div', { class: 'row' }, select);
}

export function buildCards(state: PlotState, s: Strings, locale: Locale, colors: string[], events: ControlEvents): HTMLElement {
  const list = el('div', { id: 'function-list' });
  if (state.functions.length === 0) list.append(el('p', { class: 'hint' }, s.noFunctions));
  state.functions.forEach((spec, i) => list.append(card(spec, i, s, locale, colors[i % colors.length]!, events)));
  return list;
}

const VECTOR_ONLY = new Set(['axis', 'dim']);

/** An updater that changes (or, returning undefined, removes) function i of the latest state. */
function at(i: number, change: (spec: FunctionSpec) => FunctionSpec | undefined): (st: PlotState) => PlotState {
  return (st) => {
    const functions = st.functions.slice();
    const old = functions[i];
    if (!old) return st;
    const spec = change(old);
    if (spec) functions[i] = spec;
    else functions.splice(i, 1);
    return { ...st, functions };
  };
}

function card(spec: FunctionSpec, i: number, s: Strings, locale: Locale, color: string, events: ControlEvents): HTMLElement {
  const entry = catalog().find((e) => e.id === spec.id);
  const swatch = el('span', { class: 'swatch' });
  swatch.style.background = color;
  const box = el('div', { class: `card${spec.hidden ? ' hidden-fn' : ''}`, 'data-index': i, 'data-id': spec.id });
  if (!entry) {
    box.append(swatch, el('strong', {}, spec.id));
    return box;
  }
  const defs = definitions(entry);
  const current = definitionOf(entry, spec);
  const defSelect = el('select', { id: `def-${i}`, title: s.definition, 'aria-label': s.definition });
  for (const d of defs) defSelect.append(el('option', { value: d.key, selected: d.key === current?.key }, d.label));
  defSelect.addEventListener('change', () => {
    const d = defs.find((x) => x.key === defSelect.value);
    if (d) events.update(at(i, (sp) => ({ ...sp, framework: d.binding.framework, name: d.binding.name, params: { ...d.binding.defaults } })), true);
  });
  const hide = el('button', { class: 'icon', id: `hide-${i}` }, spec.hidden ? s.show : s.hide);
  hide.addEventListener('click', () => events.update(at(i, (sp) => ({ ...sp, hidden: !sp.hidden })), true));
  const remove = el('button', { class: 'icon', id: `remove-${i}` }, s.remove);
  remove.addEventListener('click', () => events.update(at(i, () => undefined), true));
  const head = el('div', { class: 'card-head' }, swatch, el('strong', {}, entry.displayName), defSelect, hide, remove);
  box.append(head);

  const params = effectiveParams(entry, current, spec);
  const setParam = (name: string, v: number | string | boolean | undefined) =>
    events.update(
      at(i, (sp) => {
        const next = { ...sp.params };
        if (v === undefined) delete next[name];
        else next[name] = v;
        return { ...sp, params: next };
      }),
      false,
    );
  // A vector op's axis does not change the slice we draw: not offered.
  const shownParams = entry.properties.vector ? entry.params.filter((p) => !VECTOR_ONLY.has(p.name)) : entry.params;
  for (const p of shownParams) {
    const id = `param-${i}-${p.name}`;
    const label = el('label', { for: id, title: p.description[locale] }, p.name);
    const value = params[p.name];
    if (p.type === 'boolean') {
      const input = el('input', { id, type: 'checkbox', checked: value === true });
      input.addEventListener('change', () => setParam(p.name, input.checked));
      box.append(el('div', { class: 'param' }, label, input));
    } else if (p.type === 'enum') {
      const input = el('select', { id });
      for (const o of p.options ?? []) input.append(el('option', { value: o, selected: o === value }, o));
      input.addEventListener('change', () => setParam(p.name, input.value));
      box.append(el('div', { class: 'param' }, label, input));
    } else {
      const v = typeof value === 'number' ? value : Number(paramDefault(p) ?? 0);
      const input = numberInput(id, v, { placeholder: Number.isFinite(v) ? '' : '∞' });
      const lo = p.min ?? Math.min(0, v);
      const hi = p.max ?? Math.max(1, v);
      const slider = el('input', { id: `${id}-slider`, type: 'range', min: lo, max: hi, step: (hi - lo) / 200 });
      slider.value = String(Number.isFinite(v) ? v : hi);
      input.addEventListener('change', () => setParam(p.name, readNumber(input)));
      slider.addEventListener('input', () => {
        input.value = slider.value;
        setParam(p.name, Number(slider.value));
      });
      box.append(el('div', { class: 'param' }, label, input, slider));
    }
  }
  return box;
}

