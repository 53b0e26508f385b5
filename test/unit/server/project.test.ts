/**
 * The language server links the files of its workspace as the VS Code extension does: a two-file
 * project written by the test into a temp folder (our own text), the server over stdio
 * (lspClient.ts). Only train.py is open; the softmax in model.py, on disk, is reported in
 * model.py with train.py's loss as related information; it goes away when model.py changes
 * (on disk, reported by workspace/didChangeWatchedFiles or found on didSave; or in the editor),
 * and comes back when the disk's model.py counts again. A hover on `ACT2FN[config.hidden_act]`
 * resolves the key through the config class in another file.
 */
import { mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../cli/cliHarness';
import { INIT_CAPABILITIES, LspClient, type Message } from './lspClient';

const MODEL = [
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  '',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(16, 4)',
  '',
  '    def forward(self, x):',
  '        return F.softmax(self.fc(x), dim=1)',
  '',
].join('\n');
/** The same model returning logits. */
const MODEL_LOGITS = MODEL.replace('return F.softmax(self.fc(x), dim=1)', 'return self.fc(x)');
const TRAIN = [
  'import torch',
  'import torch.nn as nn',
  '',
  'from model import Net',
  '',
  'net = Net()',
  'criterion = nn.CrossEntropyLoss()',
  'loss = criterion(net(torch.randn(8, 16)), torch.zeros(8, dtype=torch.long))',
  '',
].join('\n');
const CONFIG = [
  'from transformers import PretrainedConfig',
  '',
  '',
  'class SmallConfig(PretrainedConfig):',
  '    model_type = "small"',
  '    hidden_act: str = "gelu"',
  '',
].join('\n');
const MODELING = [
  'from torch import nn',
  'from transformers.activations import ACT2FN',
  '',
  'from configuration_small import SmallConfig',
  '',
  '',
  'class SmallMLP(nn.Module):',
  '    def __init__(self, config: SmallConfig):',
  '        super().__init__()',
  '        self.fc = nn.Linear(8, 8)',
  '        self.act = ACT2FN[config.hidden_act]',
  '',
  '    def forward(self, x):',
  '        return self.act(self.fc(x))',
  '',
].join('\n');

let cli = '';
let cleanup = () => undefined as void;
const clients: LspClient[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  const built = await buildCli();
  cli = built.cli;
  cleanup = built.cleanup;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterAll(() => cleanup());

function project(files: Record<string, string>): { dir: string; uri: (name: string) => string; write: (name: string, text: string) => void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'al-lsp-project-')));
  dirs.push(dir);
  let stamp = Date.now() / 1000;
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    stamp += 10; // a modification time the index cannot have seen, however coarse the file system's clock
    utimesSync(file, stamp, stamp);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { dir, uri: (name) => pathToFileURL(path.join(dir, name)).href, write };
}

async function start(dir: string, capabilities: Record<string, unknown> = INIT_CAPABILITIES): Promise<LspClient> {
  const c = new LspClient(cli);
  clients.push(c);
  const folder = pathToFileURL(dir).href;
  const r = await c.request('initialize', { processId: null, rootUri: folder, capabilities, workspaceFolders: [{ uri: folder, name: 'proj' }] });
  expect(r.error).toBeUndefined();
  c.notify('initialized', {});
  return c;
}

function open(c: LspClient, uri: string, text: string, version = 1): void {
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
}

const textAt = (range: { start: { line: number; character: number }; end: { line: number; character: number } }, src: string) =>
  src.split('\n')[range.start.line]!.slice(range.start.character, range.end.character);

type Diagnostic = Record<string, any>;

