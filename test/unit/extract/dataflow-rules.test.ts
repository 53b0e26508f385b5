// What the subclass data flow lets the rules see: misuse inside forward()/call() that fires, and
// look-alikes (parallel heads, side branches, untraceable sums) that must stay silent.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';

const py = (...lines: string[]): string => lines.join('\n') + '\n';
const TORCH = ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', ''];
const KERAS = ['from tensorflow import keras', 'from tensorflow.keras import layers', ''];

/** 'ACT005 11:20' (1-based line:column of each finding). */
async function fired(code: string): Promise<string[]> {
  const r = await analyze(code, { language: 'python' });
  return r.findings.map((f) => `${f.rule} ${f.range.start.line + 1}:${f.range.start.column + 1}`);
}

function torchClass(name: string, init: string[], forward: string[]): string[] {
  return [`class ${name}(nn.Module):`, '    def __init__(self):', '        super().__init__()', ...init.map((l) => `        ${l}`), '    def forward(self, x):', ...forward.map((l) => `        ${l}`), ''];
}

describe('subclass misuse now reported', () => {
  it('ACT005: two Linear layers with nothing between them in forward()', async () => {
    const code = py(...TORCH, ...torchClass('Net', ['self.fc1 = nn.Linear(784, 256)', 'self.fc2 = nn.Linear(256, 10)'], ['x = self.fc1(x)', 'return self.fc2(x)']));
    expect(await fired(code)).toEqual(['ACT005 8:20']);
  });

  it('ACT007: relu applied twice through a module attribute', async () => {
    const code = py(...TORCH, ...torchClass('Net', ['self.fc1 = nn.Linear(784, 256)', 'self.act = nn.ReLU()', 'self.fc2 = nn.Linear(256, 10)'], ['x = self.act(F.relu(self.fc1(x)))', 'return self.fc2(x)']));
    expect(await fired(code)).toEqual(['ACT007 9:20']);
  });

  it('ACT014: relu right before the softmax module', async () => {
    const code = py(...TORCH, ...torchClass('Net', ['self.fc = nn.Linear(256, 10)', 'self.sm = nn.Softmax(dim=1)'], ['x = F.relu(self.fc(x))', 'return self.sm(x)']));
    expect(await fired(code)).toEqual(['ACT014 11:13']);
  });

  it('ACT005 and ACT011 in a Keras subclass; ACT001 through its returned softmax head', async () => {
    const code = py(...KERAS,
      'class Plain(keras.Model):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.d1 = layers.Dense(64)',
      '        self.d2 = layers.Dense(10)',
      '    def call(self, inputs):',
      '        x = self.d1(inputs)',
      '        return self.d2(x)',
      '',
      'class SelfNorm(keras.Model):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.d1 = layers.Dense(64, activation="selu")',
      '        self.out = layers.Dense(10, activation="softmax")',
      '    def call(self, inputs):',
      '        return self.out(self.d1(inputs))',
      '',
      'model = SelfNorm()',
      'model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))',
    );
    expect(await fired(code)).toEqual(['ACT005 7:19', 'ACT011 16:19', 'ACT001 17:48']);
  });
});

describe('subclass look-alikes stay silent', () => {
  it('parallel projections, VAE heads, gated sums and residuals', async () => {
    const code = py(...TORCH,
      ...torchClass('Attn', ['self.q = nn.Linear(64, 64)', 'self.k = nn.Linear(64, 64)', 'self.v = nn.Linear(64, 64)', 'self.o = nn.Linear(64, 64)'],
        ['q, k, v = self.q(x), self.k(x), self.v(x)', 'w = torch.softmax(q @ k.transpose(-2, -1), dim=-1)', 'return self.o(w @ v)']),
      ...torchClass('VAE', ['self.enc = nn.Linear(784, 400)', 'self.mu = nn.Linear(400, 20)', 'self.logvar = nn.Linear(400, 20)'],
        ['h = F.relu(self.enc(x))', 'mu = self.mu(h)', 'logvar = self.logvar(h)', 'return mu, logvar']),
      ...torchClass('Residual', ['self.a = nn.Linear(64, 64)', 'self.b = nn.Linear(64, 64)'], ['y = x + self.a(x)', 'return self.b(y)']),
    );
    expect(await fired(code)).toEqual([]);
  });

  it('a softmax side branch does not make the returned logits probabilities', async () => {
    const code = py(...TORCH,
      ...torchClass('Logits', ['self.fc = nn.Linear(10, 3)'], ['logits = self.fc(x)', 'self.probs = F.softmax(logits, dim=1)', 'return logits']),
      'net = Logits()',
      'criterion = nn.CrossEntropyLoss()',
      'loss = criterion(net(x), y)',
    );
    expect(await fired(code)).toEqual([]);
  });

  it('a sub-model with parallel heads, used as a step, is not read in forward() order', async () => {
    const code = py(...TORCH,
      ...torchClass('Heads', ['self.mu = nn.Linear(64, 8)', 'self.logvar = nn.Linear(64, 8)'], ['mu = self.mu(x)', 'logvar = self.logvar(x)', 'return mu + logvar']),
      'model = nn.Sequential(Heads(), nn.Linear(8, 4))',
    );
    expect(await fired(code)).toEqual([]);
  });
});

describe('loose activation modules', () => {
  it('ACT009 and ACT006 on activation modules outside any model', async () => {
    const code = py(...TORCH, 'act = nn.LeakyReLU(True)', 'sm = nn.Softmax()', 'ok = nn.LeakyReLU(0.2)');
    expect(await fired(code)).toEqual(['ACT009 5:20', 'ACT006 6:6']);
  });
});

describe('a forward() whose returns disagree', () => {
  const code = (tail: string[]): string =>
    py(...TORCH, ...torchClass('Net', ['self.fc1 = nn.Linear(784, 128)', 'self.fc2 = nn.Linear(128, 10)'], [
      'logits = self.fc2(F.relu(self.fc1(x)))', ...tail,
    ]), 'model = Net()', 'criterion = nn.CrossEntropyLoss()', 'loss = criterion(model(x), y)');

  it('logits while training, softmax at inference: the loss rules stay silent', async () => {
    expect(await fired(code(['if self.training:', '    return logits', 'return F.softmax(logits, dim=1)']))).toEqual([]);
  });

  it('the same model returning softmax on every path still fires ACT001', async () => {
    expect(await fired(code(['return F.softmax(logits, dim=1)']))).toEqual(['ACT001 12:16']);
  });
});
