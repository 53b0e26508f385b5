// Golden values from real TensorFlow.js (float32, CPU backend) for the activation catalog.
//
//   npm i --prefix /tmp/tfjs @tensorflow/tfjs@4.22.0        (throw-away; not a dependency)
//   TFJS_PREFIX=/tmp/tfjs node test/golden/tfjs_golden.mjs        (writes test/golden/tfjs.json)
//
// For every case: x (the float32 inputs, as doubles), tfjs's y = f(x) and dy = tf.grad(f)(x),
// for tfjs's string activations, its layers and its ops, with the catalog id and params that
// describe the same function in tfjs's convention.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const prefix = process.env.TFJS_PREFIX ?? '/tmp/tfjs';
const require = createRequire(`${prefix}/node_modules/`);
const tf = require('@tensorflow/tfjs');

await tf.setBackend('cpu');

const EXTREMES = [-Infinity, -1e4, -745, -100, -88, -40, -20, -10, -5, -1e-8, 0, 1e-8, 5, 10, 20, 40, 88, 100, 745, 1e4, Infinity, NaN];
const KINKS = [-6, -3, -2.5, -1.5, -1, -0.5, -0.1, 0.1, 0.5, 1, 1.5, 2.5, 3, 6];
const DENSE = Array.from({ length: 129 }, (_, i) => (i - 64) / 8);
const GRID = [...new Set([...EXTREMES, ...KINKS, ...DENSE].map((v) => Math.fround(v)))].sort((a, b) =>
  Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b,
);

const enc = (v) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v);

/** Runs f on a rank-1 float32 tensor; returns values and elementwise gradients. */
function run(f, xs) {
  return tf.tidy(() => {
    const x = tf.tensor1d(xs, 'float32');
    const y = f(x).dataSync();
    let dy = null; // null: tfjs cannot differentiate it (e.g. thresholdedReLU: no gradient for Greater)
    try {
      dy = Array.from(tf.grad(f)(x).dataSync());
    } catch (e) {
      process.stderr.write(`no gradient: ${e.message}\n`);
    }
    return { y: Array.from(y), dy };
  });
}

/** yRef/dyRef at non-finite x only (null elsewhere): the limit at ±∞ taken from tfjs itself at
 *  ±1e12 (|y| ≥ 1e11 read as ±∞), and NaN for NaN — the catalog's specification where tfjs's
 *  float32 arithmetic gives NaN (∞/∞, ∞·0) or a number for a NaN input. */
function reference(f, xs) {
  const big = run(f, xs.map((_, i) => (i === 0 ? -1e12 : i === 1 ? 1e12 : 0))); // same shape: layers are built
  const lim = (v) => (Math.abs(v) >= 1e11 ? Math.sign(v) * Infinity : v);
  const pick = (arr) =>
    xs.map((x) => (Number.isNaN(x) ? NaN : x === -Infinity ? lim(arr[0]) : x === Infinity ? lim(arr[1]) : null));
  return { yRef: pick(big.y), dyRef: big.dy === null ? null : pick(big.dy) };
}

function pointCase(id, params, call, f) {
  const { y, dy } = run(f, GRID);
  const ref = reference(f, GRID);
  const e = (a) => (a === null ? null : a.map((v) => (v === null ? null : enc(v))));
  return { id, params, call, x: GRID.map(enc), y: e(y), dy: e(dy), yRef: e(ref.yRef), dyRef: e(ref.dyRef) };
}

const act = (name) => {
  const layer = tf.layers.activation({ activation: name });
  return (x) => layer.apply(x);
};
const layer = (l) => (x) => l.apply(x);
const prelu = (value) => {
  const l = value === undefined ? tf.layers.prelu({}) : tf.layers.prelu({ alphaInitializer: tf.initializers.constant({ value }) });
  return (x) => l.apply(x.reshape([1, -1])).reshape([-1]);
};

