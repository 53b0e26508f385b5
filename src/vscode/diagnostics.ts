/**
 * Keeps the Problems panel in step with the open files and notebooks: debounced analysis (on type
 * or on save, per settings), incremental re-parse with the previous result and the edits since,
 * a generation counter that drops stale results, cancellation, and clearing on close.
 * Hover and code actions ask it for the current result of a document (`resultFor`).
 */
import * as vscode from 'vscode';
import { analyze } from '../core/analyze';
import type { AnalysisResult, IncrementalEdit, SourceLanguage } from '../core/types';
import { analyzeOptions } from '../shared/config';
import { toDiagnostics } from './convert';
import { toIncrementalEdits } from '../shared/edits';
import { locale, settingsFor } from './settings';
import {
  notebookOfCell, notebookSubject, subjectInput, subjectKey, subjectUri, subjectUris, subjectVersion,
  textSubject, type Subject,
} from './subjects';

interface Entry {
  subject: Subject;
  /** Bumped by every schedule(); a run whose generation is not current is stale. */
  generation: number;
  timer?: ReturnType<typeof setTimeout>;
  cancel?: vscode.CancellationTokenSource;
  running?: Promise<void>;
  /** Last complete result and the version it was computed from: the base for incremental parses. */
  base?: { result: AnalysisResult; version: string };
  /** Edits since `base` (text documents only). */
  edits: IncrementalEdit[];
  /** What the diagnostics show. */
  latest?: { result: AnalysisResult; version: string };
  published: vscode.Uri[];
  waiters: Array<() => void>;
  /** Time budget for the next run: raised after a run the budget cut short (see analyzeOnce). */
  budgetMs?: number;
}

