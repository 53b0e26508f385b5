// ACT006, ACT008, ACT009, ACT012, ACT013: how an activation is called or named.
import { at, py, table } from './harness';

const fn = (...lines: string[]) => py('import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', '', ...lines);
const keras = (...lines: string[]) => py('from tensorflow import keras', 'from tensorflow.keras import layers', '', ...lines);
const js = (...lines: string[]) => py("const tf = require('@tensorflow/tfjs');", ...lines);

table(
  'ACT006',
  [
    {
      name: 'F.softmax(x)',
      code: fn('p = F.softmax(x)'),
      spans: [at(fn('p = F.softmax(x)'), 'F.softmax(x)')],
      message: "'softmax' without dim: PyTorch guesses the axis (dim=0 for 0-, 1- and 3-D input, dim=1 otherwise) and warns that this is deprecated. Pass dim explicitly",
      output: fn('p = F.softmax(x, dim=1)'),
      safe: false,
    },
    { name: 'nn.Softmax() in a Sequential', code: fn('m = nn.Sequential(nn.Linear(4, 3), nn.Softmax())'), spans: [[4, 35, 4, 47]], output: fn('m = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))') },
    { name: 'nn.LogSoftmax() in a Sequential and F.log_softmax(x)', code: fn('m = nn.Sequential(nn.Linear(4, 3), nn.LogSoftmax())', 'y = F.log_softmax(x)'), spans: [[4, 35, 4, 50], [5, 4, 5, 20]] },
    { name: 'F.softmin(x, dtype=torch.float64)', code: fn('y = F.softmin(x, dtype=torch.float64)'), spans: [[4, 4, 4, 37]], output: fn('y = F.softmin(x, dtype=torch.float64, dim=1)') },
  ],
  [
    { name: 'dim by keyword', code: fn('p = F.softmax(x, dim=-1)', 'm = nn.Softmax(dim=1)') },
    { name: 'dim by position', code: fn('p = F.softmax(x, 1)', 'm = nn.LogSoftmax(1)') },
    { name: 'torch.softmax and Tensor.softmax (dim is required there)', code: fn('p = torch.softmax(x, 1)', 'q = x.softmax(-1)') },
    { name: 'Softmax2d has no dim', code: fn('m = nn.Softmax2d()') },
    { name: 'dim passed through **kwargs', code: fn('p = F.softmax(x, **kw)') },
    { name: 'Keras softmax (axis defaults to -1)', code: keras('m = keras.Sequential([layers.Dense(3, activation="softmax"), layers.Softmax()])') },
  ],
);

