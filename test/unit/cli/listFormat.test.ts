/**
 * The list report's formatting of `via` and `alternatives` (the resolve engine's fields), on sites
 * built here: the shape of the JSON and the text line, independent of what the analyzer finds.
 */
import { describe, expect, it } from 'vitest';
import type { ActivationSite } from '../../../src/core/types';
import { formatListJson, formatListText, toJsonActivation } from '../../../src/cli/list';

const at = (line: number, column: number, len: number) => ({ start: { line, column }, end: { line, column: column + len } });

const site: ActivationSite = {
  name: 'act_layer',
  framework: 'torch',
  id: 'gelu',
  range: at(9, 12, 9),
  params: { approximate: 'none' },
  via: 'default',
  alternatives: [
    { name: 'SiLU', framework: 'torch', id: 'silu', range: at(20, 30, 4), params: {}, via: 'argument' },
    { name: 'mystery', framework: 'torch', range: at(25, 30, 7), params: {}, via: 'argument' },
  ],
};
const file = { display: 'pkg/block.py', absolute: '/x/pkg/block.py', language: 'python' as const };

describe('list formatting', () => {
  it('JSON: via and alternatives in the same shape, id null when unknown', () => {
    expect(toJsonActivation(site)).toEqual({
      line: 10, column: 13, endLine: 10, endColumn: 22, framework: 'torch', name: 'act_layer', id: 'gelu',
      params: { approximate: 'none' }, via: 'default',
      alternatives: [
        { line: 21, column: 31, endLine: 21, endColumn: 35, framework: 'torch', name: 'SiLU', id: 'silu', params: {}, via: 'argument' },
        { line: 26, column: 31, endLine: 26, endColumn: 38, framework: 'torch', name: 'mystery', id: null, params: {}, via: 'argument' },
      ],
    });
    const doc = JSON.parse(formatListJson([{ file, activations: [site] }])) as { files: Array<{ activations: unknown[] }> };
    expect(doc.files[0]!.activations).toHaveLength(1);
  });

  it('a site without via is written; no alternatives key when there are none', () => {
    const j = toJsonActivation({ name: 'ReLU', framework: 'torch', id: 'relu', range: at(0, 0, 4), params: {} });
    expect(j.via).toBe('written');
    expect('alternatives' in j).toBe(false);
  });

  it('text: the site, then " or …" per alternative, and a summary', () => {
    const out = formatListText([{ file, activations: [site] }], 1, 'en');
    expect(out.split('\n')[0]).toBe("pkg/block.py:10:13: act_layer → gelu(approximate='none') [default] or silu() [argument] or ?() [argument]");
    expect(out).toMatch(/^1 activation site in 1 file \(1 file listed\)\.$/m);
  });
});
