import { describe, expect, it } from 'vitest';
import { compactName, inlayData, type InlayDatum } from '../../../src/core/inlay';
import type { ActivationRef } from '../../../src/core/ir';
import { lookup } from '../../../src/core/math';
import { hintText } from '../../../src/shared/outlineText';
import { analyzed, t } from './helpers';

async function hints(code: string, mode: 'defaults' | 'all' | 'off' = 'defaults', language: 'python' | 'javascript' = 'python'): Promise<Array<{ line: number; column: number; label: string; kind: string }>> {
  const { ir } = await analyzed(code, language);
  return inlayData(ir, mode).map((d: InlayDatum) => ({ line: d.at.line, column: d.at.column, label: hintText(d, t).label, kind: d.kind }));
}

describe('inlay hints: omitted parameters with the framework default', () => {
  it('torch nn.LeakyReLU( ▸ negative_slope=0.01, before the closing parenthesis', async () => {
    const code = 'import torch.nn as nn\nact = nn.LeakyReLU()\n';
    expect(await hints(code)).toEqual([{ line: 1, column: 19, label: 'negative_slope=0.01', kind: 'defaults' }]);
  });

  it('after other arguments with a comma; none when the slope is given by position or keyword', async () => {
    expect((await hints('import torch.nn as nn\na = nn.LeakyReLU(inplace=True)\n')).map((h) => h.label)).toEqual([', negative_slope=0.01']);
    expect(await hints('import torch.nn as nn\na = nn.LeakyReLU(0.2)\n')).toEqual([]);
    expect(await hints('import torch.nn as nn\na = nn.LeakyReLU(negative_slope=0.2)\n')).toEqual([]);
    expect((await hints('import torch.nn.functional as F\ny = F.leaky_relu(x)\n')).map((h) => h.label)).toEqual([', negative_slope=0.01']);
  });

  it('Keras LeakyReLU( ▸ negative_slope=0.3; torch GELU( ▸ approximate=\'none\'', async () => {
    const keras = 'from tensorflow.keras import layers\nl = layers.LeakyReLU()\n';
    expect((await hints(keras)).map((h) => h.label)).toEqual(['negative_slope=0.3']);
    expect((await hints('import torch.nn as nn\ng = nn.GELU()\n')).map((h) => h.label)).toEqual(["approximate='none'"]);
  });

  it('nothing for activations without defaults to show, strings, or bare references', async () => {
    expect(await hints('import torch.nn as nn\nr = nn.ReLU()\n')).toEqual([]);
    expect(await hints('from tensorflow.keras import layers\nd = layers.Dense(4, activation="leaky_relu")\n')).toEqual([]);
    expect(await hints('import tensorflow as tf\nfrom tensorflow.keras import layers\nd = layers.Dense(4, activation=tf.nn.leaky_relu)\n')).toEqual([]);
  });

  it('tfjs layers take a config object: {alpha: 0.3}, or inside the one written', async () => {
    const js = "const tf = require('@tensorflow/tfjs');\nconst a = tf.layers.leakyReLU();\nconst b = tf.layers.leakyReLU({ name: 'x' });\nconst c = tf.layers.leakyReLU({ alpha: 0.1 });\n";
    expect((await hints(js, 'defaults', 'javascript')).map((h) => `${h.line}:${h.label}`)).toEqual(['1:{alpha: 0.3}', "2:, alpha: 0.3"]);
  });

  it('off shows nothing', async () => {
    expect(await hints('import torch.nn as nn\nact = nn.LeakyReLU()\n', 'off')).toEqual([]);
  });
});

const LOSS = `import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))
criterion = nn.CrossEntropyLoss()
loss = criterion(model(x), y)
head = nn.Sequential(nn.Linear(4, 3))
loss2 = criterion(head(x), y)
`;

