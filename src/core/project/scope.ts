/**
 * Which files of a workspace a project index reads (the extension's and the language server's):
 * at most MAX_FILES, none under the folders in SKIPPED_PROJECT_DIRS or hidden folders, and of
 * those only the files that may define a model, a loss or a config class other files read.
 */

/** At most this many files are summarized (the rest of a huge workspace is not indexed). */
export const MAX_PROJECT_FILES = 3000;

/** Folders never entered when listing a workspace's Python files (hidden folders are skipped too). */
export const SKIPPED_PROJECT_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.venv',
  'venv',
  'env',
  'site-packages',
  '__pycache__',
  'dist',
  'build',
  'out',
  '.vscode-test',
]);

/** Files that can define a model, a loss or a config class other files read. */
export const MAY_MATTER = /torch|keras|tensorflow|\.compile\(|Config\b/;

/** Whether a workspace file is worth summarizing: `__init__.py` always (re-exports), else by its text. */
export function mayMatter(path: string, text: string): boolean {
  return path.endsWith('/__init__.py') || path === '__init__.py' || MAY_MATTER.test(text);
}
