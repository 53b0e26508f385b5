/**
 * Lazy, once-only loading of the tree-sitter runtime and grammars.
 *
 * The .wasm files are looked up, in order: the directory given to setWasmDirectory(), the bundle's
 * own directory (dist/, where esbuild.mjs copies them), then the packages in node_modules (tests).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { adoptRuntime } from './rawcursor';

export type GrammarName = 'python' | 'javascript' | 'typescript' | 'tsx';

let explicitDir: string | undefined;
let initPromise: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();
const parsers = new Map<GrammarName, Parser>();

/** Use this directory for all .wasm files (call before the first parse). */
export function setWasmDirectory(dir: string | undefined): void {
  explicitDir = dir;
}

function candidateDirs(): string[] {
  const dirs: string[] = [];
  if (explicitDir) dirs.push(explicitDir);
  // In the esbuild bundle (cjs) __dirname is dist/; under vitest (ESM source) it may be undefined.
  const here = typeof __dirname === 'string' ? __dirname : undefined;
  const roots = [here, process.cwd()].filter((d): d is string => typeof d === 'string');
  for (const root of roots) {
    dirs.push(root, path.join(root, 'dist'));
    let dir = root;
    for (let i = 0; i < 6; i++) {
      dirs.push(path.join(dir, 'node_modules', 'web-tree-sitter'));
      dirs.push(path.join(dir, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'));
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return dirs;
}

/** The full path of a .wasm file, or the bare name when none is found (the load then fails clearly). */
export function locateWasm(file: string): string {
  for (const dir of candidateDirs()) {
    const p = path.join(dir, file);
    if (existsSync(p)) return p;
  }
  return file;
}

function init(): Promise<void> {
  const options = { locateFile: (name: string) => locateWasm(name) };
  // adoptRuntime: the direct cursor calls of the tree mirror (rawcursor.ts), when this init was the one used.
  initPromise ??= Parser.init(options).then(() => adoptRuntime(options)).catch((e: unknown) => {
    initPromise = undefined; // allow a retry, e.g. after setWasmDirectory()
    throw e;
  });
  return initPromise;
}

export function loadLanguage(name: GrammarName): Promise<Language> {
  let p = languages.get(name);
  if (!p) {
    p = init().then(() => Language.load(locateWasm(`tree-sitter-${name}.wasm`)));
    p.catch(() => languages.delete(name));
    languages.set(name, p);
  }
  return p;
}

/** One parser per grammar, reused (parsing is synchronous, so no two parses overlap). */
export async function getParser(name: GrammarName): Promise<Parser> {
  const language = await loadLanguage(name);
  let parser = parsers.get(name);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(name, parser);
  }
  return parser;
}
