/**
 * A small SVG picture of an activation f and its derivative f′ for the hover, returned as a
 * Markdown image with a data URI (VS Code renders those without trust; E2E.md).
 * No `vscode` import: pure, unit-tested. Colors are mid-tones readable on light and dark themes.
 */
export interface PlotOptions {
  xMin?: number;
  xMax?: number;
  width?: number;
  height?: number;
  samples?: number;
  /** Labels for the legend (localized by the caller). */
  fLabel?: string;
  dfLabel?: string;
}

const F_COLOR = '#3794ff';
const DF_COLOR = '#e8912d';
const AXIS_COLOR = '#8c8c8c';
/** The y axis never stretches beyond this, so exponential tails do not flatten the picture. */
const Y_LIMIT = { lo: -4, hi: 6 };

export interface Series {
  xs: number[];
  f: number[];
  df: number[];
}

export function sample(f: (x: number) => number, df: (x: number) => number, o: PlotOptions = {}): Series {
  const xMin = o.xMin ?? -5;
  const xMax = o.xMax ?? 5;
  const n = Math.max(2, o.samples ?? 161);
  const xs = Array.from({ length: n }, (_, i) => xMin + ((xMax - xMin) * i) / (n - 1));
  const safe = (g: (x: number) => number) => (x: number) => {
    try {
      return g(x);
    } catch {
      return Number.NaN;
    }
  };
  return { xs, f: xs.map(safe(f)), df: xs.map(safe(df)) };
}

/** y bounds covering both curves (finite values only), padded, clamped to Y_LIMIT, never flat. */
export function yBounds(s: Series): { lo: number; hi: number } {
  const ys = [...s.f, ...s.df].filter(Number.isFinite);
  let lo = Math.max(Y_LIMIT.lo, Math.min(0, ...ys));
  let hi = Math.min(Y_LIMIT.hi, Math.max(1, ...ys));
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  return { lo, hi };
}

function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

function pathOf(xs: number[], ys: number[], px: (x: number) => number, py: (y: number) => number, b: { lo: number; hi: number }): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i]!;
    if (!Number.isFinite(y) || y < b.lo - 1e6 || y > b.hi + 1e6) {
      pen = false;
      continue;
    }
    const cy = Math.min(b.hi, Math.max(b.lo, y));
    d += `${pen ? 'L' : 'M'}${px(xs[i]!).toFixed(1)} ${py(cy).toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function plotSvg(f: (x: number) => number, df: (x: number) => number, o: PlotOptions = {}): string {
  const width = o.width ?? 240;
  const height = o.height ?? 150;
  const m = { left: 26, right: 8, top: 8, bottom: 18 };
  const s = sample(f, df, o);
  const xMin = s.xs[0]!;
  const xMax = s.xs[s.xs.length - 1]!;
  const b = yBounds(s);
  const px = (x: number) => m.left + ((x - xMin) / (xMax - xMin)) * (width - m.left - m.right);
  const py = (y: number) => height - m.bottom - ((y - b.lo) / (b.hi - b.lo)) * (height - m.top - m.bottom);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="9">`);
  // axes through zero when zero is in view, else along the border
  const y0 = py(b.lo <= 0 && b.hi >= 0 ? 0 : b.lo);
  const x0 = px(xMin <= 0 && xMax >= 0 ? 0 : xMin);
  parts.push(`<path d="M${m.left} ${y0.toFixed(1)}H${width - m.right}M${x0.toFixed(1)} ${m.top}V${height - m.bottom}" stroke="${AXIS_COLOR}" stroke-width="0.8"/>`);
  parts.push(`<text x="${m.left}" y="${height - 5}" fill="${AXIS_COLOR}">${fmt(xMin)}</text>`);
  parts.push(`<text x="${width - m.right}" y="${height - 5}" fill="${AXIS_COLOR}" text-anchor="end">${fmt(xMax)}</text>`);
  parts.push(`<text x="${m.left - 3}" y="${(py(b.hi) + 8).toFixed(1)}" fill="${AXIS_COLOR}" text-anchor="end">${fmt(b.hi)}</text>`);
  parts.push(`<text x="${m.left - 3}" y="${py(b.lo).toFixed(1)}" fill="${AXIS_COLOR}" text-anchor="end">${fmt(b.lo)}</text>`);
  parts.push(`<path d="${pathOf(s.xs, s.df, px, py, b)}" fill="none" stroke="${DF_COLOR}" stroke-width="1.5" stroke-dasharray="4 2"/>`);
  parts.push(`<path d="${pathOf(s.xs, s.f, px, py, b)}" fill="none" stroke="${F_COLOR}" stroke-width="2"/>`);
  const lx = m.left + 6;
  parts.push(`<path d="M${lx} ${m.top + 6}h14" stroke="${F_COLOR}" stroke-width="2"/><text x="${lx + 17}" y="${m.top + 9}" fill="${F_COLOR}">${escapeXml(o.fLabel ?? 'f(x)')}</text>`);
  parts.push(`<path d="M${lx} ${m.top + 18}h14" stroke="${DF_COLOR}" stroke-width="1.5" stroke-dasharray="4 2"/><text x="${lx + 17}" y="${m.top + 21}" fill="${DF_COLOR}">${escapeXml(o.dfLabel ?? "f′(x)")}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** A Markdown image of f and f′; the alt text names the function. */
export function plotMarkdown(alt: string, f: (x: number) => number, df: (x: number) => number, o: PlotOptions = {}): string {
  return `![${alt.replace(/[[\]]/g, '')}](${svgDataUri(plotSvg(f, df, o))})`;
}
