/**
 * The Models view, the inlay hints and "gradient through this model" in the real host: the tree the
 * view shows (through the internal activationLens.models.snapshot command) for a torch file, a Keras
 * file and a notebook, following editor switches and edits; the hints VS Code collects from the
 * provider for each activationLens.inlayHints mode; the CodeLens and the depth view it opens.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openWithDiagnostics, waitFor, workspaceUri } from './util';

interface Item {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  contextValue?: string;
  reveal?: { uri: string; line: number };
  children: Item[];
}
interface Snapshot {
  file?: string;
  message?: string;
  models: Item[];
  plans: Array<{ model: string; layers: Array<{ label: string; units?: number }> }>;
}

const snapshot = () => vscode.commands.executeCommand<Snapshot>('activationLens.models.snapshot');
const find = (items: Item[], label: string): Item | undefined => {
  for (const i of items) {
    if (i.label === label) return i;
    const inner = find(i.children, label);
    if (inner) return inner;
  }
  return undefined;
};

async function treeFor(rel: string, ok: (s: Snapshot) => boolean = (s) => s.models.length > 0): Promise<Snapshot> {
  return waitFor(`the Models view to show ${rel}`, async () => {
    const s = await snapshot();
    return s.file?.endsWith(rel) && ok(s) ? s : undefined;
  }, 20_000);
}

async function hints(uri: vscode.Uri, doc: vscode.TextDocument): Promise<string[]> {
  const range = new vscode.Range(0, 0, doc.lineCount, 0);
  const hs = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, range)) ?? [];
  return hs.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
}

const setHints = (v: string | undefined) =>
  vscode.workspace.getConfiguration('activationLens').update('inlayHints', v, vscode.ConfigurationTarget.Workspace);

describe('models view', function () {
  this.timeout(90_000);
  afterEach(async () => {
    await setHints(undefined);
    await closeAll();
  });

  it('shows a torch model: steps in order with units and defaults, output, loss and the finding on its node', async () => {
    await openWithDiagnostics('torch_model.py', ['ACT001']);
    const s = await treeFor('torch_model.py');
    assert.deepEqual(s.models.map((m) => m.label), ['Classifier']);
    const model = s.models[0]!;
    assert.equal(model.contextValue, 'model');
    assert.match(model.description!, /PyTorch subclass · 4 steps · \d+ problems?/);
    assert.deepEqual(model.children.filter((c) => c.contextValue === 'layer').map((c) => c.label), ['hidden', 'act', 'head', 'out']);
    assert.equal(find(s.models, 'hidden')!.description, 'Linear · 64 → 32 · linear');
    assert.equal(find(s.models, 'act')!.description, 'LeakyReLU · LeakyReLU(negative_slope=0.01)');
    const out = find(s.models, 'out')!;
    assert.equal(out.icon, 'warning', 'the Softmax step carries the ACT001 warning icon');
    assert.deepEqual(out.children.map((c) => c.label), ['ACT001']);
    const loss = find(s.models, 'CrossEntropyLoss')!;
    assert.equal(loss.description, 'expects logits · receives Softmax probabilities');
    assert.equal(find(s.models, 'output')!.description, 'Softmax probabilities');
    // Clicking a node reveals its source line.
    assert.equal(find(s.models, 'head')!.reveal!.line, 10);
    assert.deepEqual(s.plans[0]!.layers.map((l) => [l.label, l.units]), [['hidden · LeakyReLU', 32], ['head · Softmax', 5]]);
  });

  it('reveals a node in the editor', async () => {
    await openWithDiagnostics('torch_model.py', ['ACT001']);
    const uri = workspaceUri('torch_model.py');
    await vscode.commands.executeCommand('activationLens.revealInEditor', uri, new vscode.Range(10, 8, 10, 17));
    const ed = await waitFor('the editor selection', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === uri.toString() && e.selection.start.line === 10 ? e : undefined;
    });
    assert.equal(ed.document.getText(ed.selection), 'self.head');
  });

  it('follows typing: an edit that removes the softmax changes what the loss receives', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT001']);
    await treeFor('torch_model.py');
    const doc = editor.document;
    const at = doc.getText().indexOf('return self.out(self.head(h))');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'return self.out(self.head(h))'.length)), 'return self.head(h)');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const s = await treeFor('torch_model.py', (x) => find(x.models, 'CrossEntropyLoss')?.description === 'expects logits');
    assert.equal(find(s.models, 'output')!.description, 'logits');
  });

  it('follows editor switches: a Keras file, then a notebook', async () => {
    await openWithDiagnostics('keras_model.py', ['ACT001']);
    const k = await treeFor('keras_model.py');
    assert.deepEqual(k.models.map((m) => m.label), ['classifier', 'detector']);
    assert.equal(find(k.models, 'LeakyReLU')!.description, 'LeakyReLU(negative_slope=0.3)');
    const nb = await vscode.workspace.openNotebookDocument(workspaceUri('notebook.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const n = await treeFor('notebook.ipynb');
    assert.deepEqual(n.models.map((m) => m.label), ['model']);
    const gelu = find(n.models, 'GELU')!;
    assert.equal(gelu.description, "GELU(approximate='none')");
    assert.ok(gelu.reveal!.uri.startsWith('vscode-notebook-cell:'), gelu.reveal!.uri);
    assert.equal(find(n.models, 'CrossEntropyLoss')!.description, 'expects logits · receives Softmax probabilities');
  });

  it('explains an empty view', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import torch\nx = torch.relu(torch.randn(3))\n' });
    await vscode.window.showTextDocument(doc);
    const s = await waitFor('the empty message', async () => {
      const x = await snapshot();
      return x.file === doc.uri.toString() && x.message ? x : undefined;
    });
    assert.deepEqual(s.models, []);
    assert.match(s.message!, /^No models in Untitled-\d+\./);
  });
});

describe('inlay hints', function () {
  this.timeout(90_000);
  afterEach(async () => {
    await setHints(undefined);
    await closeAll();
  });

  it('defaults: the omitted negative_slope; all: also what the loss receives; off: none', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT001']);
    const doc = editor.document;
    const defaults = await waitFor('hints', async () => {
      const h = await hints(doc.uri, doc);
      return h.length > 0 ? h : undefined;
    });
    assert.deepEqual(defaults, ['negative_slope=0.01']);
    await setHints('all');
    const all = await waitFor('hints with all', async () => {
      const h = await hints(doc.uri, doc);
      return h.includes('▸ Softmax probabilities') ? h : undefined;
    });
    assert.deepEqual(all, ['negative_slope=0.01', '▸ Softmax probabilities']);
    await setHints('off');
    await waitFor('no hints', async () => ((await hints(doc.uri, doc)).length === 0 ? true : undefined));
  });

  it('Keras LeakyReLU ▸ negative_slope=0.3; in a notebook cell, the GELU default', async () => {
    const { editor } = await openWithDiagnostics('keras_model.py', ['ACT001']);
    const h = await waitFor('Keras hints', async () => {
      const x = await hints(editor.document.uri, editor.document);
      return x.length > 0 ? x : undefined;
    });
    assert.deepEqual(h, ['negative_slope=0.3']);
    const nb = await vscode.workspace.openNotebookDocument(workspaceUri('notebook.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.getCells().find((c) => c.document.getText().includes('nn.GELU()'))!.document;
    const c = await waitFor('cell hints', async () => {
      const x = await hints(cell.uri, cell);
      return x.length > 0 ? x : undefined;
    });
    assert.deepEqual(c, ["approximate='none'"]);
  });
});

describe('gradient through this model', function () {
  this.timeout(90_000);
  after(async () => {
    await closeAll();
  });

  it('the CodeLens above the model opens the depth view with its own layers', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT001']);
    const lenses = await waitFor('the CodeLens', async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return ls?.length ? ls : undefined;
    });
    assert.equal(lenses.length, 1);
    const lens = lenses[0]!;
    assert.equal(lens.range.start.line, 5, 'above class Classifier');
    assert.match(lens.command!.title, /Gradient through this model \(2 layers\)/);
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    type Info = { state: { view: string; model?: { name: string; framework?: string; inputUnits?: number; layers: Array<{ label: string; units?: number; fn?: { id: string } }> } }; reported: number };
    const i = await waitFor('the depth view for Classifier', async () => {
      const x = await vscode.commands.executeCommand<Info | undefined>('activationLens.plot.state');
      return x && x.reported > 0 && x.state.view === 'depth' && x.state.model?.name === 'Classifier' ? x : undefined;
    }, 30_000);
    const m = i.state.model!;
    assert.equal(m.framework, 'torch');
    assert.equal(m.inputUnits, 64);
    assert.deepEqual(m.layers.map((l) => [l.label, l.units, l.fn?.id]), [['hidden · LeakyReLU', 32, 'leaky_relu'], ['head · Softmax', 5, 'softmax']]);
  });

  it('activationLens.codeLens=false removes the lens', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT001']);
    await vscode.workspace.getConfiguration('activationLens').update('codeLens', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('no CodeLens', async () => {
        const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
        return (ls?.length ?? 0) === 0 ? true : undefined;
      });
    } finally {
      await vscode.workspace.getConfiguration('activationLens').update('codeLens', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
