import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, EXTENSION_ID, openWithDiagnostics, ours, ruleOf, rulesOf, waitFor, workspaceUri } from './util';

describe('diagnostics', () => {
  afterEach(closeAll);

  it('activates for a Python file and contributes its commands', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('torch_model.py')));
    const ext = await waitFor('the extension to activate', () => {
      const e = vscode.extensions.getExtension(EXTENSION_ID);
      return e?.isActive ? e : undefined;
    });
    assert.equal(ext.packageJSON.engines.vscode, '^1.100.0');
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['activationLens.checkWorkspace', 'activationLens.showRuleDocs']) assert.ok(commands.includes(c), c);
  });

  it('PyTorch: softmax into CrossEntropyLoss, implicit dim, deprecated F.sigmoid', async () => {
    const { editor, diagnostics } = await openWithDiagnostics('torch_model.py', ['ACT001', 'ACT006', 'ACT013']);
    const doc = editor.document;
    for (const d of diagnostics) {
      assert.equal(d.source, 'Activation Lens');
      const code = d.code as { value: string; target: vscode.Uri };
      assert.match(code.target.toString(), new RegExp(`^https://github\\.com/activation-lens/activation-lens/blob/main/docs/rules/${code.value}\\.md$`));
    }
    const act006 = diagnostics.find((d) => ruleOf(d) === 'ACT006')!;
    assert.equal(doc.getText(act006.range).includes('softmax'), true, doc.getText(act006.range));
    assert.equal(act006.range.start.line, 25);
    const act013 = diagnostics.find((d) => ruleOf(d) === 'ACT013')!;
    assert.equal(act013.range.start.line, 24);
    const act001 = diagnostics.find((d) => ruleOf(d) === 'ACT001')!;
    assert.ok(act001.relatedInformation?.length, 'ACT001 points at the other half of the pair');
    const lines = [act001.range.start.line, ...act001.relatedInformation!.map((r) => r.location.range.start.line)];
    assert.ok(lines.includes(11), `softmax side in ${lines}`);
    assert.ok(lines.includes(19), `loss side in ${lines}`);
  });

  it('Keras: from_logits=True after softmax, and a one-unit softmax', async () => {
    const { diagnostics } = await openWithDiagnostics('keras_model.py', ['ACT001', 'ACT004']);
    assert.equal(diagnostics.find((d) => ruleOf(d) === 'ACT004')!.range.start.line, 19);
  });

  it('TensorFlow.js (JavaScript): unknown activation string', async () => {
    const { diagnostics } = await openWithDiagnostics('tfjs_model.js', ['ACT008']);
    const d = diagnostics.find((x) => ruleOf(x) === 'ACT008')!;
    assert.equal(d.range.start.line, 5);
    assert.match(d.message, /softmax/);
  });

  it('TensorFlow.js (TypeScript): one-unit softmax', async () => {
    await openWithDiagnostics('tfjs_model.ts', ['ACT004']);
  });

  it('a notebook is analyzed once, as one program, with findings on their cells', async () => {
    const nb = await vscode.workspace.openNotebookDocument(workspaceUri('notebook.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cells = nb.getCells();
    const last = cells[4]!.document.uri;
    await waitFor('ACT006 in the last cell', () => rulesOf(ours(last)).includes('ACT006'));
    await waitFor('ACT001 across cells', () => cells.some((c) => rulesOf(ours(c.document.uri)).includes('ACT001')));
    const all = cells.flatMap((c) => ours(c.document.uri).map((d) => `${c.index}:${ruleOf(d)}:${d.range.start.line}:${d.range.start.character}`));
    assert.equal(new Set(all).size, all.length, `no finding reported twice: ${all.join(' ')}`);
    const act006 = ours(last).find((d) => ruleOf(d) === 'ACT006')!;
    assert.equal(act006.range.start.line, 3);
    assert.equal(ours(nb.uri).length, 0, 'nothing on the notebook file itself');
  });

  it('re-analyzes while typing and drops stale results', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT013']);
    const doc = editor.document;
    const count = () => ours(doc.uri).filter((d) => ruleOf(d) === 'ACT013').length;
    assert.equal(count(), 1);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    // several quick edits: only the final text's result may show
    for (const text of ['\nextra', ' = F.', 'sigmoid(inputs)', '\nmore = F.sigmoid(inputs)']) {
      await editor.edit((b) => b.insert(doc.lineAt(doc.lineCount - 1).range.end, text));
    }
    assert.ok(doc.lineCount > end.line + 2);
    await waitFor('three ACT013 findings after the edits', () => count() === 3);
    const lines = ours(doc.uri).filter((d) => ruleOf(d) === 'ACT013').map((d) => d.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [24, 27, 28]); // the file ends with a newline: the edits start on line 27
  });

  it('clears diagnostics when the document closes', async () => {
    const { editor } = await openWithDiagnostics('tfjs_model.js', ['ACT008']);
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('diagnostics cleared after close', () => ours(uri).length === 0, 30_000);
  });
});
