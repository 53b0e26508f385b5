import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, codeActions, openWithDiagnostics, ours, ruleOf, waitFor } from './util';

describe('code actions', () => {
  afterEach(closeAll);

  it('offers the fix, a noqa suppression and the docs for a finding; noqa silences it', async () => {
    const { editor, diagnostics } = await openWithDiagnostics('torch_model.py', ['ACT006']);
    const doc = editor.document;
    const d = diagnostics.find((x) => ruleOf(x) === 'ACT006')!;
    const actions = await codeActions(doc.uri, d.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => /noqa/.test(t)), titles.join(' | '));
    assert.ok(titles.some((t) => /documentation/i.test(t)), titles.join(' | '));
    const docs = actions.find((a) => /documentation/i.test(a.title))!;
    assert.deepEqual(docs.command?.arguments, ['ACT006']);
    const noqa = actions.find((a) => /noqa/.test(a.title))!;
    assert.ok(await vscode.workspace.applyEdit(noqa.edit!));
    assert.equal(doc.lineAt(d.range.start.line).text, 'probs = F.softmax(inputs)  # noqa: ACT006');
    await waitFor('ACT006 silenced', () => !ours(doc.uri).some((x) => ruleOf(x) === 'ACT006'));
  });

  it('applies the ACT013 fix and the finding goes away', async () => {
    const { editor, diagnostics } = await openWithDiagnostics('torch_model.py', ['ACT013']);
    const doc = editor.document;
    const d = diagnostics.find((x) => ruleOf(x) === 'ACT013')!;
    const fix = (await codeActions(doc.uri, d.range)).find((a) => a.isPreferred);
    assert.ok(fix?.edit, 'a preferred (safe) fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(24).text, 'gate = torch.sigmoid(inputs)');
    await waitFor('ACT013 gone', () => !ours(doc.uri).some((x) => ruleOf(x) === 'ACT013'));
  });

  it('source.fixAll.activationLens applies only safe fixes', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT013']);
    const doc = editor.document;
    const all = await codeActions(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.activationLens');
    assert.equal(all.length, 1);
    assert.equal(all[0]!.kind?.value, 'source.fixAll.activationLens');
    assert.ok(await vscode.workspace.applyEdit(all[0]!.edit!));
    assert.match(doc.getText(), /gate = torch\.sigmoid\(inputs\)/);
    assert.match(doc.getText(), /^probs = F\.softmax\(inputs\)$/m, 'the unsafe ACT006 fix (add dim=1) is not applied');
  });

  it('fix-all for a rule fixes every safe instance of it in the file', async () => {
    const { editor } = await openWithDiagnostics('torch_model.py', ['ACT013']);
    const doc = editor.document;
    await editor.edit((b) => b.insert(new vscode.Position(25, 0), 'other = F.sigmoid(targets)\n'));
    const both = await waitFor('two ACT013', () => {
      const ds = ours(doc.uri).filter((x) => ruleOf(x) === 'ACT013');
      return ds.length === 2 ? ds : undefined;
    });
    const actions = await codeActions(doc.uri, both[0]!.range);
    const all = actions.find((a) => a.title.includes('ACT013') && /all/i.test(a.title));
    assert.ok(all?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    assert.equal(doc.lineAt(24).text, 'gate = torch.sigmoid(inputs)');
    assert.equal(doc.lineAt(25).text, 'other = torch.sigmoid(targets)');
    await waitFor('no ACT013 left', () => !ours(doc.uri).some((x) => ruleOf(x) === 'ACT013'));
  });
});
