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
import type { DepthSettings } from './protocol';
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
      chart.update('none');
    });
    clear(this.explain);
    const widthInputs = d.batch;
    this.explain.append(format(s.depthExplain, d.layers, d.width, widthInputs, d.seed));
    this.renderTable(rows);
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
