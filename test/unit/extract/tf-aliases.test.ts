/**
 * TensorFlow 2's top-level aliases of Keras modules (`tf.losses.SparseCategoricalCrossentropy` is
 * `tf.keras.losses.SparseCategoricalCrossentropy`) reach the loss rules in Python; TensorFlow.js's
 * own `tf.losses.*` functions keep their meaning. Snippets written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';

const rulesOf = async (text: string, language: 'python' | 'javascript') => (await analyze(text, { language })).findings.map((f) => `${f.rule}:${f.range.start.line + 1}`);

const keras = (loss: string, act: string) =>
  ['import tensorflow as tf', 'model = tf.keras.Sequential([', "    tf.keras.layers.Dense(64, activation='relu'),", `    tf.keras.layers.Dense(10, activation='${act}'),`, '])', `model.compile(optimizer='adam', loss=${loss})`].join('\n');

describe('tf.losses.* in Python is tf.keras.losses.*', () => {
  it('softmax output into tf.losses.SparseCategoricalCrossentropy(from_logits=True): ACT001', async () => {
    expect(await rulesOf(keras('tf.losses.SparseCategoricalCrossentropy(from_logits=True)', 'softmax'), 'python')).toEqual(['ACT001:4']);
  });

  it('the same loss without from_logits on a softmax output: clean', async () => {
    expect(await rulesOf(keras('tf.losses.SparseCategoricalCrossentropy()', 'softmax'), 'python')).toEqual([]);
  });

  it('linear output into tf.losses.BinaryCrossentropy() (expects probabilities): ACT002', async () => {
    const text = keras('tf.losses.BinaryCrossentropy()', 'linear').replace('Dense(10,', 'Dense(1,');
    expect((await rulesOf(text, 'python')).filter((r) => r.startsWith('ACT002'))).toHaveLength(1);
  });

  it('TensorFlow.js tf.losses.softmaxCrossEntropy stays a tfjs logits loss', async () => {
    const js = [
      "const tf = require('@tensorflow/tfjs');",
      'const model = tf.sequential();',
      "model.add(tf.layers.dense({units: 10, inputShape: [4], activation: 'softmax'}));",
      'const loss = (y, x) => tf.losses.softmaxCrossEntropy(y, model.predict(x));',
    ].join('\n');
    expect(await rulesOf(js, 'javascript')).toEqual(['ACT001:3']);
  });
});
