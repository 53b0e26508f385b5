/**
 * The project on a node file system, for the two adapters that read it with node:fs (the CLI's
 * `check`/`list` and the language server); the VS Code extension reads through vscode.workspace.fs.
 *
 * - `pullImports`: the project files some files import, transitively, found on disk through
 *   `ModuleResolver.candidates()` (the files `resolve` would look for) and summarized by a callback.
 * - `readSummary`: one file read with the size limits of `check` (readSource), analyzed without
 *   rules (only the summary is kept) and summarized.
 * - `listProjectFiles`: a workspace's Python files and notebooks, bounded as the extension bounds it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_PROJECT_FILES, SKIPPED_PROJECT_DIRS, summarize, type FileSummary, type Project } from '../core/project';
import type { AnalysisResult, AnalyzeOptions, SourceLanguage } from '../core/types';
import { readSource } from '../cli/files';

/** How far and how many project files given files pull in through their imports. */
export const PULL_DEPTH = 6;
export const PULL_MAX = 300;

export type Analyze = (text: string, options: AnalyzeOptions) => Promise<AnalysisResult>;

/** A project key ('/'-separated) of an absolute path, and back. */
export const keyOfPath = (absolute: string): string => absolute.split(path.sep).join('/');
export const pathOfKey = (key: string): string => key.split('/').join(path.sep);

export function isFile(key: string): boolean {
  try {
    return fs.statSync(pathOfKey(key)).isFile();
  } catch {
    return false;
  }
}

export function projectLanguageOf(key: string): 'python' | 'ipynb' | undefined {
  return key.endsWith('.py') ? 'python' : key.endsWith('.ipynb') ? 'ipynb' : undefined;
}

/**
 * Follows the imports of `from` (summarized files of `project`) breadth first: a module not yet
 * known is looked for on disk (`candidates`), and each project file reached that has no summary
 * is handed to `read` (which summarizes it into the project and says whether it did); summarized
 * files are followed in turn. Returns the files handed to `read`.
 */
export async function pullImports(
  project: Project,
  from: Iterable<string>,
  read: (file: string) => Promise<boolean>,
  limits: { depth: number; max: number } = { depth: PULL_DEPTH, max: PULL_MAX },
): Promise<string[]> {
  const queue: [string, number][] = [...from].map((f) => [f, 0]);
  const seen = new Set<string>(queue.map(([f]) => f));
  const handed: string[] = [];
  while (queue.length > 0 && handed.length < limits.max) {
    const [file, depth] = queue.shift()!;
    const summary = project.get(file);
    if (!summary || depth >= limits.depth) continue;
    for (const q of summary.importNames) {
      let target = project.modules.resolve(summary.path, q);
      // Not found, or found as a package whose submodule may be on disk (`from .blocks import Block`
      // resolved to the package's __init__.py): look for the more specific files.
      if (!target || (target.file.endsWith('/__init__.py') && target.attr.length > 0)) {
        for (const c of project.modules.candidates(summary.path, q)) {
          if (!project.modules.has(c) && isFile(c)) project.addPath(c);
        }
        target = project.modules.resolve(summary.path, q);
      }
      if (!target || seen.has(target.file)) continue;
      seen.add(target.file);
      if (!project.get(target.file)) {
        if (handed.length >= limits.max) break;
        handed.push(target.file);
        if (!(await read(target.file))) continue;
      }
      queue.push([target.file, depth + 1]);
    }
  }
  return handed;
}

/**
 * One project file read from disk (UTF-8, within `maxSize` as `check` reads it), analyzed with no
 * rule (the summary needs the extraction only) and summarized; undefined when it cannot be read or
 * `keep` rejects its text (the caller then only knows the file exists).
 */
export async function readSummary(
  key: string,
  analyze: Analyze,
  options: Omit<AnalyzeOptions, 'language' | 'path' | 'maxChars'>,
  maxSize: number,
  display = key,
  keep: (text: string) => boolean = () => true,
): Promise<FileSummary | undefined> {
  const language: SourceLanguage | undefined = projectLanguageOf(key);
  if (!language) return undefined;
  const read = readSource({ display, absolute: pathOfKey(key), language }, maxSize);
  if (!read.ok || !keep(read.text)) return undefined;
  let result: AnalysisResult;
  try {
    result = await analyze(read.text, { ...options, ignore: ['ACT'], language, path: display, maxChars: maxSize });
  } catch {
    return undefined;
  }
  return summarize(key, language, result);
}

/**
 * The Python files and notebooks under `roots` (keys), at most `max`, in sorted order per folder;
 * folders in SKIPPED_PROJECT_DIRS and hidden folders are not entered, symbolic links to folders
 * are not followed (no loops), each root is listed once. Yields to the event loop between folders.
 */
export async function listProjectFiles(roots: readonly string[], max = MAX_PROJECT_FILES, cancelled: () => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    if (out.length >= max || cancelled() || seen.has(dir)) return;
    seen.add(dir);
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED_PROJECT_DIRS.has(e.name)) subdirs.push(full);
        continue;
      }
      if (!projectLanguageOf(e.name)) continue;
      let file = e.isFile();
      if (e.isSymbolicLink()) file = isFile(keyOfPath(full));
      if (file && out.length < max) out.push(keyOfPath(full));
    }
    for (const s of subdirs) await walk(s);
  };
  for (const r of roots) await walk(path.resolve(pathOfKey(r)));
  return out;
}
