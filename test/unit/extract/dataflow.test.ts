// Data flow in the IR: Layer.input / ModelOutput.final for subclasses (traced through forward()
// and call() locals), Sequential and functional chains, and activation modules constructed
// outside any model. Losses constructed on the spot: spot-loss.test.ts.
import { describe, expect, it } from 'vitest';
import type { Layer, Model, ProgramIR } from '../../../src/core/ir';
import { irOf } from './helpers';

const py = (...lines: string[]): string => lines.join('\n') + '\n';
const TORCH = ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', ''];

/** 'fc1' for self.fc1 steps, the call name ('relu') for activation calls. */
const label = (l: Layer | undefined): string => (l ? (l.attr ?? l.className) : '-');
/** Each step with the step it consumes: 'fc2<relu'. */
const flow = (m: Model): string[] => m.layers.map((l) => `${label(l)}<${label(l.input)}`);
const model = (ir: ProgramIR, name: string): Model => {
  const m = ir.models.find((x) => x.name === name);
  if (!m) throw new Error(`no model ${name} in ${ir.models.map((x) => x.name).join(', ')}`);
  return m;
};

describe('torch subclasses', () => {
  it('follows x through reassignments, nested calls and reshapes; final is the returned step', async () => {
    const ir = await irOf(py(...TORCH,
      'class MLP(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc1 = nn.Linear(784, 256)',
      '        self.act = nn.GELU()',
      '        self.drop = nn.Dropout(0.1)',
      '        self.fc2 = nn.Linear(256, 10)',
      '    def forward(self, x):',
      '        x = self.fc1(x)',
      '        x = F.relu(x)',
      '        h = self.drop(self.act(self.fc1(x)))',
      '        h = h.view(h.size(0), -1)',
      '        return self.fc2(torch.flatten(h, 1))',
    ), 'python');
    const m = model(ir, 'MLP');
    expect(flow(m)).toEqual(['fc1<-', 'relu<fc1', 'fc1<relu', 'act<fc1', 'drop<act', 'fc2<drop']);
    expect(m.outputs[0]!.final).toBe(m.layers[5]);
  });

  it('does not chain q/k/v projections of one input, nor steps after an untraceable expression', async () => {
    const ir = await irOf(py(...TORCH,
      'class SelfAttention(nn.Module):',
      '    def __init__(self, d):',
      '        super().__init__()',
      '        self.q = nn.Linear(d, d)',
      '        self.k = nn.Linear(d, d)',
      '        self.v = nn.Linear(d, d)',
      '        self.proj = nn.Linear(d, d)',
      '    def forward(self, x):',
      '        q = self.q(x)',
      '        k = self.k(x)',
      '        v = self.v(x)',
      '        w = F.softmax(q @ k.transpose(-2, -1), dim=-1)',
      '        return self.proj(w @ v)',
    ), 'python');
    const m = model(ir, 'SelfAttention');
    expect(flow(m)).toEqual(['q<-', 'k<-', 'v<-', 'softmax<-', 'proj<-']);
    expect(m.outputs[0]!.final).toBe(m.layers[4]);
  });

  it('VAE heads are two branches from the hidden state (separate and parallel assignments)', async () => {
    const ir = await irOf(py(...TORCH,
      'class VAE(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc1 = nn.Linear(784, 400)',
      '        self.fc_mu = nn.Linear(400, 20)',
      '        self.fc_var = nn.Linear(400, 20)',
      '    def forward(self, x):',
      '        h = F.relu(self.fc1(x))',
      '        mu = self.fc_mu(h)',
      '        logvar = self.fc_var(h)',
      '        return mu, logvar',
      '',
      'class VAE2(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc1 = nn.Linear(784, 400)',
      '        self.fc_mu = nn.Linear(400, 20)',
      '        self.fc_var = nn.Linear(400, 20)',
      '    def forward(self, x):',
      '        h = F.relu(self.fc1(x))',
      '        mu, logvar = self.fc_mu(h), self.fc_var(h)',
      '        return self.fc_mu(mu), logvar',
    ), 'python');
    const a = model(ir, 'VAE');
    expect(flow(a)).toEqual(['fc1<-', 'relu<fc1', 'fc_mu<relu', 'fc_var<relu']);
    // A returned tuple: its first element is the main output.
    expect(a.outputs[0]!.final).toBe(a.layers[2]);
    const b = model(ir, 'VAE2');
    expect(flow(b)).toEqual(['fc1<-', 'relu<fc1', 'fc_mu<relu', 'fc_var<relu', 'fc_mu<fc_mu']);
  });

  it('chains ModuleList layers applied in a loop, and stops at pooling and residual sums', async () => {
    const ir = await irOf(py(...TORCH,
      'class Stack(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.conv = nn.Conv2d(1, 8, 3)',
      '        self.blocks = nn.ModuleList([nn.Linear(8, 8), nn.Tanh()])',
      '        self.out = nn.Linear(8, 2)',
      '    def forward(self, x):',
      '        x = F.max_pool2d(self.conv(x), 2)',
      '        for block in self.blocks:',
      '            x = block(x)',
      '        y = x + self.out(x)',
      '        return self.out(y)',
    ), 'python');
    expect(flow(model(ir, 'Stack'))).toEqual(['conv<-', 'blocks<-', 'blocks<blocks', 'out<blocks', 'out<-']);
  });

  it('an in-place step called as a statement changes its variable (inplace=True, F.relu_); others do not', async () => {
    const ir = await irOf(py(...TORCH,
      'class InPlace(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc1 = nn.Linear(8, 8)',
      '        self.relu = nn.ReLU(inplace=True)',
      '        self.fc2 = nn.Linear(8, 8)',
      '        self.fc3 = nn.Linear(8, 2)',
      '        self.act = nn.Tanh()',
      '    def forward(self, x):',
      '        x = self.fc1(x)',
      '        self.relu(x)',
      '        x = self.fc2(x)',
      '        (F.relu_(x))',
      '        self.act(x)  # not in place: the result is dropped',
      '        F.relu(x, inplace=False)',
      '        return self.fc3(x)',
    ), 'python');
    expect(flow(model(ir, 'InPlace'))).toEqual(['fc1<-', 'relu<fc1', 'fc2<relu', 'relu_<fc2', 'act<relu_', 'relu<relu_', 'fc3<relu_']);
  });

  it('leaves final unset when the returns disagree; recurrent results unpack to every target', async () => {
    const ir = await irOf(py(...TORCH,
      'class Tagger(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.lstm = nn.LSTM(8, 16)',
      '        self.fc = nn.Linear(16, 4)',
      '    def forward(self, x):',
      '        out, (h, c) = self.lstm(x)',
      '        logits = self.fc(h[-1])',
      '        if self.training:',
      '            return logits',
      '        return F.softmax(logits, dim=1)',
    ), 'python');
    const m = model(ir, 'Tagger');
    expect(flow(m)).toEqual(['lstm<-', 'fc<lstm', 'softmax<fc']);
    expect(m.outputs[0]!.final).toBeUndefined();
  });

  it('a sub-model container consumed through tuple unpacking: only the first target is known', async () => {
    const ir = await irOf(py(...TORCH,
      'class Encoder(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.mean = nn.Linear(64, 8)',
      '        self.log_var = nn.Linear(64, 8)',
      '    def forward(self, x):',
      '        return self.mean(x), self.log_var(x)',
      '',
      'class AE(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.encoder = Encoder()',
      '        self.head = nn.Linear(8, 64)',
      '        self.other = nn.Linear(8, 64)',
      '    def forward(self, x):',
      '        mean, log_var = self.encoder(x)',
      '        return self.head(mean), self.other(log_var)',
    ), 'python');
    expect(model(ir, 'Encoder').outputs[0]!.final?.attr).toBe('mean');
    expect(flow(model(ir, 'AE'))).toEqual(['encoder<-', 'head<encoder', 'other<-']);
  });
});

