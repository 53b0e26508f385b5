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

  describe('a notebook whose stored outputs are far above activationLens.maxFileSize', () => {
    // Generated here (nothing large is committed): 4 MB of stored image, three lines of code.
    let uri: vscode.Uri;
    const code = ['import torch.nn as nn\n', 'net = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\n'];
    before(async () => {
      uri = workspaceUri('big_outputs.ipynb');
      const nb = {
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['# Plots\n'] },
          {
            cell_type: 'code', metadata: {}, execution_count: 1, source: code,
            outputs: [{ output_type: 'display_data', metadata: {}, data: { 'image/png': 'iVBORw0KGgo'.padEnd(4_000_000, 'A'), 'text/plain': ['<Figure>'] } }],
          },
        ],
        metadata: { language_info: { name: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      };
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(nb)));
    });
    after(async () => {
      await vscode.workspace.fs.delete(uri);
    });

    it('is analyzed by its code (the 2,000,000 default limit counts code, not outputs)', async () => {
      const size = (await vscode.workspace.fs.stat(uri)).size;
      const limit = vscode.workspace.getConfiguration('activationLens').get<number>('maxFileSize')!;
      assert.ok(size > 2 * limit, `the notebook is ${size} bytes, the limit ${limit}`);
      const r = await vscode.commands.executeCommand<{ files: number; problems: number; cancelled: boolean }>('activationLens.checkWorkspace');
      assert.equal(r.cancelled, false);
      const ds = ours(uri);
      assert.deepEqual(rulesOf(ds), ['ACT005'], ds.map((d) => d.message).join(' | '));
      assert.ok(ds.some((d) => /^Cell 2, line 2: 'Linear' feeds 'Linear'/.test(d.message)), ds.map((d) => d.message).join(' | '));
    });
  });
});
