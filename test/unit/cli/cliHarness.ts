/**
 * Builds the CLI entry alone with esbuild's API into a fresh temp folder (with the tree-sitter
 * .wasm files next to it, as esbuild.mjs does for dist/) and runs it as a child process.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function buildCli(): Promise<{ cli: string; dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'al-cli-'));
  const treeSitterCjs = require.resolve('web-tree-sitter');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outfile: path.join(dir, 'cli.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: { 'web-tree-sitter': treeSitterCjs },
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'error',
  });
  const grammars = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  for (const lang of ['python', 'javascript', 'typescript', 'tsx']) {
    cpSync(path.join(grammars, `tree-sitter-${lang}.wasm`), path.join(dir, `tree-sitter-${lang}.wasm`));
  }
  cpSync(path.join(path.dirname(treeSitterCjs), 'web-tree-sitter.wasm'), path.join(dir, 'web-tree-sitter.wasm'));
  return { cli: path.join(dir, 'cli.js'), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function runCli(cli: string, args: readonly string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, LANG: 'C', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface CliFixture {
  /** Path of the CLI built for this test file (set in beforeAll). */
  readonly cli: string;
  run(args: readonly string[], cwd?: string, env?: NodeJS.ProcessEnv): Run;
  /** makeTree(), removed again after the file's tests. */
  tree(files: Record<string, string | Buffer>): string;
}

/** Registers beforeAll/afterAll for a test file: the CLI built once, every tree cleaned up. */
export function useCliFixture(): CliFixture {
  let built: { cli: string; cleanup: () => void } | undefined;
  const trees: string[] = [];
  beforeAll(async () => {
    built = await buildCli();
  });
  afterAll(() => {
    built?.cleanup();
    for (const d of trees) rmSync(d, { recursive: true, force: true });
  });
  const cli = (): string => {
    if (!built) throw new Error('the CLI is built in beforeAll');
    return built.cli;
  };
  return {
    get cli() {
      return cli();
    },
    run: (args, cwd, env) => runCli(cli(), args, cwd, env),
    tree(files) {
      const dir = makeTree(files);
      trees.push(dir);
      return dir;
    },
  };
}

/** Writes a tree of files under a fresh temp folder and returns the folder. */
export function makeTree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'al-tree-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** A notebook's JSON text, one code or markdown cell per entry, sources split into lines as Jupyter does. */
export function notebook(cells: Array<['code' | 'markdown', string]>): string {
  return JSON.stringify(
    {
      cells: cells.map(([kind, src]) => ({
        cell_type: kind,
        metadata: {},
        source: src.split(/(?<=\n)/),
        ...(kind === 'code' ? { execution_count: null, outputs: [] } : {}),
      })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

export interface JsonReport {
  version: number;
  files: Array<{ path: string; findings: Array<Record<string, unknown>> }>;
}
