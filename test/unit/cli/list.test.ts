/**
 * `activation-lens list` run as a child process: the JSON contract (every field, positions checked
 * against analyze() called directly), the text format, notebooks, exit codes, --lang, --max-size.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { notebook, useCliFixture } from './cliHarness';

const fx = useCliFixture();
const tree = fx.tree;

const TORCH = `import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8)
        self.act = nn.LeakyReLU(0.2)

    def forward(self, x):
        return F.gelu(self.act(self.fc(x)), approximate='tanh')
`;

const KERAS = `from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Dense(16, activation='relu'),
    layers.Dense(3, activation='softmax'),
])
`;

/** A file with no activation at all (a loss and a norm layer are not activations). */
const NONE = `import torch.nn as nn

norm = nn.LayerNorm(8)
loss = nn.CrossEntropyLoss()
`;

const TYPO = `from tensorflow.keras import layers

layer = layers.Dense(4, activation='reluu')
`;

interface JsonActivation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  cell?: number;
  framework: string;
  name: string;
  id: string | null;
  params: Record<string, unknown>;
  via: string;
  alternatives?: JsonActivation[];
}
interface ListJson {
  version: number;
  files: Array<{ path: string; activations: JsonActivation[] }>;
}

const VIA = ['written', 'default', 'argument', 'partial', 'registry', 'config'];

function checkShape(a: JsonActivation, notebookFile: boolean): void {
  const keys = ['line', 'column', 'endLine', 'endColumn', 'framework', 'name', 'id', 'params', 'via'];
  const want = [...keys, ...(notebookFile ? ['cell'] : []), ...(a.alternatives ? ['alternatives'] : [])].sort();
  expect(Object.keys(a).sort()).toEqual(want);
  for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) {
    expect(Number.isInteger(a[k])).toBe(true);
    expect(a[k]).toBeGreaterThanOrEqual(1);
  }
  expect(['torch', 'keras', 'tfjs']).toContain(a.framework);
  expect(a.id === null || typeof a.id === 'string').toBe(true);
  expect(VIA).toContain(a.via);
  for (const alt of a.alternatives ?? []) checkShape(alt, notebookFile);
}

function parseList(stdout: string): ListJson {
  const doc = JSON.parse(stdout) as ListJson;
  expect(Object.keys(doc).sort()).toEqual(['files', 'version']);
  expect(doc.version).toBe(1);
  for (const f of doc.files) {
    expect(Object.keys(f).sort()).toEqual(['activations', 'path']);
    for (const a of f.activations) checkShape(a, f.path.endsWith('.ipynb'));
  }
  return doc;
}

