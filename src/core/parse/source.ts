/**
 * The program text that is parsed, and the map from program offsets to the ranges the user sees
 * (for notebooks: inside one cell, with the cell index).
 */
import type { Range, SourceLanguage } from '../types';
import { LineIndex, type EditSpan } from './lines';
import { flattenNotebook, type CellSegment } from './notebook';
import type { NoteKey } from './notes';

export interface SourceDoc {
  /** What the user gave us (raw .ipynb JSON for notebooks). */
  readonly original: string;
  /** The text that is parsed. */
  readonly program: string;
  readonly language: SourceLanguage;
  readonly lines: LineIndex;
  readonly segments?: readonly CellSegment[];
  readonly notes: string[];
  readonly noteKeys: { key: NoteKey; args: string[] }[];
  /** Program offsets → user range. */
  range(start: number, end: number): Range;
  textAt(range: Range): string;
}

function plainDoc(text: string, language: SourceLanguage, edited?: { doc: SourceDoc; span: EditSpan }): SourceDoc {
  const lines = new LineIndex(text, edited ? { lines: edited.doc.lines, span: edited.span } : undefined);
  return {
    original: text,
    program: text,
    language,
    lines,
    notes: [],
    noteKeys: [],
    range: (start, end) => ({ start: lines.positionAt(start), end: lines.positionAt(end) }),
    textAt: (r) => text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end)),
  };
}

function notebookDoc(text: string): SourceDoc {
  const flat = flattenNotebook(text);
  const lines = new LineIndex(flat.program);
  const segs = flat.segments;
  const cellLines = new Map<number, LineIndex>(segs.map((s) => [s.cell, new LineIndex(s.text)]));
  const segmentOf = (line: number): CellSegment | undefined => {
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.startLine <= line) lo = mid;
      else hi = mid - 1;
    }
    return segs[lo];
  };
  return {
    original: text,
    program: flat.program,
    language: 'ipynb',
    lines,
    segments: segs,
    notes: flat.notes,
    noteKeys: flat.noteKeys,
    range(start, end) {
      const s = lines.positionAt(start);
      let e = lines.positionAt(end);
      const seg = segmentOf(s.line);
      if (!seg) return { start: s, end: e };
      const last = seg.startLine + seg.lineCount - 1;
      if (e.line > last) e = { line: last, column: lines.lineText(last).length };
      return {
        start: { line: s.line - seg.startLine, column: s.column },
        end: { line: e.line - seg.startLine, column: e.column },
        cell: seg.cell,
      };
    },
    textAt(r) {
      const li = r.cell === undefined ? undefined : cellLines.get(r.cell);
      if (!li) return '';
      return li.text.slice(li.offsetAt(r.start), li.offsetAt(r.end));
    },
  };
}

/**
 * `edited`: the document this text was made from by edits covering `span` (everything outside it is
 * the old text): the line index is updated, not rebuilt. Notebooks are always made afresh.
 */
export function makeSourceDoc(text: string, language: SourceLanguage, edited?: { doc: SourceDoc; span: EditSpan }): SourceDoc {
  return language === 'ipynb' ? notebookDoc(text) : plainDoc(text, language, edited && edited.doc.language === language && edited.doc.original === edited.doc.program ? edited : undefined);
}
