// A custom training loop: the model already ends in softmax, and the loss computed by hand with
// tf.losses.softmaxCrossEntropy applies softmax again.
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
const optimizer = tf.train.adam(1e-3);

function trainStep(xs, labels) {
  return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.predict(xs)), true);
}

module.exports = { model, trainStep };
