/**
 * chart.js set-up shared by both views: registration of only what we use, a plugin that paints
 * the theme's background (so an exported PNG is not transparent), a cursor plugin (vertical line
 * and markers at the values under the pointer) and the common axis styling from the theme.
 */
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Title,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import type { Theme } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Title);

export interface CursorState {
  x?: number;
  markers: Array<{ y: number; color: string }>;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType> {
    lensBackground?: { color: string; _t?: TType };
    lensCursor?: { state?: CursorState; color?: string };
  }
}

const background: Plugin<'line'> = {
  id: 'lensBackground',
  beforeDraw(chart, _args, opts: { color?: string }) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = opts.color ?? 'transparent';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

const cursor: Plugin<'line'> = {
  id: 'lensCursor',
  afterDatasetsDraw(chart, _args, opts: { state?: CursorState; color?: string }) {
    const s = opts.state;
    if (!s || s.x === undefined) return;
    const { left, right, top, bottom } = chart.chartArea;
    const px = chart.scales.x!.getPixelForValue(s.x);
    if (px < left || px > right) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = opts.color ?? '#888';
    ctx.setLineDash([3, 3]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    for (const m of s.markers) {
      const py = chart.scales.y!.getPixelForValue(m.y);
      if (!Number.isFinite(py) || py < top || py > bottom) continue;
      ctx.fillStyle = m.color;
      ctx.beginPath();
      ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.restore();
  },
};

Chart.register(background, cursor);

export function baseOptions(
  theme: Theme,
  title: string,
  yType: 'linear' | 'logarithmic' = 'linear',
  integerX = false,
): NonNullable<ChartConfiguration<'line'>['options']> {
  const tick = { color: theme.muted, font: { family: theme.font } };
  const grid = { color: theme.grid };
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    spanGaps: false,
    events: [],
    elements: { point: { radius: 0, hoverRadius: 0 }, line: { tension: 0 } },
    scales: {
      x: {
        type: 'linear',
        ticks: integerX ? { ...tick, stepSize: 1, precision: 0 } : tick,
        grid,
        border: { color: theme.grid },
        title: { display: false, text: '', color: theme.muted },
      },
      y: yType === 'logarithmic'
        ? { type: 'logarithmic', ticks: { ...tick, callback: powerOfTen }, grid, border: { color: theme.grid } }
        : { type: 'linear', ticks: { ...tick, includeBounds: false }, grid, border: { color: theme.grid } },
    },
    plugins: {
      title: { display: title.length > 0, text: title, color: theme.foreground, font: { family: theme.font, size: 13 } },
      legend: { labels: { color: theme.foreground, font: { family: theme.font }, boxHeight: 2 } },
      lensBackground: { color: theme.background },
      lensCursor: { color: theme.muted },
    },
  };
}

/** Log-axis labels: only powers of ten, written 1e-6 … 1 … 1e3. */
function powerOfTen(value: number | string): string | undefined {
  const v = Number(value);
  const e = Math.round(Math.log10(v));
  if (!(v > 0) || Math.abs(v / 10 ** e - 1) > 1e-9) return undefined;
  return e === 0 ? '1' : e === 1 ? '10' : `1e${e}`;
}

/** Re-applies theme colors to an existing chart's options (datasets are recolored by their owner). */
export function applyTheme(chart: Chart<'line'>, theme: Theme): void {
  const o = chart.options;
  for (const axis of Object.values(o.scales ?? {})) {
    if (!axis) continue;
    const a = axis as { ticks?: { color?: unknown; font?: unknown }; grid?: { color?: unknown }; border?: { color?: unknown }; title?: { color?: unknown } };
    if (a.ticks) {
      a.ticks.color = theme.muted;
      a.ticks.font = { family: theme.font };
    }
    if (a.grid) a.grid.color = theme.grid;
    if (a.border) a.border.color = theme.grid;
    if (a.title) a.title.color = theme.muted;
  }
  const p = o.plugins!;
  if (p.title) p.title.color = theme.foreground;
  if (p.legend?.labels) p.legend.labels.color = theme.foreground;
  p.lensBackground = { color: theme.background };
  p.lensCursor = { ...p.lensCursor, color: theme.muted };
}

export { Chart };
