/**
 * The f / f′ chart: samples every visible curve (sample.ts), one solid dataset for f and one dashed
 * for f′ per function in the function's color, jump connectors drawn dotted; y limits that keep
 * exponential tails from flattening everything else; the values under the pointer in a readout.
 */
import type { ChartDataset } from 'chart.js';
import { baseOptions, applyTheme, Chart, type CursorState } from './charts';
import type { Curve } from './curves';
import { clear, el } from './dom';
import type { PlotState } from './protocol';
import { sampleCurve, type Sampled } from './sample';
import type { Strings } from './strings';
import type { Theme } from './theme';

type Line = ChartDataset<'line', Array<{ x: number; y: number }>>;

export interface RenderInfo {
  jumps: boolean;
  clamped: boolean;
  /** Curves drawn over another that has the same values everywhere sampled: [this, that] labels. */
  coincide: Array<[string, string]>;
}

/** Same values at every sample (NaN where the other is NaN), to a relative 1e-9. */
export function sameSamples(a: Sampled, b: Sampled): boolean {
  if (a.points.length !== b.points.length || a.points.length === 0) return false;
  for (let i = 0; i < a.points.length; i++) {
    const p = a.points[i]!;
    const q = b.points[i]!;
    if (p.x !== q.x) return false;
    const fp = Number.isFinite(p.y);
    if (fp !== Number.isFinite(q.y)) return false;
    if (!fp) {
      if (!Object.is(p.y, q.y) && !(Number.isNaN(p.y) && Number.isNaN(q.y))) return false;
      continue;
    }
    if (Math.abs(p.y - q.y) > 1e-9 * (1 + Math.abs(p.y))) return false;
  }
  return true;
}