const hs = js('const m = tf.sequential({layers: [', "  tf.layers.dense({inputShape: [8], units: 1, activation: 'hard_sigmoid'}),", ']});');
const kRelu = keras('m = keras.Sequential([layers.Dense(10, activation="Relu")])');
const kTypo = keras("m = keras.Sequential([layers.Dense(10, activation='sigmoud')])");
const kHard = keras("m = keras.Sequential([layers.Dense(10, activation='hardSigmoid')])");
table(
  'ACT008',
  [
    {
      name: "tfjs 'hard_sigmoid' → 'hardSigmoid' (safe: differs only in case/underscore)",
      language: 'javascript',
      code: hs,
      spans: [at(hs, "'hard_sigmoid'")],
      message: "Unknown activation 'hard_sigmoid' for TensorFlow.js; did you mean 'hardSigmoid'?",
      output: hs.replace("'hard_sigmoid'", "'hardSigmoid'"),
      safe: true,
    },
    { name: "keras 'Relu' is case-sensitive", code: kRelu, spans: [at(kRelu, '"Relu"')], message: "Unknown activation 'Relu' for Keras; did you mean 'relu', 'celu', 'elu'?", output: kRelu.replace('"Relu"', '"relu"'), safe: true },
    { name: "keras 'sigmoud': a guess, unsafe", code: kTypo, spans: [at(kTypo, "'sigmoud'")], output: kTypo.replace("'sigmoud'", "'sigmoid'"), safe: false },
    { name: "keras 'hardSigmoid' (the tfjs spelling)", code: kHard, spans: [at(kHard, "'hardSigmoid'")], output: kHard.replace("'hardSigmoid'", "'hard_sigmoid'"), safe: true },
    {
      name: "Keras 3-only 'log_softmax' when tf_keras (Keras 2) is imported",
      code: py('import tf_keras as keras', 'from tf_keras import layers', "m = keras.Sequential([layers.Dense(10, activation='log_softmax')])"),
      spans: [[2, 50, 2, 63]],
      message: "'log_softmax' is not available in Keras 2, which this file imports",
    },
    {
      name: 'a name no framework knows, no suggestion',
      language: 'javascript',
      code: js("const l = tf.layers.dense({units: 4, activation: 'leakyRelu'});"),
      spans: [[1, 49, 1, 60]],
      message: "Unknown activation 'leakyRelu' for TensorFlow.js",
      output: null,
    },
  ],
  [
    { name: "keras 'hard_sigmoid', 'swish', 'gelu'", code: keras("m = keras.Sequential([layers.Dense(4, activation='hard_sigmoid'), layers.Dense(4, activation='swish'), layers.Dense(4, activation='gelu')])") },
    { name: "keras 3 name 'log_softmax' with no version pinned", code: keras("m = keras.Sequential([layers.Dense(10, activation='log_softmax')])") },
    { name: "keras activation=None and 'linear'", code: keras("m = keras.Sequential([layers.Dense(4, activation=None), layers.Dense(4, activation='linear')])") },
    { name: "tfjs 'hardSigmoid', 'logSoftmax', 'gelu_new'", language: 'javascript', code: js("const a = tf.layers.dense({units: 4, activation: 'hardSigmoid'});", "const b = tf.layers.dense({units: 4, activation: 'logSoftmax'});", "const c = tf.layers.dense({units: 4, activation: 'gelu_new'});") },
    { name: 'an activation held in a variable', code: keras('m = keras.Sequential([layers.Dense(4, activation=act)])') },
  ],
);

const lt = fn('m = nn.Sequential(nn.Linear(64, 64), nn.LeakyReLU(True), nn.Linear(64, 10))');
const neg = fn('m = nn.Sequential(nn.Linear(4, 4), nn.LeakyReLU(negative_slope=-0.1))');
table(
  'ACT009',
  [
    {
      name: 'nn.LeakyReLU(True)',
      code: lt,
      spans: [at(lt, 'True')],
      message: "'True' binds to the slope of 'LeakyReLU': the slope becomes 1 and the layer is the identity. Did you mean inplace=True?",
      output: lt.replace('LeakyReLU(True)', 'LeakyReLU(inplace=True)'),
      safe: false,
    },
    { name: 'negative slope', code: neg, spans: [at(neg, '-0.1')], message: "Slope -0.1 of 'LeakyReLU' is outside (0, 1): negative inputs change sign, so the function is no longer monotonic", output: null },
    { name: 'keras LeakyReLU(negative_slope=1.5)', code: keras('a = layers.LeakyReLU(negative_slope=1.5)'), spans: [[3, 36, 3, 39]] },
    { name: 'keras 2 LeakyReLU(alpha=0.0): plain ReLU', code: keras('a = layers.LeakyReLU(alpha=0.0)'), spans: [[3, 27, 3, 30]], message: "Slope 0 of 'LeakyReLU' is outside (0, 1): this is plain ReLU, with the same dead units" },
    { name: 'tfjs leakyReLU({alpha: 1})', language: 'javascript', code: js('const a = tf.layers.leakyReLU({alpha: 1});'), spans: [[1, 38, 1, 39]], message: "A slope of 1 makes 'leakyReLU' the identity: the layer adds no nonlinearity" },
    { name: 'tf.nn.leaky_relu(x, alpha=2)', code: py('import tensorflow as tf', 'y = tf.nn.leaky_relu(x, alpha=2)'), spans: [[1, 30, 1, 31]] },
  ],
  [
    { name: 'defaults and usual slopes', code: fn('a = nn.LeakyReLU()', 'b = nn.LeakyReLU(0.2)', 'c = nn.LeakyReLU(0.1, inplace=True)', 'd = F.leaky_relu(x, 0.01)') },
    { name: 'keras ReLU(negative_slope=0.0) is plain ReLU by definition', code: keras('a = layers.ReLU(negative_slope=0.0)') },
    { name: 'a slope held in a variable', code: fn('a = nn.LeakyReLU(slope)') },
  ],
);

