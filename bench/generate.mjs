// Deterministic generator of realistic model files for the benchmark: PyTorch and Keras (Python),
// TensorFlow.js (JavaScript and TypeScript). Modules, Sequentials, functional graphs, losses,
// training loops and plain helper code, with a few misuses mixed in so the rules have work to do.
// Plus library-shaped Python (torch-lib, keras-lib; blocks in lib/libshaped.mjs): activations that
// flow through act_layer parameters, partials, registries, configs and helper-built blocks.
//
//   node bench/generate.mjs [OUTDIR]      writes {torch,keras,torch-lib,keras-lib}_{1000,5000,20000}.py, tfjs_*.js, tfjs_*.ts
//   import { generate, INPUTS } from './generate.mjs'   generate('torch', 5000) → text
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KERAS_LIB_HEADER, TORCH_LIB_HEADER, kerasLibBlock, torchLibBlock } from './lib/libshaped.mjs';

export const SIZES = [1000, 5000, 20000];
export const KINDS = [
  { kind: 'torch', ext: 'py', language: 'python' },
  { kind: 'keras', ext: 'py', language: 'python' },
  { kind: 'tfjs', ext: 'js', language: 'javascript' },
  { kind: 'tfjs-ts', ext: 'ts', language: 'typescript' },
  { kind: 'torch-lib', ext: 'py', language: 'python' },
  { kind: 'keras-lib', ext: 'py', language: 'python' },
];

