/**
 * Text → tree-sitter tree, incrementally when the previous tree and the edits since are given.
 *
 * Trees live in wasm memory and must be freed: we keep at most MAX_LIVE_TREES alive (the most
 * recent ones, which is what an editor re-parses against) and free the rest; a state whose tree
 * was freed simply leads to a full parse.
 */
import type { Edit, Tree } from 'web-tree-sitter';
import type { IncrementalEdit, SourceLanguage } from '../types';
import type { EditSpan } from './lines';
import { makeSourceDoc, type SourceDoc } from './source';
import { getParser, type GrammarName } from './wasm';

export interface ParsedSource {
  doc: SourceDoc;
  grammar: GrammarName;
  /** undefined after it was freed (see MAX_LIVE_TREES). */
  tree: Tree | undefined;
  /** True when the tree was produced incrementally from a previous one. */
  incremental: boolean;
  /** When produced from the previous one through edits: the one span they cover; the text outside it is the old text. */
  span?: EditSpan;
}

export type { EditSpan } from './lines';

export interface ParseOptions {
  /** The document already made from `text` (makeSourceDoc), so a notebook is flattened once. */
  doc?: SourceDoc;
  previous?: ParsedSource;
  edits?: readonly IncrementalEdit[];
  /** Return true to abandon the parse (cancellation, time budget). */
  shouldStop?: () => boolean;
}

const MAX_LIVE_TREES = 32;
/**
 * Also bound the kept trees by size: a full parse costs about 40 bytes of wasm memory per character
 * (a 20,000-line file: 25 MB), and wasm memory never shrinks, so 32 large files would pin ~1 GB.
 * Incremental trees share structure with their predecessor, so an editing session stays far below.
 */
const MAX_LIVE_CHARS = 4_000_000;
const live: ParsedSource[] = [];
let liveChars = 0;

function retain(p: ParsedSource): void {
  live.push(p);
  liveChars += p.doc.program.length;
  while (live.length > MAX_LIVE_TREES || (live.length > 1 && liveChars > MAX_LIVE_CHARS)) {
    const old = live.shift()!;
    liveChars -= old.doc.program.length;
    // Freed on the next turn of the event loop, not now: when many analyses run at once (a folder
    // of files opening), one whose parse finished in this same burst reads its tree only after
    // its `await parseSource()` resumes, and freeing it now would leave that analysis empty.
    setTimeout(() => {
      old.tree?.delete();
      old.tree = undefined;
    }, 0);
  }
}

export function grammarFor(language: SourceLanguage): GrammarName {
  return language === 'ipynb' ? 'python' : language;
}

function toEdit(e: IncrementalEdit): Edit {
  return {
    startIndex: e.startIndex,
    oldEndIndex: e.oldEndIndex,
    newEndIndex: e.newEndIndex,
    startPosition: { row: e.startPosition.line, column: e.startPosition.column },
    oldEndPosition: { row: e.oldEndPosition.line, column: e.oldEndPosition.column },
    newEndPosition: { row: e.newEndPosition.line, column: e.newEndPosition.column },
  } as Edit;
}

/**
 * One span covering a sequence of edits (each in the coordinates of the text the ones before it
 * left): old [start, oldEnd) became new [start, newEnd), and everything outside is unchanged.
 */
export function coverOf(edits: readonly IncrementalEdit[]): EditSpan | undefined {
  let cover: EditSpan | undefined;
  for (const e of edits) {
    if (!cover) {
      cover = { start: e.startIndex, oldEnd: e.oldEndIndex, newEnd: e.newEndIndex };
      continue;
    }
    // The covered region ends at cover.newEnd in the current text; beyond it, current = old + shift.
    const shift = cover.newEnd - cover.oldEnd;
    const oldEnd = e.oldEndIndex > cover.newEnd ? Math.max(cover.oldEnd, e.oldEndIndex - shift) : cover.oldEnd;
    const newEnd = Math.max(cover.newEnd, e.oldEndIndex) + (e.newEndIndex - e.oldEndIndex);
    cover = { start: Math.min(cover.start, e.startIndex), oldEnd, newEnd };
  }
  return cover;
}

/** The edits are usable when they are consistent with the old and new text lengths. */
function editsFit(prev: ParsedSource, edits: readonly IncrementalEdit[], text: string): boolean {
  let len = prev.doc.program.length;
  for (const e of edits) {
    if (!(e.startIndex >= 0 && e.startIndex <= e.oldEndIndex && e.startIndex <= e.newEndIndex && e.oldEndIndex <= len)) return false;
    len += e.newEndIndex - e.oldEndIndex;
  }
  return len === text.length;
}

/** Characters handed to tree-sitter per read during an incremental parse (see parseSource). */
const INCREMENTAL_CHUNK = 256;

export async function parseSource(text: string, language: SourceLanguage, opts: ParseOptions = {}): Promise<ParsedSource> {
  const grammar = grammarFor(language);
  const prev = opts.previous;
  // The edits since the previous text, when they fit it (a plain file: notebooks are re-flattened).
  const edits = prev && language !== 'ipynb' && opts.edits && opts.edits.length > 0 && editsFit(prev, opts.edits, text) ? opts.edits : undefined;
  const span = edits ? coverOf(edits) : undefined;
  const doc = opts.doc && opts.doc.original === text && opts.doc.language === language ? opts.doc : makeSourceDoc(text, language, prev && span ? { doc: prev.doc, span } : undefined);
  const parser = await getParser(grammar);
  let oldTree: Tree | undefined;
  if (prev?.tree && prev.grammar === grammar && edits) {
    // Edit a copy: the caller may hand the same previous state in again.
    oldTree = prev.tree.copy();
    for (const e of edits) oldTree.edit(toEdit(e));
  }
  const stop = opts.shouldStop;
  parser.reset();
  let tree: Tree | null = null;
  try {
    // Re-parsing after an edit, tree-sitter reads the text in short runs at many places (around the
    // edit, at the edges of the subtrees it reuses: ~30 reads a keystroke at 5,000 lines); given the
    // string, each read copied up to 5,120 characters into wasm memory, one at a time in JS. Short
    // chunks make the incremental parse ~15 % cheaper; a fresh parse reads everything, in long runs.
    const program = doc.program;
    const input = oldTree ? (i: number): string => program.slice(i, i + INCREMENTAL_CHUNK) : program;
    tree = parser.parse(input, oldTree ?? null, stop ? { progressCallback: () => stop() } : undefined);
  } finally {
    oldTree?.delete();
  }
  const result: ParsedSource = { doc, grammar, tree: tree ?? undefined, incremental: oldTree !== undefined };
  if (oldTree && span) result.span = span;
  if (tree) retain(result);
  return result;
}
