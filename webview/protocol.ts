/**
 * The plot panel's message protocol, both directions, and its validation. Pure (no DOM, no vscode):
 * the webview and the extension host both import it, and vitest tests it.
 *
 * Host → webview:  init · setState · requestExport · runBenchmark
 * Webview → host:  ready · state · exportPng · perf · error
 *
 * Every message is parsed with parseHostMessage / parseWebviewMessage before use: unknown types and
 * malformed fields are rejected (undefined), numbers are clamped to sane ranges (NaN, ±1e308 x-ranges,
 * 10^6 point counts), strings are length-capped.
 */
import type { Framework, ParamValue } from '../src/core/math/types';

export type View = 'functions' | 'depth';
export type Locale = 'en' | 'zh-cn';

export interface FunctionSpec {
  /** Catalog id: 'leaky_relu', 'hard_sigmoid'. */
  id: string;
  /** Whose definition and defaults apply. */
  framework?: Framework;
  /**
   * The spelling in that framework (picks the binding and its defaults): 'LeakyReLU', 'leakyRelu'.
   * Variants where definitions differ (Keras 2 vs 3 hard sigmoid) travel as params.variant, as the
   * catalog's bindings set them.
   */
  name?: string;
  params: Record<string, ParamValue>;
  hidden?: boolean;
}

export interface DepthSettings {
  layers: number;
  width: number;
  batch: number;
  seed: number;
}

/** One simulated layer of a model: an affine step with the activation after it (none = linear). */
export interface ModelLayerSpec {
  /** As the source names it: `fc2 · Sigmoid`. */
  label: string;
  /** Units as written; absent when the code does not say (the depth width setting is used). */
  units?: number;
  fn?: FunctionSpec;
}

/** "Gradient through this model": the model's own sequence of widths and activations. */
export interface ModelSpec {
  name: string;
  /** Whose default weight initialization applies. */
  framework?: Framework;
  inputUnits?: number;
  layers: ModelLayerSpec[];
  /** Steps the simulation leaves out (recurrent, attention, …), by label. */
  skipped: string[];
}

export interface PlotState {
  view: View;
  xMin: number;
  xMax: number;
  points: number;
  showF: boolean;
  showDf: boolean;
  functions: FunctionSpec[];
  depth: DepthSettings;
  /** With view 'depth': simulate this model instead of a uniform stack per function. */
  model?: ModelSpec;
}

export interface PerfMarks {
  /** From the script's start to the first chart drawn on screen. */
  firstPaintMs?: number;
  /** One full re-sample and redraw with `functions` functions × `points` points (f and f'). */
  rerenderMs?: number;
  functions?: number;
  points?: number;
}

export type HostMessage =
  | { type: 'init'; locale: Locale; strings: Record<string, string>; state: PlotState }
  | { type: 'setState'; state: PlotState }
  | { type: 'requestExport'; requestId: number }
  | { type: 'runBenchmark'; requestId: number; functions: number; points: number };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'state'; state: PlotState }
  | { type: 'exportPng'; requestId: number; dataUrl: string }
  | { type: 'perf'; requestId: number; marks: PerfMarks }
  | { type: 'error'; message: string };

export const LIMITS = {
  x: 1e6,
  minSpan: 1e-6,
  points: { min: 16, max: 10_000 },
  functions: 12,
  param: 1e6,
  depth: { layers: [1, 50], width: [4, 128], batch: [1, 64] },
  strings: 200,
  model: { layers: 50, units: 100_000, label: 120, skipped: 20 },
  stringLength: 2000,
  /** About 15 MB of base64: a 4K PNG fits. */
  dataUrlLength: 20_000_000,
} as const;