describe('Keras subclasses', () => {
  it('follows call() locals; training= keywords do not matter', async () => {
    const ir = await irOf(py(
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      '',
      'class Classifier(keras.Model):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.d1 = layers.Dense(64, activation="relu")',
      '        self.drop = layers.Dropout(0.5)',
      '        self.d2 = layers.Dense(10)',
      '    def call(self, inputs, training=False):',
      '        x = self.d1(inputs)',
      '        x = self.drop(x, training=training)',
      '        return self.d2(x)',
    ), 'python');
    const m = model(ir, 'Classifier');
    expect(flow(m)).toEqual(['d1<-', 'drop<d1', 'd2<drop']);
    expect(m.outputs[0]!.final).toBe(m.layers[2]);
  });
});

describe('Sequential and functional models', () => {
  it('fill Layer.input along their chains, containers included', async () => {
    const ir = await irOf(py(
      'import torch.nn as nn',
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      'body = nn.Sequential(nn.Linear(4, 8), nn.ReLU())',
      'net = nn.Sequential(body, nn.Linear(8, 2))',
      'inp = keras.Input(shape=(4,))',
      'x = layers.Dense(8, activation="relu")(inp)',
      'out = layers.Dense(1)(x)',
      'fmodel = keras.Model(inp, out)',
    ), 'python');
    const net = model(ir, 'net');
    expect(net.layers.map((l) => `${l.className}<${l.input?.className ?? '-'}`)).toEqual(['body<-', 'Linear<body']);
    const body = net.layers[0]!.inner!;
    expect(body.layers[1]!.input).toBe(body.layers[0]);
    const f = model(ir, 'fmodel');
    expect(f.layers[1]!.input).toBe(f.layers[0]);
  });
});

describe('activation modules outside any model', () => {
  it('are activation entries, once each', async () => {
    const ir = await irOf(py(
      'import torch.nn as nn',
      'act = nn.LeakyReLU(True)',
      'sm = nn.Softmax()',
      'def block():',
      '    return nn.ReLU()',
      'net = nn.Sequential(nn.Linear(2, 2), nn.ReLU())',
    ), 'python');
    expect(ir.activations.map((a) => `${a.name}:${a.kind}@${a.range.start.line + 1}`)).toEqual([
      'LeakyReLU:torch-module@2',
      'Softmax:torch-module@3',
      'ReLU:torch-module@5',
      'ReLU:torch-module@6',
    ]);
    expect(ir.activations[0]!.params.slope).toBe(true);
  });

  it('Keras layers and tfjs layers outside a model too', async () => {
    const k = await irOf(py('from tensorflow.keras import layers', 'act = layers.LeakyReLU(negative_slope=1.5)', 'sm = layers.Activation("softmax")'), 'python');
    expect(k.activations.map((a) => `${a.name}:${a.kind}`)).toEqual(['LeakyReLU:keras-layer', 'softmax:keras-string']);
    const t = await irOf("const tf = require('@tensorflow/tfjs');\nconst act = tf.layers.leakyReLU({alpha: 2});\n", 'javascript');
    expect(t.activations.map((a) => `${a.name}:${a.kind}`)).toEqual(['leakyReLU:tfjs-layer']);
  });
});
