// Iris classifier in TensorFlow.js: relu hidden layers, softmax output, categorical
// crossentropy on probabilities (clean).
const tf = require('@tensorflow/tfjs');

function buildModel() {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }),
      tf.layers.dense({ units: 16, activation: 'relu' }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: tf.train.adam(0.01),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

async function train(xs, ys) {
  const model = buildModel();
  await model.fit(xs, ys, { epochs: 40, validationSplit: 0.2, shuffle: true });
  return model;
}

module.exports = { buildModel, train };
