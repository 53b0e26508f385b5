import { describe, expect, it } from 'vitest';
import { DocumentStore, languageOf } from '../../../src/server/documents';
import { fileUriToPath, WorkspaceFolders } from '../../../src/server/workspace';

describe('workspace folders', () => {
  it('come from workspaceFolders, else rootUri, and follow the change notifications', () => {
    const w = new WorkspaceFolders();
    w.set([{ uri: 'file:///home/a/proj', name: 'proj' }, { uri: 'untitled:x' }, { nope: 1 }], 'file:///ignored');
    expect(w.paths()).toEqual(['/home/a/proj']); // non-file folders and junk are left out
    w.set(undefined, 'file:///home/a/root%20dir');
    expect(w.paths()).toEqual(['/home/a/root dir']);
    w.set(null, 'file:///home/a/root'); // null: no folder open, rootUri ignored
    expect(w.paths()).toEqual([]);
    w.change([{ uri: 'file:///x' }, { uri: 'file:///y' }], []);
    w.change([], [{ uri: 'file:///x' }, 'junk']);
    expect(w.paths()).toEqual(['/y']);
    expect(fileUriToPath('not a uri')).toBeUndefined();
  });
});

describe('the document store', () => {
  it('applies incremental changes in order and records tree-sitter edits against the text each applies to', () => {
    const d = new DocumentStore();
    d.openText({ textDocument: { uri: 'file:///m.py', languageId: 'python', version: 1, text: 'ab\ncd\n' } });
    const r = d.changeText({
      textDocument: { uri: 'file:///m.py', version: 2 },
      contentChanges: [
        { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } }, text: 'X' }, // ab\ncd → aXd
        { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: '\nnew' }, // after d
      ],
    })!;
    expect(d.text('file:///m.py')!.getText()).toBe('aXd\nnew\n');
    expect(r.change).toEqual([
      { startIndex: 1, oldEndIndex: 4, newEndIndex: 2, startPosition: { line: 0, column: 1 }, oldEndPosition: { line: 1, column: 1 }, newEndPosition: { line: 0, column: 2 } },
      { startIndex: 3, oldEndIndex: 3, newEndIndex: 7, startPosition: { line: 0, column: 3 }, oldEndPosition: { line: 0, column: 3 }, newEndPosition: { line: 1, column: 3 } },
    ]);
    // a whole-text change: no incremental edit
    expect(d.changeText({ textDocument: { uri: 'file:///m.py', version: 3 }, contentChanges: [{ text: 'z' }] })!.change).toBeNull();
    // a malformed change leaves the text alone
    expect(d.changeText({ textDocument: { uri: 'file:///m.py', version: 4 }, contentChanges: [{ range: { start: {} }, text: 'q' }] })).toBeUndefined();
    expect(d.text('file:///m.py')!.getText()).toBe('z');
    expect(d.closeText({ textDocument: { uri: 'file:///m.py' } })).toEqual({ kind: 'text', uri: 'file:///m.py' });
    expect(d.closeText({ textDocument: { uri: 'file:///m.py' } })).toBeUndefined();
  });

  it('knows the language by id, else by extension, and never treats .ipynb text as a notebook', () => {
    expect(languageOf('python', 'file:///x.txt')).toBe('python');
    expect(languageOf('typescriptreact', 'file:///x')).toBe('tsx');
    expect(languageOf('', 'file:///a/b.mjs')).toBe('javascript');
    expect(languageOf('json', 'file:///a/b.ipynb')).toBeUndefined();
    expect(languageOf('markdown', 'file:///a/b.md')).toBeUndefined();
  });
});
