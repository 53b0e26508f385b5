// ACT003, ACT004, ACT005, ACT007, ACT011, ACT014: the shape of a model.
import { at, py, table } from './harness';

const keras = (...layers: string[]) =>
  py('from tensorflow import keras', 'from tensorflow.keras import layers', '', 'model = keras.Sequential([', ...layers.map((l) => `    ${l},`), '])');
const torch = (...layers: string[]) => py('import torch', 'import torch.nn as nn', '', 'model = nn.Sequential(', ...layers.map((l) => `    ${l},`), ')');
const tfjs = (...layers: string[]) => py("const tf = require('@tensorflow/tfjs');", 'const model = tf.sequential({layers: [', ...layers.map((l) => `  ${l},`), ']});');

const tanh3 = keras('layers.Dense(64, activation="tanh")', 'layers.Dense(64, activation="tanh")', 'layers.Dense(64, activation="tanh")', 'layers.Dense(1)');
const loopCls = py(
  'import torch',
  'import torch.nn as nn',
  'class Deep(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.layers = nn.ModuleList([nn.Linear(64, 64) for _ in range(8)])',
  '        self.out = nn.Linear(64, 1)',
  '    def forward(self, x):',
  '        for layer in self.layers:',
  '            x = torch.tanh(layer(x))',
  '        return self.out(x)',
);
const lstmCell = py(
  'import torch',
  'import torch.nn as nn',
  'class Cell(nn.Module):',
  '    def __init__(self, n, h):',
  '        super().__init__()',
  '        self.ih = nn.Linear(n, 4 * h)',
  '        self.hh = nn.Linear(h, 4 * h)',
  '    def forward(self, x, hx, cx):',
  '        i, f, g, o = (self.ih(x) + self.hh(hx)).chunk(4, 1)',
  '        i = torch.sigmoid(i)',
  '        f = torch.sigmoid(f)',
  '        g = torch.tanh(g)',
  '        o = torch.sigmoid(o)',
  '        cy = f * cx + i * g',
  '        hy = o * torch.tanh(cy)',
  '        return hy, cy',
);
const rnnLoop = py(
  'import torch',
  'import torch.nn as nn',
  'class RNN(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.W = nn.Linear(10, 20)',
  '        self.U = nn.Linear(20, 20)',
  '        self.out = nn.Linear(20, 2)',
  '    def forward(self, xs):',
  '        h = torch.zeros(20)',
  '        for x in xs:',
  '            h = torch.tanh(self.W(x) + self.U(h))',
  '        return self.out(h)',
);
const seBlock = py(
  'import torch',
  'import torch.nn as nn',
  'class SE(nn.Module):',
  '    def __init__(self, c):',
  '        super().__init__()',
  '        self.fc1 = nn.Linear(c, c // 16)',
  '        self.fc2 = nn.Linear(c // 16, c)',
  '        self.fc3 = nn.Linear(c, c)',
  '    def forward(self, x):',
  '        s = torch.sigmoid(self.fc1(x.mean((2, 3))))',
  '        s = torch.sigmoid(self.fc2(s))',
  '        t = torch.sigmoid(self.fc3(s))',
  '        return x * s[:, :, None, None] * t',
);
const sigmoidCls = py(
  'import torch',
  'import torch.nn as nn',
  'class Classifier(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc1 = nn.Linear(10, 20)',
  '        self.fc2 = nn.Linear(20, 20)',
  '        self.fc3 = nn.Linear(20, 20)',
  '        self.head = nn.Linear(20, 3)',
  '    def forward(self, x):',
  '        x = torch.sigmoid(self.fc1(x))',
  '        x = torch.sigmoid(self.fc2(x))',
  '        x = torch.sigmoid(self.fc3(x))',
  '        return self.head(x)',
);

