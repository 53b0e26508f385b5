/**
 * The language server's project index: the workspace as one project, as the VS Code extension
 * keeps it (src/vscode/projectIndex.ts), over node:fs. A model defined in model.py that meets its
 * loss in train.py is reported in model.py, with train.py's loss as related information.
 *
 * One summary per Python file or notebook (src/core/project). The workspace folders (initialize,
 * didChangeWorkspaceFolders) are listed on disk (listProjectFiles: ≤ MAX_PROJECT_FILES files,
 * node_modules, .git, venv, site-packages, __pycache__, dist, build and hidden folders skipped);
 * only files that may matter (`mayMatter`: they mention torch, keras, tensorflow, compile( or a
 * Config class, and every `__init__.py`) are read and summarized, in the background, after the
 * modules the open documents import (pullImports, shared with the CLI). An open document's summary
 * comes from the editor's text (`fromEditor`, after each analysis) and replaces the disk one until
 * it is closed. Files changed on disk are read again when the client says so (`diskChanged`, from
 * workspace/didChangeWatchedFiles) or, for clients that cannot watch files, when `rescan` finds a
 * new modification time (the server calls it on each didSave).
 *
 * The server links the whole project (`link`: only the links to imported models and the registry
 * keys are resolved, no file is analyzed again) after each analysis and whenever `onChange`
 * listeners hear that a summary changed, as the extension does. Re-linking only a changed file's
 * dependents was measured slower: Project.dependentsOf rebuilds the reverse import graph (62–188 ms
 * on timm's 257 files) and per-file links cost more than one whole link (7 ms against 0.5 ms on 76
 * transformers model folders; whole link 1.2 ms on timm).
 */
import * as fs from 'node:fs';
import { MAX_PROJECT_FILES, mayMatter, normalizePath, Project, summarize, type ProjectFinding } from '../core/project';
import type { ActivationSite, AnalysisResult, AnalyzeOptions, SourceLanguage } from '../core/types';
import { listProjectFiles, pathOfKey, pullImports, readSummary, type Analyze } from '../node/projectDisk';

/** How disk files are analyzed for their summaries (the settings of the last analysis). */
export interface ReadOptions {
  options: Omit<AnalyzeOptions, 'language' | 'path' | 'maxChars'>;
  maxSize: number;
}

export interface DiskChange {
  path: string;
  deleted: boolean;
}

export interface ProjectIndex {
  /** The workspace folders as file-system paths (initialize, then each didChangeWorkspaceFolders). */
  setRoots(paths: readonly string[]): void;
  /** An open document's fresh analysis: its summary replaces the one read from disk. */
  fromEditor(path: string, language: SourceLanguage, result: AnalysisResult, read: ReadOptions): void;
  /** An open document was closed: its unsaved edits are gone, the disk's text counts again. */
  closed(path: string): void;
  /** Files the client reports created, changed or deleted on disk. */
  diskChanged(changes: readonly DiskChange[]): void;
  /** Looks at the disk again for new, changed and deleted files (clients that cannot watch files). */
  rescan(): void;
  /** Findings of the links that cross files, per file (path) they are reported in. */
  link(options: Omit<AnalyzeOptions, 'language'>): Map<string, ProjectFinding[]>;
  /** A document's activation sites with registry keys another file gives resolved. */
  resolveSites(path: string, sites: readonly ActivationSite[]): readonly ActivationSite[];
  /** Called (possibly often) when a summary changed: the caller links again. */
  onChange(listener: () => void): void;
}

export const NO_PROJECT: ProjectIndex = {
  setRoots: () => undefined,
  fromEditor: () => undefined,
  closed: () => undefined,
  diskChanged: () => undefined,
  rescan: () => undefined,
  link: () => new Map(),
  resolveSites: (_path, sites) => sites,
  onChange: () => undefined,
};

