/**
 * `check` on awkward trees: unreadable, binary, non-UTF-8, too-large and broken-notebook files among
 * good ones; skipped folders; symlink loops; explicit files of other types.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, useCliFixture, type JsonReport } from './cliHarness';

const fx = useCliFixture();
const tree = fx.tree;

// One ACT006 finding (softmax without dim) per file.
const FINDING = 'import torch.nn.functional as F\n\ndef probs(x):\n    return F.softmax(x)\n';

const paths = (stdout: string) => (JSON.parse(stdout) as JsonReport).files.map((f) => f.path);
const findingsIn = (stdout: string, p: string) => (JSON.parse(stdout) as JsonReport).files.find((f) => f.path === p)?.findings ?? [];

/** Makes `rel` inside `dir` unreadable: chmod 000, or (as root, who reads anything) a link to /proc/self/mem, whose read fails with EIO. */
function makeUnreadable(dir: string, rel: string) {
  const full = path.join(dir, rel);
  if (process.getuid?.() === 0) {
    symlinkSync('/proc/self/mem', full);
  } else {
    writeFileSync(full, FINDING);
    chmodSync(full, 0o000);
  }
}

describe('files that cannot be analyzed', () => {
  it('reports each on stderr with its path and reason, analyzes the rest; binary/non-UTF-8/broken notebook keep exit 1', () => {
    const dir = tree({
      'good.py': FINDING,
      'binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0x41]),
      'latin1.py': Buffer.from('# caf\xe9\nimport torch\n', 'latin1'),
      'broken.ipynb': '{"cells": [ {"cell_type": "code", "source": ["import torch\\n"',
      'empty.py': '',
    });
    const r = fx.run(['check', '--format', 'json', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^warning: binary\.py: binary file/m);
    expect(r.stderr).toMatch(/^warning: latin1\.py: not valid UTF-8/m);
    expect(r.stderr).toMatch(/broken\.ipynb: /);
    expect(paths(r.stdout)).toContain('good.py');
    expect(paths(r.stdout)).not.toContain('binary.py');
    expect(paths(r.stdout)).not.toContain('latin1.py');
    expect(findingsIn(r.stdout, 'good.py').map((f) => f.rule)).toEqual(['ACT006']);
    expect(findingsIn(r.stdout, 'empty.py')).toEqual([]);
  });

  it('an unreadable file makes the exit code 2, but the others are still reported', () => {
    const dir = tree({ 'good.py': FINDING, 'clean.py': 'x = 1\n' });
    makeUnreadable(dir, 'locked.py');
    const r = fx.run(['check', '--format', 'json', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: locked\.py: (permission denied|EIO)/m);
    expect(paths(r.stdout)).toEqual(['clean.py', 'good.py']);
    expect(findingsIn(r.stdout, 'good.py').map((f) => f.rule)).toEqual(['ACT006']);
  });

  it('skips files above --max-size with a clear message', () => {
    const dir = tree({ 'big.py': FINDING + '#'.repeat(500) + '\n', 'small.py': 'x = 1\n' });
    const r = fx.run(['check', '--max-size', '200', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: big\.py: file is larger than the maximum size \(\d+ > 200 bytes\)/m);
    expect(r.stdout).toMatch(/1 file checked, 1 skipped/);
    expect(fx.run(['check', '--max-size', 'lots', '.'], dir).code).toBe(2);
  });

  it('an explicit file of another type is skipped with a warning; progress is never printed to a pipe', () => {
    const dir = tree({ 'notes.txt': 'F.softmax(x)\n', 'a.py': 'x = 1\n' });
    const r = fx.run(['check', 'notes.txt', 'a.py'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: notes.txt: not a Python, notebook, JavaScript or TypeScript file; skipped\n');
  });
});

describe('folder walk', () => {
  it('takes .py .ipynb .js .mjs .cjs .ts and skips node_modules, .git, dist, out, .vscode-test and hidden folders', () => {
    const files: Record<string, string> = {};
    for (const p of ['src/a.py', 'src/b.js', 'src/c.mjs', 'src/d.cjs', 'src/e.ts', 'src/f.txt', 'src/g.pyc', 'src/h.json']) files[p] = 'x = 1\n';
    for (const d of ['node_modules', '.git', 'dist', 'out', '.vscode-test', '.venv', 'src/.cache']) files[`${d}/m.py`] = FINDING;
    const dir = tree(files);
    const r = fx.run(['check', '--format', 'json', '.'], dir);
    expect(r.code).toBe(0);
    expect(paths(r.stdout)).toEqual(['src/a.py', 'src/b.js', 'src/c.mjs', 'src/d.cjs', 'src/e.ts']);
    // A skipped folder named explicitly is walked.
    expect(paths(fx.run(['check', '--format', 'json', 'dist'], dir).stdout)).toEqual(['dist/m.py']);
  });

  it('survives symlink loops and reports a file reached twice once', () => {
    const dir = tree({ 'pkg/model.py': FINDING, 'pkg/sub/other.py': 'x = 1\n' });
    symlinkSync('..', path.join(dir, 'pkg/sub/up')); // pkg/sub/up → pkg: a loop
    symlinkSync(path.join(dir, 'pkg'), path.join(dir, 'pkg/self')); // pkg/self → pkg
    symlinkSync('model.py', path.join(dir, 'pkg/alias.py'));
    symlinkSync('nowhere.py', path.join(dir, 'pkg/dangling.py'));
    mkdirSync(path.join(dir, 'pkg/empty'));
    const r = fx.run(['check', '--format', 'json', 'pkg'], dir);
    expect(r.code).toBe(1);
    const seen = paths(r.stdout);
    expect(seen.filter((p) => p.endsWith('model.py') || p.endsWith('alias.py'))).toHaveLength(1);
    expect(seen.filter((p) => p.endsWith('other.py'))).toHaveLength(1);
    expect(r.stderr).toMatch(/dangling\.py: broken symbolic link/);
  });
});

describe('progress', () => {
  // util-linux `script` gives the child a terminal; without it this cannot be observed.
  it.skipIf(!existsSync('/usr/bin/script'))('is printed on stderr when stderr is a terminal, and not on stdout', () => {
    const r = spawnSync('/usr/bin/script', ['-qec', `"${process.execPath}" "${fx.cli}" check examples/ > /dev/null`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toMatch(/\[1\/\d+\] examples\//);
    const piped = fx.run(['check', 'examples/']);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toMatch(/\[1\/\d+\]/);
  });
});
