// Issue 13: look-alikes met in public code (factorized convolutions, if / else alternatives,
// identity steps before a loss), each next to its twin that is a real mistake and still fires.
import { at, py, table } from './harness';

const torch = (...layers: string[]) => py('import torch', 'import torch.nn as nn', '', 'model = nn.Sequential(', ...layers.map((l) => `    ${l},`), ')');
const keras = (...layers: string[]) =>
  py('from tensorflow import keras', 'from tensorflow.keras import layers', '', 'model = keras.Sequential([', ...layers.map((l) => `    ${l},`), '])');
const tfjs = (...layers: string[]) => py("const tf = require('@tensorflow/tfjs');", 'const model = tf.sequential({layers: [', ...layers.map((l) => `  ${l},`), ']});');

// ── ACT005: deliberate factorizations ─────────────────────────────────────────────────────────
const dwTorch = torch('nn.Conv2d(64, 64, 3, padding=1, groups=64)', 'nn.Conv2d(64, 64, 1)');
const dwTorchFull = torch('nn.Conv2d(64, 64, 3, padding=1)', 'nn.Conv2d(64, 64, 1)');
const dwVar = torch('nn.Conv2d(3 * dim, 3 * dim, k, padding=k // 2, groups=3 * dim)', 'nn.Conv2d(3 * dim, 3 * dim, 1, groups=3 * heads)');
const dwVarFull = torch('nn.Conv2d(3 * dim, 3 * dim, k, padding=k // 2)', 'nn.Conv2d(3 * dim, 3 * dim, 3)');
const dwGroupsOne = torch('nn.Conv2d(64, 64, 3, groups=1)', 'nn.Conv2d(64, 64, 1)');
const dwThenFull = torch('nn.Conv2d(64, 64, 3, groups=64)', 'nn.Conv2d(64, 64, 3)');
const bsconv = torch('nn.Conv2d(64, 64, kernel_size=(1, 1))', 'nn.Conv2d(64, 64, kernel_size=3, padding=1, groups=64)');
const compressor = torch('nn.Conv2d(channels, self.compressed, 1)', 'nn.Conv2d(self.compressed, k * k * s * s, 3, padding=1)');
const compressorLit = torch('nn.Conv2d(256, 64, 1)', 'nn.Conv2d(64, 100, 3, padding=1)');
const expander = torch('nn.Conv2d(3, 64, 1)', 'nn.Conv2d(64, 64, 3, padding=1)');
const r21 = torch('nn.Conv3d(64, 64, (1, 3, 3), padding=(0, 1, 1))', 'nn.Conv3d(64, 64, (3, 1, 1), padding=(1, 0, 0))');
const r21Same = torch('nn.Conv3d(64, 64, (1, 3, 3), padding=(0, 1, 1))', 'nn.Conv3d(64, 64, (1, 3, 3), padding=(0, 1, 1))');
const kDw = keras('layers.DepthwiseConv2D(3, padding="same")', 'layers.Conv2D(64, 1)');
const kSep = keras('layers.SeparableConv2D(64, 3, padding="same")', 'layers.Conv2D(64, (1, 1))');
const kFull = keras('layers.Conv2D(64, 3, padding="same")', 'layers.Conv2D(64, 1)');
const k21 = keras('layers.Conv3D(64, kernel_size=(1, 3, 3), padding="same")', 'layers.Conv3D(64, kernel_size=(3, 1, 1), padding="same")');
const k21Cube = keras('layers.Conv3D(64, kernel_size=(3, 3, 3), padding="same")', 'layers.Conv3D(64, kernel_size=(3, 1, 1), padding="same")');
const k21Expr = keras('layers.Conv3D(filters, kernel_size=(1, k[1], k[2]), padding="same")', 'layers.Conv3D(filters, kernel_size=(k[0], 1, 1), padding="same")');
const k21ExprFull = keras('layers.Conv3D(filters, kernel_size=(k[0], k[1], k[2]), padding="same")', 'layers.Conv3D(filters, kernel_size=(k[0], 1, 1), padding="same")');
const kInception = keras('layers.Conv2D(64, (1, 7), padding="same")', 'layers.Conv2D(64, (7, 1), padding="same")');
const jDw = tfjs("tf.layers.depthwiseConv2d({kernelSize: 3, padding: 'same', inputShape: [32, 32, 8]})", 'tf.layers.conv2d({filters: 8, kernelSize: 1})');
const jFull = tfjs("tf.layers.conv2d({filters: 8, kernelSize: 3, padding: 'same', inputShape: [32, 32, 8]})", 'tf.layers.conv2d({filters: 8, kernelSize: 1})');