export interface CurrentResult {
  subject: Subject;
  result: AnalysisResult;
  /** For a cell document: its index in the notebook. */
  cell?: number;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /** Documents already told they are above activationLens.maxFileSize (told once while open). */
  private readonly toldTooLarge = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly publishedEmitter = new vscode.EventEmitter<string>();
  /** Fires with the subject key (its URI as a string) after new results are shown for it. */
  readonly onDidPublish = this.publishedEmitter.event;

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly log: vscode.LogOutputChannel,
    /** Called when live diagnostics take over a file (the workspace check drops its own). */
    private readonly onPublished: (uri: vscode.Uri) => void = () => undefined,
    /** Every complete, current result of an open document (the project index summarizes it). */
    private readonly onResult: (uri: vscode.Uri, language: SourceLanguage, result: AnalysisResult) => void = () => undefined,
  ) {
    const ws = vscode.workspace;
    this.disposables.push(
      ws.onDidOpenTextDocument((d) => this.openText(d)),
      ws.onDidChangeTextDocument((e) => this.changeText(e)),
      ws.onDidSaveTextDocument((d) => this.saved(d)),
      ws.onDidCloseTextDocument((d) => this.close(subjectKey({ kind: 'text', doc: d }))),
      ws.onDidOpenNotebookDocument((nb) => this.openNotebook(nb)),
      ws.onDidChangeNotebookDocument((e) => this.changeNotebook(e.notebook)),
      ws.onDidSaveNotebookDocument((nb) => this.savedNotebook(nb)),
      ws.onDidCloseNotebookDocument((nb) => this.close(nb.uri.toString())),
      // VS Code may keep a document's model (and so not fire onDidClose*) for minutes after its
      // last tab closed; what the user sees as closing is the last tab of that file going away.
      vscode.window.tabGroups.onDidChangeTabs((e) => this.tabsClosed(e.closed)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((ed) => this.openText(ed.document))),
      vscode.window.onDidChangeVisibleNotebookEditors((editors) => editors.forEach((ed) => this.openNotebook(ed.notebook))),
      ws.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('activationLens')) this.refreshAll();
      }),
    );
    for (const nb of ws.notebookDocuments) this.openNotebook(nb);
    for (const d of ws.textDocuments) this.openText(d);
  }

  /**
   * The result for a document as it is now (runs the analysis at once when out of date).
   * `passive` callers (inlay hints, CodeLens, the Models view: VS Code asks them after every edit,
   * unprompted) must not start an analysis that the `run` setting holds back: with `run = onSave`
   * they get nothing for an edited, unsaved document, and are asked again after the next publish.
   */
  async resultFor(doc: vscode.TextDocument, opts: { passive?: boolean } = {}): Promise<CurrentResult | undefined> {
    const nb = notebookOfCell(doc);
    const subject = nb ? notebookSubject(nb) : textSubject(doc);
    if (!subject) return undefined;
    const entry = this.entries.get(subjectKey(subject)) ?? this.track(subject);
    const settings = settingsFor(subjectUri(subject));
    if (!settings.enable) return undefined;
    if (entry.latest?.version !== subjectVersion(subject)) {
      if (opts.passive && settings.run !== 'onType' && entry.latest) return undefined;
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, 10_000);
        entry.waiters.push(() => {
          clearTimeout(timeout);
          resolve();
        });
        this.schedule(entry, 0);
      });
    }
    if (!entry.latest) return undefined;
    const cell = nb ? nb.getCells().findIndex((c) => c.document === doc) : undefined;
    return { subject, result: entry.latest.result, ...(cell !== undefined ? { cell } : {}) };
  }

  /** Re-analyzes every open subject (after a settings change, say). */
  refreshAll(): void {
    for (const e of this.entries.values()) this.schedule(e, 0);
  }

  private track(subject: Subject): Entry {
    const entry: Entry = { subject, generation: 0, edits: [], published: [], waiters: [] };
    this.entries.set(subjectKey(subject), entry);
    return entry;
  }

  private openText(doc: vscode.TextDocument): void {
    this.log.trace(`open ${doc.uri.toString(true)} ${doc.languageId} tracked=${this.entries.has(doc.uri.toString())}`);
    if (notebookOfCell(doc)) return; // its notebook is analyzed as a whole
    const s = textSubject(doc);
    if (s && !this.entries.has(subjectKey(s))) this.schedule(this.track(s), 0);
  }

  private openNotebook(nb: vscode.NotebookDocument): void {
    const s = notebookSubject(nb);
    if (s && !this.entries.has(subjectKey(s))) this.schedule(this.track(s), 0);
  }

  private changeText(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const nb = notebookOfCell(e.document);
    if (nb) return this.changeNotebook(nb);
    const s = textSubject(e.document);
    const entry = s && this.entries.get(subjectKey(s));
    if (!entry) return; // not tracked: closed in the editor, or not ours
    entry.edits.push(
      ...toIncrementalEdits(
        e.contentChanges.map((c) => ({
          rangeOffset: c.rangeOffset,
          rangeLength: c.rangeLength,
          start: { line: c.range.start.line, column: c.range.start.character },
          end: { line: c.range.end.line, column: c.range.end.character },
          text: c.text,
        })),
      ),
    );
    this.changed(entry);
  }

  private changeNotebook(nb: vscode.NotebookDocument): void {
    const s = notebookSubject(nb);
    const entry = s && this.entries.get(subjectKey(s));
    if (entry) this.changed(entry);
  }

  private changed(entry: Entry): void {
    const settings = settingsFor(subjectUri(entry.subject));
    if (settings.run === 'onType') this.schedule(entry, settings.debounceMs);
    else entry.generation++; // results of a run already under way are now stale
  }

  private saved(doc: vscode.TextDocument): void {
    const nb = notebookOfCell(doc);
    if (nb) return this.savedNotebook(nb);
    const s = textSubject(doc);
    if (s) this.schedule(this.entries.get(subjectKey(s)) ?? this.track(s), 0);
  }

  private savedNotebook(nb: vscode.NotebookDocument): void {
    const s = notebookSubject(nb);
    if (s) this.schedule(this.entries.get(subjectKey(s)) ?? this.track(s), 0);
  }

  private schedule(entry: Entry, delayMs: number): void {
    entry.generation++;
    entry.cancel?.cancel();
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.run(entry, entry.generation);
    }, delayMs);
  }

  private async run(entry: Entry, generation: number): Promise<void> {
    // One analysis per subject at a time: the previous parse tree is edited in place.
    while (entry.running) await entry.running;
    if (generation !== entry.generation || !this.entries.has(subjectKey(entry.subject))) return;
    const done = this.analyzeOnce(entry, generation);
    entry.running = done;
    try {
      await done;
    } finally {
      if (entry.running === done) entry.running = undefined;
    }
  }

  private async analyzeOnce(entry: Entry, generation: number): Promise<void> {
    const s = entry.subject;
    const uri = subjectUri(s);
    const settings = settingsFor(uri);
    const input = settings.enable ? subjectInput(s) : undefined;
    if (!input) {
      entry.latest = undefined;
      this.publish(entry, new Map());
      return;
    }
    const version = subjectVersion(s);
    const base = entry.base;
    const edits = entry.edits;
    entry.base = undefined; // consumed: the analyzer may edit the old tree in place
    entry.edits = [];
    const incremental = s.kind === 'text' && base !== undefined && edits.length > 0;
    const cancel = new vscode.CancellationTokenSource();
    entry.cancel = cancel;
    let result: AnalysisResult;
    try {
      result = await analyze(input.text, {
        language: input.language,
        path: uri.path,
        locale: locale(),
        ...analyzeOptions(settings),
        ...(entry.budgetMs ? { timeBudgetMs: entry.budgetMs } : {}),
        isCancelled: () => cancel.token.isCancellationRequested || generation !== entry.generation,
        // A notebook's program is parsed whole each time, but the statements of its unchanged cells
      // keep their facts (src/core/extract/incremental.ts): the previous result goes in without edits.
      ...(incremental ? { previous: base.result, edits } : base !== undefined && s.kind === 'notebook' ? { previous: base.result } : {}),
      });
    } catch (err) {
      this.log.error(`analysis of ${uri.toString(true)} failed`, err);
      for (const w of entry.waiters.splice(0)) w();
      return;
    } finally {
      cancel.dispose();
      if (entry.cancel === cancel) entry.cancel = undefined;
    }
    const stale = generation !== entry.generation || version !== subjectVersion(s);
    // Cut short by the time budget, not by a newer edit (a busy machine, many files opening at
    // once): publish what it has, then run once more with twice the time (2 s → 4 s), so the
    // diagnostics still settle to the full result without blocking the host for long.
    if (result.partial && !stale && this.entries.has(subjectKey(s)) && (entry.budgetMs ?? 2000) < 4000) {
      entry.budgetMs = (entry.budgetMs ?? 2000) * 2;
      this.schedule(entry, settings.debounceMs);
    } else if (!result.partial) entry.budgetMs = undefined;
    if (!result.partial) entry.base = { result, version };
    else entry.edits = []; // nothing to apply them to: the next run parses from scratch
    for (const note of result.notes) this.log.info(`${uri.toString(true)}: ${note}`);
    if (stale || !this.entries.has(subjectKey(s))) return;
    if (result.skipped === 'tooLarge' && !this.toldTooLarge.has(subjectKey(s))) {
      this.toldTooLarge.add(subjectKey(s));
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Activation Lens: {0}: {1} (activationLens.maxFileSize)', name, result.notes[0] ?? ''),
      );
    }
    entry.latest = { result, version };
    this.publish(entry, toDiagnostics(s, result, subjectUris(s)));
    this.onResult(uri, input.language, result);
  }

  private publish(entry: Entry, byUri: Map<string, vscode.Diagnostic[]>): void {
    this.log.trace(`publish ${subjectKey(entry.subject)} ${[...byUri.values()].map((d) => d.length).join(',')}`);
    for (const old of entry.published) if (!byUri.has(old.toString())) this.collection.delete(old);
    entry.published = [];
    for (const [key, diagnostics] of byUri) {
      const uri = vscode.Uri.parse(key);
      this.collection.set(uri, diagnostics);
      entry.published.push(uri);
    }
    this.onPublished(subjectUri(entry.subject));
    this.publishedEmitter.fire(subjectKey(entry.subject));
    const waiters = entry.waiters.splice(0);
    for (const w of waiters) w();
  }

  private tabsClosed(closed: readonly vscode.Tab[]): void {
    const uriOf = (t: vscode.Tab) =>
      t.input instanceof vscode.TabInputText || t.input instanceof vscode.TabInputNotebook ? t.input.uri.toString() : undefined;
    const stillShown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map(uriOf)));
    for (const t of closed) {
      const key = uriOf(t);
      if (key && !stillShown.has(key)) this.close(key);
    }
  }

  private close(key: string): void {
    this.log.trace(`close ${key} tracked=${this.entries.has(key)}`);
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.toldTooLarge.delete(key);
    entry.generation++;
    entry.cancel?.cancel();
    if (entry.timer) clearTimeout(entry.timer);
    for (const uri of entry.published) this.collection.delete(uri);
    for (const w of entry.waiters.splice(0)) w();
  }

  dispose(): void {
    for (const key of [...this.entries.keys()]) this.close(key);
    for (const d of this.disposables) d.dispose();
    this.publishedEmitter.dispose();
  }
}
