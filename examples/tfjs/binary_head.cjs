// A binary classifier with a linear head compiled with binaryCrossentropy (expects probabilities).
const tf = require('@tensorflow/tfjs-node');

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [30], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });

module.exports = model;
