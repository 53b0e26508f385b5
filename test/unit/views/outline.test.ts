import { describe, expect, it } from 'vitest';
import { buildOutline, depthPlan } from '../../../src/core/outline';
import { layerText, lossText, modelText, outputText, emptyMessage } from '../../../src/shared/outlineText';
import { analyzed, t } from './helpers';

const TORCH = `import torch
import torch.nn as nn

class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(64, 32)
        self.act = nn.LeakyReLU()
        self.head = nn.Linear(32, 5)
        self.out = nn.Softmax(dim=1)

    def forward(self, x):
        h = self.act(self.hidden(x))
        return self.out(self.head(h))

model = Classifier()
criterion = nn.CrossEntropyLoss()
loss = criterion(model(torch.randn(8, 64)), torch.randint(0, 5, (8,)))
`;

const KERAS = `from tensorflow import keras
from tensorflow.keras import layers

net = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(128, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
net.compile(optimizer="adam", loss="categorical_crossentropy")
`;

describe('buildOutline', () => {
  it('lists a torch subclass: steps in order, units, activation params, output, loss and the finding on its step', async () => {
    const { ir, result } = await analyzed(TORCH);
    const [m, ...rest] = buildOutline(ir, result.findings);
    expect(rest).toEqual([]);
    expect(m!.name).toBe('Classifier');
    expect(m!.layers.map((l) => `${l.label}:${l.className}:${l.units ?? ''}`)).toEqual(['hidden:Linear:32', 'act:LeakyReLU:', 'head:Linear:5', 'out:Softmax:']);
    expect(m!.layers[1]!.activation!.params).toEqual([{ canonical: 'slope', name: 'negative_slope', value: '0.01', given: false }]);
    expect(m!.layers[3]!.activation!.params).toEqual([expect.objectContaining({ name: 'dim', value: '1', given: true })]);
    const out = m!.outputs[0]!;
    expect(out.carries).toEqual({ kind: 'probabilities', activation: 'Softmax' });
    expect(out.losses.map((k) => [k.name, k.expects, k.agrees])).toEqual([['CrossEntropyLoss', 'logits', false]]);
    // ACT001 points at the Softmax step: it hangs there, not on the model.
    expect(m!.layers[3]!.findings.map((f) => f.rule)).toEqual(['ACT001']);
    expect(m!.findings).toEqual([]);
    expect(m!.problems).toBe(1);
    expect(m!.worst).toBe('warning');
  });

  it('words the nodes: layer descriptions, output, loss with what it receives', async () => {
    const { ir, result } = await analyzed(TORCH);
    const m = buildOutline(ir, result.findings)[0]!;
    expect(modelText(m, t)).toEqual({ label: 'Classifier', description: 'PyTorch subclass · 4 steps · 1 problem' });
    expect(layerText(m.layers[0]!, t).description).toBe('Linear · 64 → 32 · linear');
    expect(layerText(m.layers[1]!, t).description).toBe('LeakyReLU · LeakyReLU(negative_slope=0.01)');
    expect(layerText(m.layers[1]!, t).tooltip).toContain('Framework defaults (not written): negative_slope');
    expect(outputText(m.outputs[0]!, t)).toEqual({ label: 'output', description: 'Softmax probabilities' });
    expect(lossText(m.outputs[0]!.losses[0]!, t).description).toBe('expects logits · receives Softmax probabilities');
  });

  it('says nothing about a mismatch when the Keras output and loss agree', async () => {
    const { ir, result } = await analyzed(KERAS);
    const [m] = buildOutline(ir, result.findings);
    expect(m!.framework).toBe('keras');
    expect(m!.layers.filter((l) => l.kind === 'affine').map((l) => [l.units, l.activation?.name])).toEqual([[128, 'relu'], [10, 'softmax']]);
    const loss = m!.outputs[0]!.losses[0]!;
    expect([loss.name, loss.expects, loss.agrees]).toEqual(['categorical_crossentropy', 'probabilities', true]);
    expect(lossText(loss, t).description).toBe('expects probabilities');
    expect(m!.problems).toBe(0);
    expect(m!.worst).toBeUndefined();
  });

  it('leaves out a module without steps that meets no loss, keeps one that does', async () => {
    const { ir, result } = await analyzed(`import torch
import torch.nn as nn
class RMSNorm(nn.Module):
    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True))
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
    def forward(self, x):
        return self.fc(x)
`);
    expect(buildOutline(ir, result.findings).map((m) => m.name)).toEqual(['Net']);
  });

  it('keeps a step written as a long expression on one short line', async () => {
    const { ir, result } = await analyzed(`import torch.nn as nn
def block(activation=None, k=3):
    return nn.Sequential(
        nn.Conv2d(3, 8, k),
        nn.Identity() if activation is None else activation(),
        nn.MaxPool2d(kernel_size=k,
                     stride=2),
    )
`);
    const labels = buildOutline(ir, result.findings).flatMap((m) => m.layers.map((l) => l.label));
    expect(labels.length).toBeGreaterThan(1);
    for (const l of labels) {
      expect(l).not.toMatch(/\n/);
      expect(l.length).toBeLessThanOrEqual(48);
    }
  });

  it('is empty for code without a model, and explains why', async () => {
    const { ir, result } = await analyzed('import torch.nn.functional as F\ny = F.relu(x)\n');
    expect(buildOutline(ir, result.findings)).toEqual([]);
    expect(emptyMessage('no-models', 'a.py', t)).toMatch(/^No models in a\.py\./);
  });
});