export const DEFAULT_STATE: PlotState = {
  view: 'functions',
  xMin: -6,
  xMax: 6,
  points: 1000,
  showF: true,
  showDf: true,
  functions: [],
  depth: { layers: 10, width: 64, batch: 32, seed: 1 },
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(v: unknown, fallback: number, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

function int(v: unknown, fallback: number, min: number, max: number): number {
  return Math.round(num(v, fallback, min, max));
}

function str(v: unknown, max = 100): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
}

const FRAMEWORKS: readonly Framework[] = ['torch', 'keras', 'tfjs'];
const ID = /^[a-z][a-z0-9_]{0,40}$/;
const PARAM = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;

export function sanitizeFunction(v: unknown): FunctionSpec | undefined {
  if (!isObj(v) || typeof v.id !== 'string' || !ID.test(v.id)) return undefined;
  const spec: FunctionSpec = { id: v.id, params: {} };
  if (FRAMEWORKS.includes(v.framework as Framework)) spec.framework = v.framework as Framework;
  const name = str(v.name, 80);
  if (name) spec.name = name;
  if (v.hidden === true) spec.hidden = true;
  if (isObj(v.params)) {
    for (const [k, p] of Object.entries(v.params).slice(0, 20)) {
      if (!PARAM.test(k)) continue;
      if (typeof p === 'boolean') spec.params[k] = p;
      else if (typeof p === 'number') {
        if (Number.isFinite(p)) spec.params[k] = Math.min(LIMITS.param, Math.max(-LIMITS.param, p));
      } else if (typeof p === 'string' && p.length <= 40) spec.params[k] = p;
    }
  }
  return spec;
}

function label(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.trim().length > 0 ? v.slice(0, max) : undefined;
}

/** A model spec from anywhere (a command argument, a saved state): labels capped, units clamped, at most 50 layers. */
export function sanitizeModel(v: unknown): ModelSpec | undefined {
  if (!isObj(v) || !Array.isArray(v.layers)) return undefined;
  const M = LIMITS.model;
  const layers: ModelLayerSpec[] = [];
  for (const l of v.layers.slice(0, M.layers)) {
    if (!isObj(l)) continue;
    const name = label(l.label, M.label);
    if (!name) continue;
    const spec: ModelLayerSpec = { label: name };
    if (typeof l.units === 'number' && Number.isFinite(l.units)) spec.units = int(l.units, 1, 1, M.units);
    const fn = l.fn === undefined ? undefined : sanitizeFunction(l.fn);
    if (fn) spec.fn = fn;
    layers.push(spec);
  }
  if (layers.length === 0) return undefined;
  const out: ModelSpec = {
    name: label(v.name, 80) ?? 'model',
    layers,
    skipped: Array.isArray(v.skipped) ? v.skipped.map((x) => label(x, M.label)).filter((x): x is string => !!x).slice(0, M.skipped) : [],
  };
  if (FRAMEWORKS.includes(v.framework as Framework)) out.framework = v.framework as Framework;
  if (typeof v.inputUnits === 'number' && Number.isFinite(v.inputUnits)) out.inputUnits = int(v.inputUnits, 1, 1, M.units);
  return out;
}

/** Any value → a usable state: defaults for what is missing, clamped numbers, at most 12 functions. */
export function sanitizeState(v: unknown): PlotState {
  const s = isObj(v) ? v : {};
  let xMin = num(s.xMin, DEFAULT_STATE.xMin, -LIMITS.x, LIMITS.x);
  let xMax = num(s.xMax, DEFAULT_STATE.xMax, -LIMITS.x, LIMITS.x);
  if (xMin > xMax) [xMin, xMax] = [xMax, xMin];
  if (xMax - xMin < LIMITS.minSpan) {
    const mid = (xMin + xMax) / 2;
    xMin = Math.min(LIMITS.x - 2 * LIMITS.minSpan, Math.max(-LIMITS.x, mid - LIMITS.minSpan));
    xMax = xMin + 2 * LIMITS.minSpan;
  }
  const d = isObj(s.depth) ? s.depth : {};
  const fns = Array.isArray(s.functions) ? s.functions : [];
  const functions: FunctionSpec[] = [];
  for (const f of fns) {
    if (functions.length >= LIMITS.functions) break;
    const spec = sanitizeFunction(f);
    if (spec) functions.push(spec);
  }
  const L = LIMITS.depth;
  const model = sanitizeModel(s.model);
  return {
    ...(model ? { model } : {}),
    view: s.view === 'depth' ? 'depth' : 'functions',
    xMin,
    xMax,
    points: int(s.points, DEFAULT_STATE.points, LIMITS.points.min, LIMITS.points.max),
    showF: typeof s.showF === 'boolean' ? s.showF : true,
    showDf: typeof s.showDf === 'boolean' ? s.showDf : true,
    functions,
    depth: {
      layers: int(d.layers, DEFAULT_STATE.depth.layers, L.layers[0], L.layers[1]),
      width: int(d.width, DEFAULT_STATE.depth.width, L.width[0], L.width[1]),
      batch: int(d.batch, DEFAULT_STATE.depth.batch, L.batch[0], L.batch[1]),
      seed: int(d.seed, DEFAULT_STATE.depth.seed, 0, 2 ** 32 - 1),
    },
  };
}

function requestId(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

function sanitizeStrings(v: unknown): Record<string, string> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, s] of Object.entries(v).slice(0, LIMITS.strings)) {
    if (typeof s === 'string' && s.length <= LIMITS.stringLength && PARAM.test(k)) out[k] = s;
  }
  return out;
}