describe('list --format json', () => {
  it('matches the contract: positions are analyze() positions plus one, names and ids as the analyzer has them', async () => {
    const dir = tree({ 'm/net.py': TORCH, 'm/keras_model.py': KERAS, 'm/none.py': NONE });
    const r = fx.run(['list', '--format', 'json', 'm'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = parseList(r.stdout);
    expect(doc.files.map((f) => f.path)).toEqual(['m/keras_model.py', 'm/net.py', 'm/none.py']);
    expect(doc.files[2]!.activations).toEqual([]);
    const direct = await analyze(TORCH, { language: 'python' });
    const net = doc.files[1]!.activations;
    expect(net.map((a) => [a.line, a.column, a.endLine, a.endColumn, a.name, a.id])).toEqual(
      direct.activations.map((s) => [s.range.start.line + 1, s.range.start.column + 1, s.range.end.line + 1, s.range.end.column + 1, s.name, s.id ?? null]),
    );
    const leaky = net.find((a) => a.name === 'LeakyReLU')!;
    expect(leaky).toMatchObject({ line: 8, framework: 'torch', id: 'leaky_relu', params: { negative_slope: 0.2 }, via: 'written' });
    expect(net.find((a) => a.name === 'gelu')).toMatchObject({ line: 11, id: 'gelu', params: { approximate: 'tanh' } });
    expect(doc.files[0]!.activations.map((a) => [a.line, a.name, a.id, a.framework])).toEqual([
      [5, 'relu', 'relu', 'keras'],
      [6, 'softmax', 'softmax', 'keras'],
    ]);
  });

  it('an unknown name is listed with id null', () => {
    const dir = tree({ 'typo.py': TYPO });
    const doc = parseList(fx.run(['list', '--format', 'json', 'typo.py'], dir).stdout);
    expect(doc.files[0]!.activations).toEqual([
      expect.objectContaining({ line: 3, name: 'reluu', id: null, framework: 'keras', via: 'written' }),
    ]);
  });

  it('non-finite params are the strings explain --json uses, inf in the text', () => {
    const dir = tree({ 'h.py': 'import torch.nn as nn\nclip = nn.Hardtanh(min_val=-1e999, max_val=1e999)\n' });
    const doc = parseList(fx.run(['list', '--format', 'json', 'h.py'], dir).stdout);
    expect(doc.files[0]!.activations).toEqual([expect.objectContaining({ id: 'hardtanh', params: { min_val: '-Infinity', max_val: 'Infinity' } })]);
    expect(fx.run(['list', 'h.py'], dir).stdout).toMatch(/Hardtanh → hardtanh\(min_val=-inf, max_val=inf\) \[written\]/);
  });

  it('gives notebook sites the cell index and lines inside the cell', () => {
    const nb = notebook([
      ['markdown', '# A model\n'],
      ['code', 'import torch.nn as nn\n'],
      ['code', 'x = 1\nact = nn.Tanh()\n'],
    ]);
    const dir = tree({ 'nb.ipynb': nb });
    const doc = parseList(fx.run(['list', '--format', 'json', 'nb.ipynb'], dir).stdout);
    expect(doc.files[0]!.activations).toEqual([expect.objectContaining({ cell: 2, line: 2, column: 10, name: 'Tanh', id: 'tanh' })]);
    const text = fx.run(['list', 'nb.ipynb'], dir).stdout;
    expect(text).toMatch(/^nb\.ipynb:cells\[2\]:2:10: Tanh → tanh\(\) \[written\]$/m);
  });
});

const BLOCK = `import torch.nn as nn
from transformers.activations import ACT2FN


class Block(nn.Module):
    def __init__(self, dim, act_layer=nn.GELU):
        super().__init__()
        self.fc = nn.Linear(dim, dim)
        self.act = act_layer()


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Block(8)
        self.b = Block(8, act_layer=nn.SiLU)
        self.c = ACT2FN["gelu_new"]
`;

describe('list: choices made through parameters and registries', () => {
  it('act_layer() is the default GELU with the caller\'s SiLU as an alternative; ACT2FN["gelu_new"] is the tanh GELU via registry', () => {
    const dir = tree({ 'block.py': BLOCK });
    const doc = parseList(fx.run(['list', '--format', 'json', 'block.py'], dir).stdout);
    const sites = doc.files[0]!.activations;
    const call = sites.find((a) => a.line === 9)!;
    expect(call).toMatchObject({ name: 'GELU', id: 'gelu', params: { approximate: 'none' }, via: 'default' });
    expect(call.alternatives).toEqual([expect.objectContaining({ name: 'SiLU', id: 'silu', via: 'argument' })]);
    expect(sites.find((a) => a.line === 17)).toMatchObject({ name: 'gelu_new', id: 'gelu', params: { approximate: 'tanh' }, via: 'registry' });
    const text = fx.run(['list', 'block.py'], dir).stdout;
    expect(text).toMatch(/^block\.py:9:20: GELU → gelu\(approximate='none'\) \[default\] or silu\(\) \[argument\]$/m);
    expect(text).toMatch(/^block\.py:17:\d+: gelu_new → gelu\(approximate='tanh'\) \[registry\]$/m);
  });

  it('a registry key it does not know is listed once, with id null', () => {
    const dir = tree({ 'r.py': 'import torch.nn as nn\nact = getattr(nn, "Relu")()\n' });
    const doc = parseList(fx.run(['list', '--format', 'json', 'r.py'], dir).stdout);
    expect(doc.files[0]!.activations).toEqual([expect.objectContaining({ line: 2, name: 'Relu', id: null, via: 'registry' })]);
  });
});

describe('list (text)', () => {
  it('prints path:line:col: name → id(params) [via] and a summary', () => {
    const dir = tree({ 'net.py': TORCH, 'none.py': NONE });
    const r = fx.run(['list', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^net\.py:8:\d+: LeakyReLU → leaky_relu\(negative_slope=0\.2\) \[written\]$/m);
    expect(r.stdout).toMatch(/^net\.py:11:\d+: gelu → gelu\(approximate='tanh'\) \[written\]$/m);
    expect(r.stdout).not.toMatch(/^none\.py/m);
    expect(r.stdout).toMatch(/^2 activation sites in 1 file \(2 files listed\)\.$/m);
  });

  it('an unknown name prints ? for the id', () => {
    const dir = tree({ 'typo.py': TYPO });
    expect(fx.run(['list', 'typo.py'], dir).stdout).toMatch(/^typo\.py:3:\d+: reluu → \?\(\) \[written\]$/m);
  });

  it('--lang zh-cn translates the summary', () => {
    const dir = tree({ 'net.py': TORCH });
    expect(fx.run(['list', '--lang', 'zh-cn', 'net.py'], dir).stdout).toMatch(/1 个文件中共有 2 处激活函数/);
    expect(fx.run(['list', 'net.py'], dir, { LANG: 'zh_CN.UTF-8' }).stdout).toMatch(/处激活函数/);
  });
});

describe('list exit codes', () => {
  it('is 0 even when there are unknown names (list reports, it does not judge)', () => {
    const dir = tree({ 'typo.py': TYPO });
    expect(fx.run(['list', 'typo.py'], dir).code).toBe(0);
  });

  it('is 2 on usage errors, with a message on stderr', () => {
    for (const args of [['list'], ['list', '--format', 'sarif', '.'], ['list', '--select', 'ACT001', '.'], ['list', '--max-size', '-3', '.'], ['list', '--lang', 'fr', '.']]) {
      const r = fx.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^activation-lens: /);
    }
  });

  it('is 2 for a PATH that does not exist, and still lists the other paths', () => {
    const dir = tree({ 'net.py': TORCH });
    const r = fx.run(['list', '--format', 'json', 'missing.py', 'net.py'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\.py: no such file or folder/);
    expect(parseList(r.stdout).files.map((f) => f.path)).toEqual(['net.py']);
  });

  it('--max-size skips larger files with a warning and exit 0', () => {
    const dir = tree({ 'net.py': TORCH, 'small.py': 'import torch.nn as nn\na = nn.ReLU()\n' });
    const r = fx.run(['list', '--max-size', '100', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: net\.py: file is larger than the maximum size/);
    expect(r.stdout).toMatch(/^small\.py:2:\d+: ReLU → relu\(\) \[written\]$/m);
    expect(r.stdout).toMatch(/1 file listed, 1 skipped/);
  });

  it('help list and list --help print the contract', () => {
    for (const args of [['help', 'list'], ['list', '--help']]) {
      const r = fx.run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/activation-lens list \[options\] PATH…/);
      expect(r.stdout).toMatch(/"alternatives"\?/);
    }
    expect(fx.run(['--help']).stdout).toMatch(/activation-lens list \[--format text\|json\] \[--max-size BYTES\] \[--lang en\|zh-cn\] PATH…/);
  });

  it("params are named as `explain --json` names them for the same activation (the framework's own argument names)", () => {
    const dir = tree({
      'net.py': TORCH,
      'k.py': 'from tensorflow import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.LeakyReLU(0.2), keras.layers.ELU(alpha=0.5)])\n',
    });
    const doc = JSON.parse(fx.run(['list', '--format', 'json', '.'], dir).stdout) as { files: { activations: { name: string; framework: string; params: Record<string, unknown> }[] }[] };
    const sites = doc.files.flatMap((f) => f.activations);
    expect(sites.length).toBeGreaterThanOrEqual(4);
    for (const a of sites) {
      const explained = JSON.parse(fx.run(['explain', a.name, '--framework', a.framework, '--json']).stdout) as { params: Record<string, unknown> };
      for (const k of Object.keys(a.params)) expect(Object.keys(explained.params), `${a.framework} ${a.name}: ${k}`).toContain(k);
    }
    expect(sites.find((a) => a.framework === 'keras' && a.name === 'LeakyReLU')?.params).toEqual({ negative_slope: 0.2 });
    expect(sites.find((a) => a.framework === 'torch' && a.name === 'LeakyReLU')?.params).toEqual({ negative_slope: 0.2 });
  });
});