describe('depthPlan', () => {
  it("names each simulated layer by its source and takes the model's own widths", async () => {
    const { ir } = await analyzed(TORCH);
    const plan = depthPlan(ir.models.find((m) => m.name === 'Classifier')!);
    expect(plan.inputUnits).toBe(64);
    expect(plan.framework).toBe('torch');
    expect(plan.layers.map((l) => [l.label, l.units, l.activation?.id])).toEqual([
      ['hidden · LeakyReLU', 32, 'leaky_relu'],
      ['head · Softmax', 5, 'softmax'],
    ]);
    expect(plan.layers[0]!.activation!.params).toEqual({ slope: 0.01 });
  });

  it('numbers unnamed layers, leaves unknown widths open, skips what it cannot simulate', async () => {
    const { ir } = await analyzed(`import torch.nn as nn
n = 16
model = nn.Sequential(
    nn.Linear(8, n),
    nn.Sigmoid(),
    nn.LSTM(n, n),
    nn.Linear(n, 1),
)
`);
    const plan = depthPlan(ir.models[0]!);
    expect(plan.layers.map((l) => [l.label, l.units])).toEqual([['Linear 1 · Sigmoid', undefined], ['Linear 2 · linear', 1]]);
    expect(plan.layers[1]!.activation).toBeUndefined();
    expect(plan.skipped).toEqual(['LSTM']);
    expect(plan.inputUnits).toBe(8);
  });

  it('skips a gated branch (SwiGLU w3) instead of chaining it', async () => {
    const { ir } = await analyzed(`import torch.nn as nn
import torch.nn.functional as F
class FeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.w1 = nn.Linear(8, 32)
        self.w2 = nn.Linear(32, 8)
        self.w3 = nn.Linear(8, 32)
    def forward(self, x):
        return self.w2(F.silu(self.w1(x)) * self.w3(x))
`);
    const plan = depthPlan(ir.models[0]!);
    expect(plan.layers.map((l) => l.label)).toEqual(['w1 · silu', 'w2 · linear']);
    expect(plan.skipped).toEqual(['w3 (gate)']);
  });

  it('does not count a Keras Input as a skipped step', async () => {
    const { ir } = await analyzed(KERAS);
    const plan = depthPlan(ir.models[0]!);
    expect(plan.skipped).toEqual([]);
    expect(plan.layers.map((l) => l.label)).toEqual(['Dense 1 · relu', 'Dense 2 · softmax']);
  });
});
