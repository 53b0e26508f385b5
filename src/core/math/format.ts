/** Text helpers for hovers and the CLI: ranges, signatures, parameter lists. */
import type { ActivationProperties, NameBinding, ParamValue, Params } from './types';

/** A number as the hover shows it: ∞ signs, up to 6 significant digits. */
export function formatNumber(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (Number.isNaN(v)) return 'NaN';
  const s = Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return s.replace(/^-/, '−');
}

/** "(0, 1)", "[0, ∞)", "(−1.75810, ∞)". Infinite ends are always open. */
export function formatRange(p: Pick<ActivationProperties, 'range'>): string {
  const { lo, hi, loClosed, hiClosed } = p.range;
  const open = loClosed && Number.isFinite(lo) ? '[' : '(';
  const close = hiClosed && Number.isFinite(hi) ? ']' : ')';
  return `${open}${formatNumber(lo)}, ${formatNumber(hi)}${close}`;
}

function formatValue(v: ParamValue): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return `'${v}'`;
}

/** "slope=0.01, threshold=20" (canonical names, sorted as given). */
export function formatParams(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(', ');
}

/**
 * A binding's signature for the hover, e.g. "nn.LeakyReLU(negative_slope=0.01, inplace=False)",
 * with "(deprecated: use torch.sigmoid)" and the Keras versions when they matter.
 */
export function formatSignature(b: NameBinding): string {
  let s = b.signature;
  if (b.variants && b.variants.length === 1) s += b.variants[0] === 'keras2' ? '  — Keras 2' : '  — Keras 3';
  if (b.deprecated) s += `  (deprecated: use ${b.deprecated.replacement})`;
  return s;
}