export class FunctionsView {
  private chart: Chart<'line'>;
  private curves: Array<{ curve: Curve; color: string }> = [];
  private readonly cursor: CursorState = { markers: [] };
  /** Where the pointer is (canvas pixels), so a re-render keeps the readout at the same place. */
  private pointerX: number | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly readout: HTMLElement,
    theme: Theme,
    private strings: Strings,
  ) {
    const options = baseOptions(theme, '');
    options.plugins!.lensCursor = { state: this.cursor, color: theme.muted };
    this.chart = new Chart(canvas, { type: 'line', data: { datasets: [] }, options });
    canvas.addEventListener('mousemove', (e) => this.pointer(e.offsetX));
    canvas.addEventListener('mouseleave', () => this.pointer(undefined));
    // Keyboard: focus the chart and move the readout with ←/→ (Shift for bigger steps).
    canvas.tabIndex = 0;
    canvas.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const area = this.chart.chartArea;
      const step = ((area.right - area.left) / 100) * (e.shiftKey ? 10 : 1) * (e.key === 'ArrowLeft' ? -1 : 1);
      const from = this.pointerX ?? (area.left + area.right) / 2;
      this.pointer(Math.min(area.right, Math.max(area.left, from + step)));
      e.preventDefault();
    });
    canvas.addEventListener('blur', () => this.pointer(undefined));
  }

  setStrings(s: Strings): void {
    this.strings = s;
  }

  /** Re-samples and redraws; returns what the notes under the chart should mention. */
  render(state: PlotState, curves: Array<{ curve: Curve; color: string }>): RenderInfo {
    this.curves = curves;
    const datasets: Line[] = [];
    let jumps = false;
    let clamped = false;
    let lo = Infinity;
    let hi = -Infinity;
    const coincide: Array<[string, string]> = [];
    const drawn: Array<{ s: Sampled; label: string; derivative: boolean }> = [];
    const add = (s: Sampled, label: string, color: string, derivative: boolean) => {
      // A curve equal to one already drawn would hide under it: draw it dotted on top, and say so.
      const twin = drawn.find((d) => d.derivative === derivative && sameSamples(d.s, s));
      drawn.push({ s, label, derivative });
      const jumpSet = new Set(s.jumps);
      jumps ||= s.jumps.length > 0;
      clamped ||= s.clamped;
      for (const p of s.points) {
        if (Number.isFinite(p.y)) {
          lo = Math.min(lo, p.y);
          hi = Math.max(hi, p.y);
        }
      }
      if (twin && !derivative) coincide.push([label, twin.label]);
      datasets.push({
        label: twin ? this.strings.sameAs.replace('{0}', label).replace('{1}', twin.label) : label,
        data: s.points,
        borderColor: color,
        backgroundColor: color,
        borderWidth: twin ? 3 : derivative ? 1.5 : 2.25,
        borderDash: twin ? (derivative ? [2, 8] : [3, 6]) : derivative ? [6, 4] : [],
        ...(twin ? { order: -1 } : {}),
        pointRadius: 0,
        // Per-segment styling is chart.js's slow path: only for curves that have a jump.
        ...(jumpSet.size > 0 ? { segment: { borderDash: (ctx) => (jumpSet.has(ctx.p0DataIndex) ? [1, 3] : undefined) } } : {}),
      });
    };
    for (const { curve, color } of curves) {
      if (state.showF) add(sampleCurve(curve.f, state.xMin, state.xMax, state.points), curve.label, color, false);
      if (state.showDf) {
        const label = this.strings.derivativeOf.replace('{0}', curve.label);
        add(sampleCurve(curve.df, state.xMin, state.xMax, state.points), label, color, true);
      }
    }
    this.chart.data.datasets = datasets;
    const x = this.chart.options.scales!.x!;
    x.min = state.xMin;
    x.max = state.xMax;
    const y = this.chart.options.scales!.y!;
    const [yMin, yMax] = yLimits(lo, hi, state.xMin, state.xMax);
    y.min = yMin;
    y.max = yMax;
    this.chart.update('none');
    this.pointer(this.pointerX);
    return { jumps, clamped, coincide };
  }

  setTheme(theme: Theme, colors: string[]): void {
    applyTheme(this.chart, theme);
    this.chart.options.plugins!.lensCursor = { state: this.cursor, color: theme.muted };
    const perCurve = this.chart.data.datasets.length / Math.max(1, this.curves.length);
    this.chart.data.datasets.forEach((d, i) => {
      const c = colors[Math.floor(i / perCurve) % colors.length]!;
      d.borderColor = c;
      d.backgroundColor = c;
    });
    this.curves = this.curves.map((c, i) => ({ ...c, color: colors[i % colors.length]! }));
    this.chart.update('none');
  }

  get element(): HTMLCanvasElement {
    return this.canvas;
  }

  private pointer(offsetX: number | undefined): void {
    this.pointerX = offsetX;
    const area = this.chart.chartArea;
    const inside = offsetX !== undefined && area && offsetX >= area.left && offsetX <= area.right;
    this.cursor.x = inside ? this.chart.scales.x!.getValueForPixel(offsetX) : undefined;
    this.cursor.markers = [];
    clear(this.readout);
    if (this.cursor.x === undefined) {
      this.readout.append(el('span', { class: 'hint' }, this.strings.cursorHint));
      this.chart.draw();
      return;
    }
    const x = this.cursor.x;
    const rows = this.curves.map(({ curve, color }) => {
      const f = curve.f(x);
      const df = curve.df(x);
      this.cursor.markers.push({ y: f, color }, { y: df, color });
      return el(
        'tr',
        {},
        el('td', {}, el('span', { class: 'swatch', 'data-color': color }), curve.label),
        el('td', { class: 'num', 'data-kind': 'f' }, num(f)),
        el('td', { class: 'num', 'data-kind': 'df' }, num(df)),
      );
    });
    const table = el(
      'table',
      { class: 'readout-table' },
      el('thead', {}, el('tr', {}, el('th', {}, `x = ${num(x)}`), el('th', {}, this.strings.showF), el('th', {}, this.strings.showDf))),
      el('tbody', {}, ...rows),
    );
    this.readout.append(table);
    table.querySelectorAll<HTMLElement>('.swatch').forEach((s) => (s.style.background = s.dataset.color ?? ''));
    this.chart.draw();
  }

  /** Moves the cursor to x (keyboard, tests). */
  pointAt(x: number): void {
    const px = this.chart.scales.x!.getPixelForValue(x);
    this.pointer(px);
  }

  destroy(): void {
    this.chart.destroy();
  }
}

export function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6)) return v.toExponential(4);
  return String(Number(v.toPrecision(6)));
}

/** y range: the data's, but tails beyond about twice the x-extent run off the chart. */
export function yLimits(lo: number, hi: number, xMin: number, xMax: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
  const cap = 2 * Math.max(Math.abs(xMin), Math.abs(xMax)) + 2;
  let a = Math.max(lo, -cap);
  let b = Math.min(hi, cap);
  if (b - a < 1e-9) {
    a -= 1;
    b += 1;
  }
  const pad = (b - a) * 0.06;
  return [a - pad, b + pad];
}
