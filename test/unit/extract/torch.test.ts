import { describe, expect, it } from 'vitest';
import { flatLayers } from '../../../src/core/ir';
import { at, fixture, irOf, modelSummary } from './helpers';

describe('torch extraction', async () => {
  const ir = await irOf(fixture('torch_models.py'), 'python');

  it('finds the framework and the import aliases', () => {
    expect(ir.frameworks).toEqual(['torch']);
    expect(ir.imports.map((i) => `${i.local}=${i.qualified}`)).toEqual(['torch=torch', 'nn=torch.nn', 'Fn=torch.nn.functional']);
  });

  it('orders subclass layers by their use in forward(), with ModuleList loops and nested Sequential', () => {
    expect(ir.models.map(modelSummary)).toEqual([
      'subclass Gate: Linear@gate > sigmoid@gate',
      'subclass Net: Linear(16) > relu > Linear(16)@loop > tanh@loop > self.head{Linear(4) > LeakyReLU} > Linear(2) > log_softmax',
      'sequential mlp: Linear(8) > Sigmoid > Linear(1)',
    ]);
    const net = ir.models[1]!;
    expect(net.bindings).toEqual(['net']);
    expect(flatLayers(net).map((l) => l.className)).toEqual(['Linear', 'relu', 'Linear', 'tanh', 'Linear', 'LeakyReLU', 'Linear', 'log_softmax']);
    const leaky = flatLayers(net)[5]!;
    expect(leaky.activation?.id).toBe('leaky_relu');
    expect(leaky.activation?.params.slope).toBe(0.1);
    expect(at(leaky.range)).toBe('20:53-20:70');
  });

  it('records losses and links from the model output to each loss', () => {
    expect(ir.losses.map((l) => `${l.name}:${l.form}:${l.expects}`)).toEqual([
      'NLLLoss:module:log-probabilities',
      'BCEWithLogitsLoss:module:logits',
      'cross_entropy:function:logits',
    ]);
    expect(ir.links.map((l) => `${l.model.name}->${l.loss.name} [${l.applied.map((a) => a.activation.name).join(',')}]`)).toEqual([
      'Net->NLLLoss []',
      'mlp->BCEWithLogitsLoss [sigmoid]',
      'Net->cross_entropy [softmax]',
    ]);
    expect(at(ir.links[0]!.range)).toBe('40:12-40:25');
  });

  it('lists activation calls with gating, inference and nesting', () => {
    const calls = ir.activationCalls.map((c) => `${c.activation.name}:${c.activation.kind}${c.gated ? ':gated' : ''}${c.inference ? ':inference' : ''}${c.inLoop ? ':loop' : ''}`);
    expect(calls).toEqual([
      'sigmoid:torch-functional:gated',
      'relu:torch-functional',
      'tanh:torch-functional:loop',
      'log_softmax:tensor-method',
      'sigmoid:torch-functional',
      'softmax:torch-functional',
      'sigmoid:torch-functional:inference',
    ]);
    const softmax = ir.activationCalls[5]!;
    expect(softmax.enclosingCall?.name).toBe('cross_entropy');
    expect(at(softmax.range)).toBe('42:30-42:52');
    expect(at(softmax.activation.nameRange)).toBe('42:33-42:40');
    expect(softmax.activation.params).toMatchObject({ axis: 1 }) // the catalog's canonical name for dim;
  });
});

describe('torch look-alikes and aliases', () => {
  it('links criterion(model(x), y) and wrapped softmax(relu(x))', async () => {
    const ir = await irOf('import torch\nimport torch.nn as nn\nm = nn.Sequential(nn.Linear(3, 2))\nc = nn.CrossEntropyLoss()\nl = c(torch.softmax(torch.relu(m(x)), 1), y)\n', 'python');
    expect(ir.links).toHaveLength(1);
    expect(ir.links[0]!.model.name).toBe('m');
    expect(ir.links[0]!.applied.map((a) => a.activation.name)).toEqual(['relu', 'softmax']);
    const [relu, softmax] = ir.activationCalls;
    expect(relu!.wrappedBy).toBe(softmax);
    expect(softmax!.wraps).toBe(relu);
  });

  it('records log(softmax(x)) as the enclosing call', async () => {
    const ir = await irOf('import torch\ny = torch.log(torch.softmax(x, dim=-1))\n', 'python');
    expect(ir.activationCalls.map((c) => c.enclosingCall?.qualified)).toEqual(['torch.log']);
  });

  it('an unknown loss input gives an opaque model', async () => {
    const ir = await irOf('import torch.nn.functional as F\ndef f(logits, y):\n    return F.nll_loss(F.log_softmax(logits, dim=1), y)\n', 'python');
    expect(ir.links).toHaveLength(1);
    expect(ir.links[0]!.model.opaque).toBe(true);
    expect(ir.links[0]!.applied.map((a) => a.activation.name)).toEqual(['log_softmax']);
    expect(ir.models).toHaveLength(0);
  });

  it('code with no framework gives an empty IR', async () => {
    const ir = await irOf('def relu(x):\n    return max(0, x)\nprint(relu(3))\n', 'python');
    expect(ir.frameworks).toEqual([]);
    expect(ir.models).toEqual([]);
    expect(ir.activationCalls).toEqual([]);
  });
});
