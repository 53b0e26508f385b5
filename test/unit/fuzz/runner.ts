/**
 * Runs one fuzz input through analyze(), times it, checks the result, and keeps the figures the
 * summary table prints (inputs tried, slowest input, worst time per line).
 */
import { writeFileSync } from 'node:fs';
import { analyze } from '../../../src/core/analyze';
import type { AnalysisResult, AnalyzeOptions, SourceLanguage } from '../../../src/core/types';
import { geometryOf, linesOf, resultProblems } from './check';

/** How many mutated inputs the main fuzz test tries (override: FUZZ_ITERATIONS=n). */
export const DEFAULT_ITERATIONS = 3000;
export const ITERATIONS = Number(process.env.FUZZ_ITERATIONS) > 0 ? Math.floor(Number(process.env.FUZZ_ITERATIONS)) : DEFAULT_ITERATIONS;
export const SEED = Number(process.env.FUZZ_SEED) || 0x5eed_ac71;

/**
 * The time an analysis may take. Measured on 2 shared cores: typical fixtures take 2–20 ms, dense
 * model code ~0.3 ms/line, and tree-sitter's error recovery on degenerate lines (80,000 quote
 * characters) ~0.02–0.05 ms/char; a busy machine stalled a 27-line file for 430 ms. So the bound
 * is generous per input; super-linear growth is caught by the scaling test in generated.test.ts.
 */
export function timeBound(lines: number, chars: number): number {
  return 1000 + 0.5 * lines + 0.1 * chars;
}

export interface Sample {
  group: string;
  name: string;
  lines: number;
  chars: number;
  /** CPU time of this process during the analysis (what the bound checks: a busy machine delays, it does not add CPU). */
  ms: number;
  /** Wall-clock time, reported. */
  wallMs: number;
  bound: number;
}

export interface Failure {
  name: string;
  problems: string[];
}

export class FuzzStats {
  readonly samples: Sample[] = [];
  readonly failures: Failure[] = [];

  /** Analyzes one input; records its time and any problem. Returns the result for more checks. */
  async run(group: string, name: string, text: string, language: SourceLanguage, extra: Partial<AnalyzeOptions> = {}): Promise<AnalysisResult | undefined> {
    const lines = linesOf(text).length;
    const bound = timeBound(lines, text.length);
    let result: AnalysisResult | undefined;
    const problems: string[] = [];
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    try {
      // A budget far above the bound: the fuzz measures the real cost, never a cut-short run.
      result = await analyze(text, { language, timeBudgetMs: 120_000, ...extra });
    } catch (e) {
      problems.push(`threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const ms = (cpu.user + cpu.system) / 1000;
    this.samples.push({ group, name, lines, chars: text.length, ms, wallMs, bound });
    if (result) problems.push(...resultProblems(result, geometryOf(text, language)));
    if (result?.partial) problems.push(`partial result: ${result.notes.join(' | ')}`);
    if (ms > bound) problems.push(`took ${ms.toFixed(1)} ms of CPU (${wallMs.toFixed(0)} ms wall), more than the bound ${bound.toFixed(0)} ms (${lines} lines, ${text.length} chars)`);
    if (problems.length > 0) {
      this.failures.push({ name, problems: problems.slice(0, 5) });
      if (process.env.FUZZ_DUMP) writeFileSync(`${process.env.FUZZ_DUMP}/${this.failures.length}-${name.replace(/\W+/g, '_').slice(0, 80)}.txt`, text);
    }
    return result;
  }

  /** One line per group: inputs, total and worst time, the slowest input named. */
  summary(title: string): string {
    const groups = new Map<string, Sample[]>();
    for (const s of this.samples) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
    const rows = [...groups].map(([group, ss]) => {
      const slow = ss.reduce((a, b) => (b.ms > a.ms ? b : a));
      const ratio = ss.reduce((a, b) => (b.ms / b.bound > a.ms / a.bound ? b : a));
      const total = ss.reduce((a, b) => a + b.ms, 0);
      const wall = ss.reduce((a, b) => Math.max(a, b.wallMs), 0);
      return {
        group,
        inputs: ss.length,
        'CPU s': +(total / 1000).toFixed(2),
        'mean ms': +(total / ss.length).toFixed(2),
        'slowest ms': +slow.ms.toFixed(1),
        'max wall ms': +wall.toFixed(0),
        'slowest input': `${slow.name} (${slow.lines} lines, ${slow.chars} chars)`,
        'worst % of bound': +((100 * ratio.ms) / ratio.bound).toFixed(1),
      };
    });
    const all = this.samples.length;
    const head = `${title}: ${all} inputs, ${this.failures.length} failures`;
    console.log(head);
    console.table(rows);
    return head;
  }
}
