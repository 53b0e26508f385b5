// ACT001, ACT002, ACT010: a model output and the loss it reaches.
import { py, table } from './harness';

const torchSeq = (head: string, loss: string, call = 'loss = criterion(model(x), y)') =>
  py('import torch', 'import torch.nn as nn', '', `model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), ${head})`, `criterion = ${loss}`, call);

const kerasSeq = (last: string, loss: string) =>
  py('from tensorflow import keras', 'from tensorflow.keras import layers', '', 'model = keras.Sequential([', '    layers.Dense(64, activation="relu"),', `    ${last},`, '])', `model.compile(optimizer="adam", loss=${loss})`);

table(
  'ACT001',
  [
    {
      name: 'torch Softmax layer into CrossEntropyLoss',
      code: torchSeq('nn.Linear(64, 10), nn.Softmax(dim=1)', 'nn.CrossEntropyLoss()'),
      spans: [[3, 71, 3, 88]],
      message: "'Softmax' already turns the output into probabilities, but the loss 'CrossEntropyLoss' expects logits and applies softmax again",
      output: torchSeq('nn.Linear(64, 10)', 'nn.CrossEntropyLoss()'),
      safe: false,
    },
    {
      name: 'torch Sigmoid layer into BCEWithLogitsLoss',
      code: torchSeq('nn.Linear(64, 1), nn.Sigmoid()', 'nn.BCEWithLogitsLoss()'),
      spans: [[3, 70, 3, 82]],
      message: "'Sigmoid' already turns the output into probabilities, but the loss 'BCEWithLogitsLoss' expects logits and applies sigmoid again",
      output: torchSeq('nn.Linear(64, 1)', 'nn.BCEWithLogitsLoss()'),
    },
    {
      name: 'torch log_softmax before cross_entropy: redundant',
      code: py(
        'import torch.nn as nn',
        'import torch.nn.functional as F',
        'class Net(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.fc = nn.Linear(128, 10)',
        '    def forward(self, x):',
        '        return F.log_softmax(self.fc(x), dim=1)',
        'net = Net()',
        'loss = F.cross_entropy(net(x), y)',
      ),
      spans: [[7, 15, 7, 47]],
      message: "'log_softmax' output goes into 'cross_entropy', which applies log_softmax itself: the extra log_softmax is redundant",
      output: py(
        'import torch.nn as nn',
        'import torch.nn.functional as F',
        'class Net(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.fc = nn.Linear(128, 10)',
        '    def forward(self, x):',
        '        return self.fc(x)',
        'net = Net()',
        'loss = F.cross_entropy(net(x), y)',
      ),
    },
    {
      name: 'keras softmax with from_logits=True',
      code: kerasSeq('layers.Dense(10, activation="softmax")', 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)'),
      spans: [[5, 32, 5, 41]],
      output: kerasSeq('layers.Dense(10, activation="softmax")', 'keras.losses.SparseCategoricalCrossentropy(from_logits=False)'),
      safe: false,
    },
    {
      name: 'keras sigmoid into tf.nn.softmax_cross_entropy_with_logits',
      code: kerasSeq('layers.Dense(10, activation="sigmoid")', 'tf.nn.softmax_cross_entropy_with_logits').replace('from tensorflow import keras', 'import tensorflow as tf\nfrom tensorflow import keras'),
      spans: [[6, 32, 6, 41]],
      output: null,
    },
    {
      name: 'tfjs softmax into tf.losses.softmaxCrossEntropy',
      language: 'javascript',
      code: py(
        "const tf = require('@tensorflow/tfjs');",
        'const model = tf.sequential({layers: [',
        "  tf.layers.dense({inputShape: [784], units: 32, activation: 'relu'}),",
        "  tf.layers.dense({units: 10, activation: 'softmax'}),",
        ']});',
        "model.compile({optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy});",
      ),
      spans: [[3, 42, 3, 51]],
      message: "'softmax' already turns the output into probabilities, but the loss 'softmaxCrossEntropy' expects logits and applies softmax again",
    },
    {
      name: 'softmax applied between the model and the loss',
      code: torchSeq('nn.Linear(64, 10)', 'nn.CrossEntropyLoss()', 'loss = criterion(torch.softmax(model(x), dim=1), y)'),
      spans: [[5, 17, 5, 47]],
      output: torchSeq('nn.Linear(64, 10)', 'nn.CrossEntropyLoss()', 'loss = criterion(model(x), y)'),
    },
  ],
  [
    { name: 'torch logits into CrossEntropyLoss', code: torchSeq('nn.Linear(64, 10)', 'nn.CrossEntropyLoss()') },
    { name: 'keras logits with from_logits=True', code: kerasSeq('layers.Dense(10)', 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)') },
    { name: 'keras softmax with the default from_logits', code: kerasSeq('layers.Dense(10, activation="softmax")', '"sparse_categorical_crossentropy"') },
    {
      name: 'torch.sigmoid(model(x)) at inference after BCEWithLogitsLoss training',
      code: torchSeq('nn.Linear(64, 1)', 'nn.BCEWithLogitsLoss()') + py('model.eval()', 'with torch.no_grad():', '    probs = torch.sigmoid(model(x))'),
    },
    {
      name: 'logits model wrapped in Sequential([model, Softmax()]) for prediction',
      code: kerasSeq('layers.Dense(10)', 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)') + py('probability_model = keras.Sequential([model, layers.Softmax()])', 'predictions = probability_model.predict(x_test)'),
    },
    { name: 'log_softmax + nll_loss', code: torchSeq('nn.Linear(64, 10), nn.LogSoftmax(dim=1)', 'nn.NLLLoss()') },
  ],
);

table(
  'ACT002',
  [
    {
      name: 'torch logits into BCELoss',
      code: torchSeq('nn.Linear(64, 1)', 'nn.BCELoss()'),
      spans: [[4, 12, 4, 24]],
      message: "The loss 'BCELoss' expects probabilities, but the model output has no activation (logits)",
      output: torchSeq('nn.Linear(64, 1)', 'nn.BCEWithLogitsLoss()'),
      safe: false,
    },
    {
      name: 'torch logits into NLLLoss',
      code: torchSeq('nn.Linear(64, 10)', 'nn.NLLLoss()'),
      spans: [[4, 12, 4, 24]],
      message: "The loss 'NLLLoss' expects log-probabilities (log_softmax), but the model output has no activation (logits)",
      output: torchSeq('nn.Linear(64, 10)', 'nn.CrossEntropyLoss()'),
    },
    {
      name: 'torch softmax into NLLLoss',
      code: torchSeq('nn.Linear(64, 10), nn.Softmax(dim=1)', 'nn.NLLLoss()'),
      spans: [[4, 12, 4, 24]],
      message: "The loss 'NLLLoss' expects log-probabilities (log_softmax), but the model output is 'Softmax'",
    },
    {
      name: 'keras string loss on logits (no fix for strings)',
      code: kerasSeq('layers.Dense(10)', '"sparse_categorical_crossentropy"'),
      spans: [[7, 37, 7, 70]],
      output: null,
    },
    {
      name: 'keras relu output into binary_crossentropy',
      code: kerasSeq('layers.Dense(1, activation="relu")', '"binary_crossentropy"'),
      spans: [[7, 37, 7, 58]],
      message: "The loss 'binary_crossentropy' expects probabilities, but the model output is 'relu', not a probability",
    },
    {
      name: 'keras loss object: from_logits added',
      code: kerasSeq('layers.Dense(10)', 'keras.losses.CategoricalCrossentropy()'),
      spans: [[7, 37, 7, 75]],
      output: kerasSeq('layers.Dense(10)', 'keras.losses.CategoricalCrossentropy(from_logits=True)'),
      safe: false,
    },
    {
      name: 'tfjs logits into categoricalCrossentropy',
      language: 'javascript',
      code: py(
        "const tf = require('@tensorflow/tfjs');",
        'const m = tf.sequential();',
        "m.add(tf.layers.dense({inputShape: [4], units: 8, activation: 'relu'}));",
        'm.add(tf.layers.dense({units: 3}));',
        "m.compile({optimizer: 'sgd', loss: 'categoricalCrossentropy'});",
      ),
      spans: [[4, 35, 4, 60]],
    },
  ],
  [
    { name: 'sigmoid + BCELoss', code: torchSeq('nn.Linear(64, 1), nn.Sigmoid()', 'nn.BCELoss()') },
    { name: 'BCELoss on torch.sigmoid(model(x))', code: torchSeq('nn.Linear(64, 1)', 'nn.BCELoss()', 'loss = criterion(torch.sigmoid(model(x)), y)') },
    { name: 'log_softmax + nll_loss', code: torchSeq('nn.Linear(64, 10), nn.LogSoftmax(dim=1)', 'nn.NLLLoss()') },
    { name: 'regression head without activation + mse', code: kerasSeq('layers.Dense(1)', '"mse"') },
    { name: 'an unresolvable activation expression', code: kerasSeq('layers.Dense(1, activation=my_activation)', '"binary_crossentropy"') },
    {
      name: 'VAE decoder: sigmoid + binary cross-entropy',
      code: py(
        'import torch',
        'import torch.nn as nn',
        'import torch.nn.functional as F',
        'decoder = nn.Sequential(nn.Linear(20, 400), nn.ReLU(), nn.Linear(400, 784), nn.Sigmoid())',
        "bce = F.binary_cross_entropy(decoder(z), x, reduction='sum')",
      ),
    },
  ],
);

table(
  'ACT010',
  [
    {
      name: 'sigmoid on several units with categorical_crossentropy',
      code: kerasSeq('layers.Dense(5, activation="sigmoid")', '"categorical_crossentropy"'),
      spans: [[5, 31, 5, 40]],
      message: "'sigmoid' on 5 units with the multi-class loss 'categorical_crossentropy': sigmoid outputs do not sum to 1. Use softmax for one class per example, or a binary loss for multi-label",
      output: undefined,
    },
    {
      name: 'softmax on 8 units with binary_crossentropy',
      code: kerasSeq('layers.Dense(8, activation="softmax")', '"binary_crossentropy"'),
      spans: [[5, 31, 5, 40]],
    },
    {
      name: 'softmax output with mse',
      code: kerasSeq('layers.Dense(8, activation="softmax")', '"mse"'),
      spans: [[5, 31, 5, 40]],
      message: "'softmax' output with the regression loss 'mse': a softmax output sums to 1 and cannot fit arbitrary targets. Regression heads usually have no activation",
    },
    {
      name: 'torch Softmax on 10 units with BCELoss',
      code: torchSeq('nn.Linear(64, 10), nn.Softmax(dim=1)', 'nn.BCELoss()'),
      spans: [[3, 71, 3, 88]],
    },
  ],
  [
    { name: 'two softmax units with binary_crossentropy (equivalent to categorical)', code: kerasSeq('layers.Dense(2, activation="softmax")', '"binary_crossentropy"') },
    { name: 'multi-label sigmoid with binary_crossentropy', code: kerasSeq('layers.Dense(8, activation="sigmoid")', '"binary_crossentropy"') },
    { name: 'sigmoid regression onto [0, 1] targets', code: kerasSeq('layers.Dense(1, activation="sigmoid")', '"mse"') },
    { name: 'softmax with categorical_crossentropy', code: kerasSeq('layers.Dense(8, activation="softmax")', '"categorical_crossentropy"') },
    {
      name: 'multi-output dict: softmax head + cce, linear box head + mse',
      code: py(
        'from tensorflow import keras',
        'from tensorflow.keras import layers',
        'inputs = keras.Input(shape=(32,))',
        'x = layers.Dense(64, activation="relu")(inputs)',
        'cls = layers.Dense(5, activation="softmax", name="cls")(x)',
        'box = layers.Dense(4, name="box")(x)',
        'model = keras.Model(inputs=inputs, outputs={"cls": cls, "box": box})',
        'model.compile(optimizer="adam", loss={"cls": "categorical_crossentropy", "box": "mse"})',
      ),
    },
  ],
);
