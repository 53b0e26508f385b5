/**
 * Sequentials no forward() reads: `self.body = nn.Sequential(…)` in a class with no run method in
 * the file, and a class deriving from nn.Sequential that passes its layers to `super().__init__`.
 * Each is a model of its own (the rules read it once); a class whose forward reads the Sequential is
 * reported once, through the class. Snippets written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';

const findings = async (text: string) => (await analyze(text, { language: 'python' })).findings.map((f) => `${f.rule}:${f.range.start.line + 1}`);

const body = (act: string) => [
  '        self.body = nn.Sequential(',
  `            nn.Linear(dim, dim), ${act},`,
  `            nn.Linear(dim, dim), ${act},`,
  `            nn.Linear(dim, dim), ${act},`,
  '            nn.Linear(dim, 1),',
  '        )',
];

describe('Sequentials that no forward() reads', () => {
  it('self.body = nn.Sequential(…) with three act_layer() sigmoids in a class with no forward: ACT003', async () => {
    const text = ['import torch.nn as nn', 'class Stack(nn.Module):', '    def __init__(self, dim, act_layer=nn.Sigmoid):', '        super().__init__()', ...body('act_layer()')].join('\n');
    expect((await findings(text)).filter((f) => f.startsWith('ACT003'))).toHaveLength(1);
  });

  it('the same class with a forward that reads self.body: ACT003 once, not twice', async () => {
    const text = ['import torch.nn as nn', 'class Stack(nn.Module):', '    def __init__(self, dim, act_layer=nn.Sigmoid):', '        super().__init__()', ...body('act_layer()'), '    def forward(self, x):', '        return self.body(x)'].join('\n');
    expect((await findings(text)).filter((f) => f.startsWith('ACT003'))).toHaveLength(1);
  });

  it('class Stack(nn.Sequential) with super().__init__(three Sigmoids): ACT003', async () => {
    const text = [
      'import torch.nn as nn',
      'class Stack(nn.Sequential):',
      '    def __init__(self, dim):',
      '        super().__init__(',
      '            nn.Linear(dim, dim), nn.Sigmoid(),',
      '            nn.Linear(dim, dim), nn.Sigmoid(),',
      '            nn.Linear(dim, dim), nn.Sigmoid(),',
      '            nn.Linear(dim, 1),',
      '        )',
    ].join('\n');
    expect(await findings(text)).toEqual(['ACT003:5']); // at the first of the run, as for any nn.Sequential
  });

  it('look-alikes: ReLU hidden layers, a single sigmoid output, a super().__init__() of nn.Module', async () => {
    const relu = ['import torch.nn as nn', 'class Stack(nn.Module):', '    def __init__(self, dim):', '        super().__init__()', ...body('nn.ReLU()')].join('\n');
    expect(await findings(relu)).toEqual([]);
    const gate = ['import torch.nn as nn', 'class Head(nn.Module):', '    def __init__(self, dim):', '        super().__init__()', '        self.score = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, 1), nn.Sigmoid())'].join('\n');
    expect(await findings(gate)).toEqual([]);
    const mod = ['import torch.nn as nn', 'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()', '        self.fc = nn.Linear(4, 2)'].join('\n');
    expect(await findings(mod)).toEqual([]);
  });
});
