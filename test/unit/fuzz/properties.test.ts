/**
 * Properties over the corpus and its mutations:
 *  - analysis is deterministic: the same input gives the same output, also with other inputs
 *    analyzed in between (the parser and grammar caches are shared);
 *  - a `noqa` comment only removes findings: adding `# noqa: RULE` to a finding's line silences
 *    that finding and never adds, moves or rewords any other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import type { AnalysisResult, Finding, SourceLanguage } from '../../../src/core/types';
import { loadCorpus, type Seed } from './corpus';
import { mutateNotebook, mutateText } from './mutate';
import { Prng } from './prng';
import { ITERATIONS, SEED } from './runner';

/** A fraction of the main fuzz count, so FUZZ_ITERATIONS scales these too. */
const PROPERTY_INPUTS = Math.max(50, Math.floor(ITERATIONS / 6));

let corpus: Seed[] = [];
beforeAll(() => {
  corpus = loadCorpus();
});

const run = (text: string, language: SourceLanguage) => analyze(text, { language, timeBudgetMs: 120_000 });

/** Everything an adapter reads (the opaque incremental state aside). */
function observable(r: AnalysisResult): unknown {
  return { findings: r.findings, activations: r.activations, frameworks: r.frameworks, notes: r.notes, partial: r.partial };
}

const key = (f: Finding) => `${f.rule} ${f.range.cell ?? ''}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`;

function inputs(count: number, salt: number): Array<{ name: string; text: string; language: SourceLanguage }> {
  const rng = new Prng(SEED ^ salt);
  const out = corpus.map((s) => ({ name: s.name, text: s.text, language: s.language }));
  for (let i = 0; i < count; i++) {
    const s = corpus[i % corpus.length]!;
    const donor = rng.pick(corpus).text;
    const m = s.language === 'ipynb' && rng.chance(0.5) ? mutateNotebook(s.text, rng, donor) : mutateText(s.text, rng, donor);
    out.push({ name: `#${i} ${s.name} [${m.ops.join(', ')}]`, text: m.text, language: s.language });
  }
  return out;
}

/** The text with `comment` appended to `line` (of the file, or of cell `cell` of a notebook); undefined if not possible. */
function withComment(text: string, language: SourceLanguage, line: number, cell: number | undefined, comment: string): string | undefined {
  const append = (src: string): string | undefined => {
    const parts = src.split(/(\r\n|\n|\r)/);
    const idx = line * 2;
    const target = parts[idx];
    if (target === undefined || target.trimEnd().endsWith('\\')) return undefined; // a continuation line
    parts[idx] = `${target}  ${comment}`;
    return parts.join('');
  };
  if (language !== 'ipynb') return append(text);
  let nb: { cells?: Array<{ source?: unknown }> };
  try {
    nb = JSON.parse(text) as typeof nb;
  } catch {
    return undefined;
  }
  const c = cell === undefined ? undefined : nb.cells?.[cell];
  if (!c) return undefined;
  const src = Array.isArray(c.source) ? c.source.join('') : typeof c.source === 'string' ? c.source : undefined;
  if (src === undefined) return undefined;
  const next = append(src);
  if (next === undefined) return undefined;
  c.source = Array.isArray(c.source) ? next.split(/(?<=\n)/) : next;
  return JSON.stringify(nb);
}

describe('analysis properties', () => {
  it('is deterministic: same input, same output (also after other inputs)', async () => {
    const all = inputs(PROPERTY_INPUTS, 0x1);
    const first = new Map<string, string>();
    const diffs: string[] = [];
    for (const x of all) first.set(x.name, JSON.stringify(observable(await run(x.text, x.language))));
    // Second pass in reverse order, so different inputs precede each one.
    for (const x of [...all].reverse()) {
      const again = JSON.stringify(observable(await run(x.text, x.language)));
      if (again !== first.get(x.name)) diffs.push(x.name);
    }
    expect(diffs).toEqual([]);
    expect(all.length).toBeGreaterThan(PROPERTY_INPUTS);
  }, 600_000);

  it('adding a noqa comment only removes findings, and removes the one it names', async () => {
    const all = inputs(PROPERTY_INPUTS, 0x2);
    const rng = new Prng(SEED ^ 0x3);
    const bad: string[] = [];
    let tried = 0;
    let silencedInCorpus = 0;
    for (const [i, x] of all.entries()) {
      const before = await run(x.text, x.language);
      if (before.findings.length === 0) continue;
      const target = rng.pick(before.findings);
      const marker = x.language === 'python' || x.language === 'ipynb' ? '#' : '//';
      const text = withComment(x.text, x.language, target.range.start.line, target.range.cell, `${marker} noqa: ${target.rule}`);
      if (text === undefined) continue;
      tried++;
      const after = await run(text, x.language);
      const old = new Set(before.findings.map(key));
      const added = after.findings.filter((f) => !old.has(key(f)));
      // With syntax errors a trailing comment can change tree-sitter's error recovery, so lines it
      // swallowed before come back (the 'syntax' note says findings near errors may be missing).
      const recovered = (r: AnalysisResult) => r.notes.some((n) => n.startsWith('The file has syntax errors'));
      if (added.length > 0 && !(recovered(before) || recovered(after))) bad.push(`${x.name}: noqa ${target.rule} on line ${target.range.start.line} added or moved ${added.map(key).join('; ')}`);
      const stillThere = after.findings.some((f) => f.rule === target.rule && f.range.start.line === target.range.start.line && f.range.cell === target.range.cell);
      // The unmutated corpus has sane lines: there the comment must silence the finding.
      if (i < corpus.length) {
        if (stillThere) bad.push(`${x.name}: noqa ${target.rule} on line ${target.range.start.line} did not silence it`);
        else silencedInCorpus++;
      }
    }
    expect(bad).toEqual([]);
    expect(tried).toBeGreaterThan(PROPERTY_INPUTS / 4);
    expect(silencedInCorpus).toBeGreaterThan(10);
  }, 600_000);
});
