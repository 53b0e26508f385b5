/**
 * The gradient-through-depth view: for each chosen function, the bound max|f′|^N (log scale), the
 * simulated ‖∂L/∂W_l‖ per layer of a random deep MLP (log scale), the spread of its activations per
 * layer, and a table comparing layer 1 with the top layer. Numbers come from depth.ts.
 */
import type { ChartDataset } from 'chart.js';
import { applyTheme, baseOptions, Chart } from './charts';
import type { Curve } from './curves';
import { chooseInit, derivativeBound, maxAbsOnGrid, simulateDepth, type DepthResult } from './depth';
import { clear, el } from './dom';
import { num } from './functionsView';
import { boundFromTop, identity, MAX_SIM_WIDTH, simulateModel, simWidth, type SimLayer, type VectorOp } from './modelDepth';
import { resolveCurve } from './curves';
import type { DepthSettings, ModelSpec } from './protocol';
import { format, type Strings } from './strings';
import type { Theme } from './theme';

type Line = ChartDataset<'line', Array<{ x: number; y: number }>>;

export interface DepthRow {
  curve: Curve;
  color: string;
  maxDf: number;
  result: DepthResult;
}

export function computeDepth(curves: Array<{ curve: Curve; color: string }>, d: DepthSettings): DepthRow[] {
  return curves.map(({ curve, color }) => {
    const props = curve.entry.properties;
    const maxDf = props.maxDerivative === Infinity ? Infinity : maxAbsOnGrid(curve.df);
    const init = chooseInit(props);
    return { curve, color, maxDf, result: simulateDepth(curve.f, curve.df, init, d) };
  });
}

export interface ModelLayerRow {
  label: string;
  /** Units as written, or undefined (the width setting was used). */
  units?: number;
  simulated: number;
  maxDf: number;
  grad: number;
  std: number;
}

export interface ModelDepth {
  rows: ModelLayerRow[];
  init: 'torch' | 'glorot';
  bound: number[];
}

const VECTOR_OPS: ReadonlySet<string> = new Set<VectorOp>(['softmax', 'log_softmax', 'softmin']);

/** Runs "gradient through this model" for a model spec with the panel's depth settings. */
export function computeModel(model: ModelSpec, d: DepthSettings): ModelDepth {
  const layers: SimLayer[] = [];
  const maxDf: number[] = [];
  for (const l of model.layers) {
    const curve = l.fn ? resolveCurve(l.fn) : undefined;
    const width = simWidth(l.units, d.width);
    if (!curve) {
      layers.push({ width, ...identity });
      maxDf.push(1);
      continue;
    }
    const vector = VECTOR_OPS.has(curve.entry.id) ? (curve.entry.id as VectorOp) : undefined;
    layers.push({ width, f: curve.f, df: curve.df, ...(vector ? { vector } : {}) });
    const p = curve.entry.properties;
    maxDf.push(p.maxDerivative === Infinity ? Infinity : vector ? p.maxDerivative : maxAbsOnGrid(curve.df));
  }
  const init = model.framework === 'torch' || model.framework === undefined ? 'torch' : 'glorot';
  const inputWidth = simWidth(model.inputUnits, layers[0]?.width ?? d.width);
  const result = simulateModel(layers, inputWidth, d.batch, d.seed, init);
  const rows = model.layers.map((l, i): ModelLayerRow => ({
    label: l.label,
    ...(l.units !== undefined ? { units: l.units } : {}),
    simulated: layers[i]!.width,
    maxDf: maxDf[i]!,
    grad: result.gradNorm[i]!,
    std: result.activationStd[i]!,
  }));
  return { rows, init, bound: boundFromTop(maxDf) };
}

export class DepthView {
  private readonly charts: Chart<'line'>[];

  constructor(
    private readonly canvases: [HTMLCanvasElement, HTMLCanvasElement, HTMLCanvasElement],
    private readonly table: HTMLElement,
    private readonly explain: HTMLElement,
    theme: Theme,
    private strings: Strings,
  ) {
    this.charts = canvases.map(
      (c, i) => new Chart(c, { type: 'line', data: { datasets: [] }, options: baseOptions(theme, '', i < 2 ? 'logarithmic' : 'linear', true) }),
    );
  }

  setStrings(s: Strings): void {
    this.strings = s;
  }

  get elements(): HTMLCanvasElement[] {
    return this.canvases;
  }

  render(rows: DepthRow[], d: DepthSettings): void {
    const s = this.strings;
    const titles = [s.boundTitle, s.gradTitle, s.stdTitle];
    const xTitles = [s.depthAxis, s.layerAxis, s.layerAxis];
    const series = [
      (r: DepthRow) => derivativeBound(r.maxDf, d.layers),
      (r: DepthRow) => r.result.gradNorm,
      (r: DepthRow) => r.result.activationStd,
    ];
    this.charts.forEach((chart, i) => {
      const log = i < 2;
      chart.data.datasets = rows.map((r): Line => ({
        label: r.curve.label,
        // Log axes cannot show 0 or ∞: those points are left out rather than faked.
        data: series[i]!(r).map((y, k) => ({ x: k + 1, y: log && !(y > 0 && Number.isFinite(y)) ? NaN : y })),
        borderColor: r.color,
        backgroundColor: r.color,
        borderWidth: 2,
        pointRadius: 2.5,
        borderDash: i === 0 ? [6, 4] : [],
      }));
      const o = chart.options;
      o.plugins!.title = { ...o.plugins!.title, display: true, text: titles[i]! };
      const x = o.scales!.x!;
      x.min = 1;
      x.max = d.layers;
      x.title = { ...x.title, display: true, text: xTitles[i]! };
      x.ticks = { ...x.ticks, autoSkip: true, maxRotation: 50, callback: (v: number | string) => String(v) };
      chart.update('none');
    });
    clear(this.explain);
    const widthInputs = d.batch;
    this.explain.append(format(s.depthExplain, d.layers, d.width, widthInputs, d.seed));
    this.renderTable(rows);
  }

