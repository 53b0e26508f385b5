import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  LIMITS,
  isPng,
  parseHostMessage,
  parseWebviewMessage,
  pngBytes,
  sanitizeState,
} from '../../../webview/protocol';

// A 1×1 PNG as a data URL; only its base64 form and its PNG signature matter here.
const PNG_1x1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('sanitizeState', () => {
  it('fills defaults for nothing', () => {
    expect(sanitizeState(undefined)).toEqual(DEFAULT_STATE);
    expect(sanitizeState('junk')).toEqual(DEFAULT_STATE);
  });

  it('clamps NaN, huge ranges and point counts', () => {
    const s = sanitizeState({ xMin: NaN, xMax: 1e308, points: 1e6 });
    expect(s.xMin).toBe(DEFAULT_STATE.xMin);
    expect(s.xMax).toBe(LIMITS.x);
    expect(s.points).toBe(LIMITS.points.max);
    const t = sanitizeState({ xMin: -Infinity, xMax: -1e308, points: -5 });
    expect(t.xMin).toBe(-LIMITS.x);
    expect(t.xMax).toBeGreaterThan(t.xMin);
    expect(t.points).toBe(LIMITS.points.min);
  });

  it('orders a reversed range and widens an empty one', () => {
    expect(sanitizeState({ xMin: 5, xMax: -5 })).toMatchObject({ xMin: -5, xMax: 5 });
    const s = sanitizeState({ xMin: 2, xMax: 2 });
    expect(s.xMax - s.xMin).toBeGreaterThan(0);
  });

  it('keeps valid functions and params, drops malformed ones', () => {
    const s = sanitizeState({
      functions: [
        { id: 'leaky_relu', framework: 'torch', name: 'LeakyReLU', params: { slope: 0.01, inplace: false } },
        { id: 'Bad Id', params: {} },
        { id: 'gelu', framework: 'jax', params: { approximate: 'tanh', 'x-y': 1, big: 1e300, nan: NaN } },
        42,
      ],
    });
    expect(s.functions).toEqual([
      { id: 'leaky_relu', framework: 'torch', name: 'LeakyReLU', params: { slope: 0.01, inplace: false } },
      { id: 'gelu', params: { approximate: 'tanh', big: LIMITS.param } },
    ]);
  });

  it('keeps at most 12 functions and clamps the depth settings', () => {
    const s = sanitizeState({
      functions: Array.from({ length: 30 }, () => ({ id: 'relu', params: {} })),
      depth: { layers: 1e9, width: 0, batch: 'x', seed: -3 },
    });
    expect(s.functions).toHaveLength(12);
    expect(s.depth).toEqual({ layers: 50, width: 4, batch: DEFAULT_STATE.depth.batch, seed: 0 });
  });
});

describe('parseHostMessage', () => {
  it('accepts the known messages', () => {
    const init = parseHostMessage({ type: 'init', locale: 'zh-cn', strings: { title: '激活函数' }, state: {} });
    expect(init).toEqual({ type: 'init', locale: 'zh-cn', strings: { title: '激活函数' }, state: DEFAULT_STATE });
    expect(parseHostMessage({ type: 'requestExport', requestId: 3 })).toEqual({ type: 'requestExport', requestId: 3 });
    expect(parseHostMessage({ type: 'runBenchmark', requestId: 1, functions: 100, points: 1e6 })).toEqual({
      type: 'runBenchmark',
      requestId: 1,
      functions: 12,
      points: 10_000,
    });
  });

  it('rejects unknown types and malformed fields', () => {
    expect(parseHostMessage({ type: 'eval', code: 'alert(1)' })).toBeUndefined();
    expect(parseHostMessage(null)).toBeUndefined();
    expect(parseHostMessage([])).toBeUndefined();
    expect(parseHostMessage({ type: 'init', locale: 'fr', strings: {}, state: {} })).toBeUndefined();
    expect(parseHostMessage({ type: 'requestExport', requestId: -1 })).toBeUndefined();
    expect(parseHostMessage({ type: 'requestExport', requestId: 1.5 })).toBeUndefined();
    expect(parseHostMessage({ type: 'setState' })).toBeUndefined();
  });
});

describe('parseWebviewMessage', () => {
  it('accepts a PNG export and decodes it', () => {
    const m = parseWebviewMessage({ type: 'exportPng', requestId: 0, dataUrl: PNG_1x1 });
    expect(m).toEqual({ type: 'exportPng', requestId: 0, dataUrl: PNG_1x1 });
    expect(isPng(pngBytes(PNG_1x1))).toBe(true);
    expect(isPng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe(false);
  });

  it('rejects other data URLs, bad base64 and oversize payloads', () => {
    expect(parseWebviewMessage({ type: 'exportPng', requestId: 0, dataUrl: 'data:text/html;base64,PGI+' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'exportPng', requestId: 0, dataUrl: 'data:image/png;base64,<script>' })).toBeUndefined();
    const huge = 'data:image/png;base64,' + 'A'.repeat(LIMITS.dataUrlLength);
    expect(parseWebviewMessage({ type: 'exportPng', requestId: 0, dataUrl: huge })).toBeUndefined();
  });

  it('keeps finite, non-negative perf marks only', () => {
    expect(
      parseWebviewMessage({ type: 'perf', requestId: 2, marks: { firstPaintMs: 120.5, rerenderMs: NaN, points: -1, x: 5 } }),
    ).toEqual({ type: 'perf', requestId: 2, marks: { firstPaintMs: 120.5 } });
  });

  it('rejects unknown types', () => {
    expect(parseWebviewMessage({ type: 'openFile', path: '/etc/passwd' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'state' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseWebviewMessage({ type: 'error', message: 'x'.repeat(1000) })).toEqual({ type: 'error', message: 'x'.repeat(500) });
  });
});
