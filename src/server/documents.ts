/**
 * The documents the client has open, kept by the server itself (not by the protocol library's
 * managers, so every malformed notification is checked and ignored instead of throwing):
 * plain text documents, and notebooks (LSP 3.17 notebook sync) with their cell documents.
 * A subject is what gets analyzed: one text document, or one whole notebook.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectLanguage } from '../core/parse/language';
import type { IncrementalEdit, SourceLanguage } from '../core/types';
import { LANGUAGES } from '../shared/languages';
import { notebookJson, type PlainCell } from '../shared/notebookText';

export interface NotebookCellRef {
  /** 1 markup, 2 code (NotebookCellKind). */
  kind: number;
  document: string;
}

export interface NotebookState {
  uri: string;
  notebookType: string;
  version: number;
  cells: NotebookCellRef[];
}

export type Subject = { kind: 'text'; uri: string } | { kind: 'notebook'; uri: string };

/** A change of one text document, as tree-sitter edits (null: the whole text was replaced). */
export type TextChange = IncrementalEdit[] | null;

// --- shape checks for what arrives over the wire --------------------------------------------

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isPosition(v: unknown): v is { line: number; character: number } {
  return isObject(v) && Number.isInteger(v.line) && Number.isInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
}

export function isRange(v: unknown): v is { start: { line: number; character: number }; end: { line: number; character: number } } {
  return isObject(v) && isPosition(v.start) && isPosition(v.end);
}

function textDocumentItem(v: unknown): { uri: string; languageId: string; version: number; text: string } | undefined {
  if (!isObject(v) || typeof v.uri !== 'string' || typeof v.text !== 'string') return undefined;
  return {
    uri: v.uri,
    languageId: typeof v.languageId === 'string' ? v.languageId : '',
    version: typeof v.version === 'number' ? v.version : 0,
    text: v.text,
  };
}

/** The path part of a file URI (for messages and the extension fallback), else the URI itself. */
export function uriPath(uri: string): string {
  try {
    const u = new URL(uri);
    return decodeURIComponent(u.pathname);
  } catch {
    return uri;
  }
}

/** Analyzer language of a text document: its languageId, else its file extension (never .ipynb text). */
export function languageOf(languageId: string, uri: string): SourceLanguage | undefined {
  const byId = LANGUAGES[languageId] ?? LANGUAGES[languageId.toLowerCase()];
  if (byId) return byId;
  const byPath = detectLanguage(uriPath(uri));
  return byPath === 'ipynb' ? undefined : byPath;
}

export class DocumentStore {
  private readonly texts = new Map<string, TextDocument>();
  private readonly notebooks = new Map<string, NotebookState>();
  private readonly cellDocs = new Map<string, TextDocument>();

  // --- text documents ---------------------------------------------------------------------

  openText(params: unknown): Subject | undefined {
    const item = isObject(params) ? textDocumentItem(params.textDocument) : undefined;
    if (!item) return undefined;
    if (this.cellDocs.has(item.uri)) return undefined; // a cell of an open notebook: it comes with the notebook
    this.texts.set(item.uri, TextDocument.create(item.uri, item.languageId, item.version, item.text));
    return { kind: 'text', uri: item.uri };
  }

  /** Applies the changes in order; returns the subject and the edits, or undefined when not ours / malformed. */
  changeText(params: unknown): { subject: Subject; change: TextChange } | undefined {
    if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') return undefined;
    const uri = params.textDocument.uri;
    const changes = Array.isArray(params.contentChanges) ? params.contentChanges : undefined;
    if (!changes) return undefined;
    const version = typeof params.textDocument.version === 'number' ? params.textDocument.version : undefined;
    const owner = this.notebookOfCell(uri);
    const doc = this.texts.get(uri) ?? (owner ? this.cellDocs.get(uri) : undefined);
    if (!doc) return undefined;
    const applied = applyChanges(doc, changes, version ?? doc.version + 1);
    if (!applied) return undefined;
    if (this.texts.has(uri)) this.texts.set(uri, applied.doc);
    else this.cellDocs.set(uri, applied.doc);
    return { subject: owner ? { kind: 'notebook', uri: owner.uri } : { kind: 'text', uri }, change: applied.edits };
  }

  closeText(params: unknown): Subject | undefined {
    if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') return undefined;
    const uri = params.textDocument.uri;
    return this.texts.delete(uri) ? { kind: 'text', uri } : undefined;
  }