describe('inlay hints: what each loss receives (mode all)', () => {
  it('softmax probabilities / logits at the end of the loss call, only with all', async () => {
    const all = (await hints(LOSS, 'all')).filter((h) => h.kind === 'carries');
    expect(all).toEqual([
      { line: 4, column: 29, label: '▸ Softmax probabilities', kind: 'carries' },
      { line: 6, column: 29, label: '▸ logits', kind: 'carries' },
    ]);
    expect((await hints(LOSS, 'defaults')).filter((h) => h.kind === 'carries')).toEqual([]);
  });

  it('Keras compile: at the loss as written', async () => {
    const code = 'from tensorflow import keras\nfrom tensorflow.keras import layers\nm = keras.Sequential([layers.Dense(3)])\nm.compile(loss="categorical_crossentropy")\n';
    const { ir } = await analyzed(code);
    const d = inlayData(ir, 'all').filter((x) => x.kind === 'carries');
    expect(d.map((x) => [x.at.line, x.at.column, hintText(x, t).label])).toEqual([[3, 41, '▸ logits']]);
    expect(hintText(d[0]!, t).tooltip).toBe('categorical_crossentropy receives the output of m: logits. It expects probabilities.');
  });

  it('a regression loss receives a linear output, not logits', async () => {
    const code = 'from tensorflow import keras\nfrom tensorflow.keras import layers\nm = keras.Sequential([layers.Dense(1)])\nm.compile(loss="mse")\n';
    const { ir } = await analyzed(code);
    expect(inlayData(ir, 'all').filter((x) => x.kind === 'carries').map((x) => hintText(x, t).label)).toEqual(['▸ linear output']);
  });
});

describe('inlay hints: resolved activations in real code', () => {
  it("act_layer() ▸ GELU | ReLU (default and a caller), ACT2FN['gelu_new'] ▸ GELU(tanh), and no defaults hint on the factory call", async () => {
    const code = `import torch.nn as nn
from transformers.activations import ACT2FN
class Mlp(nn.Module):
    def __init__(self, act_layer=nn.GELU):
        super().__init__()
        self.fc1 = nn.Linear(8, 32)
        self.act = act_layer()
        self.fc2 = nn.Linear(32, 8)
        self.act2 = ACT2FN["gelu_new"]
m = Mlp(act_layer=nn.ReLU)
`;
    expect(await hints(code)).toEqual([
      { line: 6, column: 30, label: '▸ GELU | ReLU', kind: 'resolved' },
      { line: 8, column: 38, label: '▸ GELU(tanh)', kind: 'resolved' },
    ]);
  });
});

describe('inlay hints: resolved activations', () => {
  const ref = (name: string, via?: ActivationRef['via'], alternatives?: ActivationRef[]): ActivationRef & { via?: ActivationRef['via']; alternatives?: ActivationRef[] } => {
    const resolved = lookup(name, 'torch')!;
    const r = { framework: 'torch', kind: 'hf-hidden-act', name, resolved, id: resolved.entry.id, params: { ...resolved.params }, args: [],
      nameRange: { start: { line: 2, column: 4 }, end: { line: 2, column: 14 } }, range: { start: { line: 2, column: 4 }, end: { line: 2, column: 14 } } } as ActivationRef;
    return { ...r, ...(via ? { via } : {}), ...(alternatives ? { alternatives } : {}) };
  };
  const ir = (refs: ActivationRef[]) => ({ language: 'python', frameworks: ['torch'], models: [], losses: [], links: [], activationCalls: [], activations: refs, imports: [], comments: [], textAt: () => '' }) as never;

  it('names the function a registry or argument resolves to: ▸ GELU(tanh)', () => {
    expect(compactName(ref('gelu_new'))).toBe('GELU(tanh)');
    expect(compactName(ref('relu'))).toBe('ReLU');
    const d = inlayData(ir([ref('gelu_new', 'registry')]), 'defaults');
    expect(d.map((x) => [x.kind, x.at.line, x.at.column, hintText(x, t).label])).toEqual([['resolved', 2, 14, '▸ GELU(tanh)']]);
    expect(hintText(d[0]!, t).tooltip).toContain('registry');
  });

  it('lists alternatives, and stays silent for what is written directly', () => {
    const d = inlayData(ir([ref('gelu', 'argument', [ref('relu'), ref('gelu')])]), 'defaults');
    expect(d.map((x) => hintText(x, t).label)).toEqual(['▸ GELU | ReLU']);
    expect(inlayData(ir([ref('gelu_new', 'written'), ref('gelu_new')]), 'all')).toEqual([]);
  });
});