// A re-parameterizable block: one conv at inference, another in training; forward() picks one.
const reparam = py(
  'import torch.nn as nn',
  'class PosEnc(nn.Module):',
  '    def __init__(self, dim, inference_mode=False):',
  '        super().__init__()',
  '        if inference_mode:',
  '            self.reparam_conv = nn.Conv2d(dim, dim, 7, padding=3)',
  '        else:',
  '            self.reparam_conv = None',
  '            self.pos_enc = nn.Conv2d(dim, dim, 7, padding=3)',
  '    def forward(self, x):',
  '        if self.reparam_conv is not None:',
  '            x = self.reparam_conv(x)',
  '        else:',
  '            x = self.pos_enc(x) + x',
  '        return x',
);
// Its twin: the same two convolutions one after the other.
const reparamSeq = py(
  'import torch.nn as nn',
  'class PosEnc(nn.Module):',
  '    def __init__(self, dim):',
  '        super().__init__()',
  '        self.reparam_conv = nn.Conv2d(dim, dim, 7, padding=3)',
  '        self.pos_enc = nn.Conv2d(dim, dim, 7, padding=3)',
  '    def forward(self, x):',
  '        x = self.reparam_conv(x)',
  '        x = self.pos_enc(x)',
  '        return x',
);
// elif arms too, and an arm that reads the value from before the if.
const elif = py(
  'import torch.nn as nn',
  'class Stem(nn.Module):',
  '    def __init__(self, c):',
  '        super().__init__()',
  '        self.a = nn.Linear(c, c)',
  '        self.b = nn.Linear(c, c)',
  '        self.c = nn.Linear(c, c)',
  '    def forward(self, x, mode):',
  '        if mode == 0:',
  '            x = self.a(x)',
  '        elif mode == 1:',
  '            x = self.b(x)',
  '        else:',
  '            x = self.c(x)',
  '        return x',
);
// After the if, the value may come from either arm: the next layer still follows one of them.
const afterIf = py(
  'import torch.nn as nn',
  'class Stem(nn.Module):',
  '    def __init__(self, c):',
  '        super().__init__()',
  '        self.a = nn.Linear(c, c)',
  '        self.out = nn.Linear(c, c)',
  '    def forward(self, x, flag):',
  '        if flag:',
  '            x = self.a(x)',
  '        return self.out(x)',
);
const functionalArms = py(
  'from tensorflow import keras',
  'from tensorflow.keras import layers',
  'def build(separable):',
  '    inputs = keras.Input(shape=(32, 32, 3))',
  '    if separable:',
  '        x = layers.SeparableConv2D(32, 3, padding="same")(inputs)',
  '    else:',
  '        x = layers.Conv2D(32, 3, padding="same")(inputs)',
  '    x = layers.ReLU()(x)',
  '    x = layers.Flatten()(x)',
  '    outputs = layers.Dense(10, activation="softmax")(x)',
  '    return keras.Model(inputs, outputs)',
);
const functionalArmsSeq = py(
  'from tensorflow import keras',
  'from tensorflow.keras import layers',
  'def build(separable):',
  '    inputs = keras.Input(shape=(32, 32, 3))',
  '    x = layers.Conv2D(32, 3, padding="same")(inputs)',
  '    if separable:',
  '        x = layers.Conv2D(32, 3, padding="same")(x)',
  '    x = layers.ReLU()(x)',
  '    x = layers.Flatten()(x)',
  '    outputs = layers.Dense(10, activation="softmax")(x)',
  '    return keras.Model(inputs, outputs)',
);