  text(uri: string): TextDocument | undefined {
    return this.texts.get(uri);
  }

  textUris(): string[] {
    return [...this.texts.keys()];
  }

  // --- notebooks --------------------------------------------------------------------------

  openNotebook(params: unknown): Subject | undefined {
    if (!isObject(params) || !isObject(params.notebookDocument)) return undefined;
    const nb = params.notebookDocument;
    if (typeof nb.uri !== 'string' || !Array.isArray(nb.cells)) return undefined;
    const cells = nb.cells.map(cellRef);
    if (cells.some((c) => !c)) return undefined;
    const state: NotebookState = {
      uri: nb.uri,
      notebookType: typeof nb.notebookType === 'string' ? nb.notebookType : '',
      version: typeof nb.version === 'number' ? nb.version : 0,
      cells: cells as NotebookCellRef[],
    };
    this.dropNotebook(nb.uri);
    this.notebooks.set(nb.uri, state);
    for (const c of Array.isArray(params.cellTextDocuments) ? params.cellTextDocuments : []) this.openCell(c);
    return { kind: 'notebook', uri: nb.uri };
  }

  changeNotebook(params: unknown): Subject | undefined {
    if (!isObject(params) || !isObject(params.notebookDocument) || typeof params.notebookDocument.uri !== 'string') return undefined;
    const state = this.notebooks.get(params.notebookDocument.uri);
    if (!state) return undefined;
    if (typeof params.notebookDocument.version === 'number') state.version = params.notebookDocument.version;
    const change = isObject(params.change) ? params.change : {};
    const cells = isObject(change.cells) ? change.cells : {};
    if (isObject(cells.structure)) {
      const s = cells.structure;
      const array = isObject(s.array) ? s.array : undefined;
      if (array && Number.isInteger(array.start) && Number.isInteger(array.deleteCount)) {
        const added = (Array.isArray(array.cells) ? array.cells : []).map(cellRef).filter((c): c is NotebookCellRef => !!c);
        state.cells.splice(array.start as number, array.deleteCount as number, ...added);
      }
      for (const c of Array.isArray(s.didOpen) ? s.didOpen : []) this.openCell(c);
      for (const c of Array.isArray(s.didClose) ? s.didClose : []) {
        if (isObject(c) && typeof c.uri === 'string' && !state.cells.some((x) => x.document === c.uri)) this.cellDocs.delete(c.uri);
      }
    }
    if (Array.isArray(cells.data)) {
      for (const d of cells.data.map(cellRef)) {
        const at = d ? state.cells.findIndex((c) => c.document === d.document) : -1;
        if (d && at >= 0) state.cells[at] = d;
      }
    }
    if (Array.isArray(cells.textContent)) {
      for (const tc of cells.textContent) {
        if (!isObject(tc) || !isObject(tc.document) || typeof tc.document.uri !== 'string') continue;
        const doc = this.cellDocs.get(tc.document.uri);
        if (!doc || !Array.isArray(tc.changes)) continue;
        const version = typeof tc.document.version === 'number' ? tc.document.version : doc.version + 1;
        const applied = applyChanges(doc, tc.changes, version);
        if (applied) this.cellDocs.set(tc.document.uri, applied.doc);
      }
    }
    return { kind: 'notebook', uri: state.uri };
  }

  closeNotebook(params: unknown): Subject | undefined {
    if (!isObject(params) || !isObject(params.notebookDocument) || typeof params.notebookDocument.uri !== 'string') return undefined;
    const uri = params.notebookDocument.uri;
    return this.dropNotebook(uri) ? { kind: 'notebook', uri } : undefined;
  }

  notebook(uri: string): NotebookState | undefined {
    return this.notebooks.get(uri);
  }

  notebookUris(): string[] {
    return [...this.notebooks.keys()];
  }

  notebookOfCell(cellUri: string): NotebookState | undefined {
    for (const nb of this.notebooks.values()) if (nb.cells.some((c) => c.document === cellUri)) return nb;
    return undefined;
  }

  cell(uri: string): TextDocument | undefined {
    return this.cellDocs.get(uri);
  }

