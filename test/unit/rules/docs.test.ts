import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rules } from '../../../src/core/rules/index';
import type { RuleModule } from '../../../src/core/rules/types';
import { HEADINGS, NOT_FLAGGED, renderAll, renderRuleDoc } from '../../docs/render-rule-docs';
import { ruleFindings } from './harness';

const docsDir = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));

/** The docs problems of one rule; empty when complete. */
export async function docsProblems(rule: RuleModule): Promise<string[]> {
  const problems: string[] = [];
  const d = rule.docs;
  const text: Record<(typeof HEADINGS)[number], string> = {
    'What it does': d.whatItDoes,
    'Why is this bad?': d.whyBad,
    Example: d.example?.code,
    'Use instead': d.useInstead?.code,
    'Fix safety': d.fixSafety,
  };
  for (const h of HEADINGS) if (!text[h] || text[h].trim().length < 20) problems.push(`missing "${h}"`);
  if (!d.notFlagged || d.notFlagged.trim().length < 20) problems.push(`missing "${NOT_FLAGGED}"`);
  if (!d.summary?.en || !d.summary['zh-cn']) problems.push('missing summary (en and zh-cn)');
  if (d.example?.code && (await ruleFindings(rule.id, d.example.code, d.example.language)).length === 0) problems.push('Example does not fire');
  if (d.useInstead?.code && (await ruleFindings(rule.id, d.useInstead.code, d.useInstead.language)).length > 0) problems.push('Use instead fires');
  return problems;
}

describe('rule docs', () => {
  test('there are 14 rules with the fixed ids, in order', () => {
    expect(rules.map((r) => r.id)).toEqual(Array.from({ length: 14 }, (_, i) => `ACT${String(i + 1).padStart(3, '0')}`));
  });

  test.each(rules.map((r) => [r.id, r] as const))('%s: every heading, Example fires, Use instead does not', async (_id, rule) => {
    expect(await docsProblems(rule)).toEqual([]);
  });

  test.each(rules.map((r) => [r.id, r] as const))('%s: every message exists in English and Simplified Chinese', (_id, rule) => {
    for (const [key, m] of Object.entries(rule.messages)) {
      expect(m.en, `${key} en`).toMatch(/\S/);
      expect(m['zh-cn'], `${key} zh-cn`).toMatch(/[\u4e00-\u9fff]/);
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      // The Chinese template may use a *Zh variant of a variable, but no variable may be missing.
      expect(vars(m['zh-cn']).map((v) => v!.replace(/Zh$/, '')), `${key} placeholders`).toEqual(vars(m.en));
    }
  });

  test('the checker itself notices a missing heading, a silent Example and a firing Use instead', async () => {
    const base = rules[0]!;
    const broken: RuleModule = {
      ...base,
      docs: { ...base.docs, whyBad: '', notFlagged: '', example: base.docs.useInstead, useInstead: base.docs.example },
    };
    expect(await docsProblems(broken)).toEqual(['missing "Why is this bad?"', 'missing "What it does not flag"', 'Example does not fire', 'Use instead fires']);
  });

  test('docs/rules/*.md is up to date with the generator (run `npm run docs`)', () => {
    const pages = renderAll();
    const onDisk = readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort();
    expect(onDisk).toEqual([...pages.keys()].sort());
    for (const [name, text] of pages) expect(readFileSync(docsDir + name, 'utf8'), name).toBe(text);
  });

  test('a page carries every heading in order', () => {
    const page = renderRuleDoc(rules[4]!);
    const positions = [HEADINGS[0], NOT_FLAGGED, ...HEADINGS.slice(1)].map((h) => page.indexOf(`\n## ${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
