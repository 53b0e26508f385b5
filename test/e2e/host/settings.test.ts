import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openWithDiagnostics, ours, ruleOf, setRules, waitFor } from './util';

describe('settings', () => {
  afterEach(async () => {
    await setRules(undefined);
    await vscode.workspace.getConfiguration('activationLens').update('enable', undefined, vscode.ConfigurationTarget.Workspace);
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
});