  /** The document a request names: a text document, or a notebook cell with its index. */
  resolve(uri: string): { subject: Subject; doc: TextDocument; cell?: number } | undefined {
    const text = this.texts.get(uri);
    if (text) return { subject: { kind: 'text', uri }, doc: text };
    const nb = this.notebookOfCell(uri);
    const doc = this.cellDocs.get(uri);
    if (!nb || !doc) return undefined;
    return { subject: { kind: 'notebook', uri: nb.uri }, doc, cell: nb.cells.findIndex((c) => c.document === uri) };
  }

  exists(s: Subject): boolean {
    return s.kind === 'text' ? this.texts.has(s.uri) : this.notebooks.has(s.uri);
  }

  /** Changes whenever any text of the subject changes. */
  version(s: Subject): string | undefined {
    if (s.kind === 'text') {
      const d = this.texts.get(s.uri);
      return d && String(d.version);
    }
    const nb = this.notebooks.get(s.uri);
    return nb && `${nb.version}:${nb.cells.map((c) => `${c.document}@${this.cellDocs.get(c.document)?.version ?? '-'}`).join(',')}`;
  }

  /** What analyze() gets: the text and its language (a notebook as .ipynb JSON, cells in order). */
  input(s: Subject): { text: string; language: SourceLanguage; path: string } | undefined {
    if (s.kind === 'text') {
      const d = this.texts.get(s.uri);
      const language = d && languageOf(d.languageId, d.uri);
      return d && language ? { text: d.getText(), language, path: uriPath(d.uri) } : undefined;
    }
    const nb = this.notebooks.get(s.uri);
    if (!nb) return undefined;
    const cells: PlainCell[] = nb.cells.map((c) => {
      const d = this.cellDocs.get(c.document);
      return { kind: c.kind === 1 ? 'markup' : 'code', languageId: d?.languageId || (c.kind === 1 ? 'markdown' : 'python'), text: d?.getText() ?? '' };
    });
    const code = cells.find((c) => c.kind === 'code');
    if (code && code.languageId !== 'python') return undefined;
    return { text: notebookJson(cells), language: 'ipynb', path: uriPath(nb.uri) };
  }

  /** Every document URI the subject's diagnostics can land on. */
  uris(s: Subject): string[] {
    if (s.kind === 'text') return [s.uri];
    return this.notebooks.get(s.uri)?.cells.map((c) => c.document) ?? [];
  }

  private openCell(v: unknown): void {
    const item = textDocumentItem(v);
    if (item) this.cellDocs.set(item.uri, TextDocument.create(item.uri, item.languageId, item.version, item.text));
  }

  private dropNotebook(uri: string): boolean {
    const nb = this.notebooks.get(uri);
    if (!nb) return false;
    this.notebooks.delete(uri);
    for (const c of nb.cells) this.cellDocs.delete(c.document);
    return true;
  }
}

function cellRef(v: unknown): NotebookCellRef | undefined {
  if (!isObject(v) || typeof v.document !== 'string') return undefined;
  return { kind: typeof v.kind === 'number' ? v.kind : 2, document: v.document };
}

/**
 * Applies LSP content changes one after the other (each refers to the text after the previous
 * one), recording each as a tree-sitter edit against the text it applies to. A change without a
 * range replaces everything: then there is no incremental edit (null).
 */
function applyChanges(doc: TextDocument, changes: readonly unknown[], version: number): { doc: TextDocument; edits: TextChange } | undefined {
  let edits: IncrementalEdit[] | null = [];
  let current = doc;
  for (const c of changes) {
    if (!isObject(c) || typeof c.text !== 'string') return undefined;
    if (c.range === undefined) {
      edits = null;
      current = TextDocument.update(current, [{ text: c.text }], version);
      continue;
    }
    if (!isRange(c.range)) return undefined;
    const startIndex = current.offsetAt(c.range.start);
    const oldEndIndex = Math.max(startIndex, current.offsetAt(c.range.end));
    const startPosition = current.positionAt(startIndex);
    const oldEndPosition = current.positionAt(oldEndIndex);
    const range = { start: startPosition, end: oldEndPosition };
    current = TextDocument.update(current, [{ range, text: c.text }], version);
    const newEndIndex = startIndex + c.text.length;
    const newEnd = current.positionAt(newEndIndex);
    edits?.push({
      startIndex,
      oldEndIndex,
      newEndIndex,
      startPosition: { line: startPosition.line, column: startPosition.character },
      oldEndPosition: { line: oldEndPosition.line, column: oldEndPosition.character },
      newEndPosition: { line: newEnd.line, column: newEnd.character },
    });
  }
  return { doc: current, edits };
}
