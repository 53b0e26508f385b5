/** Shared helpers for the golden comparisons: JSON decoding and the tolerance predicates. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Enc = number | string | null;

export function dec(v: Enc): number {
  if (v === null) return NaN;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v as number;
}

export function loadGolden<T>(file: string): T {
  const path = fileURLToPath(new URL(`../../golden/${file}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Same value: both NaN, equal (infinities included), or within rel·|want| or abs. */
export function close(got: number, want: number, rel: number, abs: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  if (!Number.isFinite(got)) return false;
  return Math.abs(got - want) <= Math.max(rel * Math.abs(want), abs);
}

/** The float64 torch tolerance of issue 2: 1e-12 relative or 1e-300 absolute. */
export const F64 = { rel: 1e-12, abs: 1e-300 };

/**
 * torch comparison: the catalog must match torch's float64 result. Only where torch's own result is
 * off the script's reference (50-digit value of the same definition, the limit at ±∞, NaN for NaN)
 * by more than the tolerance must it match the reference instead.
 */
export function matchesTorch(got: number, torch: number, ref: number | undefined): boolean {
  if (close(got, torch, F64.rel, F64.abs)) return true;
  if (ref === undefined) return false;
  return !close(torch, ref, F64.rel, F64.abs) && close(got, ref, F64.rel, F64.abs);
}

export function fmtParams(p: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(p);
}
