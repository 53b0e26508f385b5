/** Test helpers: run the real analyze() and look at one rule's findings, apply fixes. */
import { analyze } from '../../../src/core/analyze';
import type { AnalyzeOptions, Finding, SourceLanguage } from '../../../src/core/types';
import { describe, expect, test } from 'vitest';
import { applyEdits } from '../../../src/core/rules/util/edits';

export async function findings(code: string, language: SourceLanguage = 'python', options: Partial<AnalyzeOptions> = {}): Promise<Finding[]> {
  const result = await analyze(code, { language, ...options });
  return result.findings;
}

export async function ruleFindings(rule: string, code: string, language: SourceLanguage = 'python', options: Partial<AnalyzeOptions> = {}): Promise<Finding[]> {
  return (await findings(code, language, options)).filter((f) => f.rule === rule);
}

/** [startLine, startCol, endLine, endCol], 0-based as in the Finding. */
export function span(f: { range: Finding['range'] }): [number, number, number, number] {
  return [f.range.start.line, f.range.start.column, f.range.end.line, f.range.end.column];
}

export function fixed(code: string, f: Finding): string {
  if (!f.fix) throw new Error(`${f.rule} has no fix`);
  return applyEdits(code, f.fix.edits);
}

/** Joins lines with '\n' and ends with one. */
export function py(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

export interface Invalid {
  name: string;
  code: string;
  language?: SourceLanguage;
  options?: Partial<AnalyzeOptions>;
  /** Expected ranges of this rule's findings, in order. */
  spans: Array<[number, number, number, number]>;
  /** Expected message of the first finding (exact). */
  message?: string;
  /** Text after applying the first finding's fix; null = no fix offered. */
  output?: string | null;
  safe?: boolean;
}

export interface Valid {
  name: string;
  code: string;
  language?: SourceLanguage;
  options?: Partial<AnalyzeOptions>;
}

/** One row of a valid/invalid table, checked against the real analyze(). */
export async function checkInvalid(rule: string, c: Invalid): Promise<void> {
  const got = await ruleFindings(rule, c.code, c.language ?? 'python', c.options);
  expect(got.map(span)).toEqual(c.spans);
  if (c.message !== undefined) expect(got[0]!.message).toBe(c.message);
  if (c.output !== undefined) {
    if (c.output === null) expect(got[0]!.fix).toBeUndefined();
    else expect(fixed(c.code, got[0]!)).toBe(c.output);
  }
  if (c.safe !== undefined) expect(got[0]!.fix?.safe).toBe(c.safe);
}

export async function checkValid(rule: string, c: Valid): Promise<void> {
  const got = await ruleFindings(rule, c.code, c.language ?? 'python', c.options);
  expect(got.map((f) => `${span(f).join(':')} ${f.message}`)).toEqual([]);
}

/** A rule's valid/invalid table as vitest cases. */
export function table(rule: string, invalid: Invalid[], valid: Valid[]): void {
  describe(rule, () => {
    test.each(invalid.map((c) => [c.name, c] as const))('fires: %s', (_n, c) => checkInvalid(rule, c));
    test.each(valid.map((c) => [c.name, c] as const))('silent: %s', (_n, c) => checkValid(rule, c));
  });
}

/** The range of the `nth` occurrence of `needle` in `code` (single-line needles). */
export function at(code: string, needle: string, nth = 0): [number, number, number, number] {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = code.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`'${needle}' not found`);
  }
  const before = code.slice(0, idx).split('\n');
  const line = before.length - 1;
  const col = before[line]!.length;
  return [line, col, line, col + needle.length];
}
