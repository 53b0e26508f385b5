/**
 * The panel's front end: holds the state, builds the controls, renders the active view, follows
 * the theme, saves the state (setState for restore after reload, and a `state` message for the
 * extension), answers export and benchmark requests, and reports its first paint.
 */
import { catalog, newSpec, resolveCurve, type Curve } from './curves';
import { computeDepth, computeModel, DepthView } from './depthView';
import { clear, el } from './dom';
import { FunctionsView } from './functionsView';
import { buildAddRow, buildCards, buildDepthRow, buildRangeRow, buildToolbar, type ControlEvents } from './controls';
import { parseHostMessage, sanitizeState, type HostMessage, type Locale, type PlotState, type WebviewMessage } from './protocol';
import { EN_STRINGS, type Strings } from './strings';
import { readTheme, watchTheme, type Theme } from './theme';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: PlotState): void;
  getState(): unknown;
}

export class App {
  private state: PlotState = sanitizeState(undefined);
  private strings: Strings = { ...EN_STRINGS };
  private locale: Locale = 'en';
  private theme: Theme = readTheme();
  /** Tabs, export and the range (or depth) settings above the charts; the function cards below. */
  private readonly controls = el('div', { id: 'controls' });
  private readonly cards = el('div', { id: 'cards' });
  private readonly notes = el('p', { id: 'notes', class: 'hint' });
  private readonly functionsSection: HTMLElement;
  private readonly depthSection: HTMLElement;
  private readonly functionsView: FunctionsView;
  private readonly depthView: DepthView;
  private frame = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private painted = false;
  private depthKey = '';

  constructor(root: HTMLElement, private readonly api: VsCodeApi) {
    const fCanvas = el('canvas', { id: 'fchart', role: 'img' });
    const readout = el('div', { id: 'readout', 'aria-live': 'polite' });
    this.functionsSection = el('section', { id: 'functions-view' }, el('div', { class: 'chart-box main' }, fCanvas), readout, this.notes);
    const canvases = ['bound', 'grad', 'std'].map((id) => el('canvas', { id: `${id}-chart`, role: 'img' })) as [
      HTMLCanvasElement, HTMLCanvasElement, HTMLCanvasElement,
    ];
    const explain = el('p', { id: 'depth-explain', class: 'hint' });
    const table = el('div', { id: 'depth-table' });
    this.depthSection = el('section', { id: 'depth-view', hidden: true }, explain, ...canvases.map((c) => el('div', { class: 'chart-box' }, c)), table);
    root.append(this.controls, this.functionsSection, this.depthSection, this.cards);
    this.functionsView = new FunctionsView(fCanvas, readout, this.theme, this.strings);
    this.depthView = new DepthView(canvases, table, explain, this.theme, this.strings);
    watchTheme((t) => this.setTheme(t));
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
  }

  start(): void {
    this.post({ type: 'ready' });
  }

  private post(m: WebviewMessage): void {
    this.api.postMessage(m);
  }

  private receive(raw: unknown): void {
    const m = parseHostMessage(raw);
    if (!m) return;
    this.handle(m);
  }

  private handle(m: HostMessage): void {
    switch (m.type) {
      case 'init':
        this.locale = m.locale;
        this.strings = { ...EN_STRINGS, ...m.strings } as Strings;
        document.documentElement.lang = m.locale === 'zh-cn' ? 'zh-CN' : 'en';
        this.functionsView.setStrings(this.strings);
        this.depthView.setStrings(this.strings);
        this.setState(m.state, true);
        break;
      case 'setState':
        this.setState(m.state, true);
        break;
      case 'requestExport':
        this.post({ type: 'exportPng', requestId: m.requestId, dataUrl: this.exportPng() });
        break;
      case 'runBenchmark':
        this.post({ type: 'perf', requestId: m.requestId, marks: this.benchmark(m.functions, m.points) });
        break;
    }
  }

  private readonly events: ControlEvents = {
    update: (change, structural) => this.setState(sanitizeState(change(this.state)), structural),
    exportPng: () => this.post({ type: 'exportPng', requestId: 0, dataUrl: this.exportPng() }),
  };