export function parseHostMessage(v: unknown): HostMessage | undefined {
  if (!isObj(v)) return undefined;
  switch (v.type) {
    case 'init': {
      const strings = sanitizeStrings(v.strings);
      if (!strings || (v.locale !== 'en' && v.locale !== 'zh-cn')) return undefined;
      return { type: 'init', locale: v.locale, strings, state: sanitizeState(v.state) };
    }
    case 'setState':
      return isObj(v.state) ? { type: 'setState', state: sanitizeState(v.state) } : undefined;
    case 'requestExport': {
      const id = requestId(v.requestId);
      return id === undefined ? undefined : { type: 'requestExport', requestId: id };
    }
    case 'runBenchmark': {
      const id = requestId(v.requestId);
      if (id === undefined) return undefined;
      return {
        type: 'runBenchmark',
        requestId: id,
        functions: int(v.functions, 8, 1, LIMITS.functions),
        points: int(v.points, 1000, LIMITS.points.min, LIMITS.points.max),
      };
    }
    default:
      return undefined;
  }
}

const PNG_PREFIX = 'data:image/png;base64,';

function perfNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 3_600_000 ? v : undefined;
}

export function parseWebviewMessage(v: unknown): WebviewMessage | undefined {
  if (!isObj(v)) return undefined;
  switch (v.type) {
    case 'ready':
      return { type: 'ready' };
    case 'state':
      return isObj(v.state) ? { type: 'state', state: sanitizeState(v.state) } : undefined;
    case 'exportPng': {
      const id = requestId(v.requestId);
      const url = v.dataUrl;
      if (id === undefined || typeof url !== 'string' || !url.startsWith(PNG_PREFIX)) return undefined;
      if (url.length > LIMITS.dataUrlLength || !/^[A-Za-z0-9+/]*={0,2}$/.test(url.slice(PNG_PREFIX.length))) return undefined;
      return { type: 'exportPng', requestId: id, dataUrl: url };
    }
    case 'perf': {
      const id = requestId(v.requestId);
      if (id === undefined || !isObj(v.marks)) return undefined;
      const marks: PerfMarks = {};
      for (const k of ['firstPaintMs', 'rerenderMs', 'functions', 'points'] as const) {
        const n = perfNumber(v.marks[k]);
        if (n !== undefined) marks[k] = n;
      }
      return { type: 'perf', requestId: id, marks };
    }
    case 'error':
      return typeof v.message === 'string' ? { type: 'error', message: v.message.slice(0, 500) } : undefined;
    default:
      return undefined;
  }
}

/** The PNG bytes of a validated export message (the caller writes them). */
export function pngBytes(dataUrl: string): Uint8Array {
  const b64 = dataUrl.slice(PNG_PREFIX.length);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > PNG_MAGIC.length && PNG_MAGIC.every((b, i) => bytes[i] === b);
}