const lsm = fn('log_probs = torch.log(F.softmax(logits, dim=1))');
const lsg = fn('lp = torch.log(torch.sigmoid(x))');
const tfl = py('import tensorflow as tf', 'lp = tf.math.log(tf.nn.softmax(logits))');
const jsl = js('const lp = tf.log(tf.softmax(logits));', 'const ls = tf.log(tf.sigmoid(logits));');
table(
  'ACT012',
  [
    {
      name: 'torch.log(F.softmax(x, dim=1))',
      code: lsm,
      spans: [at(lsm, 'torch.log(F.softmax(logits, dim=1))')],
      message: 'log(softmax(x)) underflows to -inf when a probability rounds to 0; use F.log_softmax',
      output: fn('log_probs = F.log_softmax(logits, dim=1)'),
      safe: true,
    },
    { name: 'torch.log(torch.sigmoid(x))', code: lsg, spans: [at(lsg, 'torch.log(torch.sigmoid(x))')], output: fn('lp = torch.nn.functional.logsigmoid(x)'), safe: true },
    { name: 'tf.math.log(tf.nn.softmax(x))', code: tfl, spans: [at(tfl, 'tf.math.log(tf.nn.softmax(logits))')], output: py('import tensorflow as tf', 'lp = tf.nn.log_softmax(logits)') },
    { name: 'tfjs tf.log(tf.softmax(x)) and tf.log(tf.sigmoid(x))', language: 'javascript', code: jsl, spans: [at(jsl, 'tf.log(tf.softmax(logits))'), at(jsl, 'tf.log(tf.sigmoid(logits))')], output: js('const lp = tf.logSoftmax(logits);', 'const ls = tf.log(tf.sigmoid(logits));') },
  ],
  [
    { name: 'log_softmax already', code: fn('lp = F.log_softmax(logits, dim=1)') },
    { name: 'log(softmax(x) + eps) (deliberate smoothing)', code: fn('lp = torch.log(F.softmax(logits, dim=1) + 1e-8)') },
    { name: 'log of a relu', code: fn('lp = torch.log(F.relu(x))') },
    { name: 'math.log of a Python number', code: py('import math', 'y = math.log(sigmoid(3.0))') },
  ],
);

const dep = fn('gate = F.sigmoid(scores) * F.tanh(cell)');
table(
  'ACT013',
  [
    {
      name: 'F.sigmoid and F.tanh',
      code: dep,
      spans: [at(dep, 'F.sigmoid'), at(dep, 'F.tanh')],
      message: "'F.sigmoid' is deprecated; use torch.sigmoid",
      output: fn('gate = torch.sigmoid(scores) * F.tanh(cell)'),
      safe: true,
    },
    {
      name: 'no fix when torch itself is not imported',
      code: py('import torch.nn.functional as F', 'y = F.tanh(x)'),
      spans: [[1, 4, 1, 10]],
      message: "'F.tanh' is deprecated; use torch.tanh",
      output: null,
    },
  ],
  [{ name: 'torch.sigmoid, torch.tanh, F.relu', code: fn('y = torch.sigmoid(x) * torch.tanh(c) + F.relu(z)') }],
);
