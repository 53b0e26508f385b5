/**
 * A registry key another workspace file gives: in modeling_tiny.py, `ACT2FN[config.hidden_act]`
 * reads TinyConfig's `hidden_act` in configuration_tiny.py (never opened). The hover resolves it
 * through the project index (tanh GELU, the config value and where it is written), and the typo in
 * the config file is ACT008 there, with the lookup as related information.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, hoverText, ours, positionOf, ruleOf, waitFor, workspaceUri } from './util';

describe('project index: ACT2FN[config.hidden_act] with the config class in another file', () => {
  after(closeAll);
  const modeling = () => workspaceUri('hf_tiny/modeling_tiny.py');
  const config = () => workspaceUri('hf_tiny/configuration_tiny.py');

  it('the hover shows the config value from configuration_tiny.py (tanh GELU)', async () => {
    const doc = await vscode.workspace.openTextDocument(modeling());
    await vscode.window.showTextDocument(doc);
    const pos = positionOf(doc, 'ACT2FN[config.hidden_act]', 2);
    const text = await waitFor('the resolved hover', async () => {
      const t = await hoverText(doc.uri, pos);
      return /\*\*GELU\*\*/.test(t) ? t : undefined;
    }, 30_000);
    assert.match(text, /approximate.*tanh/);
    assert.ok(text.includes('config value `TinyConfig.hidden_act = "gelu_new"` in configuration_tiny.py:8'), text);
    assert.ok(!vscode.workspace.textDocuments.some((t) => t.uri.toString() === config().toString()), 'configuration_tiny.py was never opened');
  });

  it('the config typo is ACT008 in configuration_tiny.py, related: the lookup in modeling_tiny.py', async () => {
    const [d] = await waitFor('ACT008 in configuration_tiny.py', () => {
      const ds = ours(config()).filter((x) => ruleOf(x) === 'ACT008');
      return ds.length > 0 ? ds : undefined;
    }, 30_000);
    assert.equal(d!.range.start.line, 8, 'head_act: str = "sigmod"');
    assert.match(d!.message, /has no key 'sigmod'; did you mean 'sigmoid'\?/);
    const rel = d!.relatedInformation ?? [];
    assert.equal(rel.length, 1);
    assert.equal(rel[0]!.location.uri.toString(), modeling().toString());
    assert.equal(rel[0]!.location.range.start.line, 11);
  });
});
