// A Sequential element the extractor cannot resolve (`self.relu`, `*blocks`, a variable) is kept
// as an unknown step, so its neighbours are not read as adjacent.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';

const py = (...lines: string[]): string => lines.join('\n') + '\n';
const TORCH = ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', ''];

async function fired(code: string): Promise<string[]> {
  const r = await analyze(code, { language: 'python' });
  return r.findings.map((f) => `${f.rule} ${f.range.start.line + 1}:${f.range.start.column + 1}`);
}

function torchClass(name: string, init: string[], forward: string[]): string[] {
  return [`class ${name}(nn.Module):`, '    def __init__(self):', '        super().__init__()', ...init.map((l) => `        ${l}`), '    def forward(self, x):', ...forward.map((l) => `        ${l}`), ''];
}

describe('Sequential elements the extractor cannot resolve', () => {
  it('still separate their neighbours (a shared self.relu between two Linear layers)', async () => {
    const code = py(...TORCH,
      ...torchClass('Head', ['self.relu = nn.ReLU()', 'self.out = nn.Sequential(nn.Linear(8, 8), self.relu, nn.Linear(8, 2))'], ['return self.out(x)']),
      'plain = nn.Sequential(nn.Linear(8, 8), nn.Linear(8, 2))',
    );
    // Control: without the unknown element between them the pair is reported.
    expect(await fired(code)).toEqual(['ACT005 13:23']);
  });
});
