import { describe, expect, it } from 'vitest';
import { computeModel } from '../../../webview/depthView';
import { boundFromTop, identity, simulateModel, simWidth, vectorForward, vectorVjp, MAX_SIM_WIDTH } from '../../../webview/modelDepth';
import { sameSamples } from '../../../webview/functionsView';
import { DEFAULT_STATE, sanitizeModel, sanitizeState, type ModelSpec } from '../../../webview/protocol';
import { resolveCurve } from '../../../webview/curves';
import { sampleCurve } from '../../../webview/sample';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const sig = { f: sigmoid, df: (x: number) => sigmoid(x) * (1 - sigmoid(x)) };
const relu = { f: (x: number) => Math.max(0, x), df: (x: number) => (x > 0 ? 1 : 0) };

describe('simulateModel', () => {
  it('is deterministic and gives one gradient norm per layer', () => {
    const layers = [{ width: 32, ...sig }, { width: 16, ...sig }, { width: 4, ...identity }];
    const a = simulateModel(layers, 64, 16, 3, 'torch');
    expect(simulateModel(layers, 64, 16, 3, 'torch')).toEqual(a);
    expect(a.gradNorm).toHaveLength(3);
    expect(a.gradNorm.every((g) => g > 0 && Number.isFinite(g))).toBe(true);
    expect(simulateModel(layers, 64, 16, 4, 'torch').gradNorm[0]).not.toBe(a.gradNorm[0]);
  });

  it("shrinks the gradient through this model's sigmoid stack far more than through the same widths with ReLU", () => {
    const widths = [64, 64, 64, 64, 64, 64, 10];
    const sigNet = widths.map((w, i) => ({ width: w, ...(i < widths.length - 1 ? sig : identity) }));
    const reluNet = widths.map((w, i) => ({ width: w, ...(i < widths.length - 1 ? relu : identity) }));
    const s = simulateModel(sigNet, 32, 32, 1, 'glorot');
    const r = simulateModel(reluNet, 32, 32, 1, 'glorot');
    const ratio = (g: number[]) => g[0]! / g[g.length - 1]!;
    expect(ratio(s.gradNorm)).toBeLessThan(ratio(r.gradNorm) / 50);
  });

  it.each(['softmax', 'log_softmax', 'softmin'] as const)('back-propagates %s exactly: its vector-Jacobian product matches finite differences', (op) => {
    const z = Float64Array.from([0.3, -1.2, 2.0, 0.5]);
    const g = Float64Array.from([0.7, -0.4, 0.1, 1.3]);
    const L = (zz: Float64Array) => vectorForward(op, zz).reduce((s, h, i) => s + h * g[i]!, 0);
    const out = new Float64Array(4);
    vectorVjp(op, vectorForward(op, z), g, out);
    for (let i = 0; i < 4; i++) {
      const e = 1e-6;
      const up = Float64Array.from(z);
      const down = Float64Array.from(z);
      up[i]! += e;
      down[i]! -= e;
      expect(out[i]).toBeCloseTo((L(up) - L(down)) / (2 * e), 6);
    }
  });

  it('caps widths and bounds from the top', () => {
    expect(simWidth(784, 64)).toBe(MAX_SIM_WIDTH);
    expect(simWidth(undefined, 48)).toBe(48);
    expect(simWidth(1, 64)).toBe(1);
    expect(boundFromTop([0.25, 1, 0.25])).toEqual([0.0625, 0.25, 0.25]);
  });
});

const MODEL: ModelSpec = {
  name: 'Net',
  framework: 'torch',
  inputUnits: 20,
  skipped: [],
  layers: [
    { label: 'fc1 · Sigmoid', units: 32, fn: { id: 'sigmoid', framework: 'torch', params: {} } },
    { label: 'fc2 · Sigmoid', units: 32, fn: { id: 'sigmoid', framework: 'torch', params: {} } },
    { label: 'fc3 · linear', units: 3 },
  ],
};

describe('computeModel', () => {
  it('rows named by the source, with max|f′| and PyTorch init', () => {
    const m = computeModel(MODEL, DEFAULT_STATE.depth);
    expect(m.init).toBe('torch');
    expect(m.rows.map((r) => r.label)).toEqual(['fc1 · Sigmoid', 'fc2 · Sigmoid', 'fc3 · linear']);
    expect(m.rows[0]!.maxDf).toBeCloseTo(0.25, 6);
    expect(m.rows[2]!.maxDf).toBe(1);
    expect(m.bound[0]).toBeCloseTo(0.0625, 6);
    expect(m.rows.every((r) => r.grad > 0)).toBe(true);
  });

  it('uses the width setting where the code gives no units, and Glorot for Keras', () => {
    const m = computeModel({ ...MODEL, framework: 'keras', layers: [{ label: 'Dense 1 · relu', fn: { id: 'relu', params: {} } }] }, { ...DEFAULT_STATE.depth, width: 40 });
    expect(m.rows[0]!.simulated).toBe(40);
    expect(m.rows[0]!.units).toBeUndefined();
    expect(m.init).toBe('glorot');
  });
});

describe('model spec validation', () => {
  it('keeps a valid model through save and restore (sanitizeState)', () => {
    const state = sanitizeState(JSON.parse(JSON.stringify({ ...DEFAULT_STATE, view: 'depth', model: MODEL })));
    expect(state.model).toEqual(MODEL);
  });

  it('drops bad layers, caps labels and units, refuses a model without layers', () => {
    const m = sanitizeModel({ name: 'x'.repeat(500), framework: 'evil', layers: [{ label: '' }, { label: 'a'.repeat(999), units: 1e12, fn: { id: 'BAD ID' } }, 7, { label: 'ok', units: -5 }], skipped: [1, 'LSTM'] });
    expect(m!.name).toHaveLength(80);
    expect(m!.framework).toBeUndefined();
    expect(m!.layers).toHaveLength(2);
    expect(m!.layers[0]!.label).toHaveLength(120);
    expect(m!.layers[0]!.units).toBe(100_000);
    expect(m!.layers[0]!.fn).toBeUndefined();
    expect(m!.layers[1]!.units).toBe(1);
    expect(m!.skipped).toEqual(['LSTM']);
    expect(sanitizeModel({ name: 'n', layers: [] })).toBeUndefined();
    expect(sanitizeModel('nope')).toBeUndefined();
    expect(sanitizeState({ model: { layers: 'x' } }).model).toBeUndefined();
  });
});

describe('coinciding curves', () => {
  it("sees softmax's slice coincide with sigmoid, and not with tanh", () => {
    const s = (id: string) => {
      const c = resolveCurve({ id, params: {} })!;
      return sampleCurve(c.f, -6, 6, 400);
    };
    expect(sameSamples(s('softmax'), s('sigmoid'))).toBe(true);
    expect(sameSamples(s('sigmoid'), s('tanh'))).toBe(false);
    expect(sameSamples(s('sigmoid'), s('hard_sigmoid'))).toBe(false);
  });
});