/** The next diagnostics for `uri` after `from` that satisfy `ok` (earlier ones may be partial states). */
async function diagnosticsUntil(c: LspClient, uri: string, from: number, ok: (ds: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  const m = await c.waitFor(
    (x: Message) => x.method === 'textDocument/publishDiagnostics' && (x.params as { uri: string }).uri === uri && ok((x.params as { diagnostics: Diagnostic[] }).diagnostics),
    from,
    what,
  );
  return (m.params as { diagnostics: Diagnostic[] }).diagnostics;
}

const hasAct001 = (ds: Diagnostic[]) => ds.some((d) => d.code === 'ACT001');

describe('the workspace as one project', () => {
  it('open train.py only: the softmax in model.py (on disk) is reported there, related at the loss; it follows model.py on disk', async () => {
    const p = project({ 'model.py': MODEL, 'train.py': TRAIN });
    const c = await start(p.dir);
    const modelUri = p.uri('model.py');
    const trainUri = p.uri('train.py');
    const mark = c.mark();
    open(c, trainUri, TRAIN);
    expect(await c.diagnostics(trainUri, mark)).toEqual([]); // train.py itself: nothing
    const ds = await diagnosticsUntil(c, modelUri, mark, hasAct001, 'ACT001 in model.py');
    expect(ds).toHaveLength(1);
    const d = ds[0]!;
    expect(d.code).toBe('ACT001');
    expect(d.source).toBe('Activation Lens');
    expect(textAt(d.range, MODEL)).toBe('F.softmax(self.fc(x), dim=1)');
    expect(d.relatedInformation).toHaveLength(1);
    expect(d.relatedInformation[0].location.uri).toBe(trainUri);
    expect(textAt(d.relatedInformation[0].location.range, TRAIN)).toBe('nn.CrossEntropyLoss()');
    // train.py, where the link is made, gets none of it
    expect(c.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === trainUri).flatMap((m) => (m.params as { diagnostics: unknown[] }).diagnostics)).toEqual([]);

    // model.py changed on disk, reported by the client: the finding goes away
    const mark2 = c.mark();
    p.write('model.py', MODEL_LOGITS);
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: modelUri, type: 2 }] });
    expect(await diagnosticsUntil(c, modelUri, mark2, (x) => x.length === 0, 'model.py cleared')).toEqual([]);

    // a client that does not watch files: the server looks at the disk again on didSave
    const mark3 = c.mark();
    p.write('model.py', MODEL);
    c.notify('textDocument/didSave', { textDocument: { uri: trainUri } });
    expect((await diagnosticsUntil(c, modelUri, mark3, hasAct001, 'ACT001 back after didSave')).map((x) => x.code)).toEqual(['ACT001']);

    // deleted: cleared
    const mark4 = c.mark();
    rmSync(path.join(p.dir, 'model.py'));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: modelUri, type: 3 }] });
    expect(await diagnosticsUntil(c, modelUri, mark4, (x) => x.length === 0, 'model.py cleared after delete')).toEqual([]);
  });

  it('model.py open too: its own diagnostics carry the finding; editing it away clears it; closing brings back the disk version', async () => {
    const p = project({ 'model.py': MODEL, 'train.py': TRAIN });
    const c = await start(p.dir);
    const modelUri = p.uri('model.py');
    const trainUri = p.uri('train.py');
    const mark = c.mark();
    open(c, trainUri, TRAIN);
    await diagnosticsUntil(c, modelUri, mark, hasAct001, 'ACT001 in model.py');

    const mark2 = c.mark();
    open(c, modelUri, MODEL);
    const ds = await diagnosticsUntil(c, modelUri, mark2, hasAct001, 'ACT001 in open model.py');
    expect(ds.map((x) => x.code)).toEqual(['ACT001']);
    expect(ds[0]!.relatedInformation[0].location.uri).toBe(trainUri);

    // the quick fixes of the open file see the cross-file finding (noqa at least)
    const ca = await c.request('textDocument/codeAction', { textDocument: { uri: modelUri }, range: ds[0]!.range, context: { diagnostics: [ds[0]], only: ['quickfix'] } });
    expect((ca.result as Array<{ title: string }>).map((a) => a.title)).toContain('Suppress ACT001 on this line (noqa)');

    // the softmax removed in the editor (not saved): the finding goes away at once
    const mark3 = c.mark();
    c.notify('textDocument/didChange', { textDocument: { uri: modelUri, version: 2 }, contentChanges: [{ text: MODEL_LOGITS }] });
    expect(await diagnosticsUntil(c, modelUri, mark3, (x) => !hasAct001(x), 'model.py without ACT001')).toEqual([]);

    // closed without saving: the disk's model.py (with the softmax) counts again
    const mark4 = c.mark();
    c.notify('textDocument/didClose', { textDocument: { uri: modelUri } });
    const back = await diagnosticsUntil(c, modelUri, mark4, hasAct001, 'ACT001 back after close');
    expect(back.map((x) => x.code)).toEqual(['ACT001']);

    // the link goes away in train.py (the model no longer meets that loss): model.py is cleared
    const mark5 = c.mark();
    c.notify('textDocument/didChange', {
      textDocument: { uri: trainUri, version: 2 },
      contentChanges: [{ text: TRAIN.replace(/^loss = .*$/m, 'out = net(torch.randn(8, 16))') }],
    });
    expect(await diagnosticsUntil(c, modelUri, mark5, (x) => x.length === 0, 'model.py cleared when the link goes')).toEqual([]);
  });

  it('asks a client that can watch files to watch *.py and *.ipynb', async () => {
    const p = project({ 'train.py': TRAIN });
    const caps = { ...INIT_CAPABILITIES, workspace: { ...INIT_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };
    const c = await start(p.dir, caps);
    const m = await c.waitFor((x) => x.method === 'client/registerCapability' && JSON.stringify(x.params).includes('workspace/didChangeWatchedFiles'), 0, 'the registration');
    const reg = (m.params as { registrations: Array<{ method: string; registerOptions: { watchers: Array<{ globPattern: string }> } }> }).registrations.find(
      (r) => r.method === 'workspace/didChangeWatchedFiles',
    )!;
    expect(reg.registerOptions.watchers.map((w) => w.globPattern)).toEqual(['**/*.py', '**/*.ipynb']);
  });

  it('hover on ACT2FN[config.hidden_act]: the config class in another file gives GELU', async () => {
    const p = project({ 'configuration_small.py': CONFIG, 'modeling_small.py': MODELING });
    const c = await start(p.dir);
    const uri = p.uri('modeling_small.py');
    const mark = c.mark();
    open(c, uri, MODELING);
    await c.diagnostics(uri, mark);
    const line = 10;
    const character = MODELING.split('\n')[line]!.indexOf('hidden_act') + 2;
    // the config module is read from disk after the analysis: ask until it has been
    let value = '';
    for (let i = 0; i < 50 && !value.includes('GELU'); i++) {
      const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      value = (h.result as { contents: { value: string } } | null)?.contents.value ?? '';
      if (!value.includes('GELU')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(value).toContain('**GELU**');
    expect(value).toContain('PyTorch');
  });
});
