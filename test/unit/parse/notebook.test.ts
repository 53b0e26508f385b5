// Notebooks are judged by their code: cell magics whose body is Python are read, IPython lines never
// break the parse of the rest of a cell, and the size limit counts the code, not stored outputs.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { blankMagics, cellMagic } from '../../../src/core/parse/notebook';

const MLP = 'import torch.nn as nn\nnet = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n';

function notebook(sources: string[], outputs: unknown[] = []): string {
  return JSON.stringify({
    cells: sources.map((source, i) => ({ cell_type: 'code', metadata: {}, execution_count: i + 1, source, outputs: i === 0 ? outputs : [] })),
    metadata: { language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

async function act005Cells(nb: string): Promise<number[]> {
  const r = await analyze(nb, { language: 'ipynb' });
  return r.findings.filter((f) => f.rule === 'ACT005').map((f) => f.range.cell!);
}

describe('cell magics', () => {
  it('tells Python bodies from others', () => {
    expect(cellMagic('%%time')).toEqual({ name: 'time', python: true });
    expect(cellMagic('%%timeit -n 3')).toEqual({ name: 'timeit', python: true });
    expect(cellMagic('%%capture out --no-stderr')).toEqual({ name: 'capture', python: true });
    expect(cellMagic('%%prun -s cumulative')).toEqual({ name: 'prun', python: true });
    expect(cellMagic('%%writefile model.py')).toEqual({ name: 'writefile', python: true });
    expect(cellMagic('%%writefile -a src/train.py')).toEqual({ name: 'writefile', python: true });
    expect(cellMagic('%%writefile requirements.txt')).toEqual({ name: 'writefile', python: false });
    expect(cellMagic('%%bash')).toEqual({ name: 'bash', python: false });
    expect(cellMagic('%%html')).toEqual({ name: 'html', python: false });
    expect(cellMagic('%%javascript')).toEqual({ name: 'javascript', python: false });
    expect(cellMagic('%time x = 1')).toBeUndefined();
    expect(cellMagic('import torch')).toBeUndefined();
  });

  it('analyzes %%writefile x.py, %%time, %%timeit, %%capture, %%prun bodies as Python, the magic line left out', async () => {
    const cells = ['%%writefile model.py\n', '%%time\n', '%%timeit -n 1\n', '%%capture cap\n', '%%prun\n'].map((m) => m + MLP);
    expect(await act005Cells(notebook(cells))).toEqual([0, 1, 2, 3, 4]);
    // Columns stay put: the finding is on the Linear of line 3 of the cell.
    const r = await analyze(notebook([cells[0]!]), { language: 'ipynb' });
    expect(r.findings[0]!.range).toMatchObject({ cell: 0, start: { line: 2, column: 20 } });
    expect(r.notes).toEqual([]);
  });

  it('keeps %%bash, %%html, %%javascript and %%writefile of other files skipped', async () => {
    const cells = ['%%bash\n', '%%html\n', '%%javascript\n', '%%writefile notes.txt\n'].map((m) => m + MLP);
    expect(await act005Cells(notebook([...cells, MLP]))).toEqual([4]);
  });
});

describe('line magics and shell lines', () => {
  it('are blanked with the layout kept', () => {
    const src = '%matplotlib inline\n!pip install torch\nfiles = !ls\nx = 1\n';
    const out = blankMagics(src);
    expect(out).toHaveLength(src.length);
    expect(out.split('\n')).toEqual([' '.repeat(18), ' '.repeat(18), ' '.repeat(11), 'x = 1', '']);
  });

  it('are left alone inside brackets and triple-quoted strings (not the start of a logical line)', () => {
    const src = 'y = (a\n     % b)\nif (a\n    != b):\n    pass\ndoc = """\n!important\n"""\n';
    expect(blankMagics(src)).toBe(src);
  });

  it('include automagic lines (ls ./data, pip install x) but not Python that starts with the same names', () => {
    const magic = 'ls ./data/train/\npip install torch\ncd ~/work\ncat "notes.txt"\n';
    expect(blankMagics(magic)).toBe(magic.replace(/[^\n]/g, ' '));
    const python = 'ls = []\ncd(x)\npwd\nls - la\nenv if flag else None\nls.append(1)\n';
    expect(blankMagics(python)).toBe(python);
  });

  it('follow a backslash continuation of the magic, and not of code', () => {
    expect(blankMagics('!ls \\\n  -la\nx = 1\n')).toBe('     \n     \nx = 1\n');
    expect(blankMagics('x = 1 + \\\n  2\n')).toBe('x = 1 + \\\n  2\n');
  });

  it('never break the parse of the rest of the cell', async () => {
    const cells = [
      'import torch.nn as nn\nif IN_COLAB:\n    !pip install torch\nelse:\n    pass\nnet = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n',
      'try:\n    import google.colab\n    %load_ext tensorboard\nexcept ImportError:\n    !pip install x\nnet = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n',
      'def f():\n    !ls\n\nnet = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n',
      'total = (1 +\n         2)\n%time y = 1\nmodel.fit?\nnet = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n',
      'y = (a\n     % b)\nnet = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n',
      'ls ./data/train/\nnet = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n',
    ];
    const r = await analyze(notebook(cells), { language: 'ipynb' });
    expect(r.notes).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'ACT005').map((f) => f.range.cell)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('the size limit counts code, not stored outputs', () => {
  // A notebook of a few MB where almost everything is one stored image, generated here.
  const image = { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo'.padEnd(3_000_000, 'A'), 'text/plain': ['<Figure>'] }, metadata: {} };
  const big = notebook([MLP, 'print(1)\n'], [image]);

  it('analyzes a 3 MB notebook with a few hundred characters of code under the 2,000,000 default', async () => {
    expect(big.length).toBeGreaterThan(3_000_000);
    const r = await analyze(big, { language: 'ipynb' });
    expect(r.skipped).toBeUndefined();
    expect(r.notes).toEqual([]);
    expect(r.findings.map((f) => `${f.rule} cell ${f.range.cell}`)).toEqual(['ACT005 cell 0']);
  });

  it('honours the maxChars it is given, against the code', async () => {
    const code = MLP.length + 1 + 'print(1)\n'.length; // two cells joined by a line break
    const at = await analyze(big, { language: 'ipynb', maxChars: code });
    expect(at.findings).toHaveLength(1);
    const below = await analyze(big, { language: 'ipynb', maxChars: code - 1 });
    expect(below.skipped).toBe('tooLarge');
    expect(below.findings).toEqual([]);
    expect(below.notes).toEqual([`The notebook has ${code} characters of code, more than the limit of ${code - 1}; it was not analyzed.`]);
    const zh = await analyze(big, { language: 'ipynb', maxChars: 10, locale: 'zh-cn' });
    expect(zh.notes).toEqual([`笔记本的代码有 ${code} 个字符，超过上限 10，未分析。`]);
  });

  it('a large maxChars is honoured for plain files too (no hidden 2,000,000 cap)', async () => {
    const src = MLP + `# ${'x'.repeat(2_100_000)}\n`;
    expect((await analyze(src, { language: 'python' })).skipped).toBe('tooLarge');
    const r = await analyze(src, { language: 'python', maxChars: 3_000_000, timeBudgetMs: 60_000 });
    expect(r.skipped).toBeUndefined();
    expect(r.findings.map((f) => f.rule)).toEqual(['ACT005']);
  });
});
