/**
 * The workspace as one project (issue 12): a model defined in model.py that meets a loss in
 * train.py is reported, in its own diagnostic collection, where the rule reports it, with the
 * other end as related information.
 *
 * The index keeps one small summary per Python file or notebook (src/core/project: the models its
 * top-level names stand for, its imports, its links to imported models — no parse tree, no text
 * except for files that have such models or links), bounded to MAX_FILES files. Open documents are
 * summarized from the live analysis (DiagnosticsController calls `fromEditor`); other files are
 * read from disk with vscode.workspace.fs, first the import closure of the open files, then the
 * rest of the workspace in the background (window progress). A file system watcher keeps it up to
 * date (create / change / delete). Any change re-links the project — the links of the files that
 * import the changed module are resolved again against its new exports, without re-analyzing them —
 * and republishes: remove the softmax in model.py and the finding goes away without touching
 * train.py. Nothing here throws into VS Code: every failure is logged.
 */
import * as vscode from 'vscode';
import { analyze } from '../core/analyze';
import { MAX_PROJECT_FILES, mayMatter, Project, summarize, type ProjectFinding } from '../core/project';
import type { ActivationSite, AnalysisResult, Severity, SourceLanguage } from '../core/types';
import { analyzeOptions } from '../shared/config';
import { SOURCE } from './convert';
import { ruleDocsUrl } from '../shared/links';
import { locale, settingsFor } from './settings';

/** At most this many files are summarized (the rest of a huge workspace is not indexed). */
export const MAX_FILES = MAX_PROJECT_FILES;
const INCLUDE = '**/*.{py,ipynb}';
const EXCLUDE = '**/{node_modules,.git,.venv,venv,env,site-packages,__pycache__,dist,build,out,.vscode-test}/**';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function languageOf(path: string): SourceLanguage | undefined {
  return path.endsWith('.py') ? 'python' : path.endsWith('.ipynb') ? 'ipynb' : undefined;
}

/** The index key of a file URI: its fsPath with '/' separators (file: URIs only). */
export function keyOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? uri.fsPath.replace(/\\/g, '/') : undefined;
}

