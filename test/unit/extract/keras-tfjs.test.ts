import { describe, expect, it } from 'vitest';
import { at, fixture, irOf, modelSummary } from './helpers';

describe('Keras extraction', async () => {
  const ir = await irOf(fixture('keras_models.py'), 'python');

  it('finds Sequential + add, functional multi-output models, activation= forms', () => {
    expect(ir.frameworks).toEqual(['keras']);
    expect(ir.models.map(modelSummary)).toEqual([
      'sequential model: Dense(64)[relu] > Dense(32)[tanh] > Dense(10)[softmax] > Activation[softmax]',
      'functional m2: Dense(8)[relu] > LeakyReLU > Dense(1)[sigmoid] > Dense(3)[reluu]',
    ]);
    const [dense64, dense32, dense10] = ir.models[0]!.layers;
    expect(dense64!.activation?.kind).toBe('keras-string');
    expect(at(dense64!.activation!.nameRange)).toBe('7:33-7:39');
    expect(dense32!.activation?.kind).toBe('tf-nn');
    expect(dense10!.kernelInitializer?.value).toBe('he_normal');
    const m2 = ir.models[1]!;
    expect(m2.outputs.map((o) => `${o.name}:${o.layers.map((l) => l.className).join('>')}`)).toEqual(['a:Dense>LeakyReLU>Dense', 'b:Dense>LeakyReLU>Dense']);
    expect(m2.layers[3]!.activation?.resolved).toBeUndefined();
  });

  it('finds compile losses (objects, per-output dicts) and custom training loops', () => {
    expect(ir.losses.map((l) => `${l.name}:${l.expects}${l.fromLogits !== undefined ? `:fromLogits=${l.fromLogits}` : ''}${l.outputName ? `@${l.outputName}` : ''}`)).toEqual([
      'SparseCategoricalCrossentropy:logits:fromLogits=true',
      'CategoricalCrossentropy:logits:fromLogits=true',
      'binary_crossentropy:probabilities@a',
      'mse:regression@b',
      'softmax_cross_entropy_with_logits:logits',
    ]);
    expect(ir.links.map((l) => `${l.model.name}[${l.outputIndex}]->${l.loss.name}:${l.via}`)).toEqual([
      'model[0]->CategoricalCrossentropy:compile',
      'm2[0]->binary_crossentropy:compile',
      'm2[1]->mse:compile',
      'model[0]->SparseCategoricalCrossentropy:call',
      'm2[0]->softmax_cross_entropy_with_logits:call',
    ]);
    expect(ir.links[4]!.applied.map((a) => a.activation.qualified)).toEqual(['tf.nn.softmax']);
  });

  it('resolves tf.keras / keras.layers.core spellings', async () => {
    const ir2 = await irOf('import tensorflow as tf\nfrom keras.layers.core import Dense\nm = tf.keras.models.Sequential([Dense(2, activation=tf.keras.activations.sigmoid), tf.keras.layers.Softmax()])\n', 'python');
    expect(ir2.models.map(modelSummary)).toEqual(['sequential m: Dense(2)[sigmoid] > Softmax']);
    expect(ir2.models[0]!.layers[0]!.activation?.kind).toBe('keras-function');
    expect(ir2.models[0]!.layers[1]!.activation?.id).toBe('softmax');
  });
});

describe('TensorFlow.js extraction', async () => {
  const ir = await irOf(fixture('tfjs_models.js'), 'javascript');

  it('finds tf.sequential + add and tf.model with apply()', () => {
    expect(ir.frameworks).toEqual(['tfjs']);
    expect(ir.imports.map((i) => `${i.local}=${i.qualified}`)).toEqual(['tf=@tensorflow/tfjs-node']);
    expect(ir.models.map(modelSummary)).toEqual(['sequential model: dense(16)[relu] > dense(3)[softmax]', 'functional m2: dense(8)[relu] > dense(1)']);
    expect(ir.models[0]!.layers[1]!.activation?.kind).toBe('tfjs-string');
  });

  it('links compile and tf.losses calls, and op / method activations', () => {
    expect(ir.links.map((l) => `${l.model.name}->${l.loss.name}:${l.via}[${l.applied.map((a) => a.activation.name).join(',')}]`)).toEqual([
      'model->categoricalCrossentropy:compile[]',
      'm2->sigmoidCrossEntropy:compile[]',
      'model->softmaxCrossEntropy:call[softmax]',
    ]);
    const method = ir.activationCalls[2]!;
    expect(method.activation.name).toBe('softmax');
    expect(method.wraps?.activation.name).toBe('relu');
  });

  it('reads ES imports and TypeScript', async () => {
    const ts = await irOf("import * as tfjs from '@tensorflow/tfjs';\nconst m: tfjs.Sequential = tfjs.sequential();\nm.add(tfjs.layers.dense({units: 1, activation: 'sigmoid'}) as any);\n", 'typescript');
    expect(ts.models.map(modelSummary)).toEqual(['sequential m: dense(1)[sigmoid]']);
  });
});
