/**
 * Which files `check` analyzes, and reading them. Folders are walked in sorted order; symlinks are
 * followed, but every folder is entered at most once (by its real path), so symlink loops end.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { notebookJsonLimit } from '../core/analyze';
import type { SourceLanguage } from '../core/types';

/** Extensions picked up when walking a folder (the contract's list). */
export const WALK_EXTENSIONS: Readonly<Record<string, SourceLanguage>> = {
  '.py': 'python',
  '.ipynb': 'ipynb',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'typescript',
};

/** Also accepted when named explicitly on the command line. */
const EXPLICIT_EXTRA: Readonly<Record<string, SourceLanguage>> = {
  '.jsx': 'javascript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
};

/** Folders never entered during a walk (hidden folders, starting with '.', are skipped too). */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

export interface SourceFile {
  /** As shown in reports: relative to the working folder with '/' separators when inside it. */
  display: string;
  absolute: string;
  language: SourceLanguage;
}

/** Something about one path the user should hear about on stderr. */
export interface FileProblem {
  display: string;
  reason: string;
  /** 'io': the OS refused (exit 2); 'skipped': read fine but not analyzable (exit unaffected). */
  kind: 'io' | 'skipped';
}

export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel;
  return shown.split(path.sep).join('/');
}

function reasonOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'ENOENT') return 'no such file or folder';
  if (e && (e.code === 'EACCES' || e.code === 'EPERM')) return 'permission denied';
  if (e && e.code === 'ELOOP') return 'too many levels of symbolic links';
  return e && e.code ? `${e.code}: ${e.message}` : String(err);
}

export function languageOf(file: string, explicit: boolean): SourceLanguage | undefined {
  const ext = path.extname(file).toLowerCase();
  return WALK_EXTENSIONS[ext] ?? (explicit ? EXPLICIT_EXTRA[ext] : undefined);
}

export function collectFiles(args: readonly string[], cwd: string): { files: SourceFile[]; problems: FileProblem[] } {
  const files: SourceFile[] = [];
  const problems: FileProblem[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const addFile = (absolute: string, language: SourceLanguage) => {
    let real = absolute;
    try {
      real = fs.realpathSync(absolute);
    } catch {
      // keep the path as given; reading it will report the problem
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push({ display: displayPath(absolute, cwd), absolute, language });
  };

  const walk = (dir: string) => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      if (seenDirs.has(real)) return; // symlink loop or a folder reached twice
      seenDirs.add(real);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ display: displayPath(dir, cwd), reason: reasonOf(err), kind: 'io' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          if (languageOf(entry.name, false)) {
            problems.push({ display: displayPath(full, cwd), reason: `broken symbolic link (${reasonOf(err)})`, kind: 'skipped' });
          }
          continue;
        }
      }
      if (isDir) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (isFile) {
        const language = languageOf(entry.name, false);
        if (language) addFile(full, language);
      }
    }
  };

  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(absolute);
    } catch (err) {
      problems.push({ display: arg, reason: reasonOf(err), kind: 'io' });
      continue;
    }
    if (st.isDirectory()) {
      walk(absolute);
    } else {
      const language = languageOf(absolute, true);
      if (language) addFile(absolute, language);
      else problems.push({ display: arg, reason: 'not a Python, notebook, JavaScript or TypeScript file; skipped', kind: 'skipped' });
    }
  }
  return { files, problems };
}

export type ReadOutcome = { ok: true; text: string } | { ok: false; problem: FileProblem };

/**
 * Reads one file as UTF-8 text; too large, binary and non-UTF-8 files are skipped with a reason.
 * A notebook is judged by its code, which the analyzer measures against --max-size: its file (with
 * the stored outputs) is read up to notebookJsonLimit(maxSize).
 */
export function readSource(file: SourceFile, maxSize: number): ReadOutcome {
  const fail = (reason: string, kind: FileProblem['kind']): ReadOutcome => ({ ok: false, problem: { display: file.display, reason, kind } });
  let buf: Buffer;
  try {
    const size = fs.statSync(file.absolute).size;
    const limit = file.language === 'ipynb' ? notebookJsonLimit(maxSize) : maxSize;
    if (size > limit) {
      return fail(
        file.language === 'ipynb'
          ? `notebook file is larger than ${limit} bytes, outputs included; skipped`
          : `file is larger than the maximum size (${size} > ${maxSize} bytes); skipped (raise it with --max-size)`,
        'skipped',
      );
    }
    buf = fs.readFileSync(file.absolute);
  } catch (err) {
    return fail(reasonOf(err), 'io');
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return fail('binary file (contains NUL bytes); skipped', 'skipped');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return fail('not valid UTF-8 text; skipped (save the file as UTF-8)', 'skipped');
  }
  return { ok: true, text };
}
