/**
 * The plot panel cannot be turned against the user: its HTML carries a strict CSP with a fresh
 * crypto nonce per render and loads nothing remote; the webview bundle fetches nothing and evaluates
 * no strings; every message either way is validated (unknown types rejected, numbers clamped).
 */
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LIMITS, parseHostMessage, parseWebviewMessage, type PlotState } from '../../../webview/protocol';
import { Prng } from '../fuzz/prng';
import { ROOT } from '../fuzz/corpus';

// html.ts needs only Uri.joinPath from vscode; the webview object is passed in.
vi.mock('vscode', () => ({
  Uri: { joinPath: (u: { path: string }, ...parts: string[]) => ({ path: [u.path, ...parts].join('/') }) },
}));
const { panelHtml, localRoots } = await import('../../../src/vscode/panel/html');

// What VS Code hands a webview: its own resource scheme. Anything http(s) would be ours.
const webview = {
  cspSource: 'vscode-webview-resource:',
  asWebviewUri: (u: { path: string }) => ({ toString: () => `vscode-webview-resource://ext${u.path}` }),
};
const render = () => panelHtml(webview as never, { path: '/ext' } as never, 'en', 'Activation <Functions> & "friends"');

function csp(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  expect(m, 'a CSP meta tag').not.toBeNull();
  return new Map(m![1]!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
}

describe('panel HTML', () => {
  it('has a strict CSP: default none, scripts only by nonce, no unsafe-inline/unsafe-eval', () => {
    const html = render();
    const policy = csp(html);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    const script = policy.get('script-src') ?? [];
    expect(script).toHaveLength(1);
    expect(script[0]).toMatch(/^'nonce-[A-Za-z0-9+/]{22}==?'$/);
    expect(html).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic/);
    for (const [k, v] of policy) expect(v, k).not.toContain('*');
  });

  it('uses a fresh 128-bit nonce per render, on every script tag, and no inline script', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const html = render();
      const n = /'nonce-([^']+)'/.exec(html)![1]!;
      expect(Buffer.from(n, 'base64')).toHaveLength(16);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) {
        expect(s[1]).toContain(`nonce="${n}"`);
        expect(s[2]!.trim(), 'inline script body').toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers
      nonces.add(n);
    }
    expect(nonces.size).toBe(200);
    // From crypto, never Math.random (STYLE.md).
    const src = readFileSync(path.join(ROOT, 'src/vscode/panel/html.ts'), 'utf8');
    expect(src).toMatch(/from 'node:crypto'/);
    expect(src).not.toMatch(/Math\.random/);
  });

  it('loads nothing remote and escapes the title', () => {
    const html = render();
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\bsrc=["'](?!vscode-webview-resource:)/);
    expect(html).not.toMatch(/\bhref=["'](?!vscode-webview-resource:)/);
    expect(html).toContain('Activation &lt;Functions&gt; &amp;');
  });

  it('limits local resources to the built webview folder and media', () => {
    expect(localRoots({ path: '/ext' } as never).map((u) => (u as unknown as { path: string }).path)).toEqual(['/ext/dist/webview', '/ext/media']);
  });
});

describe('webview bundle', () => {
  const require = createRequire(import.meta.url);
  it('built as for release: no remote URL, no network API, no string evaluation', async () => {
    const out = await esbuild.build({
      entryPoints: [path.join(ROOT, 'webview/main.ts')],
      bundle: true,
      minify: true,
      legalComments: 'none',
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
    });
    const js = out.outputFiles[0]!.text;
    expect(js.length).toBeGreaterThan(10_000);
    expect(js.match(/https?:\/\/[^\s"'`)]+/g) ?? []).toEqual([]);
    for (const api of [/\bfetch\(/, /XMLHttpRequest/, /WebSocket/, /importScripts/, /sendBeacon/, /EventSource/, /new Worker\(/, /(?<![\w$.])eval\(/, /new Function\(/, /document\.write/]) {
      expect(js, String(api)).not.toMatch(api);
    }
  }, 60_000);

  it('the dist/ bundle, when built, has URLs only in its license comments', () => {
    let js: string;
    try {
      js = readFileSync(path.join(ROOT, 'dist/webview/main.js'), 'utf8');
    } catch {
      return; // not built in this checkout; the release build above is checked regardless
    }
    const code = js.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    expect(code.match(/https?:\/\/[^\s"'`)]+/g) ?? []).toEqual([]);
  });
});

const finite = (n: number) => Number.isFinite(n);
function stateOk(s: PlotState): void {
  expect(finite(s.xMin) && finite(s.xMax) && s.xMin < s.xMax).toBe(true);
  expect(Math.abs(s.xMin) <= LIMITS.x && Math.abs(s.xMax) <= LIMITS.x).toBe(true);
  expect(s.points >= LIMITS.points.min && s.points <= LIMITS.points.max && Number.isInteger(s.points)).toBe(true);
  expect(s.functions.length).toBeLessThanOrEqual(LIMITS.functions);
  for (const f of s.functions) for (const p of Object.values(f.params)) if (typeof p === 'number') expect(Math.abs(p)).toBeLessThanOrEqual(LIMITS.param);
  expect(s.depth.layers >= 1 && s.depth.layers <= 50 && s.depth.width <= 128 && s.depth.batch <= 64).toBe(true);
}

describe('messages', () => {
  const nasty = [NaN, Infinity, -Infinity, 1e308, -1e308, 1e6 + 1, 10 ** 6, -0, 2 ** 53, '1e308', 'NaN', null, undefined, {}, [], true, '', 'x'.repeat(100_000)];

  it('rejects unknown and malformed message types in both directions', () => {
    for (const type of ['', 'eval', 'exec', 'writeFile', 'openExternal', 'command', 'INIT', 'constructor', '__proto__', 42, null, undefined]) {
      expect(parseWebviewMessage({ type, path: '/etc/passwd', command: 'workbench.action.terminal.new' }), String(type)).toBeUndefined();
      expect(parseHostMessage({ type }), String(type)).toBeUndefined();
    }
    for (const junk of [null, undefined, 42, 'ready', [], [{ type: 'ready' }], () => 0]) {
      expect(parseWebviewMessage(junk)).toBeUndefined();
      expect(parseHostMessage(junk)).toBeUndefined();
    }
    expect(parseWebviewMessage({ type: 'exportPng', requestId: 1, dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'exportPng', requestId: 1, dataUrl: 'https://example.invalid/x.png' })).toBeUndefined();
  });

  it('clamps NaN, 1e308 ranges and 10^6 points; random junk never throws', () => {
    const rng = new Prng(0xbadc0de);
    const pick = () => rng.pick(nasty);
    for (let i = 0; i < 3000; i++) {
      const state = {
        xMin: pick(), xMax: pick(), points: pick(), view: rng.pick(['functions', 'depth', 'x', 1]), showF: pick(), showDf: pick(),
        functions: Array.from({ length: rng.int(40) }, () => ({ id: rng.pick(['relu', 'leaky_relu', 'RELU', '../x', '__proto__', 7]), params: { alpha: pick(), negative_slope: pick(), __proto__: { polluted: true } }, framework: rng.pick(['torch', 'keras', 'tfjs', 'evil']) })),
        depth: { layers: pick(), width: pick(), batch: pick(), seed: pick() },
      };
      const w = parseWebviewMessage({ type: 'state', state });
      expect(w?.type).toBe('state');
      stateOk((w as { state: PlotState }).state);
      const h = parseHostMessage({ type: rng.pick(['setState', 'init']), locale: 'en', strings: { a: 'b' }, state });
      if (h && 'state' in h) stateOk(h.state);
      const b = parseHostMessage({ type: 'runBenchmark', requestId: rng.int(100), functions: pick(), points: pick() });
      if (b?.type === 'runBenchmark') {
        expect(b.points >= LIMITS.points.min && b.points <= LIMITS.points.max).toBe(true);
        expect(b.functions >= 1 && b.functions <= LIMITS.functions).toBe(true);
      }
      const p = parseWebviewMessage({ type: 'perf', requestId: 1, marks: { firstPaintMs: pick(), rerenderMs: pick(), points: pick() } });
      if (p?.type === 'perf') for (const v of Object.values(p.marks)) expect(finite(v as number)).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const big = parseWebviewMessage({ type: 'state', state: { xMin: -1e308, xMax: 1e308, points: 1e6 } });
    expect(big).toMatchObject({ state: { xMin: -LIMITS.x, xMax: LIMITS.x, points: LIMITS.points.max } });
  });
});
