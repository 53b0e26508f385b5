/**
 * Mutation fuzzing of analyze(): every fixture and example, randomly damaged (seeded, so every run
 * tries the same inputs), must analyze without an exception or an internal failure, with sound
 * ranges only, within a time bound proportional to its size. Also: every truncation of a few files.
 *
 *   FUZZ_ITERATIONS=n   how many mutated inputs (default DEFAULT_ITERATIONS)
 *   FUZZ_SEED=n         another seed
 *   FUZZ_DUMP=/dir      write each failing input there
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { loadCorpus, type Seed } from './corpus';
import { mutateNotebook, mutateText } from './mutate';
import { Prng } from './prng';
import { FuzzStats, ITERATIONS, SEED } from './runner';

const stats = new FuzzStats();
let corpus: Seed[] = [];

beforeAll(async () => {
  corpus = loadCorpus();
  // Load every grammar once, so the first timed input does not pay for it.
  for (const language of ['python', 'javascript', 'typescript', 'tsx', 'ipynb'] as const) await analyze('x = 1\n', { language });
});

afterAll(() => {
  stats.summary(`fuzz (seed ${SEED.toString(16)}, ${ITERATIONS} mutations)`);
});

describe('analyze() under mutation', () => {
  it('finds a corpus of fixtures and examples in every language', () => {
    const langs = new Set(corpus.map((s) => s.language));
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    expect([...langs].sort()).toEqual(['ipynb', 'javascript', 'python', 'typescript']);
  });

  it('the unmutated corpus analyzes soundly', async () => {
    for (const s of corpus) await stats.run('corpus', s.name, s.text, s.language);
    expect(stats.failures).toEqual([]);
  });

  it(`${ITERATIONS} random mutations: no exception, sound ranges, bounded time`, async () => {
    const rng = new Prng(SEED);
    const before = stats.failures.length;
    for (let i = 0; i < ITERATIONS; i++) {
      const seed = corpus[i % corpus.length]!;
      const donor = rng.pick(corpus).text;
      const m = seed.language === 'ipynb' && rng.chance(0.6) ? mutateNotebook(seed.text, rng, donor) : mutateText(seed.text, rng, donor);
      await stats.run('mutation', `#${i} ${seed.name} [${m.ops.join(', ')}]`, m.text, seed.language);
    }
    expect(stats.failures.slice(before)).toEqual([]);
  }, 900_000);

  it('every truncation of a Python, a JavaScript and a notebook file', async () => {
    const before = stats.failures.length;
    const picks = ['examples/keras/binary_softmax.py', 'examples/tfjs/binary_head.cjs', 'test/e2e/fixtures/notebook.ipynb'];
    for (const name of picks) {
      const seed = corpus.find((s) => s.name === name);
      expect(seed, name).toBeDefined();
      for (let at = 0; at <= seed!.text.length; at++) {
        await stats.run('truncation', `${name} cut at ${at}`, seed!.text.slice(0, at), seed!.language);
      }
    }
    expect(stats.failures.slice(before)).toEqual([]);
  }, 600_000);
});
