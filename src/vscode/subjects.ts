/**
 * What gets analyzed: a text document, or a whole notebook (never its cells one by one).
 * Maps documents to analyzer languages and analyzer ranges back to editor locations.
 */
import * as vscode from 'vscode';
import type { Range, SourceLanguage } from '../core/types';
import { LANGUAGES, NOTEBOOK_TYPES } from '../shared/languages';
import { notebookJson, type PlainCell } from '../shared/notebookText';

export type Subject =
  | { kind: 'text'; doc: vscode.TextDocument }
  | { kind: 'notebook'; nb: vscode.NotebookDocument };

/** Languages whose files we analyze (hover and code-action selectors use these too). */
export const SERVED_LANGUAGES = Object.keys(LANGUAGES);
export { NOTEBOOK_TYPES };

/** Schemes of editor-internal documents that are never analyzed as files of their own. */
const SKIPPED_SCHEMES = new Set([
  'vscode-notebook-cell', 'vscode-interactive-input', 'output', 'git', 'vscode-scm', 'comment', 'debug',
  'vscode-notebook-cell-output', 'vscode-notebook-cell-metadata',
]);

export function textSubject(doc: vscode.TextDocument): Subject | undefined {
  if (SKIPPED_SCHEMES.has(doc.uri.scheme) || !(doc.languageId in LANGUAGES)) return undefined;
  return { kind: 'text', doc };
}

export function notebookSubject(nb: vscode.NotebookDocument): Subject | undefined {
  return NOTEBOOK_TYPES.includes(nb.notebookType) ? { kind: 'notebook', nb } : undefined;
}

/** The notebook a cell document belongs to, if it is open. */
export function notebookOfCell(doc: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (doc.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === doc));
}

export function subjectUri(s: Subject): vscode.Uri {
  return s.kind === 'text' ? s.doc.uri : s.nb.uri;
}

export function subjectKey(s: Subject): string {
  return subjectUri(s).toString();
}

/** Changes whenever any text of the subject changes. */
export function subjectVersion(s: Subject): string {
  if (s.kind === 'text') return String(s.doc.version);
  return `${s.nb.version}:${s.nb.getCells().map((c) => c.document.version).join(',')}`;
}

function plainCells(nb: vscode.NotebookDocument): PlainCell[] {
  return nb.getCells().map((c) => ({
    kind: c.kind === vscode.NotebookCellKind.Markup ? 'markup' : 'code',
    languageId: c.document.languageId,
    text: c.document.getText(),
  }));
}

export function subjectInput(s: Subject): { text: string; language: SourceLanguage } | undefined {
  if (s.kind === 'text') {
    const language = LANGUAGES[s.doc.languageId];
    return language ? { text: s.doc.getText(), language } : undefined;
  }
  const cells = plainCells(s.nb);
  const code = cells.find((c) => c.kind === 'code');
  if (code && code.languageId !== 'python') return undefined;
  return { text: notebookJson(cells), language: 'ipynb' };
}

/** Where an analyzer range lands in the editor: the file, or the cell named by `range.cell`. */
export function locate(s: Subject, r: Range): vscode.Location | undefined {
  const range = new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
  if (s.kind === 'text') return new vscode.Location(s.doc.uri, range);
  if (r.cell === undefined || r.cell < 0 || r.cell >= s.nb.cellCount) return undefined;
  return new vscode.Location(s.nb.cellAt(r.cell).document.uri, range);
}

/** Every document URI a subject's diagnostics can land on. */
export function subjectUris(s: Subject): vscode.Uri[] {
  return s.kind === 'text' ? [s.doc.uri] : s.nb.getCells().map((c) => c.document.uri);
}