/** mulberry32: a small seeded PRNG, so every run generates the same files. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tools(seed) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  return { r, pick, int };
}

const WIDTHS = [16, 32, 64, 128, 256, 512];

// ---------------------------------------------------------------- PyTorch
function torchBlock(t, i) {
  const { r, pick, int } = t;
  const act = pick(['relu', 'gelu', 'silu', 'tanh', 'leaky_relu', 'elu']);
  const Act = { relu: 'ReLU', gelu: 'GELU', silu: 'SiLU', tanh: 'Tanh', leaky_relu: 'LeakyReLU', elu: 'ELU' }[act];
  const w = () => pick(WIDTHS);
  const kind = int(0, 4);
  if (kind === 0) {
    const n = int(2, 5);
    const dims = Array.from({ length: n + 1 }, w);
    const init = dims.slice(0, -1).map((d, k) => `        self.fc${k + 1} = nn.Linear(${d}, ${dims[k + 1]})`);
    const fwd = dims.slice(0, -1).map((_, k) => (k < n - 1 ? `        x = self.dropout(F.${act}(self.fc${k + 1}(x)))` : `        return self.fc${k + 1}(x)`));
    return [
      `class MLP${i}(nn.Module):`,
      `    """Feed-forward block ${i}: ${n} linear layers with ${act}."""`,
      '',
      `    def __init__(self, p: float = ${(r() * 0.5).toFixed(2)}):`,
      '        super().__init__()',
      ...init,
      '        self.dropout = nn.Dropout(p)',
      '',
      '    def forward(self, x):',
      ...fwd,
      '',
      '',
    ];
  }
  if (kind === 1) {
    const c = w();
    return [
      `class ConvNet${i}(nn.Module):`,
      `    def __init__(self, num_classes: int = ${int(2, 100)}):`,
      '        super().__init__()',
      `        self.features = nn.Sequential(`,
      `            nn.Conv2d(3, ${c}, kernel_size=3, padding=1),`,
      `            nn.BatchNorm2d(${c}),`,
      `            nn.${Act}(),`,
      `            nn.Conv2d(${c}, ${c * 2}, kernel_size=3, padding=1),`,
      `            nn.${Act}(),`,
      '            nn.MaxPool2d(2),',
      '        )',
      `        self.head = nn.Linear(${c * 2} * 8 * 8, num_classes)`,
      '',
      '    def forward(self, x):',
      '        x = self.features(x)',
      '        x = torch.flatten(x, 1)',
      r() < 0.15 ? '        return F.softmax(self.head(x))' : '        return self.head(x)',
      '',
      '',
    ];
  }
  if (kind === 2) {
    const a = w();
    const b = w();
    return [
      `head_${i} = nn.Sequential(`,
      `    nn.Linear(${a}, ${b}),`,
      `    nn.${Act}(),`,
      `    nn.Linear(${b}, ${int(1, 10)}),`,
      r() < 0.2 ? '    nn.Sigmoid(),' : `    nn.Identity(),`,
      ')',
      '',
      '',
    ];
  }
  if (kind === 3) {
    const loss = pick(['nn.CrossEntropyLoss()', 'nn.BCEWithLogitsLoss()', 'nn.MSELoss()', 'nn.NLLLoss()']);
    return [
      `def train_${i}(model, loader, epochs=${int(1, 50)}, lr=${(r() / 100).toFixed(4)}, device="cpu"):`,
      `    criterion = ${loss}`,
      '    optimizer = torch.optim.Adam(model.parameters(), lr=lr)',
      '    history = []',
      '    for epoch in range(epochs):',
      '        model.train()',
      '        total = 0.0',
      '        for inputs, targets in loader:',
      '            inputs, targets = inputs.to(device), targets.to(device)',
      '            optimizer.zero_grad()',
      '            outputs = model(inputs)',
      '            loss = criterion(outputs, targets)',
      '            loss.backward()',
      '            optimizer.step()',
      '            total += loss.item()',
      '        history.append(total / max(1, len(loader)))',
      `        if epoch % ${int(2, 10)} == 0:`,
      '            print(f"epoch {epoch}: {history[-1]:.4f}")',
      '    return history',
      '',
      '',
    ];
  }
  return [
    `def summarize_${i}(values, threshold=${(r() * 10).toFixed(1)}):`,
    '    """Plain helper code: no framework calls."""',
    '    counts = {}',
    '    for v in values:',
    '        key = "high" if v > threshold else "low"',
    '        counts[key] = counts.get(key, 0) + 1',
    '    ordered = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)',
    '    return [name for name, _ in ordered]',
    '',
    '',
  ];
}

// ---------------------------------------------------------------- Keras
function kerasBlock(t, i) {
  const { r, pick, int } = t;
  const act = () => pick(['relu', 'gelu', 'swish', 'tanh', 'elu', 'selu']);
  const w = () => pick(WIDTHS);
  const kind = int(0, 4);
  if (kind === 0) {
    const out = int(1, 10);
    const outAct = out === 1 ? 'sigmoid' : 'softmax';
    const loss = out === 1 ? 'binary_crossentropy' : pick(['sparse_categorical_crossentropy', 'categorical_crossentropy']);
    return [
      `model_${i} = keras.Sequential(`,
      '    [',
      `        keras.Input(shape=(${w()},)),`,
      `        layers.Dense(${w()}, activation="${act()}"),`,
      `        layers.Dropout(${(r() * 0.5).toFixed(2)}),`,
      `        layers.Dense(${w()}, activation="${act()}"),`,
      `        layers.Dense(${out}, activation="${outAct}"),`,
      '    ]',
      ')',
      `model_${i}.compile(optimizer="adam", loss="${loss}", metrics=["accuracy"])`,
      '',
      '',
    ];
  }
  if (kind === 1) {
    return [
      `def build_functional_${i}(input_dim=${w()}):`,
      '    inputs = keras.Input(shape=(input_dim,))',
      `    x = layers.Dense(${w()}, activation="${act()}")(inputs)`,
      `    x = layers.BatchNormalization()(x)`,
      `    x = layers.Dense(${w()}, activation="${act()}")(x)`,
      `    outputs = layers.Dense(1)(x)`,
      '    model = keras.Model(inputs, outputs)',
      `    model.compile(optimizer=keras.optimizers.Adam(${(r() / 100).toFixed(4)}), loss="mse")`,
      '    return model',
      '',
      '',
    ];
  }
  if (kind === 2) {
    return [
      `class Classifier${i}(keras.Model):`,
      `    def __init__(self, num_classes=${int(2, 20)}):`,
      '        super().__init__()',
      `        self.d1 = layers.Dense(${w()}, activation="${act()}")`,
      `        self.d2 = layers.Dense(${w()}, activation="${act()}")`,
      '        self.out = layers.Dense(num_classes)',
      '',
      '    def call(self, x, training=False):',
      '        x = self.d1(x)',
      '        x = self.d2(x)',
      '        return self.out(x)',
      '',
      '',
    ];
  }
  if (kind === 3) {
    return [
      `def train_step_${i}(model, optimizer, x, y):`,
      `    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=${r() < 0.8 ? 'True' : 'False'})`,
      '    with tf.GradientTape() as tape:',
      '        logits = model(x, training=True)',
      '        loss = loss_fn(y, logits)',
      '    grads = tape.gradient(loss, model.trainable_variables)',
      '    optimizer.apply_gradients(zip(grads, model.trainable_variables))',
      '    return loss',
      '',
      '',
    ];
  }
  return [
    `def load_batches_${i}(paths, batch_size=${pick([16, 32, 64])}):`,
    '    batch = []',
    '    for p in paths:',
    '        with open(p) as fh:',
    '            batch.append([float(v) for v in fh.read().split(",") if v])',
    '        if len(batch) == batch_size:',
    '            yield batch',
    '            batch = []',
    '    if batch:',
    '        yield batch',
    '',
    '',
  ];
}

// ---------------------------------------------------------------- TensorFlow.js
function tfjsBlock(t, i, ts) {
  const { r, pick, int } = t;
  const act = () => pick(['relu', 'elu', 'selu', 'tanh', 'swish', 'gelu']);
  const w = () => pick(WIDTHS);
  const M = ts ? ': tf.Sequential' : '';
  const T = ts ? ': tf.Tensor' : '';
  const kind = int(0, 3);
  if (kind === 0) {
    const out = int(1, 10);
    return [
      `function buildModel${i}()${ts ? ': tf.Sequential' : ''} {`,
      `  const model${M} = tf.sequential({`,
      '    layers: [',
      `      tf.layers.dense({ inputShape: [${w()}], units: ${w()}, activation: '${act()}' }),`,
      `      tf.layers.dropout({ rate: ${(r() * 0.5).toFixed(2)} }),`,
      `      tf.layers.dense({ units: ${w()}, activation: '${act()}' }),`,
      `      tf.layers.dense({ units: ${out}, activation: '${out === 1 ? 'sigmoid' : 'softmax'}' }),`,
      '    ],',
      '  });',
      '  model.compile({',
      `    optimizer: tf.train.adam(${(r() / 100).toFixed(4)}),`,
      `    loss: '${out === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy'}',`,
      "    metrics: ['accuracy'],",
      '  });',
      '  return model;',
      '}',
      '',
    ];
  }
  if (kind === 1) {
    return [
      `const model${i}${M} = tf.sequential();`,
      `model${i}.add(tf.layers.dense({ inputShape: [${w()}], units: ${w()}, activation: '${act()}' }));`,
      `model${i}.add(tf.layers.dense({ units: ${w()}, activation: '${act()}' }));`,
      `model${i}.add(tf.layers.dense({ units: 1 }));`,
      `model${i}.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
      '',
    ];
  }
  if (kind === 2) {
    return [
      `function functional${i}()${ts ? ': tf.LayersModel' : ''} {`,
      `  const input = tf.input({ shape: [${w()}] });`,
      `  const hidden = tf.layers.dense({ units: ${w()}, activation: '${act()}' }).apply(input)${ts ? ' as tf.SymbolicTensor' : ''};`,
      `  const output = tf.layers.dense({ units: ${int(2, 10)} }).apply(hidden)${ts ? ' as tf.SymbolicTensor' : ''};`,
      '  return tf.model({ inputs: input, outputs: output });',
      '}',
      '',
    ];
  }
  return [
    `async function train${i}(model${ts ? ': tf.LayersModel' : ''}, xs${T}, ys${T})${ts ? ': Promise<number[]>' : ''} {`,
    `  const losses${ts ? ': number[]' : ''} = [];`,
    `  for (let epoch = 0; epoch < ${int(2, 40)}; epoch++) {`,
    `    const h = await model.fit(xs, ys, { epochs: 1, batchSize: ${pick([16, 32, 64])}, shuffle: true });`,
    `    losses.push(h.history.loss[0]${ts ? ' as number' : ''});`,
    '  }',
    `  const loss = tf.tidy(() => tf.losses.softmaxCrossEntropy(ys, model.predict(xs)${ts ? ' as tf.Tensor' : ''}));`,
    '  loss.dispose();',
    '  return losses;',
    '}',
    '',
  ];
}

const HEADERS = {
  torch: ['"""Generated PyTorch models for the Activation Lens benchmark."""', 'import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', '', ''],
  keras: ['"""Generated Keras models for the Activation Lens benchmark."""', 'import tensorflow as tf', 'from tensorflow import keras', 'from tensorflow.keras import layers', '', ''],
  tfjs: ['// Generated TensorFlow.js models for the Activation Lens benchmark.', "const tf = require('@tensorflow/tfjs');", ''],
  'tfjs-ts': ['// Generated TensorFlow.js models for the Activation Lens benchmark.', "import * as tf from '@tensorflow/tfjs';", ''],
  'torch-lib': TORCH_LIB_HEADER,
  'keras-lib': KERAS_LIB_HEADER,
};

/** A model file of about `lines` lines (whole blocks; never fewer than asked). */
export function generate(kind, lines) {
  const t = tools(0x5eed ^ lines ^ kind.length * 7919);
  const out = [...HEADERS[kind]];
  const seen = { mlps: [], stages: [], encoders: [], layers: [] }; // names earlier library-shaped blocks defined
  for (let i = 0; out.length < lines; i++) {
    if (kind === 'torch') out.push(...torchBlock(t, i));
    else if (kind === 'keras') out.push(...kerasBlock(t, i));
    else if (kind === 'torch-lib') out.push(...torchLibBlock(t, i, seen));
    else if (kind === 'keras-lib') out.push(...kerasLibBlock(t, i, seen));
    else out.push(...tfjsBlock(t, i, kind === 'tfjs-ts'));
  }
  return out.join('\n') + '\n';
}

/** Every generated input: { name, language, text }. */
export function generatedInputs(sizes = SIZES) {
  const inputs = [];
  for (const { kind, ext, language } of KINDS) {
    for (const n of sizes) inputs.push({ name: `${kind}_${n}.${ext}`, language, text: generate(kind, n), lines: n });
  }
  return inputs;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist/bench/inputs';
  mkdirSync(dir, { recursive: true });
  for (const i of generatedInputs()) writeFileSync(path.join(dir, i.name), i.text);
  console.log(`wrote ${KINDS.length * SIZES.length} files to ${dir}`);
}
