// One fixture per rule (test/fixtures/rules/ACTnnn.*) with a committed snapshot of the full output:
// every finding of every rule, in English and Chinese, with its fix and the fixed line.
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../../src/core/analyze';
import type { Finding } from '../../../src/core/types';
import { applyEdits } from '../../../src/core/rules/util/edits';

const dir = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));
const files = readdirSync(dir).filter((f) => /^ACT\d{3}\.(py|js)$/.test(f)).sort();

const pos = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.column + 1}-${f.range.end.line + 1}:${f.range.end.column + 1}`;

async function render(text: string, language: 'python' | 'javascript'): Promise<string> {
  const en = (await analyze(text, { language })).findings;
  const zh = (await analyze(text, { language, locale: 'zh-cn' })).findings;
  const lines = text.split('\n');
  return en
    .map((f, i) => {
      const out = [`${f.rule} ${f.severity} ${pos(f)}`, `  en: ${f.message}`, `  zh: ${zh[i]?.message}`];
      for (const r of f.related ?? []) out.push(`  related ${r.range.start.line + 1}:${r.range.start.column + 1}: ${r.message}`);
      if (f.fix) {
        out.push(`  fix (${f.fix.safe ? 'safe' : 'unsafe'}): ${f.fix.title}`);
        const after = applyEdits(text, f.fix.edits).split('\n');
        let head = 0;
        while (head < lines.length && lines[head] === after[head]) head++;
        let tail = 0;
        while (tail < lines.length - head && lines[lines.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
        for (const l of lines.slice(head, lines.length - tail)) out.push(`    - ${l}`);
        for (const l of after.slice(head, after.length - tail)) out.push(`    + ${l}`);
      }
      return out.join('\n');
    })
    .join('\n\n') + '\n';
}

describe('rule fixtures', () => {
  test('there is a fixture for every rule', () => {
    const ids = new Set(files.map((f) => f.slice(0, 6)));
    expect([...ids].sort()).toEqual(Array.from({ length: 14 }, (_, i) => `ACT${String(i + 1).padStart(3, '0')}`));
  });

  test.each(files)('%s', async (file) => {
    const text = readFileSync(dir + file, 'utf8');
    const rendered = await render(text, file.endsWith('.js') ? 'javascript' : 'python');
    // The fixture's own rule must fire in it.
    expect(rendered).toContain(`${file.slice(0, 6)} `);
    await expect(rendered).toMatchFileSnapshot(`../../fixtures/rules/__snapshots__/${file}.snap`);
  });
});