const pointwise = [
  // activation: '…' strings
  pointCase('elu', {}, "activation: 'elu'", act('elu')),
  pointCase('selu', {}, "activation: 'selu'", act('selu')),
  pointCase('relu', {}, "activation: 'relu'", act('relu')),
  pointCase('relu6', {}, "activation: 'relu6'", act('relu6')),
  pointCase('linear', {}, "activation: 'linear'", act('linear')),
  pointCase('sigmoid', {}, "activation: 'sigmoid'", act('sigmoid')),
  pointCase('hard_sigmoid', { variant: 'tfjs' }, "activation: 'hardSigmoid'", act('hardSigmoid')),
  pointCase('softplus', { threshold: Infinity }, "activation: 'softplus'", act('softplus')),
  pointCase('softsign', {}, "activation: 'softsign'", act('softsign')),
  pointCase('tanh', {}, "activation: 'tanh'", act('tanh')),
  pointCase('silu', { beta: 1 }, "activation: 'swish'", act('swish')),
  pointCase('mish', {}, "activation: 'mish'", act('mish')),
  pointCase('gelu', { approximate: 'none' }, "activation: 'gelu'", act('gelu')),
  pointCase('gelu', { approximate: 'tanh' }, "activation: 'gelu_new'", act('gelu_new')),
  // layers
  pointCase('relu', {}, 'tf.layers.reLU()', layer(tf.layers.reLU({}))),
  pointCase('relu', { max_value: 6, variant: 'tfjs' }, 'tf.layers.reLU({maxValue: 6})', layer(tf.layers.reLU({ maxValue: 6 }))),
  pointCase('leaky_relu', { slope: 0.3 }, 'tf.layers.leakyReLU()', layer(tf.layers.leakyReLU({}))),
  pointCase('leaky_relu', { slope: 0.1 }, 'tf.layers.leakyReLU({alpha: 0.1})', layer(tf.layers.leakyReLU({ alpha: 0.1 }))),
  pointCase('elu', { alpha: 1 }, 'tf.layers.elu()', layer(tf.layers.elu({}))),
  pointCase('threshold', { threshold: 1, value: 0 }, 'tf.layers.thresholdedReLU()', layer(tf.layers.thresholdedReLU({}))),
  pointCase('prelu', { slope: 0 }, 'tf.layers.prelu()', prelu(undefined)),
  pointCase('prelu', { slope: 0.25 }, 'tf.layers.prelu({alphaInitializer: constant(0.25)})', prelu(0.25)),
  // ops
  pointCase('relu', {}, 'tf.relu', (x) => tf.relu(x)),
  pointCase('relu6', { variant: 'tfjs-op' }, 'tf.relu6', (x) => tf.relu6(x)),
  pointCase('leaky_relu', { slope: 0.2 }, 'tf.leakyRelu', (x) => tf.leakyRelu(x)),
  pointCase('leaky_relu', { slope: 0.1 }, 'tf.leakyRelu(x, 0.1)', (x) => tf.leakyRelu(x, 0.1)),
  pointCase('prelu', { slope: 0.25 }, 'tf.prelu(x, 0.25)', (x) => tf.prelu(x, tf.scalar(0.25))),
  pointCase('elu', {}, 'tf.elu', (x) => tf.elu(x)),
  pointCase('selu', {}, 'tf.selu', (x) => tf.selu(x)),
  pointCase('sigmoid', {}, 'tf.sigmoid', (x) => tf.sigmoid(x)),
  pointCase('tanh', {}, 'tf.tanh', (x) => tf.tanh(x)),
  pointCase('softplus', { threshold: Infinity }, 'tf.softplus', (x) => tf.softplus(x)),
  pointCase('log_sigmoid', {}, 'tf.logSigmoid', (x) => tf.logSigmoid(x)),
];

const VECTORS = [
  [-3, -2, -1, 0, 1, 2, 3],
  [1e4, 0, -1e4, 1e4 - 1],
  [88, 88.5, -88, 0],
  [-20, 20, 1e-8, 0, -1e-8, 5],
  [0.5, 0.5],
];
const TANGENT = [1, -2, 0.5, 3, -0.25, 1.5, -1];

/** y and the vector-Jacobian product Jᵀ·v = ∇ₓ⟨f(x), v⟩ from tf.grad (tfjs has no forward mode);
 *  tests rebuild Jᵀ·v from the catalog's jvp on the basis vectors. */
function vectorCase(id, call, f) {
  return VECTORS.map((xs0) => {
    const xs = xs0.map((v) => Math.fround(v));
    const v = TANGENT.slice(0, xs.length);
    const out = tf.tidy(() => {
      const x = tf.tensor2d([xs], [1, xs.length], 'float32');
      const y = f(x).dataSync();
      const w = tf.tensor2d([v], [1, xs.length], 'float32');
      const vjp = tf.grad((t) => tf.sum(tf.mul(f(t), w)))(x).dataSync();
      return { y: Array.from(y), vjp: Array.from(vjp) };
    });
    return { id, call, x: xs.map(enc), v, y: out.y.map(enc), vjp: out.vjp.map(enc) };
  });
}

const softmaxLayer = tf.layers.softmax({});
const vector = [
  ...vectorCase('softmax', "activation: 'softmax'", act('softmax')),
  ...vectorCase('log_softmax', "activation: 'logSoftmax'", act('logSoftmax')),
  ...vectorCase('softmax', 'tf.layers.softmax() (axis 1)', (x) => softmaxLayer.apply(x)),
  ...vectorCase('softmax', 'tf.softmax', (x) => tf.softmax(x)),
  ...vectorCase('log_softmax', 'tf.logSoftmax', (x) => tf.logSoftmax(x)),
];

const out = process.argv[2] ?? new URL('./tfjs.json', import.meta.url);
writeFileSync(
  out,
  JSON.stringify({ framework: 'tfjs', version: tf.version.tfjs, backend: tf.getBackend(), dtype: 'float32', pointwise, vector }) + '\n',
);