  /** One model: per layer of the model, named by its source (`fc2 · Sigmoid`). */
  renderModel(model: ModelSpec, m: ModelDepth, d: DepthSettings, color: string): void {
    const s = this.strings;
    const n = m.rows.length;
    const labels = m.rows.map((r) => r.label);
    const titles = [s.modelBoundTitle, format(s.modelGradTitle, model.name), s.stdTitle];
    const series = [m.bound, m.rows.map((r) => r.grad), m.rows.map((r) => r.std)];
    this.charts.forEach((chart, i) => {
      const log = i < 2;
      chart.data.datasets = [{
        label: model.name,
        data: series[i]!.map((y, k) => ({ x: k + 1, y: log && !(y > 0 && Number.isFinite(y)) ? NaN : y })),
        borderColor: color,
        backgroundColor: color,
        borderWidth: 2,
        pointRadius: 3,
        borderDash: i === 0 ? [6, 4] : [],
      }];
      const o = chart.options;
      o.plugins!.title = { ...o.plugins!.title, display: true, text: titles[i]! };
      const x = o.scales!.x!;
      x.min = 1;
      x.max = Math.max(2, n);
      x.title = { ...x.title, display: false, text: '' };
      x.ticks = { ...x.ticks, stepSize: 1, autoSkip: false, maxRotation: 50, callback: (v: number | string) => labels[Number(v) - 1] ?? '' };
      chart.update('none');
    });
    clear(this.explain);
    const notes = [format(s.modelExplain, model.name, n, d.batch, d.seed, m.init === 'torch' ? s.initTorch : s.initGlorot)];
    const unknown = m.rows.filter((r) => r.units === undefined).map((r) => r.label);
    if (unknown.length) notes.push(format(s.modelDefaultWidth, unknown.join(', '), Math.min(d.width, MAX_SIM_WIDTH)));
    if (m.rows.some((r) => r.units !== undefined && r.units > MAX_SIM_WIDTH) || (model.inputUnits ?? 0) > MAX_SIM_WIDTH) {
      notes.push(format(s.modelCapped, MAX_SIM_WIDTH));
    }
    if (model.skipped.length) notes.push(format(s.modelSkipped, model.skipped.join(', ')));
    this.explain.append(notes.join(' '));
    clear(this.table);
    const head = el('tr', {}, ...[s.tableLayer, s.tableUnits, s.tableMaxDf, '‖∂L/∂W‖', s.tableVsTop].map((h) => el('th', {}, h)));
    const top = m.rows[n - 1]?.grad ?? NaN;
    const body = m.rows.map((r, i) =>
      el(
        'tr',
        { 'data-layer': i },
        el('td', { 'data-kind': 'label' }, r.label),
        el('td', { class: 'num', 'data-kind': 'units' }, r.units === undefined ? `${r.simulated}*` : r.units === r.simulated ? String(r.units) : `${r.units} → ${r.simulated}`),
        el('td', { class: 'num' }, Number.isFinite(r.maxDf) ? num(r.maxDf) : s.noBound),
        el('td', { class: 'num', 'data-kind': 'grad' }, num(r.grad)),
        el('td', { class: 'num', 'data-kind': 'ratio' }, num(r.grad / top)),
      ),
    );
    this.table.append(el('table', { class: 'depth-table', id: 'model-table' }, el('thead', {}, head), el('tbody', {}, ...body)));
  }

  private renderTable(rows: DepthRow[]): void {
    const s = this.strings;
    clear(this.table);
    const head = el('tr', {}, ...[s.tableFunction, s.tableInit, s.tableMaxDf, s.tableFirst, s.tableLast, s.tableRatio].map((h) => el('th', {}, h)));
    const body = rows.map((r) => {
      const g = r.result.gradNorm;
      const first = g[0] ?? NaN;
      const last = g[g.length - 1] ?? NaN;
      const swatch = el('span', { class: 'swatch' });
      swatch.style.background = r.color;
      const init = { xavier: 'Xavier (Glorot)', he: 'He (Kaiming)', lecun: 'LeCun' }[r.result.init];
      return el(
        'tr',
        { 'data-id': r.curve.entry.id },
        el('td', {}, swatch, r.curve.label),
        el('td', {}, init),
        el('td', { class: 'num' }, Number.isFinite(r.maxDf) ? num(r.maxDf) : s.noBound),
        el('td', { class: 'num', 'data-kind': 'first' }, num(first)),
        el('td', { class: 'num', 'data-kind': 'last' }, num(last)),
        el('td', { class: 'num', 'data-kind': 'ratio' }, num(first / last)),
      );
    });
    this.table.append(el('table', { class: 'depth-table' }, el('thead', {}, head), el('tbody', {}, ...body)));
  }

  setTheme(theme: Theme, colors: string[]): void {
    for (const chart of this.charts) {
      applyTheme(chart, theme);
      chart.data.datasets.forEach((d, i) => {
        d.borderColor = colors[i % colors.length];
        d.backgroundColor = colors[i % colors.length];
      });
      chart.update('none');
    }
  }

  resize(): void {
    for (const c of this.charts) c.resize();
  }

  destroy(): void {
    for (const c of this.charts) c.destroy();
  }
}
