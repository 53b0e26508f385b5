import { describe, expect, it } from 'vitest';
import type { ActivationSite } from '../../../src/core/types';
import { activationHover, plotArgs, rangeText } from '../../../src/shared/hoverText';

const t = (m: string, ...args: Array<string | number>) => m.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
const at = { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } };
const site = (s: Partial<ActivationSite>): ActivationSite => ({ name: 'LeakyReLU', framework: 'torch', range: at, params: {}, ...s });

describe('activation hover text', () => {
  it('uses the defaults of the framework of the file', () => {
    const torch = activationHover(site({ id: 'leaky_relu', params: { slope: 0.01 } }), { locale: 'en', t })!;
    expect(torch).toContain('nn.LeakyReLU(negative_slope=0.01');
    expect(torch).toMatch(/`slope` = `0\.01` \(PyTorch default\)/);
    const keras = activationHover(site({ id: 'leaky_relu', framework: 'keras', params: { slope: 0.3 } }), { locale: 'en', t })!;
    expect(keras).toMatch(/`slope` = `0\.3` \(Keras default\)/);
    const set = activationHover(site({ id: 'leaky_relu', params: { slope: 0.2 } }), { locale: 'en', t })!;
    expect(set).toMatch(/`slope` = `0\.2` \(set here\)/);
  });

  it('has a data-URI picture and a plot link with the site arguments', () => {
    const md = activationHover(site({ id: 'leaky_relu', params: { slope: 0.2 } }), { locale: 'en', t })!;
    expect(md).toMatch(/!\[Leaky ReLU and its derivative\]\(data:image\/svg\+xml;base64,/);
    const link = /\(command:activationLens\.plot\?([^)]+)\)/.exec(md)!;
    expect(JSON.parse(decodeURIComponent(link[1]!))).toEqual({ functions: [{ id: 'leaky_relu', framework: 'torch', params: { slope: 0.2 } }] });
  });

  it('leaves the picture out for vector functions and unknown names', () => {
    const md = activationHover(site({ id: 'softmax', name: 'Softmax', params: { axis: 1 } }), { locale: 'en', t })!;
    expect(md).toContain('Softmax');
    expect(md).not.toContain('data:image');
    expect(activationHover(site({ id: undefined, name: 'softMax', framework: 'tfjs' }), { locale: 'en', t })).toBeUndefined();
  });

  it('speaks Chinese from the catalog when asked', () => {
    const en = activationHover(site({ id: 'relu', name: 'ReLU' }), { locale: 'en', t })!;
    const zh = activationHover(site({ id: 'relu', name: 'ReLU' }), { locale: 'zh-cn', t })!;
    expect(zh).not.toEqual(en);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('formats ranges with open and closed ends', () => {
    expect(rangeText({ lo: 0, hi: Infinity, loClosed: true, hiClosed: false })).toBe('[0, ∞)');
    expect(rangeText({ lo: -1, hi: 1, loClosed: false, hiClosed: false })).toBe('(-1, 1)');
    expect(plotArgs(site({ name: 'relu' })).functions[0]!.id).toBe('relu');
  });
});
