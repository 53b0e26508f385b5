/** Test helpers: run the real analyze() and look at one rule's findings, apply fixes. */
import { analyze } from '../../../src/core/analyze';
import type { AnalyzeOptions, Finding, SourceLanguage } from '../../../src/core/types';
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
