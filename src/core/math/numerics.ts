/**
 * Float64 building blocks shared by the activation functions. Every helper is written to keep full
 * relative precision over the whole real line (|x| up to 1e4 and beyond), to return the limit at
 * ±Infinity and to propagate NaN.
 */

export const SQRT2 = Math.SQRT2;
export const SQRT1_2 = Math.SQRT1_2;
/** 1/√(2π) */
export const INV_SQRT_2PI = 0.3989422804014327;
/** 2/√π */
export const TWO_OVER_SQRT_PI = 1.1283791670955126;
/** √(2/π), the constant of the tanh form of GELU. */
export const SQRT_2_OVER_PI = 0.7978845608028654;

/** Logistic sigmoid 1/(1+e^−x) without overflow and with full precision in both tails. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** σ'(x) = σ(x)·σ(−x), accurate in both tails (never computes 1 − σ). */
export function sigmoidPrime(x: number): number {
  const a = Math.abs(x);
  if (a === Infinity) return 0;
  const e = Math.exp(-a);
  const d = 1 + e;
  return e / (d * d);
}

/** log(1 + e^x) with no overflow, exact limits and full precision for very negative x. */
export function softplus(x: number): number {
  if (x > 0) return x + Math.log1p(Math.exp(-x));
  return Math.log1p(Math.exp(x));
}

/** log σ(x) = −softplus(−x). */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}

/** tanh with exact ±1 limits (Math.tanh already is; kept for symmetry of the call sites). */
export function tanh(x: number): number {
  return Math.tanh(x);
}

/** 1 − tanh(x)², computed as 4e^{−2|x|}/(1+e^{−2|x|})² to keep precision in the tails. */
export function tanhPrime(x: number): number {
  const a = Math.abs(x);
  if (a === Infinity) return 0;
  if (a < 0.5) {
    const t = Math.tanh(x);
    return 1 - t * t;
  }
  const e = Math.exp(-2 * a);
  const d = 1 + e;
  return (4 * e) / (d * d);
}

/** x − tanh(x) without cancellation near 0 (odd Taylor series for |x| < 0.25). */
export function tanhshrink(x: number): number {
  const a = Math.abs(x);
  if (a >= 0.25 || Number.isNaN(x)) return x - Math.tanh(x);
  // x − tanh x = x³/3 − 2x⁵/15 + 17x⁷/315 − 62x⁹/2835 + …  (Bernoulli-number series)
  const c = [
    1 / 3, -2 / 15, 17 / 315, -62 / 2835, 1382 / 155925, -21844 / 6081075, 929569 / 638512875,
    -6404582 / 10854718875, 443861162 / 1856156927625, -18888466084 / 194896477400625,
    113927491862 / 2900518163668125, -58870668456604 / 3698160658676859375,
  ];
  const x2 = x * x;
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x2 + (c[i] as number);
  return s * x2 * x;
}

/** e^{−z²} with the exponent split so that the rounding of z² does not cost precision. */
function expMinusSquare(z: number): number {
  const s = Math.round(z * 65536) / 65536;
  return Math.exp(-s * s) * Math.exp(-(z - s) * (z + s));
}

/** erf(x) by its everywhere-convergent positive series (|x| < 2.5) or via erfc. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 2.5) {
    // erf x = 2/√π · e^{−x²} · Σ (2x²)ⁿ x / (1·3·…·(2n+1))   (all terms positive)
    const t2 = 2 * x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= t2 / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
  }
  const c = erfcPositive(a);
  return x > 0 ? 1 - c : c - 1;
}

/** erfc(x) = 1 − erf(x) with full relative precision in the right tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) return 1 - erf(x);
  return erfcPositive(x);
}

/** erfc for x ≥ 0.5: series below 2, continued fraction (backward evaluated) above. */
function erfcPositive(x: number): number {
  if (x === Infinity) return 0;
  if (x > 27.3) return 0; // below the smallest subnormal
  if (x < 2) return 1 - erf(x);
  // erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  const n = x < 3 ? 120 : x < 6 ? 60 : 30;
  let t = x;
  for (let k = n; k >= 1; k--) t = x + k / 2 / t;
  return (expMinusSquare(x) / t) * 0.5641895835477563; // 1/√π
}

/** Standard normal CDF Φ(x) = erfc(−x/√2)/2, precise in the left tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? NaN : 0;
  return INV_SQRT_2PI * expMinusSquare(x * SQRT1_2);
}

export function clamp(x: number, lo: number, hi: number): number {
  if (Number.isNaN(x)) return NaN;
  return x < lo ? lo : x > hi ? hi : x;
}

/** Derivative helper: NaN in → NaN out, otherwise the value given. */
export function nanOr(x: number, v: number): number {
  return Number.isNaN(x) ? NaN : v;
}

/** Number-valued parameter with a fallback. */
export function num(p: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = p[key];
  return typeof v === 'number' ? v : fallback;
}

/** String-valued parameter with a fallback. */
export function str(p: Readonly<Record<string, unknown>>, key: string, fallback: string): string {
  const v = p[key];
  return typeof v === 'string' ? v : fallback;
}
