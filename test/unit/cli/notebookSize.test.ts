/**
 * `check` judges a notebook by its code: a notebook of several MB whose bulk is a stored output
 * (generated here, nothing large is committed) is analyzed under the default --max-size, and
 * --max-size is measured against the code the analyzer reads.
 */
import { describe, expect, it } from 'vitest';
import { useCliFixture, type JsonReport } from './cliHarness';

const fx = useCliFixture();

const CODE = 'import torch.nn as nn\nnet = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n';

/** A notebook with one code cell and a ~`bytes`-byte image in its stored outputs. */
function bigNotebook(bytes: number, code = CODE): string {
  const png = 'iVBORw0KGgo'.padEnd(bytes, 'A');
  return JSON.stringify({
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# A plot\n'] },
      {
        cell_type: 'code', metadata: {}, execution_count: 1, source: code.split(/(?<=\n)/),
        outputs: [{ output_type: 'display_data', data: { 'image/png': png, 'text/plain': ['<Figure size 640x480>'] }, metadata: {} }],
      },
    ],
    metadata: { language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

describe('notebooks and --max-size', () => {
  const nb = bigNotebook(4_000_000);

  it('analyzes a 4 MB notebook with a few lines of code under the default limit', () => {
    expect(nb.length).toBeGreaterThan(4_000_000);
    const dir = fx.tree({ 'plots.ipynb': nb, 'small.py': CODE });
    const r = fx.run(['check', '--format', 'json', '.'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const files = (JSON.parse(r.stdout) as JsonReport).files;
    expect(files.map((f) => f.path).sort()).toEqual(['plots.ipynb', 'small.py']);
    expect(files.find((f) => f.path === 'plots.ipynb')!.findings).toMatchObject([{ rule: 'ACT005', cell: 1, line: 2 }]);
  });

  it('skips it, with the reason, when its code is above --max-size; a plain file by its size as before', () => {
    const dir = fx.tree({ 'plots.ipynb': nb, 'small.py': CODE });
    const r = fx.run(['check', '--max-size', String(CODE.length - 1), '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: plots.ipynb: The notebook has ${CODE.length} characters of code, more than the limit of ${CODE.length - 1}; it was not analyzed. Raise the limit with --max-size.`);
    expect(r.stderr).toContain(`warning: small.py: file is larger than the maximum size (${CODE.length} > ${CODE.length - 1} bytes); skipped`);
    expect(r.stdout).toBe('All checks passed (0 files checked, 2 skipped).\n');
  });

  it('list reads it the same way: by its code', () => {
    const relu = 'import torch.nn as nn\nnet = nn.Sequential(nn.Linear(4, 8), nn.ReLU())\n';
    const dir = fx.tree({ 'plots.ipynb': bigNotebook(4_000_000, relu) });
    const r = fx.run(['list', '--format', 'json', '.'], dir);
    expect(r.stderr).toBe('');
    const files = (JSON.parse(r.stdout) as { files: Array<{ path: string; activations: Array<Record<string, unknown>> }> }).files;
    expect(files[0]!.activations).toMatchObject([{ name: 'ReLU', cell: 1, line: 2 }]);
    const skipped = fx.run(['list', '--max-size', '10', '.'], dir);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain(`warning: plots.ipynb: The notebook has ${relu.length} characters of code, more than the limit of 10; it was not analyzed.`);
  });

  it('honours a --max-size above the analyzer default (2,000,000) for a plain file', () => {
    const big = CODE + `# ${'x'.repeat(2_100_000)}\n`;
    const dir = fx.tree({ 'big.py': big });
    expect(fx.run(['check', '.'], dir).stderr).toContain('larger than the maximum size');
    const r = fx.run(['check', '--max-size', '3000000', '--format', 'json', '.'], dir);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as JsonReport).files[0]!.findings).toMatchObject([{ rule: 'ACT005', line: 2 }]);
  });
});
