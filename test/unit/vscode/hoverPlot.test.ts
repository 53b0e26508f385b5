import { describe, expect, it } from 'vitest';
import { plotMarkdown, plotSvg, sample, yBounds } from '../../../src/shared/hoverPlot';

const relu = (x: number) => Math.max(0, x);
const drelu = (x: number) => (x > 0 ? 1 : 0);

describe('hover plot', () => {
  it('samples the range evenly and keeps exceptions as NaN', () => {
    const s = sample(relu, () => { throw new Error('x'); }, { xMin: -2, xMax: 2, samples: 5 });
    expect(s.xs).toEqual([-2, -1, 0, 1, 2]);
    expect(s.f).toEqual([0, 0, 0, 1, 2]);
    expect(s.df.every(Number.isNaN)).toBe(true);
  });

  it('clamps y to a readable window', () => {
    const s = sample(Math.exp, Math.exp, { xMin: -5, xMax: 5 });
    const b = yBounds(s);
    expect(b.hi).toBeLessThan(7);
    expect(b.lo).toBeLessThan(0);
  });

  it('draws two curves, breaking the path at non-finite values', () => {
    const svg = plotSvg((x) => (x === 0 ? NaN : 1 / x), drelu, { samples: 5, xMin: -2, xMax: 2 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const paths = [...svg.matchAll(/<path d="([^"]*)" fill="none"/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    expect(paths[1]!.match(/M/g)).toHaveLength(2); // f restarts after the NaN at 0
    expect(paths[0]!.match(/M/g)).toHaveLength(1);
  });

  it('wraps the picture as a base64 data-URI Markdown image', () => {
    const md = plotMarkdown('ReLU [and] derivative', relu, drelu, { fLabel: 'f <x>' });
    const m = /^!\[ReLU and derivative\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)$/.exec(md);
    expect(m).not.toBeNull();
    const svg = Buffer.from(m![1]!, 'base64').toString('utf8');
    expect(svg).toContain('f &#60;x&#62;');
    expect(svg).toContain('</svg>');
  });
});
