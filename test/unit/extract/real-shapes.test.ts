/**
 * Shapes met in the official example repositories (pytorch/examples, tensorflow/tfjs-examples,
 * keras-team/keras examples and guides) that the extractor got wrong. Each fixture is written here
 * from scratch to reproduce the SHAPE of the code, not its text.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import type { ProgramIR } from '../../../src/core/ir';
import type { SourceLanguage } from '../../../src/core/types';
import { irOf, modelSummary } from './helpers';

const findings = async (text: string, language: SourceLanguage): Promise<string[]> =>
  (await analyze(text, { language })).findings.map((f) => `${f.rule} ${f.range.start.line + 1}`);

const links = (ir: ProgramIR): string[] =>
  ir.links.map((l) => `${l.model.opaque ? `?${l.model.name}` : (l.model.name ?? l.model.kind)}->${l.loss.name}@${l.range.start.line + 1}`);

describe('variables are scoped: `model` in two functions is two models', () => {
  const tfjs = [
    "import * as tf from '@tensorflow/tfjs';",
    'export function linear(n) {',
    '  const model = tf.sequential();',
    '  model.add(tf.layers.dense({inputShape: [n], units: 1}));',
    '  return model;',
    '}',
    'export function mlp(n) {',
    '  const model = tf.sequential();',
    "  model.add(tf.layers.dense({inputShape: [n], units: 40, activation: 'sigmoid'}));",
    '  model.add(tf.layers.dense({units: 1}));',
    '  return model;',
    '}',
    'export function deeper(n) {',
    '  const model = tf.sequential();',
    "  model.add(tf.layers.dense({inputShape: [n], units: 40, activation: 'sigmoid'}));",
    "  model.add(tf.layers.dense({units: 40, activation: 'sigmoid'}));",
    '  model.add(tf.layers.dense({units: 1}));',
    '  return model;',
    '}',
    '',
  ].join('\n');

  it('tfjs: each function builds its own Sequential (no merged add() calls)', async () => {
    const ir = await irOf(tfjs, 'javascript');
    expect(ir.models.map(modelSummary)).toEqual([
      'sequential model: dense(1)',
      'sequential model: dense(40)[sigmoid] > dense(1)',
      'sequential model: dense(40)[sigmoid] > dense(40)[sigmoid] > dense(1)',
    ]);
    expect(await findings(tfjs, 'javascript')).toEqual([]);
  });

  it('tfjs: a merged stack would fire (control: the same layers in one function)', async () => {
    const one = tfjs.replace(/ {2}return model;\n\}\nexport function \w+\(n\) \{\n {2}const model = tf.sequential\(\);\n/g, '');
    expect(one.match(/tf\.sequential/g)).toHaveLength(1);
    expect(await findings(one, 'javascript')).toEqual(['ACT003 5']);
  });

  it('JS block scope: const model in two branches', async () => {
    const src = [
      "const tf = require('@tensorflow/tfjs');",
      'function build(kind) {',
      "  if (kind === 'linear') {",
      '    const model = tf.sequential();',
      '    model.add(tf.layers.dense({units: 1, inputShape: [3]}));',
      '    return model;',
      '  } else {',
      '    const model = tf.sequential();',
      "    model.add(tf.layers.dense({units: 8, inputShape: [3], activation: 'relu'}));",
      '    model.add(tf.layers.dense({units: 1}));',
      '    return model;',
      '  }',
      '}',
      '',
    ].join('\n');
    const ir = await irOf(src, 'javascript');
    expect(ir.models.map(modelSummary)).toEqual(['sequential model: dense(1)', 'sequential model: dense(8)[relu] > dense(1)']);
    expect(await findings(src, 'javascript')).toEqual([]);
  });

  it('add() calls in different if/else arms are not neighbours (tfjs sentiment shape)', async () => {
    const src = [
      "import * as tf from '@tensorflow/tfjs';",
      'export function build(kind) {',
      '  const model = tf.sequential();',
      "  if (kind === 'wide') {",
      '    model.add(tf.layers.dense({units: 4, inputShape: [8]}));',
      "  } else if (kind === 'deep') {",
      "    model.add(tf.layers.dense({units: 4, inputShape: [8], activation: 'relu'}));",
      "    model.add(tf.layers.dense({units: 4, activation: 'relu'}));",
      '  } else {',
      '    model.add(tf.layers.dense({units: 4, inputShape: [8]}));',
      '  }',
      "  model.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));",
      '  return model;',
      '}',
      '',
    ].join('\n');
    const ir = await irOf(src, 'javascript');
    expect(ir.models.map(modelSummary)).toEqual([
      'sequential model: dense(4) > (branch) > dense(4)[relu] > dense(4)[relu] > (branch) > dense(4) > (branch) > dense(1)[sigmoid]',
    ]);
    expect(await findings(src, 'javascript')).toEqual([]);
    // the same adds in straight-line code: the first dense(4) feeds the second with nothing between
    expect(await findings(src.replace(/ {2}\} else if \(kind === 'deep'\) \{\n/, ''), 'javascript')).toEqual(['ACT005 5']);
  });

  it('Python: add() in if / else arms of one Sequential', async () => {
    const src = [
      'import keras',
      'def build(wide):',
      '    model = keras.Sequential()',
      '    if wide:',
      '        model.add(keras.layers.Dense(64))',
      '    else:',
      '        model.add(keras.layers.Dense(8))',
      "    model.add(keras.layers.Dense(1, activation='sigmoid'))",
      '    return model',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(ir.models.map(modelSummary)).toEqual(['sequential model: Dense(64) > (branch) > Dense(8) > (branch) > Dense(1)[sigmoid]']);
    expect(await findings(src, 'python')).toEqual([]);
  });

  it('a name bound in if / else arms to two models: after the branch the loss is linked to each', async () => {
    const src = [
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'def main(kind, x, y):',
      "    if kind == 'probs':",
      '        model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))',
      '        out = model(x)',
      '    else:',
      '        model = nn.Sequential(nn.Linear(4, 3))',
      '    return F.cross_entropy(model(x), y)',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(links(ir)).toEqual(['model->cross_entropy@9', 'model->cross_entropy@9']);
    expect(ir.links.map((l) => l.model.layers.length)).toEqual([2, 1]);
    // one arm only: that model is the one
    const oneArm = src.replace(/ {4}else:\n.*\n/, '');
    expect(links(await irOf(oneArm, 'python'))).toEqual(['model->cross_entropy@7']);
    // inside the arm, the arm's own binding is certain
    expect(links(await irOf(src.replace('        out = model(x)', '        out = F.cross_entropy(model(x), y)'), 'python'))).toEqual(['model->cross_entropy@6', 'model->cross_entropy@9', 'model->cross_entropy@9']);
  });

  it('Keras: model.add() in two functions and module-level reassignment', async () => {
    const src = [
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      'def small():',
      '    model = keras.Sequential()',
      '    model.add(layers.Dense(1, input_shape=(4,)))',
      '    return model',
      'def big():',
      '    model = keras.Sequential()',
      "    model.add(layers.Dense(16, activation='tanh'))",
      "    model.add(layers.Dense(16, activation='tanh'))",
      "    model.add(layers.Dense(16, activation='tanh'))",
      '    model.add(layers.Dense(1))',
      '    return model',
      'model = keras.Sequential()',
      'model.add(layers.Dense(4))',
      'model = keras.Sequential()',
      "model.add(layers.Dense(4, activation='relu'))",
      'model.add(layers.Dense(2))',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(ir.models.map(modelSummary)).toEqual([
      'sequential model: Dense(1)',
      'sequential model: Dense(16)[tanh] > Dense(16)[tanh] > Dense(16)[tanh] > Dense(1)',
      'sequential model: Dense(4)',
      'sequential model: Dense(4)[relu] > Dense(2)',
    ]);
    // three tanh layers in big() are ACT003's business; nothing mixes small() into it
    expect((await findings(src, 'python')).filter((f) => f.startsWith('ACT005'))).toEqual([]);
  });
});

describe('names reach a model through parameters, returns and reassignments', () => {
  it('torch: train(model, …) called from main() links log_softmax to nll_loss (no finding)', async () => {
    const src = [
      'import torch',
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'class Net(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc1 = nn.Linear(784, 64)',
      '        self.fc2 = nn.Linear(64, 10)',
      '    def forward(self, x):',
      '        x = F.relu(self.fc1(x))',
      '        return F.log_softmax(self.fc2(x), dim=1)',
      'def train(args, model, loader):',
      '    for data, target in loader:',
      '        output = model(data)',
      '        loss = F.nll_loss(output, target)',
      'def main():',
      '    model = Net()',
      '    train(None, model, [])',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(links(ir)).toEqual(['Net->nll_loss@15']);
    expect(await findings(src, 'python')).toEqual([]);
    // the same loss fed softmax probabilities through the parameter does fire
    expect(await findings(src.replace('F.log_softmax', 'F.softmax'), 'python')).toEqual(['ACT002 15']);
  });

  it('a parameter passed two different models links each (each call is a path the loss must suit)', async () => {
    const src = [
      'import torch.nn as nn',
      'def train(model, x, y):',
      '    return nn.CrossEntropyLoss()(model(x), y)',
      'a = nn.Sequential(nn.Linear(4, 2), nn.Softmax(dim=1))',
      'b = nn.Sequential(nn.Linear(4, 2))',
      'train(a, 1, 2)',
      'train(b, 1, 2)',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(links(ir)).toEqual(['a->CrossEntropyLoss@3', 'b->CrossEntropyLoss@3']);
    expect(await findings(src, 'python')).toEqual(['ACT001 4']);
  });

  it('tfjs: const model = createModel() links compile to the model the function returns', async () => {
    const src = [
      "import * as tf from '@tensorflow/tfjs';",
      'function createModel() {',
      '  const model = tf.sequential();',
      "  model.add(tf.layers.dense({units: 10, inputShape: [4], activation: 'softmax'}));",
      '  return model;',
      '}',
      'async function train() {',
      '  const model = createModel();',
      "  model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});",
      '}',
      '',
    ].join('\n');
    const ir = await irOf(src, 'javascript');
    expect(links(ir)).toEqual(['model->categoricalCrossentropy@9']);
    expect(await findings(src, 'javascript')).toEqual([]);
    expect(await findings(src.replace("activation: 'softmax'", "activation: 'relu'"), 'javascript')).toEqual(['ACT002 9']);
  });

  // A function reads a module-level name as bound last before the function's text (the guides rebind
  // `loss_fn` for a later section further down the file).
  it('Keras: the loss object bound last before the use is the one used', async () => {
    const src = [
      'import keras',
      'from keras import layers',
      'inputs = keras.Input(shape=(8,))',
      'outputs = layers.Dense(10)(inputs)',
      'model = keras.Model(inputs, outputs)',
      'loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)',
      'def step(x, y):',
      '    return loss_fn(y, model(x))',
      'logits = model(1)',
      'l1 = loss_fn(2, logits)',
      'loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(ir.links.map((l) => `${l.loss.name}@${l.range.start.line + 1}`)).toEqual(['SparseCategoricalCrossentropy@8', 'SparseCategoricalCrossentropy@10']);
  });

  it('self.loss_fn = loss_fn in a class whose own compile() takes it: no borrowed loss from another class', async () => {
    const src = [
      'import keras',
      'class A(keras.Model):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.loss_fn = keras.losses.MeanSquaredError()',
      '    def train_step(self, data):',
      '        return self.loss_fn(data, self(data))',
      'class B(keras.Model):',
      '    def compile(self, loss_fn):',
      '        self.loss_fn = loss_fn',
      '    def train_step(self, data):',
      '        return self.loss_fn(data, self.disc(data))',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(ir.links.map((l) => `${l.loss.name}@${l.range.start.line + 1}`)).toEqual(['MeanSquaredError@7']);
  });

  it('torch: a loss helper taking the reconstruction as a parameter links to the model (VAE shape)', async () => {
    const src = [
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'model = nn.Sequential(nn.Linear(20, 784), nn.Sigmoid())',
      'def loss_function(recon_x, x):',
      '    return F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")',
      'def train(loader):',
      '    for data in loader:',
      '        recon_batch = model(data)',
      '        loss = loss_function(recon_batch, data)',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(links(ir)).toEqual(['model->binary_cross_entropy@5']);
    expect(await findings(src, 'python')).toEqual([]);
    expect(await findings(src.replace(', nn.Sigmoid()', ''), 'python')).toEqual(['ACT002 5']);
  });

  it('a Keras loss object called in a file that also imports torch is linked once, by Keras', async () => {
    const src = [
      'import torch',
      'import keras',
      'inputs = keras.Input(shape=(8,))',
      'model = keras.Model(inputs, keras.layers.Dense(10)(inputs))',
      'loss_fn = keras.losses.CategoricalCrossentropy(from_logits=True)',
      'for inputs, targets in []:',
      '    logits = model(inputs)',
      '    loss = loss_fn(targets, logits)',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(links(ir)).toEqual(['model->CategoricalCrossentropy@8']);
  });

  it('nn.Sequential(...).to(device) in __init__ is a step of the module, not a model of its own', async () => {
    const src = [
      'import torch.nn as nn',
      'class Shard(nn.Module):',
      '    def __init__(self, device):',
      '        super().__init__()',
      '        self.seq = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU()).to(device)',
      '    def forward(self, x):',
      '        return self.seq(x)',
      '',
    ].join('\n');
    const ir = await irOf(src, 'python');
    expect(ir.models.map(modelSummary)).toEqual(['subclass Shard: self.seq{Conv2d(8) > ReLU}']);
  });
});
