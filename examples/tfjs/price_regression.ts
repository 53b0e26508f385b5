// Clean TypeScript regression: functional tfjs model, elu hidden layer, linear output, MSE.
import * as tf from '@tensorflow/tfjs';

export function buildRegressor(features: number): tf.LayersModel {
  const input = tf.input({ shape: [features] });
  const hidden = tf.layers.dense({ units: 50, activation: 'elu' }).apply(input) as tf.SymbolicTensor;
  const hidden2 = tf.layers.dense({ units: 50, activation: 'relu' }).apply(hidden) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 1 }).apply(hidden2) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  return model;
}
