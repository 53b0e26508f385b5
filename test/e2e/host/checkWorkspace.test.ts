import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, ours, rulesOf, workspaceUri } from './util';

describe('Check Workspace', () => {
  before(closeAll);

  it('analyzes every model file that is not open and fills Problems', async () => {
    const r = await vscode.commands.executeCommand<{ files: number; problems: number; cancelled: boolean }>('activationLens.checkWorkspace');
    assert.equal(r.cancelled, false);
    assert.ok(r.files >= 5, `files: ${r.files}`);
    assert.ok(r.problems >= 6, `problems: ${r.problems}`);
    assert.ok(rulesOf(ours(workspaceUri('keras_model.py'))).includes('ACT004'));
    assert.ok(rulesOf(ours(workspaceUri('tfjs_model.js'))).includes('ACT008'));
    const nb = ours(workspaceUri('notebook.ipynb'));
    assert.ok(nb.some((d) => /^Cell 5, line 4: /.test(d.message)), nb.map((d) => d.message).join(' | '));
  });
});
