/** Renders docs/rules/ACTnnn.md from a rule module. Shared by the generator (npm run docs) and the docs test. */
import type { RuleModule } from '../../src/core/rules/types';
import { rules } from '../../src/core/rules/index';

export const HEADINGS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety'] as const;
/** Right after "What it does": the look-alikes the rule deliberately leaves alone. */
export const NOT_FLAGGED = 'What it does not flag';

const FENCE: Record<string, string> = { python: 'python', ipynb: 'python', javascript: 'js', typescript: 'ts', tsx: 'tsx' };

export function renderRuleDoc(rule: RuleModule): string {
  const d = rule.docs;
  const lines = [
    `# ${rule.id}: ${rule.name}`,
    '',
    `${d.summary.en}`,
    '',
    `${d.summary['zh-cn']}`,
    '',
    `- Default severity: ${rule.defaultSeverity}`,
    `- Fix: ${rule.fixable ? 'available (see Fix safety)' : 'none'}`,
    `- Suppress on the reported line: \`# noqa: ${rule.id}\` (Python), \`// noqa: ${rule.id}\` (JavaScript / TypeScript)`,
    '',
    `## ${HEADINGS[0]}`,
    '',
    d.whatItDoes,
    '',
    `## ${NOT_FLAGGED}`,
    '',
    d.notFlagged,
    '',
    `## ${HEADINGS[1]}`,
    '',
    d.whyBad,
    '',
    `## ${HEADINGS[2]}`,
    '',
    '```' + FENCE[d.example.language],
    d.example.code.replace(/\n$/, ''),
    '```',
    '',
    `## ${HEADINGS[3]}`,
    '',
    '```' + FENCE[d.useInstead.language],
    d.useInstead.code.replace(/\n$/, ''),
    '```',
    '',
    `## ${HEADINGS[4]}`,
    '',
    d.fixSafety,
    '',
    '<!-- Generated from src/core/rules by `npm run docs`; edit the rule module, not this page. -->',
    '',
  ];
  return lines.join('\n');
}

export function renderIndex(): string {
  const rows = rules.map((r) => `| [${r.id}](${r.id}.md) | ${r.name} | ${r.defaultSeverity} | ${r.fixable ? 'yes' : 'no'} | ${r.docs.summary.en.replace(/\|/g, '\\|')} |`);
  return ['# Rules', '', '| id | name | severity | fix | summary |', '|---|---|---|---|---|', ...rows, '', '<!-- Generated from src/core/rules by `npm run docs`. -->', ''].join('\n');
}

/** Every page the generator writes: file name → content. */
export function renderAll(): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rules) out.set(`${r.id}.md`, renderRuleDoc(r));
  out.set('README.md', renderIndex());
  return out;
}
