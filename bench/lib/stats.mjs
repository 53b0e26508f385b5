// Small statistics over timing samples (milliseconds).
export function sorted(xs) {
  return [...xs].sort((a, b) => a - b);
}

export function quantile(xs, q) {
  const s = sorted(xs);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function summary(xs) {
  const s = sorted(xs);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1], n: s.length };
}

const wall = () => performance.now();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * The clock the in-process measurements read (a live binding): 'cpu' (default) is this process'
 * CPU time, which the other jobs on a shared machine disturb far less than wall time; 'wall' is
 * elapsed time. Both are in milliseconds; the analyzer and Ruff are single-threaded either way.
 */
export let now = cpu;
export let clockName = 'cpu';
export function setClock(kind) {
  clockName = kind === 'wall' ? 'wall' : 'cpu';
  now = clockName === 'wall' ? wall : cpu;
}

/** Format a summary as "12.3 (11.9–13.0)". */
export function fmt(sum, digits = 1) {
  if (!sum || !Number.isFinite(sum.median)) return 'n/a';
  return `${sum.median.toFixed(digits)} (${sum.min.toFixed(digits)}–${sum.max.toFixed(digits)})`;
}

export function fmtRatio(r, digits = 2) {
  if (!r || !Number.isFinite(r.ratio)) return 'n/a';
  return `${r.ratio.toFixed(digits)} (${r.min.toFixed(digits)}–${r.max.toFixed(digits)})`;
}

/** Ratio of medians, with the spread of per-round ratios (a and b measured side by side per round). */
export function ratio(a, b) {
  const per = a.map((x, i) => x / b[i]).filter(Number.isFinite);
  const s = sorted(per);
  return { ratio: quantile(a, 0.5) / quantile(b, 0.5), min: s[0], max: s[s.length - 1] };
}