table(
  'ACT003',
  [
    {
      name: 'keras: three tanh hidden layers',
      code: tanh3,
      spans: [at(tanh3, '"tanh"')],
      message: "3 stacked hidden layers use saturating activations (tanh): gradients shrink through each of them (|f'| ≤ 1)",
      output: null,
    },
    { name: 'torch subclass: three sigmoid hidden layers', code: sigmoidCls, spans: [at(sigmoidCls, 'torch.sigmoid(self.fc1(x))')] },
    {
      name: 'torch: tanh applied to each layer of a ModuleList in a loop',
      code: loopCls,
      spans: [at(loopCls, 'torch.tanh(layer(x))')],
      message: "'tanh' is applied to every layer in a loop: a saturating activation through many layers makes gradients vanish",
    },
    {
      name: 'threshold lowered to 2 through options',
      code: keras('layers.Dense(64, activation="sigmoid")', 'layers.Dense(64, activation="softsign")', 'layers.Dense(1)'),
      options: { saturatingDepth: 2 },
      spans: [at(keras('layers.Dense(64, activation="sigmoid")', 'layers.Dense(64, activation="softsign")', 'layers.Dense(1)'), '"sigmoid"')],
    },
    {
      name: 'tfjs: three sigmoid hidden layers',
      language: 'javascript',
      code: tfjs("tf.layers.dense({inputShape: [4], units: 8, activation: 'sigmoid'})", "tf.layers.dense({units: 8, activation: 'sigmoid'})", "tf.layers.dense({units: 8, activation: 'sigmoid'})", "tf.layers.dense({units: 1})"),
      spans: [at(tfjs("tf.layers.dense({inputShape: [4], units: 8, activation: 'sigmoid'})"), "'sigmoid'")],
    },
  ],
  [
    { name: 'two tanh layers (below the default threshold)', code: keras('layers.Dense(64, activation="tanh")', 'layers.Dense(64, activation="tanh")', 'layers.Dense(1)') },
    { name: 'relu hidden layers, sigmoid output', code: keras('layers.Dense(64, activation="relu")', 'layers.Dense(64, activation="relu")', 'layers.Dense(64, activation="relu")', 'layers.Dense(1, activation="sigmoid")') },
    { name: 'ELU saturates on one side only', code: keras('layers.Dense(64, activation="elu")', 'layers.Dense(64, activation="elu")', 'layers.Dense(64, activation="elu")', 'layers.Dense(1)') },
    { name: 'stacked LSTMs (tanh is their gate activation)', code: keras('layers.LSTM(64, activation="tanh", return_sequences=True)', 'layers.LSTM(64, activation="tanh", return_sequences=True)', 'layers.LSTM(64, activation="tanh")', 'layers.Dense(1)') },
    { name: 'hand-written LSTM cell', code: lstmCell },
    { name: 'hand-written RNN: tanh in a time-step loop', code: rnnLoop },
    { name: 'squeeze-excitation gates', code: seBlock },
    { name: 'threshold raised to 4 through options', code: tanh3, options: { saturatingDepth: 4 } },
  ],
);

const one = keras('layers.Dense(32, activation="relu")', 'layers.Dense(1, activation="softmax")');
const oneT = torch('nn.Linear(10, 1)', 'nn.Softmax(dim=1)');
table(
  'ACT004',
  [
    {
      name: "keras Dense(1, activation='softmax')",
      code: one,
      spans: [at(one, '"softmax"')],
      message: "'softmax' over a single unit always outputs 1: the layer learns nothing. For a binary output use sigmoid",
      output: keras('layers.Dense(32, activation="relu")', 'layers.Dense(1, activation="sigmoid")'),
      safe: false,
    },
    { name: 'keras Dense(1) then Softmax()', code: keras('layers.Dense(1)', 'layers.Softmax()'), spans: [at(keras('layers.Dense(1)', 'layers.Softmax()'), 'layers.Softmax()')], output: null },
    { name: 'torch Linear(10, 1) then Softmax(dim=1)', code: oneT, spans: [at(oneT, 'nn.Softmax(dim=1)')] },
    {
      name: 'tfjs dense units 1 softmax',
      language: 'javascript',
      code: tfjs("tf.layers.dense({inputShape: [4], units: 1, activation: 'softmax'})"),
      spans: [at(tfjs("tf.layers.dense({inputShape: [4], units: 1, activation: 'softmax'})"), "'softmax'")],
      output: tfjs("tf.layers.dense({inputShape: [4], units: 1, activation: 'sigmoid'})"),
    },
  ],
  [
    { name: 'softmax over 10 units', code: keras('layers.Dense(10, activation="softmax")') },
    { name: 'single unit with sigmoid', code: keras('layers.Dense(1, activation="sigmoid")') },
    { name: 'torch softmax over the batch axis (dim=0)', code: torch('nn.Linear(10, 1)', 'nn.Softmax(dim=0)') },
  ],
);

