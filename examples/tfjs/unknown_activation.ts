// A TypeScript tfjs model with a mistyped activation string: tfjs names are case-sensitive.
import * as tf from '@tensorflow/tfjs';

export function createModel(inputDim: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputDim], units: 32, activation: 'Relu' }));
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