export class ProjectIndex implements vscode.Disposable {
  private project: Project;
  private readonly uris = new Map<string, vscode.Uri>();
  /** Files whose summary comes from the editor (open documents), not from disk. */
  private readonly fromOpen = new Set<string>();
  private readonly published = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private relinkTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> | undefined;
  private disposed = false;
  /** Bumped by each disk read of a file, so a slow read never overwrites a newer summary. */
  private readonly readGen = new Map<string, number>();
  private readonly changedListeners: Array<() => void> = [];

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.project = new Project(this.roots());
    const watcher = vscode.workspace.createFileSystemWatcher(INCLUDE);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.safe(() => this.created(u))),
      watcher.onDidChange((u) => this.safe(() => this.changedOnDisk(u))),
      watcher.onDidDelete((u) => this.safe(() => this.deleted(u))),
      vscode.workspace.onDidCloseTextDocument((d) => this.safe(() => this.closed(d.uri))),
      vscode.workspace.onDidCloseNotebookDocument((n) => this.safe(() => this.closed(n.uri))),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.safe(() => this.restart())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('activationLens')) this.scheduleRelink(0);
      }),
    );
    this.scanning = this.scan();
  }

  /**
   * A document's activation sites with registry keys read from another file of the workspace
   * resolved (`ACT2FN[config.hidden_act]` → the config class in configuration_x.py); the sites as
   * they are when the document is not a workspace file.
   */
  resolveSites(uri: vscode.Uri, sites: readonly ActivationSite[]): readonly ActivationSite[] {
    const key = keyOf(uri);
    if (!key || !sites.some((s) => s.lookup && !s.id)) return sites;
    return this.project.resolveSites(key, sites);
  }

  /** Number of summarized files (tests, bench). */
  get size(): number {
    return this.project.size;
  }

  /** Resolves after the initial scan and the next re-link (tests). */
  async settled(): Promise<void> {
    await this.scanning;
    if (this.relinkTimer) await new Promise<void>((resolve) => this.changedListeners.push(resolve));
  }

  private roots(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).map((f) => keyOf(f.uri)).filter((k): k is string => k !== undefined);
  }

  private safe(fn: () => unknown): void {
    try {
      const r = fn();
      if (r instanceof Promise) r.catch((e: unknown) => this.log.error('project index', e));
    } catch (e) {
      this.log.error('project index', e);
    }
  }

  private restart(): void {
    this.project = new Project(this.roots());
    this.uris.clear();
    this.fromOpen.clear();
    this.scanning = this.scan();
  }

  /** The live analysis of an open document (called by the DiagnosticsController). */
  fromEditor(uri: vscode.Uri, language: SourceLanguage, result: AnalysisResult): void {
    this.safe(() => {
      const key = keyOf(uri);
      if (!key || (language !== 'python' && language !== 'ipynb') || result.partial) return;
      this.uris.set(key, uri);
      this.fromOpen.add(key);
      this.readGen.set(key, (this.readGen.get(key) ?? 0) + 1);
      const known = this.project.get(key);
      this.project.set(summarize(key, language, result));
      // A newly opened file pulls in the modules it imports first, before the background scan.
      if (!known) {
        void this.indexImportsOf(key)
          .then(() => this.scheduleRelink(0))
          .catch((e: unknown) => this.log.error('project index', e));
      }
      this.scheduleRelink(0);
    });
  }

  private async scan(): Promise<void> {
    let uris: vscode.Uri[];
    try {
      uris = await vscode.workspace.findFiles(INCLUDE, EXCLUDE, MAX_FILES);
    } catch (e) {
      this.log.error('project index: listing the workspace failed', e);
      return;
    }
    for (const u of uris) {
      const k = keyOf(u);
      if (!k) continue;
      this.uris.set(k, u);
      this.project.addPath(k);
    }
    // Open files first (their summaries come from the editor), with the modules they import.
    for (const k of [...this.fromOpen]) await this.indexImportsOf(k);
    this.scheduleRelink(0);
    const rest = uris.filter((u) => {
      const k = keyOf(u);
      return k !== undefined && !this.project.get(k);
    });
    if (rest.length === 0) return this.scheduleRelink(0);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Activation Lens: indexing the project') },
      async (progress) => {
        for (const [i, u] of rest.entries()) {
          if (this.disposed) return;
          const k = keyOf(u)!;
          if (!this.project.get(k)) await this.readFromDisk(k, u);
          if (i % 25 === 0) {
            progress.report({ message: `${i + 1}/${rest.length}` });
            await new Promise((r) => setTimeout(r, 0)); // let editor work in between
          }
        }
      },
    );
    this.scheduleRelink(0);
  }

  /** Summarizes the project files `key` imports (transitively, from disk unless open). */
  private async indexImportsOf(key: string, depth = 0): Promise<void> {
    if (depth > 6 || this.disposed) return;
    for (const dep of this.project.importsOf(key)) {
      if (this.project.get(dep)) continue;
      const uri = this.uris.get(dep) ?? vscode.Uri.file(dep);
      await this.readFromDisk(dep, uri);
      await this.indexImportsOf(dep, depth + 1);
    }
  }

  private async readFromDisk(key: string, uri: vscode.Uri): Promise<void> {
    if (this.fromOpen.has(key) || this.project.size >= MAX_FILES) return;
    const language = languageOf(key);
    const settings = settingsFor(uri);
    if (!language || !settings.enable) return;
    const gen = (this.readGen.get(key) ?? 0) + 1;
    this.readGen.set(key, gen);
    let text: string;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > settings.maxFileSize * 4) return;
      text = new TextDecoder().decode(bytes);
    } catch {
      return; // deleted meanwhile, unreadable: not part of the index
    }
    if (text.length > settings.maxFileSize) return;
    if (!mayMatter(key, text)) {
      this.project.addPath(key);
      return;
    }
    const result = await analyze(text, { language, path: uri.path, locale: locale(), ...analyzeOptions(settings) });
    if (this.readGen.get(key) !== gen || this.fromOpen.has(key) || this.disposed) return;
    this.uris.set(key, uri);
    this.project.set(summarize(key, language, result));
  }

  private created(uri: vscode.Uri): void {
    const key = keyOf(uri);
    if (!key) return;
    this.uris.set(key, uri);
    this.project.addPath(key);
    void this.readFromDisk(key, uri).then(() => this.scheduleRelink());
  }

  private changedOnDisk(uri: vscode.Uri): void {
    const key = keyOf(uri);
    if (!key || this.fromOpen.has(key)) return; // open: the editor's text is what counts
    void this.readFromDisk(key, uri).then(() => this.scheduleRelink());
  }

  private deleted(uri: vscode.Uri): void {
    const key = keyOf(uri);
    if (!key) return;
    this.project.delete(key);
    this.fromOpen.delete(key);
    this.uris.delete(key);
    this.scheduleRelink();
  }

  /** A closed document's unsaved edits are gone: its summary comes from disk again. */
  private closed(uri: vscode.Uri): void {
    const key = keyOf(uri);
    if (!key || !this.fromOpen.delete(key)) return;
    void this.readFromDisk(key, uri).then(() => this.scheduleRelink());
  }

  private scheduleRelink(delayMs = 100): void {
    if (this.disposed) return;
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    this.relinkTimer = setTimeout(() => {
      this.relinkTimer = undefined;
      this.safe(() => this.relink());
      for (const l of this.changedListeners.splice(0)) l();
    }, delayMs);
  }

  /** Links the whole project again (cheap: only the links to imported models) and republishes. */
  private relink(): void {
    const settings = settingsFor(undefined);
    if (!settings.enable) {
      this.collection.clear();
      this.published.clear();
      return;
    }
    const linked = this.project.link({ locale: locale(), ...analyzeOptions(settings) });
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const [key, findings] of linked) {
      const file = this.uris.get(key) ?? vscode.Uri.file(key);
      for (const f of findings) {
        const uri = this.locationUri(file, f.range.cell);
        const slot = byUri.get(uri.toString()) ?? { uri, diagnostics: [] };
        slot.diagnostics.push(this.toDiagnostic(f));
        byUri.set(uri.toString(), slot);
      }
    }
    const now = new Set<string>();
    for (const [k, { uri, diagnostics }] of byUri) {
      this.collection.set(uri, diagnostics);
      now.add(k);
    }
    for (const old of this.published) if (!now.has(old)) this.collection.delete(vscode.Uri.parse(old));
    this.published.clear();
    for (const n of now) this.published.add(n);
    this.log.trace(`project index: ${this.project.size} files, ${now.size} with linked findings`);
  }

  /** The document a position lands in: the file, or the notebook cell when the notebook is open. */
  private locationUri(uri: vscode.Uri, cell: number | undefined): vscode.Uri {
    if (cell === undefined) return uri;
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString());
    return nb && cell < nb.cellCount ? nb.cellAt(cell).document.uri : uri;
  }

  private toDiagnostic(f: ProjectFinding): vscode.Diagnostic {
    const r = f.range;
    const d = new vscode.Diagnostic(new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column), f.message, SEVERITY[f.severity] ?? vscode.DiagnosticSeverity.Warning);
    d.source = SOURCE;
    d.code = { value: f.rule, target: vscode.Uri.parse(ruleDocsUrl(f.rule)) };
    d.relatedInformation = (f.related ?? []).map((rel) => {
      const base = this.uris.get(rel.path ?? f.path) ?? vscode.Uri.file(rel.path ?? f.path);
      const at = new vscode.Range(rel.range.start.line, rel.range.start.column, rel.range.end.line, rel.range.end.column);
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(this.locationUri(base, rel.range.cell), at), rel.message);
    });
    return d;
  }

  dispose(): void {
    this.disposed = true;
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    for (const d of this.disposables) d.dispose();
  }
}