function mtimeOf(key: string): number | undefined {
  try {
    const st = fs.statSync(pathOfKey(key));
    return st.isFile() ? st.mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class DiskProjectIndex implements ProjectIndex {
  private project = new Project([]);
  private roots: string[] = [];
  /** Files whose summary comes from the editor (open documents), not from disk. */
  private readonly fromOpen = new Set<string>();
  /** Bumped by each summary of a file, so a slow disk read never overwrites a newer summary. */
  private readonly gen = new Map<string, number>();
  /** Modification time of each file as last read (rescan compares). */
  private readonly mtimes = new Map<string, number>();
  private readonly listeners: Array<() => void> = [];
  private epoch = 0;
  private read: ReadOptions;
  private rescanning: Promise<void> | undefined;
  private rescanAgain = false;
  /** The initial listing and reading of the workspace (tests wait for it). */
  scanning: Promise<void> = Promise.resolve();

  constructor(
    private readonly analyze: Analyze,
    defaults: ReadOptions,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.read = defaults;
  }

  get size(): number {
    return this.project.size;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  setRoots(paths: readonly string[]): void {
    this.epoch++;
    this.roots = paths.map(normalizePath);
    const open = [...this.fromOpen].map((k) => this.project.get(k)).filter((s) => s !== undefined);
    this.project = new Project(this.roots);
    this.mtimes.clear();
    for (const s of open) this.project.set(s);
    this.scanning = this.scan(this.epoch).catch((e: unknown) => this.log(`project index: ${String(e)}`));
  }

  private async scan(epoch: number): Promise<void> {
    if (this.roots.length === 0) return;
    const files = await listProjectFiles(this.roots, MAX_PROJECT_FILES, () => epoch !== this.epoch);
    if (epoch !== this.epoch) return;
    for (const f of files) this.project.addPath(f);
    // The open documents' imports first, then the rest of the workspace.
    if (this.fromOpen.size > 0 && (await this.pullFrom([...this.fromOpen])) > 0) this.changed();
    let read = 0;
    for (const [i, f] of files.entries()) {
      if (epoch !== this.epoch || this.project.size >= MAX_PROJECT_FILES) return;
      if (!this.project.get(f) && (await this.readFromDisk(f, true))) read++;
      if (i % 10 === 9) await tick(); // let requests in between
    }
    this.log(`project index: ${files.length} Python files in the workspace, ${this.project.size} summarized`);
    if (read > 0) this.changed();
  }

  /** Reads the project files `files` import (transitively) that have no summary yet; how many it summarized. */
  private async pullFrom(files: readonly string[]): Promise<number> {
    let n = 0;
    const project = this.project;
    await pullImports(project, files, async (f) => {
      if (this.project !== project) return false;
      const ok = await this.readFromDisk(f, false);
      if (ok) n++;
      return ok;
    });
    return n;
  }

  /** Summarizes a file from disk (only when its text may matter, with `filter`); whether it did. */
  private async readFromDisk(key: string, filter: boolean): Promise<boolean> {
    if (this.fromOpen.has(key)) return false;
    const project = this.project;
    const g = (this.gen.get(key) ?? 0) + 1;
    this.gen.set(key, g);
    const mtime = mtimeOf(key);
    if (mtime === undefined) {
      this.forget(key);
      return false;
    }
    this.mtimes.set(key, mtime);
    const summary = await readSummary(key, this.analyze, this.read.options, this.read.maxSize, key, filter ? (text) => mayMatter(key, text) : undefined);
    if (this.gen.get(key) !== g || this.fromOpen.has(key) || this.project !== project) return false;
    if (!summary) {
      // unreadable, too large, or nothing another file could need: a module that exists, no summary
      if (project.get(key)) project.delete(key);
      project.addPath(key);
      return false;
    }
    project.set(summary);
    return true;
  }

  private forget(key: string): void {
    this.gen.set(key, (this.gen.get(key) ?? 0) + 1);
    this.mtimes.delete(key);
    this.project.delete(key);
  }

  fromEditor(path: string, language: SourceLanguage, result: AnalysisResult, read: ReadOptions): void {
    this.read = read;
    if ((language !== 'python' && language !== 'ipynb') || result.partial) return;
    const key = normalizePath(path);
    const before = this.project.get(key);
    const wasOpen = this.fromOpen.has(key);
    this.fromOpen.add(key);
    this.gen.set(key, (this.gen.get(key) ?? 0) + 1);
    const summary = summarize(key, language, result);
    this.project.set(summary);
    // A newly opened file, or one whose imports changed, pulls in the modules it imports.
    if (!wasOpen || !before || before.importNames.join('\n') !== summary.importNames.join('\n')) {
      void this.pullFrom([key])
        .then((n) => n > 0 && this.changed())
        .catch((e: unknown) => this.log(`project index: ${String(e)}`));
    }
  }

  closed(path: string): void {
    const key = normalizePath(path);
    if (!this.fromOpen.delete(key)) return;
    void this.readFromDisk(key, false)
      .then(() => this.changed())
      .catch((e: unknown) => this.log(`project index: ${String(e)}`));
  }

  diskChanged(changes: readonly DiskChange[]): void {
    void (async () => {
      let any = false;
      for (const c of changes) {
        const key = normalizePath(c.path);
        if (!key.endsWith('.py') && !key.endsWith('.ipynb')) continue;
        if (c.deleted) {
          if (this.project.modules.has(key)) {
            this.fromOpen.delete(key);
            this.forget(key);
            any = true;
          }
          continue;
        }
        if (this.fromOpen.has(key)) continue; // open: the editor's text is what counts
        if (!this.project.modules.has(key) && !this.roots.some((r) => key.startsWith(`${r}/`))) continue;
        const had = this.project.get(key) !== undefined;
        this.project.addPath(key);
        await this.readFromDisk(key, !had);
        any = true;
      }
      if (any) this.changed();
    })().catch((e: unknown) => this.log(`project index: ${String(e)}`));
  }

  rescan(): void {
    if (this.rescanning) {
      this.rescanAgain = true;
      return;
    }
    this.rescanning = (async () => {
      do {
        this.rescanAgain = false;
        await this.scanning;
        const epoch = this.epoch;
        const listed = await listProjectFiles(this.roots, MAX_PROJECT_FILES, () => epoch !== this.epoch);
        if (epoch !== this.epoch) continue;
        const changes: DiskChange[] = [];
        for (const key of new Set([...listed, ...this.mtimes.keys()])) {
          if (this.fromOpen.has(key)) continue;
          const m = mtimeOf(key);
          if (m === undefined) changes.push({ path: key, deleted: true });
          else if (this.mtimes.get(key) !== m && (this.mtimes.has(key) || !this.project.modules.has(key))) changes.push({ path: key, deleted: false });
        }
        if (changes.length > 0) this.diskChanged(changes);
      } while (this.rescanAgain);
    })()
      .catch((e: unknown) => this.log(`project index: ${String(e)}`))
      .finally(() => (this.rescanning = undefined));
  }

  link(options: Omit<AnalyzeOptions, 'language'>): Map<string, ProjectFinding[]> {
    return this.project.link(options);
  }

  resolveSites(path: string, sites: readonly ActivationSite[]): readonly ActivationSite[] {
    if (!sites.some((s) => s.lookup && !s.id)) return sites;
    return this.project.resolveSites(normalizePath(path), sites);
  }
}
