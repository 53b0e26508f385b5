/**
 * The one plot panel: created on demand, reused by every command, revived after a window reload by
 * the serializer (register.ts) with the state the webview saved with setState. All traffic with the
 * webview goes through parseWebviewMessage / HostMessage (webview/protocol.ts).
 */
import * as vscode from 'vscode';
import {
  isPng,
  parseWebviewMessage,
  pngBytes,
  sanitizeState,
  type HostMessage,
  type PerfMarks,
  type PlotState,
} from '../../../webview/protocol';
import { localRoots, panelHtml } from './html';
import { localizedStrings, panelLocale } from './strings';

export const VIEW_TYPE = 'activationLens.plot';

interface Pending<T> {
  resolve(v: T): void;
  timer: ReturnType<typeof setTimeout>;
}

export class PlotPanel {
  private static current: PlotPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private state: PlotState;
  private nextRequest = 1;
  private readonly pendingExports = new Map<number, Pending<Uint8Array | undefined>>();
  private readonly pendingPerf = new Map<number, Pending<PerfMarks | undefined>>();
  private readyWaiters: Array<() => void> = [];
  private ready = false;
  private disposed = false;
  /** Marks the webview reported on its own (first paint) since it last loaded. */
  lastPerf: PerfMarks = {};
  /** How many `state` messages the webview has sent (tests: the webview really shows `state`). */
  reported = 0;
  /** Export asked for by the webview's own button: the host picks the file. */
  onExportRequested: ((bytes: Uint8Array) => void) | undefined;

  static get instance(): PlotPanel | undefined {
    return PlotPanel.current;
  }

  /** Shows the panel with `state` (a new one, or the existing one revealed and updated). */
  static show(extensionUri: vscode.Uri, state: PlotState): PlotPanel {
    const existing = PlotPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, false);
      existing.setState(state);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Activation Functions'), vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: localRoots(extensionUri),
    });
    return new PlotPanel(panel, extensionUri, state);
  }

  /** The serializer's path after a reload: adopt the restored panel with its saved state. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, saved: unknown): PlotPanel {
    PlotPanel.current?.panel.dispose();
    return new PlotPanel(panel, extensionUri, sanitizeState(saved));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    state: PlotState,
  ) {
    PlotPanel.current = this;
    this.state = state;
    panel.webview.options = { enableScripts: true, localResourceRoots: localRoots(extensionUri) };
    panel.webview.html = panelHtml(panel.webview, extensionUri, panelLocale(), vscode.l10n.t('Activation Functions'));
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m), null, this.disposables);
  }

  /** What the webview shows now (as it last reported it). */
  get currentState(): PlotState {
    return this.state;
  }

  setState(state: PlotState): void {
    this.state = state;
    this.post({ type: 'setState', state });
  }

  /** The chart as PNG bytes, drawn by the webview; undefined on timeout. */
  exportPng(timeoutMs = 10_000): Promise<Uint8Array | undefined> {
    const requestId = this.nextRequest++;
    return this.request(this.pendingExports, requestId, timeoutMs, () => this.post({ type: 'requestExport', requestId }));
  }

  /** Re-render with `functions` × `points` in the webview and return its timings. */
  benchmark(functions = 8, points = 1000, timeoutMs = 30_000): Promise<PerfMarks | undefined> {
    const requestId = this.nextRequest++;
    return this.request(this.pendingPerf, requestId, timeoutMs, () =>
      this.post({ type: 'runBenchmark', requestId, functions, points }),
    );
  }

  /** Resolves once the webview has loaded and received its state. */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.readyWaiters.push(r));
  }

  private async request<T>(map: Map<number, Pending<T | undefined>>, id: number, ms: number, send: () => void): Promise<T | undefined> {
    await this.whenReady();
    return new Promise<T | undefined>((resolve) => {
      const timer = setTimeout(() => {
        map.delete(id);
        resolve(undefined);
      }, ms);
      map.set(id, { resolve, timer });
      send();
    });
  }

  private settle<T>(map: Map<number, Pending<T>>, id: number, value: T): void {
    const p = map.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    map.delete(id);
    p.resolve(value);
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const m = parseWebviewMessage(raw);
    if (!m) return; // unknown or malformed: ignored
    switch (m.type) {
      case 'ready':
        this.post({ type: 'init', locale: panelLocale(), strings: localizedStrings(), state: this.state });
        this.ready = true;
        for (const w of this.readyWaiters.splice(0)) w();
        break;
      case 'state':
        this.state = m.state;
        this.reported++;
        break;
      case 'exportPng': {
        const bytes = pngBytes(m.dataUrl);
        if (!isPng(bytes)) break;
        if (m.requestId === 0) this.onExportRequested?.(bytes);
        else this.settle(this.pendingExports, m.requestId, bytes);
        break;
      }
      case 'perf':
        if (m.requestId === 0) this.lastPerf = { ...this.lastPerf, ...m.marks };
        else this.settle(this.pendingPerf, m.requestId, m.marks);
        break;
      case 'error':
        console.warn(`[activation-lens] plot panel: ${m.message}`);
        break;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (PlotPanel.current === this) PlotPanel.current = undefined;
    for (const map of [this.pendingExports, this.pendingPerf] as Map<number, Pending<unknown>>[]) {
      for (const p of map.values()) {
        clearTimeout(p.timer);
        p.resolve(undefined);
      }
      map.clear();
    }
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
