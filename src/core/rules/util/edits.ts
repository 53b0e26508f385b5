/** Text-edit builders for fixes. Each returns undefined when the source does not look as expected. */
import type { Arg, ProgramIR } from '../../ir';
import type { Position, Range, TextEdit } from '../../types';

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

function at(pos: Position, cell: number | undefined): Range {
  return cell === undefined ? { start: pos, end: pos } : { start: pos, end: pos, cell };
}

function span(start: Position, end: Position, cell: number | undefined): Range {
  return cell === undefined ? { start, end } : { start, end, cell };
}

const SEPARATOR = /^\s*,\s*$/;

/**
 * Deletes item `i` of a comma-separated list (a Sequential's layers) with its separator. Only when
 * the text between neighbours is a bare comma and whitespace (no comments, no other code).
 */
export function deleteListItem(ir: ProgramIR, items: readonly Range[], i: number): TextEdit | undefined {
  const item = items[i];
  if (!item) return undefined;
  const next = items[i + 1];
  if (next && next.cell === item.cell) {
    const between = span(item.end, next.start, item.cell);
    if (SEPARATOR.test(ir.textAt(between))) return { range: span(item.start, next.start, item.cell), newText: '' };
    return undefined;
  }
  const prev = items[i - 1];
  if (prev && prev.cell === item.cell) {
    const between = span(prev.end, item.start, item.cell);
    if (SEPARATOR.test(ir.textAt(between))) return { range: span(prev.end, item.end, item.cell), newText: '' };
  }
  return undefined;
}

/**
 * Adds an argument (`from_logits=True`, `dim=1`, `activation: 'relu'`) to a call, after its last
 * argument, or inside empty parentheses / braces.
 */
export function insertArg(ir: ProgramIR, call: Range, args: readonly Arg[], text: string): TextEdit | undefined {
  const last = args.reduce<Arg | undefined>((acc, a) => (!acc || after(a.fullRange.end, acc.fullRange.end) ? a : acc), undefined);
  if (last) return { range: at(last.fullRange.end, call.cell), newText: `, ${text}` };
  const src = ir.textAt(call);
  if (!/\(\s*\)$/.test(src) || call.end.column < 1) return undefined;
  return { range: at({ line: call.end.line, column: call.end.column - 1 }, call.cell), newText: text };
}

function after(a: Position, b: Position): boolean {
  return a.line > b.line || (a.line === b.line && a.column > b.column);
}

/** Replaces the last dotted segment of a callee text: 'F.softmax' → 'F.log_softmax'. */
export function withLastSegment(callee: string, name: string): string {
  const dot = callee.lastIndexOf('.');
  return dot < 0 ? name : callee.slice(0, dot + 1) + name;
}

/** Keeps the quote style of a string literal: "'relu'" → "'sigmoid'". */
export function requote(literal: string, value: string): string {
  const q = literal.startsWith('"') ? '"' : literal.startsWith('`') ? '`' : "'";
  return `${q}${value}${q}`;
}

/** Applies edits to a text (single-cell coordinates); used by tests and the docs generator. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position): number => {
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i]!.length + 1;
    return o + p.column;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
