// ACT007, ACT011, ACT014: neighbouring steps of a model.
import { at, py, table } from './harness';

const keras = (...layers: string[]) =>
  py('from tensorflow import keras', 'from tensorflow.keras import layers', '', 'model = keras.Sequential([', ...layers.map((l) => `    ${l},`), '])');
const torch = (...layers: string[]) => py('import torch', 'import torch.nn as nn', '', 'model = nn.Sequential(', ...layers.map((l) => `    ${l},`), ')');
const fn = (...lines: string[]) => py('import torch', 'import torch.nn.functional as F', '', ...lines);

const kRelu = keras('layers.Dense(64, activation="relu")', 'layers.ReLU()', 'layers.Dense(10)');
const tRelu = torch('nn.Linear(4, 8)', 'nn.ReLU()', 'nn.ReLU(inplace=True)', 'nn.Linear(8, 2)');
const tSoft = torch('nn.Linear(4, 8)', 'nn.Softmax(dim=1)', 'nn.Softmax(dim=1)');
const fRelu = fn('y = F.relu(F.relu(x))');
const fSoft = fn('y = torch.softmax(torch.softmax(x, -1), -1)');
const functional = py(
  'from tensorflow import keras',
  'from tensorflow.keras import layers',
  'inputs = keras.Input(shape=(8,))',
  'x = layers.Dense(16, activation="tanh")(inputs)',
  'x = layers.Activation("tanh")(x)',
  'outputs = layers.Dense(1)(x)',
  'model = keras.Model(inputs, outputs)',
);
table(
  'ACT007',
  [
    {
      name: "keras activation='relu' then ReLU(): safe removal (relu is idempotent)",
      code: kRelu,
      spans: [at(kRelu, 'layers.ReLU()')],
      message: "'ReLU' is applied twice in a row",
      output: keras('layers.Dense(64, activation="relu")', 'layers.Dense(10)'),
      safe: true,
    },
    { name: 'torch ReLU(), ReLU(inplace=True)', code: tRelu, spans: [at(tRelu, 'nn.ReLU(inplace=True)')], output: torch('nn.Linear(4, 8)', 'nn.ReLU()', 'nn.Linear(8, 2)'), safe: true },
    { name: 'softmax twice: removal changes the output', code: tSoft, spans: [at(tSoft, 'nn.Softmax(dim=1)', 1)], output: torch('nn.Linear(4, 8)', 'nn.Softmax(dim=1)'), safe: false },
    { name: 'F.relu(F.relu(x))', code: fRelu, spans: [at(fRelu, 'F.relu(F.relu(x))')], output: fn('y = F.relu(x)'), safe: true },
    { name: 'softmax(softmax(x))', code: fSoft, spans: [at(fSoft, 'torch.softmax(torch.softmax(x, -1), -1)')], safe: false },
    { name: 'keras functional: tanh then Activation("tanh") (no list to edit)', code: functional, spans: [at(functional, '"tanh"', 1)], output: null },
  ],
  [
    { name: 'relu then softmax', code: keras('layers.Dense(64, activation="relu")', 'layers.Dense(10)', 'layers.Softmax()') },
    { name: 'linear Dense then ReLU layer', code: keras('layers.Dense(64)', 'layers.ReLU()') },
    { name: 'relu, BatchNorm, relu', code: torch('nn.Linear(4, 8)', 'nn.ReLU()', 'nn.BatchNorm1d(8)', 'nn.ReLU()') },
    { name: 'relu on two different tensors', code: fn('a = F.relu(x)', 'b = F.relu(y)') },
  ],
);

const selu = keras('layers.Dense(128, activation="selu")', 'layers.Dense(10, activation="softmax")');
const seluHe = keras('layers.Dense(128, activation="selu", kernel_initializer="he_normal")', 'layers.Dense(10)');
const seluAct = keras('layers.Dense(32)', 'layers.Activation("selu")', 'layers.Dense(1)');
table(
  'ACT011',
  [
    {
      name: 'selu with the default initializer',
      code: selu,
      spans: [at(selu, 'layers.Dense', 0)],
      message: "'selu' is self-normalizing only with lecun_normal weights, but this layer uses the default 'glorot_uniform'",
      output: keras('layers.Dense(128, activation="selu", kernel_initializer=\'lecun_normal\')', 'layers.Dense(10, activation="softmax")'),
      safe: false,
    },
    { name: 'selu with he_normal', code: seluHe, spans: [at(seluHe, '"he_normal"')], output: keras('layers.Dense(128, activation="selu", kernel_initializer="lecun_normal")', 'layers.Dense(10)') },
    { name: 'Dense then Activation("selu")', code: seluAct, spans: [at(seluAct, 'layers.Dense', 0)] },
  ],
  [
    { name: "selu with 'lecun_normal'", code: keras('layers.Dense(128, activation="selu", kernel_initializer="lecun_normal")') },
    { name: 'selu with LecunNormal()', code: keras('layers.Dense(128, activation="selu", kernel_initializer=keras.initializers.LecunNormal())') },
    { name: 'an initializer held in a variable', code: keras('layers.Dense(128, activation="selu", kernel_initializer=init)') },
    { name: 'elu with the default initializer', code: keras('layers.Dense(128, activation="elu")') },
    { name: 'torch SELU (no kernel_initializer argument)', code: torch('nn.Linear(4, 8)', 'nn.SELU()') },
  ],
);

const kBefore = keras('layers.Dense(10, activation="relu")', 'layers.Softmax()');
const tBefore = torch('nn.Linear(128, 10)', 'nn.ReLU()', 'nn.Softmax(dim=1)');
const fBefore = fn('p = F.softmax(F.relu(x), dim=1)');
const varBefore = fn('def head(x):', '    x = F.softplus(x)', '    return F.softmax(x, dim=-1)');
table(
  'ACT014',
  [
    {
      name: 'keras relu Dense then Softmax()',
      code: kBefore,
      spans: [at(kBefore, '"relu"')],
      message: "'relu' makes the logits non-negative right before 'Softmax': negative scores are lost, so unlikely classes cannot be pushed toward 0",
      output: null,
    },
    { name: 'torch ReLU() then Softmax(dim=1)', code: tBefore, spans: [at(tBefore, 'nn.ReLU()')], output: torch('nn.Linear(128, 10)', 'nn.Softmax(dim=1)'), safe: false },
    { name: 'F.softmax(F.relu(x))', code: fBefore, spans: [at(fBefore, 'F.relu(x)')], output: fn('p = F.softmax(x, dim=1)') },
    { name: 'softplus through a variable', code: varBefore, spans: [at(varBefore, 'F.softplus(x)')] },
  ],
  [
    { name: 'tanh before softmax (not non-negative)', code: keras('layers.Dense(10, activation="tanh")', 'layers.Softmax()') },
    { name: 'relu hidden layer, linear logits, softmax', code: torch('nn.Linear(128, 64)', 'nn.ReLU()', 'nn.Linear(64, 10)', 'nn.Softmax(dim=1)') },
    { name: 'attention: softmax of scaled scores', code: fn('w = torch.softmax(q @ k.transpose(-2, -1) / d ** 0.5, dim=-1)', 'out = w @ v') },
  ],
);
