/**
 * The workspace is one project: with only train.py open, the softmax in model.py that feeds
 * train.py's CrossEntropyLoss is reported in model.py (related information at the loss), and the
 * finding follows model.py as it changes — on disk (file system watcher) and in an editor — without
 * train.py being touched.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ours, ruleOf, waitFor, workspaceUri } from './util';

const act001 = (uri: vscode.Uri) => ours(uri).filter((d) => ruleOf(d) === 'ACT001');

describe('project index: a model in model.py, its loss in train.py', () => {
  const model = () => workspaceUri('project/model.py');
  const train = () => workspaceUri('project/train.py');

  it('open only train.py: ACT001 on the softmax in model.py, related information at the loss in train.py', async () => {
    const doc = await vscode.workspace.openTextDocument(train());
    await vscode.window.showTextDocument(doc);
    const [d] = await waitFor('ACT001 in model.py', () => (act001(model()).length > 0 ? act001(model()) : undefined), 30_000);
    assert.equal(d!.range.start.line, 9, 'the nn.Softmax(dim=1) layer');
    const rel = d!.relatedInformation ?? [];
    assert.equal(rel.length, 1);
    assert.equal(rel[0]!.location.uri.toString(), train().toString());
    assert.equal(rel[0]!.location.range.start.line, 6, 'criterion = nn.CrossEntropyLoss()');
    assert.match(rel[0]!.message, /CrossEntropyLoss/);
    assert.ok(!vscode.workspace.textDocuments.some((t) => t.uri.toString() === model().toString()), 'model.py was never opened');
  });

  it('model.py changed on disk: the finding goes away, and comes back', async () => {
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(model()));
    await vscode.workspace.fs.writeFile(model(), new TextEncoder().encode(original.replace('return self.probs(x)', 'return x')));
    await waitFor('ACT001 gone from model.py', () => act001(model()).length === 0, 30_000);
    await vscode.workspace.fs.writeFile(model(), new TextEncoder().encode(original));
    await waitFor('ACT001 back in model.py', () => act001(model()).length > 0, 30_000);
  });

  it('model.py edited in the editor (unsaved WorkspaceEdit): the finding goes away without touching train.py', async () => {
    const trainDoc = vscode.workspace.textDocuments.find((t) => t.uri.toString() === train().toString());
    const trainVersion = trainDoc?.version;
    const doc = await vscode.workspace.openTextDocument(model());
    const text = doc.getText();
    const at = text.indexOf('return self.probs(x)');
    assert.ok(at >= 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'return self.probs(x)'.length)), 'return x');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('ACT001 gone after the edit', () => act001(model()).length === 0, 30_000);
    assert.equal(trainDoc?.version, trainVersion, 'train.py untouched');
    // Undo the edit: the finding is back.
    const back = new vscode.WorkspaceEdit();
    const cur = doc.getText();
    const i = cur.indexOf('        return x\n');
    back.replace(doc.uri, new vscode.Range(doc.positionAt(i), doc.positionAt(i + '        return x'.length)), '        return self.probs(x)');
    assert.ok(await vscode.workspace.applyEdit(back));
    await waitFor('ACT001 back after undoing the edit', () => act001(model()).length > 0, 30_000);
  });
});
