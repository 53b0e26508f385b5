/** The callee part of a call expression's text and its range: `F.softmax(x, dim=1)` → `F.softmax`. */
import type { ProgramIR } from '../../ir';
import type { Range } from '../../types';

export interface Callee {
  text: string;
  range: Range;
  /** The call's text after the callee: `(x, dim=1)`. */
  rest: string;
}

export function calleeOf(ir: ProgramIR, call: Range): Callee | undefined {
  const text = ir.textAt(call);
  const open = text.indexOf('(');
  if (open <= 0 || !text.endsWith(')')) return undefined;
  const callee = text.slice(0, open);
  if (!/^[A-Za-z_$][\w$]*(\s*\.\s*[A-Za-z_$][\w$]*)*$/.test(callee)) return undefined;
  const range: Range = { start: call.start, end: { line: call.start.line, column: call.start.column + open } };
  if (call.cell !== undefined) range.cell = call.cell;
  return { text: callee, range, rest: text.slice(open) };
}
