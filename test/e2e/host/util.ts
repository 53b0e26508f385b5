/** Helpers for the in-host tests (they run inside the extension host with the real `vscode`). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'activation-lens.activation-lens';

export function workspaceUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need an open folder (the e2e fixtures)');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Activation Lens');
}

export function ruleOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

export function rulesOf(ds: readonly vscode.Diagnostic[]): string[] {
  return [...new Set(ds.map(ruleOf))].sort();
}

/** Opens a fixture in an editor and waits until its diagnostics include every expected rule. */
export async function openWithDiagnostics(rel: string, expected: readonly string[]): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
  const editor = await vscode.window.showTextDocument(doc);
  const diagnostics = await waitFor(`${expected.join(', ')} in ${rel}`, () => {
    const ds = ours(doc.uri);
    const have = new Set(ds.map(ruleOf));
    return expected.every((r) => have.has(r)) ? ds : undefined;
  });
  return { editor, diagnostics };
}

/** The position of the `nth` occurrence of `needle` in a document (plus `offset` characters). */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 1, nth = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + offset);
}

export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await waitFor('a hover', async () => {
    const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
    return hs.some((h) => h.contents.length) ? hs : undefined;
  });
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function setRules(rules: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('activationLens').update('rules', rules, vscode.ConfigurationTarget.Workspace);
}
