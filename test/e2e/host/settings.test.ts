import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openWithDiagnostics, ours, ruleOf, setRules, waitFor } from './util';

describe('settings', () => {
  afterEach(async () => {
    await setRules(undefined);
    await vscode.workspace.getConfiguration('activationLens').update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('activationLens').update('run', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('changes a rule severity and turns a rule off', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT006']);
    const uri = editor.document.uri;
    const act006 = () => ours(uri).find((d) => ruleOf(d) === 'ACT006');
    assert.notEqual(act006()!.severity, vscode.DiagnosticSeverity.Error);
    await setRules({ ACT006: 'error' });
    await waitFor('ACT006 as an error', () => act006()?.severity === vscode.DiagnosticSeverity.Error);
    await setRules({ ACT006: 'off' });
    await waitFor('ACT006 off', () => act006() === undefined);
    assert.ok(ours(uri).length > 0, 'other rules still report');
    await setRules(undefined);
    await waitFor('ACT006 back', () => act006() !== undefined);
  });

  it('activationLens.enable=false clears the file', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT006']);
    await vscode.workspace.getConfiguration('activationLens').update('enable', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('no diagnostics', () => ours(editor.document.uri).length === 0);
  });

  it('run = onSave analyzes an edited file only when it is saved', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT013']);
    const doc = editor.document;
    const act013 = () => ours(doc.uri).filter((d) => ruleOf(d) === 'ACT013').length;
    // A settings change re-analyzes open files, and VS Code may report the change more than once
    // (the write, then the file watcher): wait until the configuration is quiet for a second.
    let last = Date.now();
    const sub = vscode.workspace.onDidChangeConfiguration(() => (last = Date.now()));
    await vscode.workspace.getConfiguration('activationLens').update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
    await waitFor('settings to settle', () => Date.now() - last > 1000);
    sub.dispose();
    const extra = new vscode.Position(doc.lineCount - 1, 0);
    await editor.edit((b) => b.insert(extra, 'more = F.sigmoid(inputs)\n'));
    await new Promise((r) => setTimeout(r, 1500)); // well past the 300 ms debounce
    assert.equal(act013(), 1, `not analyzed while typing: ${ours(doc.uri).map((d) => `${ruleOf(d)}@${d.range.start.line}`).join(' ')}`);
    assert.ok(await doc.save());
    await waitFor('the new ACT013 after saving', () => act013() === 2);
    // leave the fixture as the other tests expect it
    await editor.edit((b) => b.delete(new vscode.Range(extra, extra.translate(1))));
    assert.ok(await doc.save());
    await waitFor('back to one ACT013', () => act013() === 1);
  });
});
