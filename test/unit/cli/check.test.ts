/**
 * `activation-lens check` run as a child process: exit codes, the JSON contract (every field,
 * 1-based positions checked against analyze() called directly), notebooks, --select/--ignore, noqa.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { notebook, useCliFixture, type JsonReport } from './cliHarness';

const fx = useCliFixture();
const tree = fx.tree;

// Torch: softmax output into CrossEntropyLoss (ACT001).
const TORCH_ACT001 = `import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3), nn.Softmax(dim=1))
criterion = nn.CrossEntropyLoss()

def step(x, y):
    loss = criterion(model(x), y)
    loss.backward()
`;

// Torch: softmax without dim (ACT006) and deprecated F.sigmoid (ACT013).
const TORCH_006_013 = `import torch
import torch.nn.functional as F

def probs(x):
    return F.softmax(x)

def gate(x):
    return F.sigmoid(x)
`;

const CLEAN_PY = `import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
criterion = nn.CrossEntropyLoss()
`;

const SEVERITIES = ['error', 'warning', 'information', 'hint'];

function parseJson(stdout: string): JsonReport {
  const doc = JSON.parse(stdout) as JsonReport;
  expect(Object.keys(doc).sort()).toEqual(['files', 'version']);
  expect(doc.version).toBe(1);
  for (const file of doc.files) {
    expect(Object.keys(file).sort()).toEqual(['findings', 'path']);
    expect(typeof file.path).toBe('string');
    for (const f of file.findings) {
      const keys = Object.keys(f).filter((k) => k !== 'related').sort();
      const expected = ['column', 'endColumn', 'endLine', 'line', 'message', 'rule', 'severity'];
      for (const r of (f.related ?? []) as Array<Record<string, unknown>>) {
        expect(Object.keys(r).filter((k) => k !== 'cell').sort()).toEqual(['column', 'line', 'message', 'path']);
        expect(typeof r.path).toBe('string');
        expect(r.line as number).toBeGreaterThanOrEqual(1);
      }
      expect(keys).toEqual(file.path.endsWith('.ipynb') ? [...expected, 'cell'].sort() : expected);
      expect(f.rule).toMatch(/^ACT0(0[1-9]|1[0-4])$/);
      expect(SEVERITIES).toContain(f.severity);
      expect(typeof f.message).toBe('string');
      expect((f.message as string).length).toBeGreaterThan(0);
      for (const k of ['line', 'column', 'endLine', 'endColumn']) {
        expect(Number.isInteger(f[k])).toBe(true);
        expect(f[k] as number).toBeGreaterThanOrEqual(1);
      }
      expect((f.endLine as number) > (f.line as number) || (f.endColumn as number) >= (f.column as number)).toBe(true);
    }
  }
  return doc;
}

const rulesOf = (doc: JsonReport) => doc.files.flatMap((f) => f.findings.map((x) => x.rule)).sort();

describe('exit codes', () => {
  it('is 0 on clean code and says so', () => {
    const dir = tree({ 'clean.py': CLEAN_PY, 'plain.js': 'console.log("no framework here");\n' });
    const r = fx.run(['check', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/All checks passed \(2 files checked\)/);
  });

  it('is 1 with findings, in the text format path:line:col: RULE message', () => {
    const dir = tree({ 'bad.py': TORCH_ACT001 });
    const r = fx.run(['check', 'bad.py'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^bad\.py:\d+:\d+: ACT001 \S.*$/m);
    expect(r.stdout).toMatch(/Found \d+ findings? in 1 file .*ACT001 ×1/);
  });

  it('is 2 on usage errors, with a message on stderr', () => {
    for (const args of [
      ['check'],
      ['check', '--format', 'xml', '.'],
      ['check', '--select', 'ACT999', '.'],
      ['check', '--bogus', '.'],
      ['frobnicate'],
      ['check', '--format'],
    ]) {
      const r = fx.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^activation-lens: /);
    }
  });

  it('is 2 for a PATH that does not exist, and still reports the other paths', () => {
    const dir = tree({ 'bad.py': TORCH_ACT001 });
    const r = fx.run(['check', '--format', 'json', 'missing.py', 'bad.py'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\.py: no such file or folder/);
    expect(rulesOf(parseJson(r.stdout))).toContain('ACT001');
  });

  it('--help and --version exit 0', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(fx.run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = fx.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/activation-lens check/);
    expect(fx.run(['check', '--help']).stdout).toMatch(/Exit codes/);
  });
});

describe('JSON report', () => {
  it('matches the contract and positions are analyze() positions plus one', async () => {
    const dir = tree({ 'a/bad.py': TORCH_ACT001, 'a/clean.py': CLEAN_PY, 'a/deps.py': TORCH_006_013 });
    const r = fx.run(['check', '--format', 'json', 'a'], dir);
    expect(r.code).toBe(1);
    const doc = parseJson(r.stdout);
    expect(doc.files.map((f) => f.path)).toEqual(['a/bad.py', 'a/clean.py', 'a/deps.py']);
    expect(doc.files[1].findings).toEqual([]);
    for (const [i, text] of [[0, TORCH_ACT001], [2, TORCH_006_013]] as const) {
      const direct = await analyze(text, { language: 'python' });
      expect(doc.files[i].findings).toEqual(
        direct.findings.map((f) => ({
          rule: f.rule,
          severity: f.severity,
          message: f.message,
          line: f.range.start.line + 1,
          column: f.range.start.column + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.column + 1,
          ...(f.related ? { related: f.related.map((r) => ({ path: doc.files[i].path, line: r.range.start.line + 1, column: r.range.start.column + 1, message: r.message })) } : {}),
        })),
      );
    }
    expect(rulesOf(doc)).toEqual(['ACT001', 'ACT006', 'ACT013']);
  });

  it('gives notebook findings the cell index and lines inside the cell', () => {
    const nb = notebook([
      ['markdown', '# Training\n'],
      ['code', 'import torch\nimport torch.nn as nn\n'],
      ['code', 'model = nn.Sequential(\n    nn.Linear(8, 4),\n    nn.Softmax(dim=1),\n)\n'],
      ['markdown', 'Now the loss.\n'],
      ['code', 'criterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)\n'],
    ]);
    const dir = tree({ 'nb.ipynb': nb });
    const r = fx.run(['check', '--format', 'json', 'nb.ipynb'], dir);
    expect(r.code).toBe(1);
    const doc = parseJson(r.stdout);
    const findings = doc.files[0].findings;
    expect(findings.map((f) => f.rule)).toEqual(['ACT001']);
    const f = findings[0];
    expect([2, 4]).toContain(f.cell);
    const cellLines = (JSON.parse(nb).cells[f.cell as number].source as string[]).join('').split('\n');
    expect(f.line as number).toBeLessThanOrEqual(cellLines.length);
    const text = cellLines[(f.line as number) - 1].slice((f.column as number) - 1);
    expect(text).toMatch(/^(nn\.Softmax|Softmax|criterion|nn\.CrossEntropyLoss|CrossEntropyLoss|model)/);
    expect(r.stdout.length).toBeGreaterThan(0);
    const txt = fx.run(['check', 'nb.ipynb'], dir);
    expect(txt.stdout).toMatch(new RegExp(`^nb\\.ipynb:cells\\[${f.cell}\\]:${f.line}:${f.column}: ACT001 `, 'm'));
  });
});

describe('examples/', () => {
  it('the JSON report on examples/ matches expected-findings.json and every rule fires somewhere', () => {
    const r = fx.run(['check', '--format', 'json', 'examples/']);
    expect(r.code).toBe(1);
    const doc = parseJson(r.stdout);
    const expected = JSON.parse(readFileSync(path.join(__dirname, '../../../examples/expected-findings.json'), 'utf8')) as Record<string, string[]>;
    expect(Object.fromEntries(doc.files.map((f) => [f.path, f.findings.map((x) => x.rule as string).sort()]))).toEqual(expected);
    expect(new Set(rulesOf(doc)).size).toBe(14);
    const nb = doc.files.find((f) => f.path.endsWith('keras_split_cells.ipynb'));
    expect(nb?.findings.every((f) => typeof f.cell === 'number')).toBe(true);
  });
});

describe('--select, --ignore and noqa', () => {
  it('--select keeps only the named rules, --ignore drops them', () => {
    const dir = tree({ 'deps.py': TORCH_006_013 });
    const sel = fx.run(['check', '--format', 'json', '--select', 'ACT006', 'deps.py'], dir);
    expect(sel.code).toBe(1);
    expect(rulesOf(parseJson(sel.stdout))).toEqual(['ACT006']);
    const ign = fx.run(['check', '--format', 'json', '--ignore', 'ACT006', 'deps.py'], dir);
    expect(rulesOf(parseJson(ign.stdout))).toEqual(['ACT013']);
    const both = fx.run(['check', '--format', 'json', '--ignore=act013,ACT006', 'deps.py'], dir);
    expect(both.code).toBe(0);
    expect(rulesOf(parseJson(both.stdout))).toEqual([]);
    const other = fx.run(['check', '--select', 'ACT001', '--select', 'ACT004', 'deps.py'], dir);
    expect(other.code).toBe(0);
  });

  it('noqa on the reported line silences that rule only', () => {
    const py = TORCH_006_013.replace('F.softmax(x)', 'F.softmax(x)  # noqa: ACT006').replace('F.sigmoid(x)', 'F.sigmoid(x)  # noqa: ACT001');
    const js = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'Relu' })); // noqa: ACT008
model.add(tf.layers.dense({ units: 8, activation: 'Sigmoid' }));
`;
    const dir = tree({ 'deps.py': py, 'model.js': js });
    const doc = parseJson(fx.run(['check', '--format', 'json', '.'], dir).stdout);
    expect(doc.files.find((f) => f.path === 'deps.py')?.findings.map((f) => f.rule)).toEqual(['ACT013']);
    const jsFindings = doc.files.find((f) => f.path === 'model.js')?.findings ?? [];
    expect(jsFindings.map((f) => [f.rule, f.line])).toEqual([['ACT008', 4]]);
  });
});