table(
  'ACT005',
  [
    { name: 'full 3×3 conv then 1×1 conv (not depthwise)', code: dwTorchFull, spans: [at(dwTorchFull, 'nn.Conv2d', 0)] },
    { name: 'convolutions sized by expressions, no groups', code: dwVarFull, spans: [at(dwVarFull, 'nn.Conv2d', 0)] },
    { name: 'groups=1 is an ordinary convolution', code: dwGroupsOne, spans: [at(dwGroupsOne, 'nn.Conv2d', 0)] },
    { name: 'depthwise then a full 3×3 conv (not pointwise)', code: dwThenFull, spans: [at(dwThenFull, 'nn.Conv2d', 0)] },
    { name: 'a 1×1 conv that expands 3 → 64 channels, then a 3×3 conv', code: expander, spans: [at(expander, 'nn.Conv2d', 0)] },
    { name: 'two (1, 3, 3) convs: the same axes, not a (2+1)D split', code: r21Same, spans: [at(r21Same, 'nn.Conv3d', 0)] },
    { name: 'keras full conv then 1×1 conv', code: kFull, spans: [at(kFull, 'layers.Conv2D', 0)] },
    { name: 'keras (3, 3, 3) then (3, 1, 1): the first is full', code: k21Cube, spans: [at(k21Cube, 'layers.Conv3D', 0)] },
    { name: 'keras (k0, k1, k2) then (k0, 1, 1) written with expressions: the first is full', code: k21ExprFull, spans: [at(k21ExprFull, 'layers.Conv3D', 0)] },
    { name: 'tfjs full conv then 1×1 conv', language: 'javascript', code: jFull, spans: [at(jFull, 'tf.layers.conv2d', 0)] },
    { name: 'the same two convolutions in sequence in forward()', code: reparamSeq, spans: [at(reparamSeq, 'nn.Conv2d', 0)] },
    { name: 'a layer applied only under an if, then the next layer', code: afterIf, spans: [at(afterIf, 'nn.Linear', 0)] },
    { name: 'keras functional: conv, then another conv under an if', code: functionalArmsSeq, spans: [at(functionalArmsSeq, 'layers.Conv2D', 0)] },
  ],
  [
    { name: 'torch depthwise (groups == in channels) then pointwise', code: dwTorch },
    { name: 'timm-style: groups written as the in-channels expression, grouped pointwise after', code: dwVar },
    { name: 'pointwise then depthwise (blueprint-separable, BSConv-U)', code: bsconv },
    { name: 'CARAFE-style 1×1 channel compressor then a 3×3 content encoder (sizes as expressions)', code: compressor },
    { name: '1×1 compressor 256 → 64 then a 3×3 conv', code: compressorLit },
    { name: '(2+1)D: Conv3d (1, 3, 3) then (3, 1, 1)', code: r21 },
    { name: 'keras DepthwiseConv2D then Conv2D 1×1', code: kDw },
    { name: 'keras SeparableConv2D then Conv2D (1, 1)', code: kSep },
    { name: 'keras Conv3D (1, 3, 3) then (3, 1, 1)', code: k21 },
    { name: 'keras (1, 7) then (7, 1): a spatially separable 7×7', code: kInception },
    { name: 'keras (2+1)D with sizes written as expressions: (1, k[1], k[2]) then (k[0], 1, 1)', code: k21Expr },
    { name: 'tfjs depthwiseConv2d then a 1×1 conv2d', language: 'javascript', code: jDw },
    { name: 're-parameterized inference conv vs training branch (if / else in forward)', code: reparam },
    { name: 'if / elif / else arms each apply one layer', code: elif },
    { name: 'keras functional: SeparableConv2D or Conv2D in the two arms', code: functionalArms },
  ],
);

// ── ACT001 / ACT002: identity steps between the output activation and the loss ─────────────────
const kCast = keras('layers.Dense(64, activation="relu")', 'layers.Dense(10, activation="softmax")', 'layers.Activation("linear", dtype="float32")');
const compile = (code: string, loss: string) => code + `model.compile(optimizer="adam", loss=${loss})\n`;
const kCastSparse = compile(kCast, '"sparse_categorical_crossentropy"');
const kCastLogits = compile(kCast, 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)');
const kLinearCast = compile(keras('layers.Dense(64, activation="relu")', 'layers.Dense(10)', 'layers.Activation("linear", dtype="float32")'), '"sparse_categorical_crossentropy"');
const kLinearCastLogits = compile(keras('layers.Dense(64, activation="relu")', 'layers.Dense(10)', 'layers.Activation("linear", dtype="float32")'), 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)');
const kDrop = compile(keras('layers.Dense(64, activation="relu")', 'layers.Dense(1, activation="sigmoid")', 'layers.Dropout(0.1)'), '"binary_crossentropy"');
const fnModel = (tail: string, loss: string) =>
  py(
    'import tensorflow as tf',
    'from tensorflow import keras',
    'from tensorflow.keras import layers',
    'inputs = keras.Input(shape=(8,))',
    'x = layers.Dense(16, activation="relu")(inputs)',
    tail,
    'model = keras.Model(inputs, outputs)',
    `model.compile(optimizer="adam", loss=${loss})`,
  );
