/**
 * Inputs no fixture has: 5,000 nested parentheses, 10,000-element Sequentials, megabyte lines,
 * long call chains, thousands of lines. Each must analyze soundly within the size-proportional
 * bound, and the big models must still be analyzed (their findings are there, not cut short).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import type { SourceLanguage } from '../../../src/core/types';
import { FuzzStats } from './runner';

const stats = new FuzzStats();

beforeAll(async () => {
  for (const language of ['python', 'javascript', 'typescript'] as const) await analyze('x = 1\n', { language });
});
afterAll(() => {
  stats.summary('generated inputs');
});

const N = 10_000;
const DEPTH = 5_000;
const rep = (s: string, n: number) => s.repeat(n);

const nested: Array<[string, SourceLanguage, string]> = [
  ['python: 5,000 nested parentheses', 'python', `import torch\ny = ${rep('(', DEPTH)}x${rep(')', DEPTH)}\n`],
  ['python: 5,000 nested relu() calls', 'python', `import torch.nn.functional as F\ny = ${rep('F.relu(', DEPTH)}x${rep(')', DEPTH)}\n`],
  ['python: 5,000 nested lists', 'python', `y = ${rep('[', DEPTH)}1${rep(']', DEPTH)}\n`],
  ['python: 5,000 unclosed parentheses', 'python', `import torch\ny = ${rep('(', DEPTH)}x\nz = nn.Softmax()\n`],
  ['python: 10,000 chained .relu()', 'python', `import torch\ny = x${rep('.relu()', N)}\n`],
  ['python: 10,000-term sum', 'python', `y = x${rep(' + x', N)}\n`],
  ['python: 300 nested if blocks', 'python', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}if x:`).join('\n') + `\n${' '.repeat(300)}y = F.softmax(x)\n`],
  ['javascript: 5,000 nested parentheses', 'javascript', `const y = ${rep('(', DEPTH)}x${rep(')', DEPTH)};\n`],
  ['javascript: 5,000 nested objects', 'javascript', `const y = ${rep('{a: ', DEPTH)}1${rep('}', DEPTH)};\n`],
  ['javascript: 10,000 chained .relu()', 'javascript', `const y = x${rep('.relu()', N)};\n`],
  ['typescript: 5,000 nested arrays', 'typescript', `const y: unknown = ${rep('[', DEPTH)}1${rep(']', DEPTH)};\n`],
  ['typescript: 5,000 nested generics', 'typescript', `let y: ${rep('Array<', DEPTH)}number${rep('>', DEPTH)};\n`],
];

const torchSeq = `import torch.nn as nn\nmodel = nn.Sequential(\n${rep('    nn.Linear(8, 8),\n    nn.Sigmoid(),\n', N / 2)})\n`;
const kerasSeq = `from tensorflow import keras\nfrom tensorflow.keras import layers\nmodel = keras.Sequential([\n${rep("    layers.Dense(8, activation='sigmoid'),\n", N)}])\n`;
const tfjsSeq = `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential({layers: [\n${rep("  tf.layers.dense({units: 8, activation: 'sigmoid'}),\n", N)}]});\n`;

describe('generated extreme inputs', () => {
  it('deep nesting and long chains: no exception, sound ranges, bounded time', async () => {
    for (const [name, language, text] of nested) await stats.run('nesting', name, text, language);
    expect(stats.failures).toEqual([]);
  });

  it('10,000-element Sequentials are analyzed whole (ACT003 fires) within the bound', async () => {
    const before = stats.failures.length;
    const cases: Array<[string, SourceLanguage, string]> = [
      ['torch nn.Sequential, 10,000 modules', 'python', torchSeq],
      ['keras Sequential, 10,000 Dense', 'python', kerasSeq],
      ['tfjs tf.sequential, 10,000 dense', 'javascript', tfjsSeq],
    ];
    for (const [name, language, text] of cases) {
      const r = await stats.run('sequential', name, text, language);
      expect(r?.partial, name).toBe(false);
      expect(r?.findings.some((f) => f.rule === 'ACT003'), `${name}: ACT003`).toBe(true);
    }
    expect(stats.failures.slice(before)).toEqual([]);
  }, 120_000);

  it('very long lines and many lines', async () => {
    const before = stats.failures.length;
    const model = `class Net(nn.Module):\n    def forward(self, x):\n        x = F.relu(self.fc1(x))\n        return F.softmax(self.fc2(x))\n`;
    await stats.run('long', 'python: one 1 MB line', `import torch\nx = "${rep('a', 1_000_000)}"\n`, 'python');
    await stats.run('long', 'python: 200,000 layers on one line', `layers = [${rep('nn.ReLU(), ', 200_000)}]\n`, 'python');
    await stats.run('long', 'javascript: one 1 MB comment line', `// ${rep('x', 1_000_000)}\nconst a = tf.softmax(x);\n`, 'javascript');
    await stats.run('long', 'python: 5,000-line model file', `import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n${rep(model, 1250)}`, 'python');
    await stats.run('long', 'python: 50,000 empty lines', rep('\n', 50_000) + 'y = F.softmax(x)\n', 'python');
    expect(stats.failures.slice(before)).toEqual([]);
  }, 120_000);

  it('time grows about linearly with size (4× the input, well under 16× the time)', async () => {
    const cls = (i: number, name: string) => `class ${name}(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 8)\n    def forward(self, x):\n        return F.softmax(self.fc(x))\n${i}\n`;
    const families: Array<[string, SourceLanguage, (n: number) => string]> = [
      ['torch: n model classes', 'python', (n) => 'import torch.nn as nn\nimport torch.nn.functional as F\n' + Array.from({ length: n }, (_, i) => cls(i, `Net${i}`)).join('')],
      ['torch: n classes of the same name', 'python', (n) => 'import torch.nn as nn\nimport torch.nn.functional as F\n' + Array.from({ length: n }, (_, i) => cls(i, 'Net')).join('')],
      ['keras: Sequential of n layers', 'python', (n) => `from tensorflow import keras\nmodel = keras.Sequential([\n${rep("    keras.layers.Dense(8, activation='tanh'),\n", n)}])\n`],
      ['tfjs: n models', 'javascript', (n) => rep("const m = tf.sequential();\nm.add(tf.layers.dense({units: 4, activation: 'softmax'}));\nm.compile({loss: 'meanSquaredError'});\n", n)],
      ['notebook: n cells', 'ipynb', (n) => JSON.stringify({ cells: Array.from({ length: n }, () => ({ cell_type: 'code', source: ['import torch\n', 'y = torch.softmax(x)\n'] })) })],
      ['javascript: a line of n quotes', 'javascript', (n) => `const a = 1;\n${rep('"', n * 20)}\n`],
    ];
    const cpuTime = async (text: string, language: SourceLanguage) => {
      let best = Infinity;
      for (let k = 0; k < 2; k++) {
        const cpu0 = process.cpuUsage();
        await analyze(text, { language, timeBudgetMs: 120_000 });
        const cpu = process.cpuUsage(cpu0);
        best = Math.min(best, (cpu.user + cpu.system) / 1000);
      }
      return best;
    };
    const rows: Array<{ family: string; 'n ms': number; '4n ms': number; ratio: number }> = [];
    for (const [family, language, make] of families) {
      const small = await cpuTime(make(100), language);
      const large = await cpuTime(make(400), language);
      rows.push({ family, 'n ms': +small.toFixed(1), '4n ms': +large.toFixed(1), ratio: +(large / small).toFixed(2) });
    }
    console.log('scaling, CPU ms (n = 100 → 400):');
    console.table(rows);
    // Linear work gives ~4; quadratic ~16. The 150 ms slack absorbs noise on small times.
    for (const r of rows) expect(r['4n ms'], r.family).toBeLessThanOrEqual(8 * r['n ms'] + 150);
  }, 300_000);
});
