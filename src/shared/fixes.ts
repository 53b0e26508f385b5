/**
 * Pure helpers for code actions (no `vscode` import, unit-tested): combining fixes without
 * overlapping edits, and the `noqa` suppression comment for a line.
 */
import type { Finding, TextEdit } from '../core/types';

function key(e: TextEdit): [number, number, number] {
  return [e.range.cell ?? -1, e.range.start.line, e.range.start.column];
}

function before(a: TextEdit['range']['end'], b: TextEdit['range']['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

/**
 * The edits of several fixes, in document order, leaving out every fix that would overlap an
 * earlier one (all edits of a fix go in together or not at all).
 */
export function combineFixes(findings: readonly Finding[], safeOnly: boolean): TextEdit[] {
  const taken: TextEdit[] = [];
  const overlaps = (e: TextEdit) =>
    taken.some(
      (t) => (t.range.cell ?? -1) === (e.range.cell ?? -1) && !before(t.range.end, e.range.start) && !before(e.range.end, t.range.start),
    );
  for (const f of findings) {
    if (!f.fix || (safeOnly && !f.fix.safe)) continue;
    if (f.fix.edits.some(overlaps)) continue;
    taken.push(...f.fix.edits);
  }
  return taken.sort((a, b) => {
    const [ca, la, sa] = key(a);
    const [cb, lb, sb] = key(b);
    return ca - cb || la - lb || sa - sb;
  });
}

export type CommentStyle = 'python' | 'js';

const NOQA = /(#|\/\/)\s*noqa\b(:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*))?/;

/**
 * The edit that silences `rule` on a line: appends ` # noqa: ACT001` (or `// noqa: …`), or adds the
 * rule to a `noqa:` list already there. Undefined when the line is already silenced for it.
 * Returns the column range of the line to replace and the new text.
 */
export function noqaEdit(line: string, rule: string, style: CommentStyle): { start: number; end: number; newText: string } | undefined {
  const m = NOQA.exec(line);
  if (m) {
    if (!m[2]) return undefined; // a bare `noqa` silences every rule
    const ids = m[3]!.split(/\s*,\s*/);
    if (ids.includes(rule)) return undefined;
    const start = m.index + m[0].length;
    return { start, end: start, newText: `, ${rule}` };
  }
  const end = line.replace(/\s+$/, '').length;
  const marker = style === 'python' ? '#' : '//';
  return { start: end, end: line.length, newText: `  ${marker} noqa: ${rule}` };
}
