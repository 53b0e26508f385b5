/** Runs the repository's own @vscode/vsce (offline) and helpers shared by the package tests. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** The files `vsce package --no-dependencies` would put in the .vsix, relative, '/'-separated, sorted. */
export function vsceList(dir: string): string[] {
  const out = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  return out
    .split('\n')
    .map((l) => l.trim().replace(/\\/g, '/'))
    .filter((l) => l.length > 0)
    .sort();
}

export function readText(rel: string): string {
  return readFileSync(path.join(ROOT, rel), 'utf8');
}

export const pkg: any = JSON.parse(readText('package.json'));
export const nlsEn: Record<string, string> = JSON.parse(readText('package.nls.json'));
export const nlsZh: Record<string, string> = JSON.parse(readText('package.nls.zh-cn.json'));
