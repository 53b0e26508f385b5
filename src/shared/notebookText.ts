/**
 * Rebuilds a notebook's .ipynb JSON from its live cells, so a notebook is analyzed as one program
 * with its unsaved edits. Cell i of the JSON is cell i of the editor, so a finding's `range.cell`
 * is the editor's cell index. Cells in another language than the notebook's become raw cells (kept
 * for the numbering, ignored by the analyzer). No `vscode` import (unit-tested).
 */
export interface PlainCell {
  kind: 'code' | 'markup';
  languageId: string;
  text: string;
}

export function notebookLanguage(cells: readonly PlainCell[]): string {
  return cells.find((c) => c.kind === 'code')?.languageId ?? 'python';
}

export function notebookJson(cells: readonly PlainCell[]): string {
  const language = notebookLanguage(cells);
  const nb = {
    cells: cells.map((c) => ({
      cell_type: c.kind === 'markup' ? 'markdown' : c.languageId === language ? 'code' : 'raw',
      metadata: {},
      source: c.text,
      ...(c.kind === 'code' && c.languageId === language ? { outputs: [], execution_count: null } : {}),
    })),
    metadata: { language_info: { name: language }, kernelspec: { language, name: language, display_name: language } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb);
}
