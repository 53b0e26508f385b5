/**
 * What must hold for any analysis of any input: every range (findings, related locations, fix
 * edits, activation sites) lies inside the document, or inside one code cell of the notebook, with
 * integer positions and its end not before its start; the analyzer reports no internal failure.
 */
import type { AnalysisResult, Range, SourceLanguage } from '../../../src/core/types';

/** Lines the way VS Code counts them (\r\n, \n or a lone \r). */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** The text of each code cell by its index in `cells`, or undefined when the notebook is unreadable. */
function notebookCells(text: string): Map<number, string[]> | undefined {
  let json: unknown;
  const clean = text.replace(/^\uFEFF/, '');
  try {
    json = JSON.parse(clean);
  } catch {
    try {
      json = JSON.parse(clean.replace(/,(\s*[\]}])/g, '$1')); // tolerated damage: trailing commas
    } catch {
      return undefined;
    }
  }
  const cells = (json as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) return undefined;
  const out = new Map<number, string[]>();
  cells.forEach((c: unknown, i) => {
    const cell = c as { cell_type?: unknown; source?: unknown } | null;
    if (!cell || cell.cell_type !== 'code') return;
    const src = typeof cell.source === 'string' ? cell.source : Array.isArray(cell.source) ? cell.source.map((s) => (typeof s === 'string' ? s : '')).join('') : undefined;
    if (src !== undefined) out.set(i, linesOf(src));
  });
  return out;
}

export interface Geometry {
  plain?: string[];
  cells?: Map<number, string[]>;
}

export function geometryOf(text: string, language: SourceLanguage): Geometry {
  return language === 'ipynb' ? { cells: notebookCells(text) ?? new Map() } : { plain: linesOf(text) };
}

const isIndex = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** Why a range is invalid, or undefined when it is fine. */
export function rangeProblem(r: Range | undefined, g: Geometry): string | undefined {
  if (!r || !r.start || !r.end) return 'missing range';
  const { start, end } = r;
  if (![start.line, start.column, end.line, end.column].every(isIndex)) return `non-integer or negative position ${JSON.stringify(r)}`;
  let lines: string[] | undefined;
  if (g.plain) {
    if (r.cell !== undefined) return `cell ${r.cell} in a plain file`;
    lines = g.plain;
  } else {
    if (!isIndex(r.cell)) return `notebook range without a valid cell: ${JSON.stringify(r)}`;
    lines = g.cells?.get(r.cell);
    if (!lines) return `cell ${r.cell} is not a code cell of the notebook`;
  }
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) return `end before start ${JSON.stringify(r)}`;
  if (end.line >= lines.length) return `line ${end.line} past the last line ${lines.length - 1}`;
  if (start.column > lines[start.line]!.length) return `start column ${start.column} past the end of line ${start.line} (${lines[start.line]!.length})`;
  if (end.column > lines[end.line]!.length) return `end column ${end.column} past the end of line ${end.line} (${lines[end.line]!.length})`;
  return undefined;
}

/** Every problem with one analysis result (an empty list means it is sound). */
export function resultProblems(result: AnalysisResult, g: Geometry): string[] {
  const problems: string[] = [];
  if (!result || !Array.isArray(result.findings) || !Array.isArray(result.notes) || typeof result.partial !== 'boolean') {
    return ['malformed result'];
  }
  for (const n of result.notes) {
    if (/^(The analysis failed|Rule \S+ failed)/.test(n)) problems.push(`internal failure: ${n}`);
  }
  const check = (what: string, r: Range | undefined) => {
    const p = rangeProblem(r, g);
    if (p) problems.push(`${what}: ${p}`);
  };
  for (const f of result.findings) {
    check(`${f.rule} range`, f.range);
    if (typeof f.message !== 'string' || f.message.length === 0) problems.push(`${f.rule}: empty message`);
    for (const rel of f.related ?? []) check(`${f.rule} related`, rel.range);
    for (const e of f.fix?.edits ?? []) check(`${f.rule} fix edit`, e.range);
  }
  for (const a of result.activations) check(`activation ${a.name}`, a.range);
  return problems;
}
