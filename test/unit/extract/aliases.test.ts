/**
 * Module-level aliases of framework names, as notebooks and books write them:
 * `Dense = tf.keras.layers.Dense`, `RegularizedDense = partial(tf.keras.layers.Dense, activation="relu")`,
 * `Act = partial(nn.LeakyReLU, negative_slope=0.2)`. The calls are the framework's layers, with the
 * partial's keywords unless the call sets them; look-alikes are not; an edit of the partial re-reads
 * the calls after it (incremental analysis equals a fresh one). Snippets written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { LineIndex } from '../../../src/core/parse/lines';

const py = (lines: string[]) => lines.join('\n') + '\n';
const findings = async (text: string) => (await analyze(text, { language: 'python' })).findings.map((f) => `${f.rule}:${f.range.start.line + 1}`);

const KERAS = [
  'from functools import partial',
  'import tensorflow as tf',
  'Dense = tf.keras.layers.Dense',
  'Hidden = partial(tf.keras.layers.Dense, activation="sigmoid", kernel_initializer="he_normal")',
  'model = tf.keras.Sequential([',
  '    tf.keras.layers.Flatten(input_shape=[28, 28]),',
  '    Hidden(100),',
  '    Hidden(100),',
  '    Hidden(100),',
  '    Dense(10, activation="softmax"),',
  '])',
  'model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), optimizer="sgd")',
];

describe('module-level aliases of framework layers', () => {
  it('Keras: the alias is a Dense (ACT001 on its softmax); three partial sigmoid layers are ACT003 at the partial', async () => {
    expect(await findings(py(KERAS))).toEqual(['ACT003:4', 'ACT001:10']);
  });

  it('a call that sets the keyword itself wins over the partial', async () => {
    const text = py(KERAS.map((l) => l.replace('Hidden(100),', 'Hidden(100, activation="relu"),')));
    expect(await findings(text)).toEqual(['ACT001:10']);
  });

  it('torch: Linear = nn.Linear and Act = partial(nn.LeakyReLU, negative_slope=0.2) in a Sequential', async () => {
    const text = py([
      'from functools import partial',
      'import torch.nn as nn',
      'Linear = nn.Linear',
      'Act = partial(nn.LeakyReLU, negative_slope=0.2)',
      'net = nn.Sequential(Linear(4, 8), Act(), Linear(8, 8), Linear(8, 2))',
    ]);
    const r = await analyze(text, { language: 'python' });
    expect(r.findings.map((f) => `${f.rule}:${f.range.start.line + 1}`)).toEqual(['ACT005:5']);
    const act = r.activations.find((a) => a.range.start.line === 4 && a.id === 'leaky_relu');
    expect(act?.params).toMatchObject({ slope: 0.2 });
  });

  it('look-alikes: an alias of a name of the project, an alias made inside a function, a name rebound to something else', async () => {
    const own = py(['import tensorflow as tf', 'from mylib import MyDense', 'Dense = MyDense', 'm = tf.keras.Sequential([Dense(1, activation="softmax")])']);
    expect(await findings(own)).toEqual([]);
    const local = py(['import tensorflow as tf', 'def build():', '    Dense = tf.keras.layers.Dense', '    return Dense', 'Dense = build', 'm = tf.keras.Sequential([Dense()(1, activation="softmax")])']);
    expect(await findings(local)).toEqual([]);
    const rebound = py(['import tensorflow as tf', 'Dense = tf.keras.layers.Dense', 'Dense = lambda *a, **k: None', 'm = tf.keras.Sequential([Dense(1, activation="softmax")])']);
    expect(await findings(rebound)).toEqual([]);
    // the same file with the alias in force: ACT004 (one unit, softmax)
    const kept = py(['import tensorflow as tf', 'Dense = tf.keras.layers.Dense', 'm = tf.keras.Sequential([Dense(1, activation="softmax")])']);
    expect(await findings(kept)).toEqual(['ACT004:3']);
  });

  it('editing the partial re-reads the calls after it: incremental analysis equals a fresh one', async () => {
    const text = py(KERAS);
    const first = await analyze(text, { language: 'python' });
    const at = text.indexOf('activation="sigmoid"') + 'activation="'.length;
    const next = text.slice(0, at) + 'relu' + text.slice(at + 'sigmoid'.length);
    const before = new LineIndex(text);
    const after = new LineIndex(next);
    const edit = { startIndex: at, oldEndIndex: at + 7, newEndIndex: at + 4, startPosition: before.positionAt(at), oldEndPosition: before.positionAt(at + 7), newEndPosition: after.positionAt(at + 4) };
    const inc = await analyze(next, { language: 'python', previous: first, edits: [edit] });
    const fresh = await analyze(next, { language: 'python' });
    expect(inc.findings).toEqual(fresh.findings);
    expect(inc.activations).toEqual(fresh.activations);
    expect(fresh.findings.map((f) => f.rule)).toEqual(['ACT001']);
  });
});
