// A custom training loop whose model already ends in softmax, then softmaxCrossEntropy
// applies softmax again.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));

const optimizer = tf.train.adam(1e-3);

export function trainStep(xs, labels) {
  return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.predict(xs)), true);
}
