/**
 * The language server (`activation-lens server --stdio`): the same analysis, diagnostics, hovers
 * and code actions as the VS Code extension, over LSP. Everything the two show is built in
 * src/shared (diagnostic shapes, hover Markdown, code-action plans), so they cannot drift.
 *
 * Per subject (a text document, or a whole notebook through LSP 3.17 notebook sync): debounced
 * analysis on type or on save (settings), incremental re-parse with the edits since the last
 * result, a generation counter that drops stale results, diagnostics pushed per document. Every
 * message from the client is checked before use: malformed params get an empty answer.
 */
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { analyze } from '../core/analyze';
import type { ProjectFinding } from '../core/project';
import type { AnalysisResult, AnalyzeOptions, Finding, IncrementalEdit, Range, TextEdit as CoreEdit } from '../core/types';
import { findingsOnDocument, FIX_ALL_KIND, fixAllPlan, QUICK_FIX_KIND, quickFixPlans, type ActionPlan } from '../shared/actions';
import { analyzeOptions, DEFAULTS, SECTION, type Settings } from '../shared/config';
import { hoverAt } from '../shared/hover';
import type { Translate } from '../shared/hoverText';
import {
  findingForDiagnostic,
  ruleIdOf,
  toLspDiagnostic,
  toLspDiagnostics,
  toLspRange,
  type LspDiagnostic,
  type LspLocation,
  type LspRange,
  type Locate,
} from '../shared/lsp';
import { DocumentStore, isObject, isPosition, isRange, uriPath, type Subject, type TextChange } from './documents';
import { NO_PROJECT, type ProjectIndex } from './project';
import { ServerSettings } from './settings';
import { WorkspaceFolders } from './workspace';

export type Locale = 'en' | 'zh-cn';

interface Entry {
  subject: Subject;
  generation: number;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
  base?: { result: AnalysisResult; version: string };
  edits: IncrementalEdit[];
  /** The text was replaced as a whole since `base`: parse from scratch. */
  reset: boolean;
  /** The last analysis: `own` as analyzed, `result` with the project's findings in this document added. */
  latest?: { result: AnalysisResult; own: AnalysisResult; version: string; locate: Locate; uris: readonly string[] };
  published: string[];
  waiters: Array<() => void>;
  budgetMs?: number;
}

interface Current {
  subject: Subject;
  result: AnalysisResult;
  locate: Locate;
  cell?: number;
  lineText: (line: number) => string | undefined;
  style: 'python' | 'js';
}

export interface ServerOptions {
  /** Locale when the client names none in `initialize` (from LANG). */
  defaultLocale: Locale;
  /** The translator for a locale (the extension's l10n bundle). */
  translate: (locale: Locale) => Translate;
  /** serverInfo.version (package.json). */
  version: string;
  /** Cross-file analysis over the workspace folders (project.ts); none by default. */
  project?: ProjectIndex;
}

/** How long hover and code actions wait for an analysis to finish before answering empty. */
const WAIT_MS = 10_000;
/** How long a workspace/configuration request may take before the defaults are used. */
const CONFIG_TIMEOUT_MS = 5_000;
/** Project changes (disk reads, several saves) within this time are linked once. */
const RELINK_DELAY_MS = 50;

/** A project finding in its own file, as a document's finding (`path` dropped, related places keep theirs). */
function asFinding({ path: _own, ...f }: ProjectFinding): Finding {
  return f;
}

function signature(list: readonly unknown[] | undefined): string {
  return list && list.length > 0 ? JSON.stringify(list) : '';
}

export function localeOf(v: unknown, fallback: Locale): Locale {
  return typeof v === 'string' ? (v.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en') : fallback;
}

/** A requested kind list (`context.only`) accepts a kind when it names it or a parent of it. */
export function kindWanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => k === kind || kind.startsWith(`${k}.`));
}

