// Code that looks like a misuse but is not: no rule may fire on these fixtures.
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../../src/core/analyze';

const dir = fileURLToPath(new URL('../../fixtures/rules/lookalikes/', import.meta.url));

describe('look-alikes', () => {
  test.each(readdirSync(dir).sort())('%s: no findings', async (file) => {
    const text = readFileSync(dir + file, 'utf8');
    const result = await analyze(text, { language: file.endsWith('.js') ? 'javascript' : 'python' });
    // The fixture must be understood (models found), or "no findings" would prove nothing.
    expect(result.activations.length).toBeGreaterThan(3);
    expect(result.findings.map((f) => `${f.rule} ${f.range.start.line + 1}:${f.range.start.column + 1} ${f.message}`)).toEqual([]);
  });
});