  private setState(state: PlotState, structural: boolean): void {
    this.state = state;
    if (structural) this.buildControls();
    this.scheduleRender();
    this.scheduleSave();
  }

  private buildControls(): void {
    clear(this.controls);
    clear(this.cards);
    const s = this.strings;
    const depth = this.state.view === 'depth';
    this.controls.append(
      buildToolbar(this.state, s, this.events),
      depth ? buildDepthRow(this.state, s, this.events) : buildRangeRow(this.state, s, this.events),
    );
    this.cards.append(buildAddRow(s, this.events), buildCards(this.state, s, this.locale, this.theme.series, this.events));
    this.functionsSection.hidden = depth;
    this.depthSection.hidden = !depth;
  }

  private curves(): Array<{ curve: Curve; color: string }> {
    const out: Array<{ curve: Curve; color: string }> = [];
    this.state.functions.forEach((spec, i) => {
      if (spec.hidden) return;
      const curve = resolveCurve(spec);
      if (curve) out.push({ curve, color: this.theme.series[i % this.theme.series.length]! });
    });
    return out;
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const curves = this.curves();
    if (this.state.view === 'depth') {
      this.depthView.resize();
      const model = this.state.model;
      const key = JSON.stringify([this.state.depth, model ?? this.state.functions, this.theme.series]);
      if (key !== this.depthKey) {
        this.depthKey = key;
        if (model) this.depthView.renderModel(model, computeModel(model, this.state.depth), this.state.depth, this.theme.series[0]!);
        else this.depthView.render(computeDepth(curves, this.state.depth), this.state.depth);
      }
    } else {
      const info = this.functionsView.render(this.state, curves);
      const notes = [
        ...curves.filter((c) => c.curve.vectorSlice).map((c) => this.strings.vectorNote.replace('{0}', c.curve.entry.displayName).replace('{1}', c.curve.vectorSlice!)),
        ...info.coincide.map(([a, b]) => this.strings.coincides.replace('{0}', a).replace('{1}', b)),
        info.jumps ? this.strings.jumpNote : '',
        info.clamped ? this.strings.clampedNote : '',
      ].filter((n) => n);
      this.notes.textContent = [...new Set(notes)].join(' ');
    }
    if (!this.painted) {
      this.painted = true;
      requestAnimationFrame(() => this.post({ type: 'perf', requestId: 0, marks: { firstPaintMs: performance.now() } }));
    }
  }

  private scheduleSave(): void {
    this.api.setState(this.state);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.post({ type: 'state', state: this.state }), 50);
  }

  private setTheme(t: Theme): void {
    this.theme = t;
    this.functionsView.setTheme(t, t.series);
    this.depthView.setTheme(t, t.series);
    this.buildControls();
    this.depthKey = '';
    this.scheduleRender();
  }

  /** The active view's chart(s) on the theme's background, as a PNG data URL. */
  private exportPng(): string {
    const canvases = this.state.view === 'depth' ? this.depthView.elements : [this.functionsView.element];
    const width = Math.max(...canvases.map((c) => c.width));
    const height = canvases.reduce((h, c) => h + c.height, 0);
    const out = document.createElement('canvas');
    out.width = Math.max(1, width);
    out.height = Math.max(1, height);
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = this.theme.background;
    ctx.fillRect(0, 0, out.width, out.height);
    let y = 0;
    for (const c of canvases) {
      ctx.drawImage(c, 0, y);
      y += c.height;
    }
    return out.toDataURL('image/png');
  }

  /** Median of 5 full re-samples and redraws with `functions` pointwise functions × `points` points. */
  private benchmark(functions: number, points: number): { rerenderMs: number; functions: number; points: number } {
    const ids = catalog().filter((e) => !e.properties.vector).slice(0, functions).map((e) => e.id);
    const bench: PlotState = { ...this.state, view: 'functions', points, showF: true, showDf: true, functions: ids.map((id) => newSpec(id)) };
    const curves = bench.functions.map((spec, i) => ({ curve: resolveCurve(spec)!, color: this.theme.series[i % 12]! }));
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      this.functionsView.render(bench, curves);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    this.depthKey = '';
    this.render();
    return { rerenderMs: times[2]!, functions: ids.length, points };
  }
}
