/**
 * Python module names → files of the project, the way the interpreter finds them for a script run
 * from its folder or a package run from the project root: `model` → `model.py` or
 * `model/__init__.py`, `models.net` → `models/net.py` (packages with or without `__init__.py`),
 * relative imports (`.models.builder`, `..net`) from the importing file's package. The importing
 * file's folder is searched first (a local `model.py` shadows an installed `model`), then each
 * project root that contains the file. Paths are '/'-separated strings; nothing here reads a disk.
 */

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i);
}

export function joinPath(dir: string, rel: string): string {
  if (dir === '') return rel;
  return dir.endsWith('/') ? dir + rel : `${dir}/${rel}`;
}

/** A file of the project and the attribute path inside it: 'model.Net' → {file: 'model.py', attr: ['Net']}. */
export interface ModuleTarget {
  file: string;
  attr: string[];
}

/** '/'-separated, no trailing '/', '\\' turned into '/'. */
export function normalizePath(p: string): string {
  let s = p.replace(/\\/g, '/');
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s;
}

export class ModuleResolver {
  private readonly files = new Set<string>();
  private readonly roots: string[];

  constructor(roots: readonly string[] = []) {
    this.roots = roots.map(normalizePath);
  }

  add(file: string): void {
    this.files.add(normalizePath(file));
  }

  delete(file: string): void {
    this.files.delete(normalizePath(file));
  }

  has(file: string): boolean {
    return this.files.has(normalizePath(file));
  }

  get size(): number {
    return this.files.size;
  }

  /** The module file at `base/parts…` (`.py`, else a package's `__init__.py`). */
  private moduleFile(base: string, parts: readonly string[]): string | undefined {
    const stem = parts.length === 0 ? base : joinPath(base, parts.join('/'));
    if (parts.length > 0 && this.files.has(`${stem}.py`)) return `${stem}.py`;
    const init = joinPath(stem, '__init__.py');
    return this.files.has(init) ? init : undefined;
  }

  /** The folders an absolute import of `from` is searched in, in order. */
  private bases(from: string): string[] {
    const own = dirname(from);
    const out = [own];
    for (const r of this.roots) if ((from.startsWith(r + '/') || r === '' || r === '.') && !out.includes(r)) out.push(r);
    return out;
  }

  /** The importing file, the number of leading dots, the dotted parts and the folders searched, in order. */
  private search(from: string, qualified: string): { f: string; level: number; parts: string[]; bases: string[] } | undefined {
    const f = normalizePath(from);
    let level = 0;
    while (level < qualified.length && qualified[level] === '.') level++;
    const parts = qualified.slice(level).split('.').filter((s) => s.length > 0);
    if (parts.length === 0) return undefined;
    if (level === 0) return { f, level, parts, bases: this.bases(f) };
    let base = dirname(f);
    for (let i = 1; i < level; i++) base = dirname(base);
    return { f, level, parts, bases: [base] };
  }

  /**
   * The files `resolve` would look for (whether or not the project has them), most specific first:
   * a caller with a disk reads which exist and adds them (`check train.py` pulls in model.py).
   */
  candidates(from: string, qualified: string): string[] {
    const search = this.search(from, qualified);
    if (!search) return [];
    const { f, level, parts, bases } = search;
    const out: string[] = [];
    for (const base of bases) {
      for (let k = parts.length - 1; k >= (level > 0 ? 0 : 1); k--) {
        const stem = k === 0 ? base : joinPath(base, parts.slice(0, k).join('/'));
        if (k > 0) out.push(`${stem}.py`);
        out.push(joinPath(stem, '__init__.py'));
      }
    }
    return out.filter((p) => p !== f);
  }

  /**
   * The project file a qualified name (as the importing file wrote it through its imports) lives
   * in, and the attribute path left inside it; undefined when no file of the project matches.
   * The longest module path wins (`models.net.Net` → models/net.py before models/__init__.py).
   */
  resolve(from: string, qualified: string): ModuleTarget | undefined {
    const search = this.search(from, qualified);
    if (!search) return undefined;
    const { f, level, parts, bases } = search;
    for (const base of bases) {
      // An absolute import needs a module name; a relative one may name the package itself (`from . import x`).
      for (let k = parts.length - 1; k >= (level > 0 ? 0 : 1); k--) {
        const file = this.moduleFile(base, parts.slice(0, k));
        if (file && file !== f) return { file, attr: parts.slice(k) };
      }
    }
    return undefined;
  }
}