export class LensServer {
  private readonly docs = new DocumentStore();
  private readonly entries = new Map<string, Entry>();
  private readonly toldTooLarge = new Set<string>();
  private readonly folders = new WorkspaceFolders();
  private readonly project: ProjectIndex;
  /** The project's cross-file findings by the path they are reported in (last link). */
  private linked = new Map<string, ProjectFinding[]>();
  /** Diagnostics published for files that are not open (cross-file findings only): URI → what was sent. */
  private sentLinked = new Map<string, string>();
  private linkOptions: Omit<AnalyzeOptions, 'language'> | undefined;
  private relinkTimer: ReturnType<typeof setTimeout> | undefined;
  /** The client watches *.py / *.ipynb for us (else each didSave makes the index look at the disk again). */
  private watching = false;
  private watchRegistration = false;
  private settings = new ServerSettings(undefined);
  private locale: Locale;
  private t: Translate;

  constructor(
    private readonly connection: Connection,
    private readonly options: ServerOptions,
  ) {
    this.locale = options.defaultLocale;
    this.t = options.translate(this.locale);
    this.project = options.project ?? NO_PROJECT;
    this.project.onChange(() => this.scheduleRelink());
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.initialized());
    c.onDidOpenTextDocument((p) => this.opened(this.docs.openText(p)));
    c.onDidChangeTextDocument((p) => {
      const r = this.docs.changeText(p);
      if (r) this.changed(r.subject, r.subject.kind === 'text' ? r.change : null);
    });
    c.onDidSaveTextDocument((p) => {
      const uri = isObject(p) && isObject(p.textDocument) ? p.textDocument.uri : undefined;
      const r = typeof uri === 'string' ? this.docs.resolve(uri) : undefined;
      if (r) this.schedule(this.entryOf(r.subject), 0);
      if (!this.watching) this.project.rescan();
    });
    c.onDidChangeWatchedFiles((p) => this.watchedFilesChanged(p));
    c.onDidCloseTextDocument((p) => {
      const s = this.docs.closeText(p);
      if (s) this.close(s.uri);
    });
    c.onNotification('notebookDocument/didOpen', (p: unknown) => this.opened(this.docs.openNotebook(p)));
    c.onNotification('notebookDocument/didChange', (p: unknown) => {
      const s = this.docs.changeNotebook(p);
      if (s) this.changed(s, null);
    });
    c.onNotification('notebookDocument/didSave', (p: unknown) => {
      const uri = isObject(p) && isObject(p.notebookDocument) ? p.notebookDocument.uri : undefined;
      if (typeof uri === 'string' && this.docs.notebook(uri)) this.schedule(this.entryOf({ kind: 'notebook', uri }), 0);
      if (!this.watching) this.project.rescan();
    });
    c.onNotification('notebookDocument/didClose', (p: unknown) => {
      const s = this.docs.closeNotebook(p);
      if (s) this.close(s.uri);
    });
    c.onDidChangeConfiguration((p) => {
      this.settings.changed(p);
      this.refreshAll();
    });
    c.onHover((p) => this.hover(p));
    c.onCodeAction((p) => this.codeActions(p));
  }

  // --- lifecycle --------------------------------------------------------------------------

  private initialize(params: unknown): InitializeResult {
    const p = isObject(params) ? params : {};
    this.locale = localeOf(p.locale, this.options.defaultLocale);
    this.t = this.options.translate(this.locale);
    const caps = isObject(p.capabilities) ? p.capabilities : {};
    const workspace = isObject(caps.workspace) ? caps.workspace : {};
    if (workspace.configuration === true) {
      this.settings = new ServerSettings({ pull: (scopeUri) => this.pullConfiguration(scopeUri) });
    }
    this.settings.setInitializationOptions(p.initializationOptions);
    this.folders.set(p.workspaceFolders, p.rootUri);
    this.project.setRoots(this.folders.paths());
    const notebooks = isObject(caps.notebookDocument) && isObject(caps.notebookDocument.synchronization);
    this.dynamicConfiguration = isObject(workspace.didChangeConfiguration) && workspace.didChangeConfiguration.dynamicRegistration === true;
    this.watchRegistration = isObject(workspace.didChangeWatchedFiles) && workspace.didChangeWatchedFiles.dynamicRegistration === true;
    this.linkOptions = { locale: this.locale, ...analyzeOptions(DEFAULTS) };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [QUICK_FIX_KIND, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(notebooks
          ? { notebookDocumentSync: { notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }], save: true } }
          : {}),
      },
      serverInfo: { name: 'activation-lens', version: this.options.version },
    };
  }

  private dynamicConfiguration = false;

  private initialized(): void {
    // Registered here, after the protocol library's own handler for it (set up during initialize).
    this.connection.onNotification('workspace/didChangeWorkspaceFolders', (p: unknown) => {
      if (!isObject(p) || !isObject(p.event)) return;
      this.folders.change(p.event.added, p.event.removed);
      this.project.setRoots(this.folders.paths());
      this.refreshAll();
    });
    if (this.dynamicConfiguration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
    }
    if (this.watchRegistration) {
      this.watching = true; // until the client says no
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.py' }, { globPattern: '**/*.ipynb' }] })
        .catch(() => (this.watching = false));
    }
  }

  /** workspace/didChangeWatchedFiles: FileChangeType 1 created, 2 changed, 3 deleted. */
  private watchedFilesChanged(p: unknown): void {
    if (!isObject(p) || !Array.isArray(p.changes)) return;
    const changes = p.changes.flatMap((c) => {
      if (!isObject(c) || typeof c.uri !== 'string' || !c.uri.startsWith('file:')) return [];
      return [{ path: uriPath(c.uri), deleted: c.type === 3 }];
    });
    if (changes.length > 0) this.project.diskChanged(changes);
  }

  private async pullConfiguration(scopeUri: string): Promise<unknown> {
    const request = this.connection.sendRequest('workspace/configuration', { items: [{ scopeUri, section: SECTION }] });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), CONFIG_TIMEOUT_MS)));
    try {
      const answer = await Promise.race([request, timeout]);
      return Array.isArray(answer) ? answer[0] : undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  // --- analysis ---------------------------------------------------------------------------

  private entryOf(subject: Subject): Entry {
    let e = this.entries.get(subject.uri);
    if (!e) {
      e = { subject, generation: 0, edits: [], reset: false, published: [], waiters: [] };
      this.entries.set(subject.uri, e);
    }
    return e;
  }

  private opened(subject: Subject | undefined): void {
    if (!subject) return;
    const old = this.entries.get(subject.uri);
    if (old) this.close(subject.uri, false); // opened again: start over, keeping the document
    this.schedule(this.entryOf(subject), 0);
  }

  private changed(subject: Subject, change: TextChange): void {
    const entry = this.entries.get(subject.uri);
    if (!entry) return;
    if (change === null) entry.reset = true;
    else entry.edits.push(...change);
    void this.settings.for(subject.uri).then(
      (s) => {
        if (this.entries.get(subject.uri) !== entry) return;
        if (s.run === 'onType') this.schedule(entry, s.debounceMs);
        else entry.generation++; // a run under way is now stale
      },
      () => undefined,
    );
  }

  private refreshAll(): void {
    for (const e of this.entries.values()) this.schedule(e, 0);
  }

  private schedule(entry: Entry, delayMs: number): void {
    entry.generation++;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.run(entry, entry.generation);
    }, delayMs);
  }

  private async run(entry: Entry, generation: number): Promise<void> {
    while (entry.running) await entry.running;
    if (generation !== entry.generation || this.entries.get(entry.subject.uri) !== entry) return;
    const done = this.analyzeOnce(entry, generation).catch((err) => {
      this.connection.console.error(`analysis of ${entry.subject.uri} failed: ${err instanceof Error ? err.message : String(err)}`);
      for (const w of entry.waiters.splice(0)) w();
    });
    entry.running = done;
    try {
      await done;
    } finally {
      if (entry.running === done) entry.running = undefined;
    }
  }

  private live(entry: Entry, generation: number): boolean {
    return generation === entry.generation && this.entries.get(entry.subject.uri) === entry;
  }

  private async analyzeOnce(entry: Entry, generation: number): Promise<void> {
    const s = entry.subject;
    const settings: Settings = await this.settings.for(s.uri);
    if (!this.live(entry, generation)) return;
    const input = settings.enable ? this.docs.input(s) : undefined;
    if (!input) {
      entry.latest = undefined;
      this.publish(entry, new Map());
      return;
    }
    const version = this.docs.version(s)!;
    const uris = this.docs.uris(s);
    const base = entry.base;
    const edits = entry.edits;
    const incremental = s.kind === 'text' && base !== undefined && !entry.reset && edits.length > 0;
    entry.base = undefined; // consumed: the analyzer may edit the old tree in place
    entry.edits = [];
    entry.reset = false;
    const options = { path: input.path, locale: this.locale, ...analyzeOptions(settings) };
    const result = await analyze(input.text, {
      language: input.language,
      ...options,
      ...(entry.budgetMs ? { timeBudgetMs: entry.budgetMs } : {}),
      isCancelled: () => !this.live(entry, generation),
      // A notebook's program is parsed whole each time, but the statements of its unchanged cells
      // keep their facts (src/core/extract/incremental.ts): the previous result goes in without edits.
      ...(incremental ? { previous: base.result, edits } : base !== undefined && !entry.reset && s.kind === 'notebook' ? { previous: base.result } : {}),
    });
    const stale = !this.live(entry, generation) || version !== this.docs.version(s);
    if (result.partial && !stale && (entry.budgetMs ?? 2000) < 4000) {
      entry.budgetMs = (entry.budgetMs ?? 2000) * 2;
      this.schedule(entry, settings.debounceMs);
    } else if (!result.partial) entry.budgetMs = undefined;
    if (!result.partial && !stale) entry.base = { result, version };
    else if (!stale) entry.reset = true; // nothing to apply later edits to: parse from scratch
    for (const note of result.notes) this.connection.console.info(`${uriPath(s.uri)}: ${note}`);
    if (stale) return;
    if (input.text.length > settings.maxFileSize && !this.toldTooLarge.has(s.uri)) {
      this.toldTooLarge.add(s.uri);
      const name = input.path.slice(input.path.lastIndexOf('/') + 1);
      this.connection.window.showInformationMessage(this.t('Activation Lens: {0}: {1} (activationLens.maxFileSize)', name, result.notes[0] ?? ''));
    }
    // The document's summary joins the project (the modules it imports are read from disk); the
    // project is linked again, other files' cross-file diagnostics follow, and this document's own
    // diagnostics get the findings that links from elsewhere report in it.
    const { path: _path, ...linkOptions } = options;
    this.linkOptions = linkOptions;
    try {
      this.project.fromEditor(input.path, input.language, result, { options: { locale: this.locale }, maxSize: settings.maxFileSize });
    } catch (e) {
      this.connection.console.error(`project index: ${e instanceof Error ? e.message : String(e)}`);
    }
    entry.latest = { result, own: result, version, locate: this.locator(s, uris), uris };
    this.relink(entry);
    this.show(entry);
  }

  /** Publishes a document's own findings with the project's findings reported in it. */
  private show(entry: Entry): void {
    const latest = entry.latest;
    if (!latest) return;
    const path = uriPath(entry.subject.uri);
    const linked = this.linked.get(path) ?? [];
    latest.result = linked.length ? { ...latest.own, findings: [...latest.own.findings, ...linked.map(asFinding)] } : latest.own;
    this.publish(entry, toLspDiagnostics(latest.result, latest.locate, latest.uris, this.relatedLocator(path, latest.locate)));
  }

  /** Related places in another file of the project: that file's URI (the open document's, when open). */
  private relatedLocator(path: string, locate: Locate): (p: string, r: Range) => LspLocation | undefined {
    return (p, r) => (p === path ? locate(r) : { uri: this.uriOfPath(p), range: toLspRange(r) });
  }

  private uriOfPath(path: string): string {
    for (const e of this.entries.values()) if (uriPath(e.subject.uri) === path) return e.subject.uri;
    return pathToFileURL(path).href;
  }

  private scheduleRelink(): void {
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    this.relinkTimer = setTimeout(() => {
      this.relinkTimer = undefined;
      this.relink();
    }, RELINK_DELAY_MS);
  }

  /**
   * Links the project again and republishes what changed: open documents whose cross-file findings
   * changed (except `skip`, about to be published by its caller) and files that are not open
   * (their cross-file findings alone; cleared when the link goes away). Notebooks that are not open
   * get none (their cells have no URI until the client opens them).
   */
  private relink(skip?: Entry): void {
    if (!this.linkOptions) return;
    let next: Map<string, ProjectFinding[]>;
    try {
      next = this.project.link(this.linkOptions);
    } catch (e) {
      this.connection.console.error(`project link: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const prev = this.linked;
    this.linked = next;
    const open = new Set<string>();
    for (const e of this.entries.values()) {
      const path = uriPath(e.subject.uri);
      open.add(path);
      if (e !== skip && e.latest && signature(prev.get(path)) !== signature(next.get(path))) this.show(e);
    }
    const sent = new Map<string, string>();
    for (const [path, findings] of next) {
      if (open.has(path) || !path.endsWith('.py')) continue;
      const uri = pathToFileURL(path).href;
      if (this.docs.resolve(uri)) continue; // open, its entry not made yet: it publishes when analyzed
      const locate: Locate = (r) => ({ uri, range: toLspRange(r) });
      const other = this.relatedLocator(path, locate);
      const diagnostics = findings.flatMap((f) => toLspDiagnostic(asFinding(f), locate, other)?.diagnostic ?? []);
      const sig = signature(diagnostics);
      sent.set(uri, sig);
      if (this.sentLinked.get(uri) !== sig) this.send(uri, diagnostics);
    }
    for (const uri of this.sentLinked.keys()) if (!sent.has(uri) && !this.entries.has(uri)) this.send(uri, []);
    this.sentLinked = sent;
  }

  /** Analyzer ranges → document locations: the file, or the cell named by `range.cell` (cells as analyzed). */
  private locator(s: Subject, uris: readonly string[]): Locate {
    if (s.kind === 'text') return (r) => ({ uri: s.uri, range: toLspRange(r) });
    return (r) => {
      if (r.cell === undefined || r.cell < 0 || r.cell >= uris.length) return undefined;
      return { uri: uris[r.cell]!, range: toLspRange(r) };
    };
  }

  private publish(entry: Entry, byUri: Map<string, LspDiagnostic[]>): void {
    for (const old of entry.published) if (!byUri.has(old)) this.send(old, []);
    entry.published = [];
    for (const [uri, diagnostics] of byUri) {
      this.send(uri, diagnostics);
      entry.published.push(uri);
    }
    for (const w of entry.waiters.splice(0)) w();
  }

  private send(uri: string, diagnostics: LspDiagnostic[]): void {
    const doc = this.docs.text(uri) ?? this.docs.cell(uri);
    void this.connection
      .sendDiagnostics({ uri, diagnostics, ...(doc ? { version: doc.version } : {}) })
      .catch(() => undefined);
  }

  private close(uri: string, clear = true): void {
    const entry = this.entries.get(uri);
    this.toldTooLarge.delete(uri);
    this.settings.forget(uri);
    if (!entry) return;
    this.entries.delete(uri);
    entry.generation++;
    if (entry.timer) clearTimeout(entry.timer);
    if (clear) {
      for (const u of entry.published) this.send(u, []);
      // Its summary comes from disk again; the cross-file findings in it are published as for a closed file.
      this.sentLinked.delete(uri);
      this.project.closed(uriPath(uri));
      this.scheduleRelink();
    }
    for (const w of entry.waiters.splice(0)) w();
  }

  /** The result for a document as it is now (analyzing at once when out of date), or undefined. */
  private async current(uri: string): Promise<Current | undefined> {
    const r = this.docs.resolve(uri);
    if (!r) return undefined;
    const entry = this.entryOf(r.subject);
    const settings = await this.settings.for(r.subject.uri);
    if (!settings.enable) return undefined;
    if (entry.latest?.version !== this.docs.version(r.subject)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, WAIT_MS);
        entry.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        this.schedule(entry, 0);
      });
    }
    const latest = entry.latest;
    if (!latest || this.entries.get(r.subject.uri) !== entry) return undefined;
    const doc = r.doc;
    const lineText = (line: number) =>
      line < doc.lineCount ? doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '') : undefined;
    const style = r.subject.kind === 'notebook' || doc.languageId === 'python' || /\.pyi?$/.test(uri) ? 'python' : 'js';
    return { subject: r.subject, result: latest.result, locate: latest.locate, lineText, style, ...(r.cell !== undefined ? { cell: r.cell } : {}) };
  }

  // --- requests ---------------------------------------------------------------------------

  private async hover(params: unknown): Promise<Hover | null> {
    if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string' || !isPosition(params.position)) return null;
    const current = await this.current(params.textDocument.uri);
    if (!current) return null;
    const pos = { line: params.position.line, column: params.position.character };
    // Registry keys another file of the project gives (`ACT2FN[config.hidden_act]`) resolved first.
    const activations = this.project.resolveSites(uriPath(current.subject.uri), current.result.activations);
    const result = activations === current.result.activations ? current.result : { ...current.result, activations: [...activations] };
    const answer = hoverAt(result, current.cell, pos, { locale: this.locale, t: this.t, plotLink: false });
    if (!answer) return null;
    return { contents: { kind: 'markdown', value: answer.markdown }, range: toLspRange(answer.range) };
  }

  private async codeActions(params: unknown): Promise<CodeAction[]> {
    if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') return [];
    const uri = params.textDocument.uri;
    const context = isObject(params.context) ? params.context : {};
    const only = Array.isArray(context.only) ? context.only.filter((k): k is string => typeof k === 'string') : undefined;
    const diagnostics = (Array.isArray(context.diagnostics) ? context.diagnostics : []).filter(
      (d): d is Diagnostic => isObject(d) && isRange(d.range) && typeof d.message === 'string' && ruleIdOf(d as { source?: string }) !== undefined,
    );
    const quick = kindWanted(only, QUICK_FIX_KIND) && diagnostics.length > 0;
    const fixAll = kindWanted(only, FIX_ALL_KIND);
    if (!quick && !fixAll) return [];
    const current = await this.current(uri);
    if (!current) return [];
    const findings = findingsOnDocument(current.result.findings, current.cell);
    const actions: CodeAction[] = [];
    if (quick) {
      const pairs = new Map<object, Diagnostic>();
      for (const d of diagnostics) {
        const f = findingForDiagnostic(current.result, d, uri, current.locate);
        if (f && !pairs.has(f)) pairs.set(f, d);
      }
      const plans = quickFixPlans([...pairs.keys()] as typeof findings, findings, {
        t: this.t,
        style: current.style,
        lineText: (f) => current.lineText(f.range.start.line),
        docs: false,
      });
      for (const p of plans) actions.push(this.toAction(p, current.locate, p.resolves && pairs.get(p.resolves)));
    }
    if (fixAll) {
      const all = fixAllPlan(findings, this.t);
      if (all) actions.push(this.toAction(all, current.locate));
    }
    return actions;
  }

  private toAction(p: ActionPlan, locate: Locate, diagnostic?: Diagnostic): CodeAction {
    const changes: Record<string, Array<{ range: LspRange; newText: string }>> = {};
    for (const e of p.edits ?? ([] as CoreEdit[])) {
      const at = locate(e.range);
      if (at) (changes[at.uri] ??= []).push({ range: at.range, newText: e.newText });
    }
    return {
      title: p.title,
      kind: p.kind,
      edit: { changes },
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      ...(p.isPreferred !== undefined ? { isPreferred: p.isPreferred } : {}),
    };
  }
}

