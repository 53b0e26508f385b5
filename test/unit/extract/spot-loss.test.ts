// A loss constructed and called on the spot (`nn.BCEWithLogitsLoss()(model(x), y)`,
// `keras.losses.X(from_logits=True)(y, model(x))`) is linked to the model output like a bound one.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { irOf } from './helpers';

const py = (...lines: string[]): string => lines.join('\n') + '\n';
const TORCH = ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', ''];

/** 'ACT001 5:42' (1-based line:column of each finding). */
async function fired(code: string): Promise<string[]> {
  const r = await analyze(code, { language: 'python' });
  return r.findings.map((f) => `${f.rule} ${f.range.start.line + 1}:${f.range.start.column + 1}`);
}

describe('losses constructed and called on the spot', () => {
  it('link the model output to the loss (torch and Keras)', async () => {
    const ir = await irOf(py(
      'import torch.nn as nn',
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      'scorer = nn.Sequential(nn.Linear(20, 1), nn.Sigmoid())',
      'bce = nn.BCEWithLogitsLoss()(scorer(x), y)',
      'mse = nn.MSELoss().cuda()(scorer(x), y)',
      'clf = keras.Sequential([layers.Dense(10, activation="softmax")])',
      'ce = keras.losses.CategoricalCrossentropy(from_logits=True)(y, clf(x))',
    ), 'python');
    // Links come per framework (ir.frameworks is sorted: keras, torch).
    expect(ir.links.map((l) => `${l.model.name}->${l.loss.name}:${l.loss.form}:${l.loss.expects}:${l.via}`)).toEqual([
      'clf->CategoricalCrossentropy:object:logits:call',
      'scorer->BCEWithLogitsLoss:module:logits:call',
      'scorer->MSELoss:module:regression:call',
    ]);
    expect(ir.links[0]!.loss.fromLogits).toBe(true);
  });
});

describe('rules through losses called on the spot', () => {
  it('ACT001 / ACT002 through nn.XLoss()(model(x), y)', async () => {
    const code = py(...TORCH,
      'scorer = nn.Sequential(nn.Linear(20, 1), nn.Sigmoid())',
      'a = nn.BCEWithLogitsLoss()(scorer(x), y)',
      'plain = nn.Sequential(nn.Linear(20, 1))',
      'b = nn.BCELoss()(plain(x), y)',
      'c = nn.BCEWithLogitsLoss()(plain(x), y)',
    );
    expect(await fired(code)).toEqual(['ACT001 5:42', 'ACT002 8:5']);
  });
});