const tfIdentity = fnModel('outputs = tf.identity(layers.Dense(10, activation="softmax")(x))', '"sparse_categorical_crossentropy"');
const tfIdentityLogits = fnModel('outputs = tf.identity(layers.Dense(10)(x))', '"sparse_categorical_crossentropy"');
const tfCast = fnModel('probs = layers.Dense(10, activation="softmax")(x)\noutputs = tf.cast(probs, tf.float32)', 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)');
const tfCastLogits = fnModel('logits = layers.Dense(10)(x)\noutputs = tf.cast(logits, tf.float32)', 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)');
const tIdentity = (head: string, loss: string) =>
  py('import torch', 'import torch.nn as nn', `net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), ${head}, nn.Identity())`, `criterion = ${loss}`, 'loss = criterion(net(x), y)');
const tSigId = tIdentity('nn.Linear(8, 1), nn.Sigmoid()', 'nn.BCELoss()');
const tLinId = tIdentity('nn.Linear(8, 1)', 'nn.BCELoss()');
const tSoftId = tIdentity('nn.Linear(8, 3), nn.Softmax(dim=1)', 'nn.CrossEntropyLoss()');
const tLinIdCe = tIdentity('nn.Linear(8, 3)', 'nn.CrossEntropyLoss()');
const tSub = (act: string) =>
  py(
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'class Net(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.fc = nn.Linear(4, 3)',
    '        self.drop = nn.Dropout(0.1)',
    '        self.out = nn.Identity()',
    '    def forward(self, x):',
    `        x = ${act}`,
    '        return self.out(self.drop(x))',
    'model = Net()',
    'loss = F.cross_entropy(model(x), y)',
  );
const tSubSoft = tSub('F.softmax(self.fc(x), dim=1)');

table(
  'ACT002',
  [
    { name: 'keras linear Dense then Activation("linear") cast: still logits', code: kLinearCast, spans: [at(kLinearCast, '"sparse_categorical_crossentropy"')] },
    { name: 'tf.identity of a linear Dense: still logits', code: tfIdentityLogits, spans: [at(tfIdentityLogits, '"sparse_categorical_crossentropy"')] },
    { name: 'torch Linear then nn.Identity() into BCELoss', code: tLinId, spans: [at(tLinId, 'nn.BCELoss()')] },
  ],
  [
    { name: 'softmax, then Activation("linear", dtype="float32") (mixed precision)', code: kCastSparse },
    { name: 'sigmoid then Dropout into binary_crossentropy', code: kDrop },
    { name: 'softmax Dense wrapped in tf.identity', code: tfIdentity },
    { name: 'torch Sigmoid then nn.Identity() into BCELoss', code: tSigId },
    { name: 'logits through an identity cast into from_logits=True', code: kLinearCastLogits },
  ],
);

table(
  'ACT001',
  [
    { name: 'softmax, Activation("linear") cast, from_logits=True: still probabilities', code: kCastLogits, spans: [at(kCastLogits, '"softmax"')] },
    { name: 'softmax then tf.cast into from_logits=True', code: tfCast, spans: [at(tfCast, '"softmax"')] },
    { name: 'torch Softmax then nn.Identity() into CrossEntropyLoss', code: tSoftId, spans: [at(tSoftId, 'nn.Softmax(dim=1)')] },
    { name: 'subclass: softmax, Dropout, nn.Identity() into F.cross_entropy', code: tSubSoft, spans: [at(tSubSoft, 'F.softmax(self.fc(x), dim=1)')] },
  ],
  [
    { name: 'torch linear head then nn.Identity() into CrossEntropyLoss', code: tLinIdCe },
    { name: 'logits through tf.cast into from_logits=True', code: tfCastLogits },
    { name: 'subclass: linear head, Dropout, nn.Identity() into F.cross_entropy', code: tSub('self.fc(x)') },
  ],
);
