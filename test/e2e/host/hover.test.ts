import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, hoverText, openWithDiagnostics, positionOf } from './util';

describe('hover', () => {
  afterEach(closeAll);

  it('explains nn.LeakyReLU with the torch default slope, a picture and a plot link', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT006']);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, 'LeakyReLU', 3));
    assert.match(text, /LeakyReLU/);
    assert.match(text, /0\.01/);
    assert.match(text, /PyTorch/);
    assert.match(text, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    const link = /\(command:activationLens\.plot\?([^)]+)\)/.exec(text);
    assert.ok(link, 'plot command link');
    const args = JSON.parse(decodeURIComponent(link[1]!));
    assert.equal(args.functions[0].id, 'leaky_relu');
    assert.equal(args.functions[0].framework, 'torch');
  });

  it('uses the Keras layer default (0.3) in a Keras file', async () => {
    const { editor } = await openWithDiagnostics('keras_model.py', ['ACT004']);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, 'LeakyReLU', 3));
    assert.match(text, /Keras/);
    assert.match(text, /0\.3\b/);
    assert.doesNotMatch(text, /`0\.01`/);
  });

  it('explains a tfjs activation string', async () => {
    const { editor } = await openWithDiagnostics('tfjs_model.js', ['ACT008']);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, "'relu'", 2));
    assert.match(text, /ReLU/);
    assert.match(text, /TensorFlow\.js/);
  });

  it('act_layer(): the resolved default with its parameters, and the partial a caller passes', async () => {
    const { editor } = await openWithDiagnostics('resolved_acts.py', ['ACT003']);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, 'act_layer()', 2));
    assert.match(text, /\*\*GELU\*\*/);
    const caller = positionOf(editor.document, 'block = Mlp(').line + 1;
    assert.ok(text.includes(`Resolved here: \`GELU\` (parameter default) or \`LeakyReLU(slope=0.2)\` (passed by \`Mlp(…)\` at line ${caller})`), text);
  });

  it('ACT2FN[config.hidden_act]: the config default through the registry, tanh GELU', async () => {
    const { editor } = await openWithDiagnostics('resolved_acts.py', ['ACT003']);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, 'ACT2FN[config', 2));
    assert.match(text, /GELU/);
    assert.match(text, /`gelu_new` \(config default, registry key `ACT2FN\['gelu_new'\]`\)/);
    assert.match(text, /approximate.*tanh/);
  });

  it('shows the rule short docs over a finding', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT006']);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, 'F.softmax(inputs)', 4));
    assert.match(text, /\*\*ACT006\*\*/);
    assert.match(text, /docs\/rules\/ACT006\.md/);
  });

  it('answers in notebook cells', async () => {
    const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'notebook.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.cellAt(2).document;
    const text = await hoverText(cell.uri, positionOf(cell, 'GELU', 2));
    assert.match(text, /GELU/);
    assert.match(text, /approximate/);
  });
});