const lin2 = torch('nn.Linear(784, 256)', 'nn.Linear(256, 10)');
const kLin = keras('layers.Dense(16)', 'layers.Dropout(0.5)', 'layers.Dense(10)');
const kNone = keras('layers.Dense(3, activation="linear")', 'layers.Flatten()', 'layers.Dense(2)');
const jLin = tfjs('tf.layers.dense({inputShape: [4], units: 8})', "tf.layers.dense({units: 3, activation: 'softmax'})");
table(
  'ACT005',
  [
    {
      name: 'torch Linear → Linear',
      code: lin2,
      spans: [at(lin2, 'nn.Linear', 0)],
      message: "'Linear' feeds 'Linear' with no nonlinearity between them: the two collapse into a single linear map",
      output: null,
    },
    { name: 'keras Dense → Dropout → Dense', code: kLin, spans: [at(kLin, 'layers.Dense', 0)], output: keras('layers.Dense(16, activation=\'relu\')', 'layers.Dropout(0.5)', 'layers.Dense(10)'), safe: false },
    { name: "keras activation='linear' → Flatten → Dense", code: kNone, spans: [at(kNone, 'layers.Dense', 0)], output: keras('layers.Dense(3, activation="relu")', 'layers.Flatten()', 'layers.Dense(2)') },
    { name: 'tfjs dense → dense', language: 'javascript', code: jLin, spans: [at(jLin, 'tf.layers.dense', 0)], output: tfjs("tf.layers.dense({inputShape: [4], units: 8, activation: 'relu'})", "tf.layers.dense({units: 3, activation: 'softmax'})") },
  ],
  [
    { name: 'ReLU between', code: torch('nn.Linear(784, 256)', 'nn.ReLU()', 'nn.Linear(256, 10)') },
    { name: 'BatchNorm between (not collapsed during training)', code: keras('layers.Dense(16)', 'layers.BatchNormalization()', 'layers.Dense(10)') },
    { name: 'regression head without activation after a relu layer', code: keras('layers.Dense(64, activation="relu")', 'layers.Dense(1)') },
    { name: 'an unresolvable activation expression', code: keras('layers.Dense(16, activation=act)', 'layers.Dense(10)') },
    {
      name: 'VAE encoder heads mu / logvar in a subclass (parallel, not stacked)',
      code: py(
        'import torch',
        'import torch.nn as nn',
        'class Enc(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.fc = nn.Linear(784, 400)',
        '        self.mu = nn.Linear(400, 20)',
        '        self.logvar = nn.Linear(400, 20)',
        '    def forward(self, x):',
        '        h = torch.relu(self.fc(x))',
        '        return self.mu(h), self.logvar(h)',
      ),
    },
    {
      name: 'attention q/k/v projections in a subclass',
      code: py(
        'import torch',
        'import torch.nn as nn',
        'class Attn(nn.Module):',
        '    def __init__(self, d):',
        '        super().__init__()',
        '        self.q = nn.Linear(d, d)',
        '        self.k = nn.Linear(d, d)',
        '        self.v = nn.Linear(d, d)',
        '    def forward(self, x):',
        '        q, k, v = self.q(x), self.k(x), self.v(x)',
        '        w = torch.softmax(q @ k.transpose(-2, -1) / (q.size(-1) ** 0.5), dim=-1)',
        '        return w @ v',
      ),
    },
  ],
);

table(
  'ACT005',
  [],
  [{ name: 'linear bottleneck feeding a wider decoder layer (autoencoder code)', code: keras('layers.Dense(256, activation="relu")', 'layers.Dense(2)', 'layers.Dense(256, activation="relu")') }],
);
