/**
 * `activation-lens server --stdio` driven over stdio by a hand-written JSON-RPC client
 * (lspClient.ts), against the CLI bundle built from the sources: the whole session (initialize,
 * open, diagnostics, hover, code actions, applying an edit, shutdown, exit code 0), settings from
 * initializationOptions and workspace/configuration, notebooks through LSP 3.17 notebook sync,
 * the Chinese locale, and bad input that must get an error or an empty answer, never a crash.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../cli/cliHarness';
import { INIT_CAPABILITIES, LspClient } from './lspClient';

const MODEL = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  'def forward(x):',
  '    y = F.sigmoid(x)',
  '    z = F.tanh(y)',
  '    return F.softmax(z)',
  '',
  'model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1))',
  'loss_fn = nn.CrossEntropyLoss()',
  'loss = loss_fn(model(torch.randn(2, 4)), torch.tensor([0, 1]))',
  '',
].join('\n');
/** Looks like the model above but misuses nothing. */
const CLEAN = [
  'import torch',
  'import torch.nn as nn',
  '',
  'def forward(x):',
  '    return torch.softmax(torch.tanh(torch.sigmoid(x)), dim=-1)',
  '',
  'model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))',
  'loss_fn = nn.CrossEntropyLoss()',
  '',
].join('\n');
const URI = 'file:///work/project/model.py';
const lines = MODEL.split('\n');

let cli = '';
let cleanup = () => undefined as void;
const clients: LspClient[] = [];

beforeAll(async () => {
  const built = await buildCli();
  cli = built.cli;
  cleanup = built.cleanup;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
});
afterAll(() => cleanup());

async function start(init: Record<string, unknown> = {}, answers: Record<string, (p: unknown) => unknown> = {}): Promise<LspClient> {
  const c = new LspClient(cli);
  clients.push(c);
  for (const [m, f] of Object.entries(answers)) c.answers.set(m, f);
  const r = await c.request('initialize', { processId: null, rootUri: null, capabilities: INIT_CAPABILITIES, workspaceFolders: null, ...init });
  expect(r.error).toBeUndefined();
  c.notify('initialized', {});
  return c;
}

function open(c: LspClient, uri: string, text: string, languageId = 'python', version = 1): void {
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

async function finish(c: LspClient): Promise<number | null> {
  const r = await c.request('shutdown');
  expect(r.error).toBeUndefined();
  expect(r.result).toBeNull();
  c.notify('exit');
  return c.exited;
}

const textAt = (range: { start: { line: number; character: number }; end: { line: number; character: number } }, src = lines) =>
  src[range.start.line]!.slice(range.start.character, range.end.character);

describe('a whole session over stdio', () => {
  it('initialize → open → diagnostics → hover → code action → edit → shutdown → exit 0', async () => {
    const c = await start();
    const init = c.received.find((m) => m.id === 1)!.result as { capabilities: Record<string, any>; serverInfo: { name: string } };
    expect(init.serverInfo.name).toBe('activation-lens');
    expect(init.capabilities.hoverProvider).toBe(true);
    expect(init.capabilities.codeActionProvider.codeActionKinds).toEqual(['quickfix', 'source.fixAll.activationLens']);
    expect(init.capabilities.textDocumentSync.change).toBe(2);
    expect(init.capabilities.notebookDocumentSync.notebookSelector[0].cells).toEqual([{ language: 'python' }]);

    // diagnostics: the same codes, links, severities and related places as the CLI and VS Code
    open(c, URI, MODEL);
    const ds = await c.diagnostics(URI);
    expect(ds.map((d) => d.code)).toEqual(['ACT013', 'ACT013', 'ACT006', 'ACT001']);
    expect(ds.map((d) => textAt(d.range))).toEqual(['F.sigmoid', 'F.tanh', 'F.softmax(z)', 'nn.Softmax(dim=1)']);
    expect(ds.map((d) => d.severity)).toEqual([4, 4, 2, 2]);
    for (const d of ds) {
      expect(d.source).toBe('Activation Lens');
      expect(d.codeDescription.href).toBe(`https://github.com/activation-lens/activation-lens/blob/main/docs/rules/${d.code}.md`);
    }
    const act001 = ds[3]!;
    expect(act001.relatedInformation).toHaveLength(1);
    expect(act001.relatedInformation[0].location.uri).toBe(URI);
    expect(textAt(act001.relatedInformation[0].location.range)).toBe('nn.CrossEntropyLoss()');

    // hover: the activation (with the picture, without VS Code's command link) and the rule
    const hover = await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 10 } });
    const h = hover.result as { contents: { kind: string; value: string }; range: any };
    expect(h.contents.kind).toBe('markdown');
    expect(h.contents.value).toContain('**Sigmoid** — PyTorch');
    expect(h.contents.value).toMatch(/!\[Sigmoid and its derivative\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    expect(h.contents.value).toContain('**ACT013**');
    expect(h.contents.value).not.toContain('command:');
    expect(textAt(h.range)).toBe('sigmoid'); // the activation's name
    const nothing = await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 2 } });
    expect(nothing.result).toBeNull();

    // code actions for the first ACT013 diagnostic
    const ca = await c.request('textDocument/codeAction', { textDocument: { uri: URI }, range: ds[0]!.range, context: { diagnostics: [ds[0]] } });
    const actions = ca.result as Array<Record<string, any>>;
    expect(actions.map((a) => a.title)).toEqual([
      'Use torch.sigmoid',
      'Fix all ACT013 problems in this file',
      'Suppress ACT013 on this line (noqa)',
      'Fix all safe Activation Lens problems',
    ]);
    expect(actions.map((a) => a.kind)).toEqual(['quickfix', 'quickfix', 'quickfix', 'source.fixAll.activationLens']);
    expect(actions[0]!.isPreferred).toBe(true);
    expect(actions[0]!.diagnostics).toEqual([ds[0]]);
    const fix = actions[0]!.edit.changes[URI];
    expect(fix).toEqual([{ range: ds[0]!.range, newText: 'torch.sigmoid' }]);
    expect(actions[2]!.edit.changes[URI]).toEqual([
      { range: { start: { line: 5, character: lines[5]!.length }, end: { line: 5, character: lines[5]!.length } }, newText: '  # noqa: ACT013' },
    ]);

    // only what was asked for: source.fixAll (on save) gets the safe fixes only
    const onSave = await c.request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const fixAll = onSave.result as Array<Record<string, any>>;
    expect(fixAll.map((a) => a.kind)).toEqual(['source.fixAll.activationLens']);
    expect(fixAll[0]!.edit.changes[URI].map((e: { newText: string }) => e.newText)).toEqual(['torch.sigmoid', 'torch.tanh']);
    const quickOnly = await c.request('textDocument/codeAction', { textDocument: { uri: URI }, range: ds[2]!.range, context: { diagnostics: [ds[2]], only: ['quickfix'] } });
    expect((quickOnly.result as Array<{ title: string; isPreferred: boolean }>).map((a) => [a.title, a.isPreferred])).toEqual([
      ['Add dim=1 (changes what the model computes)', false],
      ['Suppress ACT006 on this line (noqa)', undefined],
    ]);

    // the client applies the fix as an incremental change: the finding goes, the others stay
    const mark = c.mark();
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: fix[0].range, text: 'torch.sigmoid' }] });
    const after = await c.diagnostics(URI, mark);
    expect(after.map((d) => d.code)).toEqual(['ACT013', 'ACT006', 'ACT001']);
    const edited = lines.slice();
    edited[5] = '    y = torch.sigmoid(x)';
    expect(after.map((d) => textAt(d.range, edited))).toEqual(['F.tanh', 'F.softmax(z)', 'nn.Softmax(dim=1)']);

    // a clean look-alike gets an empty list; closing clears the file
    const mark2 = c.mark();
    open(c, 'file:///work/project/clean.py', CLEAN);
    expect(await c.diagnostics('file:///work/project/clean.py', mark2)).toEqual([]);
    const mark3 = c.mark();
    c.notify('textDocument/didClose', { textDocument: { uri: URI } });
    expect(await c.diagnostics(URI, mark3)).toEqual([]);

    expect(await finish(c)).toBe(0);
  });

  it('exits 1 on exit without shutdown, as the protocol says', async () => {
    const c = await start();
    c.notify('exit');
    expect(await c.exited).toBe(1);
  });

  it('serves JavaScript and TypeScript too, by languageId or by extension', async () => {
    const c = await start();
    const tfjs = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.dense({units: 1, activation: 'softmax', inputShape: [4]}));\n";
    open(c, 'file:///w/m.js', tfjs, 'javascript');
    expect((await c.diagnostics('file:///w/m.js')).map((d) => d.code)).toContain('ACT004');
    open(c, 'file:///w/m.ts', tfjs, 'plaintext-by-some-editor');
    expect((await c.diagnostics('file:///w/m.ts')).map((d) => d.code)).toContain('ACT004');
    expect(await finish(c)).toBe(0);
  });
});

describe('settings under "activationLens"', () => {
  it('initializationOptions: rules off / severities, by the VS Code names', async () => {
    const c = await start({ initializationOptions: { activationLens: { rules: { ACT013: 'off', ACT006: 'error' } } } });
    open(c, URI, MODEL);
    const ds = await c.diagnostics(URI);
    expect(ds.map((d) => [d.code, d.severity])).toEqual([
      ['ACT006', 1],
      ['ACT001', 2],
    ]);
    expect(await finish(c)).toBe(0);
  });

  it('workspace/configuration is asked per document and wins; didChangeConfiguration asks again', async () => {
    let settings: Record<string, unknown> = { saturatingDepth: 2, rules: { ACT001: 'hint' } };
    const asked: unknown[] = [];
    const c = await start({ initializationOptions: { rules: { ACT001: 'off' } } }, {
      'workspace/configuration': (p) => {
        asked.push(p);
        return [settings];
      },
    });
    open(c, URI, MODEL);
    const ds = await c.diagnostics(URI);
    expect(ds.find((d) => d.code === 'ACT001')?.severity).toBe(4);
    expect(asked[0]).toEqual({ items: [{ scopeUri: URI, section: 'activationLens' }] });
    settings = { enable: false };
    const mark = c.mark();
    c.notify('workspace/didChangeConfiguration', { settings: null });
    expect(await c.diagnostics(URI, mark)).toEqual([]);
    const hover = await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 10 } });
    expect(hover.result).toBeNull();
    expect(await finish(c)).toBe(0);
  });

  it('run = onSave waits for didSave', async () => {
    const c = await start({ initializationOptions: { activationLens: { run: 'onSave' } } });
    open(c, URI, CLEAN);
    expect(await c.diagnostics(URI)).toEqual([]);
    const mark = c.mark();
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: MODEL }] });
    // nothing is published for the change; the save publishes the findings
    await new Promise((r) => setTimeout(r, 700));
    expect(c.received.slice(mark).filter((m) => m.method === 'textDocument/publishDiagnostics')).toEqual([]);
    c.notify('textDocument/didSave', { textDocument: { uri: URI } });
    expect((await c.diagnostics(URI, mark)).map((d) => d.code)).toEqual(['ACT013', 'ACT013', 'ACT006', 'ACT001']);
    expect(await finish(c)).toBe(0);
  });
});

describe('notebooks through notebook document sync', () => {
  const NB = 'file:///w/train.ipynb';
  const cell = (i: number) => `vscode-notebook-cell:/w/train.ipynb#C${i}`;
  const cells = [
    { kind: 1, document: cell(0) },
    { kind: 2, document: cell(1) },
    { kind: 2, document: cell(2) },
  ];
  const texts = ['# Training', 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F', 'model = nn.Sequential(nn.Linear(4, 1), nn.Softmax(dim=1))\ny = F.tanh(model(x))'];

  it('analyzes the notebook as one program and answers per cell', async () => {
    const c = await start();
    c.notify('notebookDocument/didOpen', {
      notebookDocument: { uri: NB, notebookType: 'jupyter-notebook', version: 1, cells },
      cellTextDocuments: texts.map((text, i) => ({ uri: cell(i), languageId: i === 0 ? 'markdown' : 'python', version: 1, text })),
    });
    const ds = await c.diagnostics(cell(2));
    expect(ds.map((d) => d.code).sort()).toEqual(['ACT004', 'ACT013']);
    const act013 = ds.find((d) => d.code === 'ACT013')!;
    expect(textAt(act013.range, texts[2]!.split('\n'))).toBe('F.tanh');
    const hover = await c.request('textDocument/hover', { textDocument: { uri: cell(2) }, position: { line: 1, character: 7 } });
    expect((hover.result as { contents: { value: string } }).contents.value).toContain('**Tanh**');
    const ca = await c.request('textDocument/codeAction', { textDocument: { uri: cell(2) }, range: act013.range, context: { diagnostics: [act013] } });
    const fix = (ca.result as Array<Record<string, any>>)[0]!;
    expect(fix.title).toBe('Use torch.tanh');
    expect(Object.keys(fix.edit.changes)).toEqual([cell(2)]);
    // a cell edited through the notebook change: the finding goes
    const mark = c.mark();
    c.notify('notebookDocument/didChange', {
      notebookDocument: { uri: NB, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(2), version: 2 }, changes: [{ range: act013.range, text: 'torch.tanh' }] }] } },
    });
    expect((await c.diagnostics(cell(2), mark)).map((d) => d.code)).toEqual(['ACT004']);
    // a cell removed (structure change): its diagnostics are cleared
    const mark2 = c.mark();
    c.notify('notebookDocument/didChange', {
      notebookDocument: { uri: NB, version: 3 },
      change: { cells: { structure: { array: { start: 2, deleteCount: 1 }, didClose: [{ uri: cell(2) }] } } },
    });
    expect(await c.diagnostics(cell(2), mark2)).toEqual([]);
    const mark3 = c.mark();
    c.notify('notebookDocument/didClose', { notebookDocument: { uri: NB }, cellTextDocuments: [{ uri: cell(0) }, { uri: cell(1) }] });
    expect(await c.diagnostics(cell(1), mark3)).toEqual([]);
    expect(await finish(c)).toBe(0);
  });
});

describe('locale', () => {
  it('speaks Simplified Chinese when the client says zh-cn: messages, hover and action titles', async () => {
    const c = await start({ locale: 'zh-cn' });
    open(c, URI, MODEL);
    const ds = await c.diagnostics(URI);
    expect(ds[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    const hover = await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 10 } });
    expect((hover.result as { contents: { value: string } }).contents.value).toMatch(/[\u4e00-\u9fff]/);
    const ca = await c.request('textDocument/codeAction', { textDocument: { uri: URI }, range: ds[0]!.range, context: { diagnostics: [ds[0]] } });
    const titles = (ca.result as Array<{ title: string }>).map((a) => a.title);
    expect(titles.slice(1).every((t) => /[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(await finish(c)).toBe(0);
  });
});

describe('bad input over the protocol', () => {
  it('answers unknown methods and malformed params with an error or an empty answer, and keeps serving', async () => {
    const c = await start();
    open(c, URI, MODEL);
    await c.diagnostics(URI);
    const unknown = await c.request('activationLens/noSuchThing', { x: 1 });
    expect(unknown.error?.code).toBe(-32601); // MethodNotFound
    c.notify('activationLens/noSuchNotification', { x: 1 });
    c.notify('$/cancelRequest'); // no params at all
    c.notify('$/cancelRequest', { id: 12345 });
    for (const params of [undefined, null, {}, [], { textDocument: {} }, { textDocument: { uri: 42 }, position: 'here' }, { textDocument: { uri: URI }, position: { line: -1, character: 0 } }]) {
      const h = await c.request('textDocument/hover', params);
      expect(h.error === undefined ? h.result : null).toBeNull();
    }
    const farAway = await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 9999, character: 9999 } });
    expect(farAway.result).toBeNull();
    const notOpen = await c.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.py' }, position: { line: 0, character: 0 } });
    expect(notOpen.result).toBeNull();
    for (const params of [undefined, {}, { textDocument: { uri: URI } }, { textDocument: { uri: URI }, context: { diagnostics: 'all', only: 7 } }, { textDocument: { uri: URI }, context: { diagnostics: [{ code: 'ACT013', source: 'Activation Lens' }] } }]) {
      const r = await c.request('textDocument/codeAction', params);
      expect(r.error === undefined ? r.result : []).toBeInstanceOf(Array);
    }
    // malformed notifications: ignored
    c.notify('textDocument/didOpen', { textDocument: { uri: 'file:///w/x.py', languageId: 'python', version: 1 } }); // no text
    c.notify('textDocument/didOpen', null);
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 3 }, contentChanges: [{ range: { start: 1 }, text: 'x' }] });
    c.notify('textDocument/didChange', { textDocument: { uri: 'file:///not/open.py', version: 3 }, contentChanges: [{ text: 'x' }] });
    c.notify('textDocument/didChange', { textDocument: { uri: URI }, contentChanges: 'everything' });
    c.notify('notebookDocument/didChange', { notebookDocument: { uri: 'file:///no.ipynb' }, change: null });
    c.notify('notebookDocument/didOpen', { notebookDocument: { uri: 'file:///bad.ipynb', cells: [{ kind: 2 }] } });
    c.notify('workspace/didChangeWorkspaceFolders', { event: null });
    c.notify('workspace/didChangeConfiguration', 'nonsense');
    // not JSON-RPC at all, then a request with positional params
    c.send('{"jsonrpc": "2.0", "method": ');
    c.send({ jsonrpc: '2.0', id: 'pos', method: 'textDocument/hover', params: [1, 2] });
    // a document closed twice, and changed after closing
    c.notify('textDocument/didClose', { textDocument: { uri: URI } });
    c.notify('textDocument/didClose', { textDocument: { uri: URI } });
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 9 }, contentChanges: [{ text: MODEL }] });
    const closed = await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 10 } });
    expect(closed.result).toBeNull();
    // still serving: a fresh document gets its diagnostics and hover
    const mark = c.mark();
    open(c, 'file:///w/again.py', MODEL);
    expect((await c.diagnostics('file:///w/again.py', mark)).map((d) => d.code)).toEqual(['ACT013', 'ACT013', 'ACT006', 'ACT001']);
    const h = await c.request('textDocument/hover', { textDocument: { uri: 'file:///w/again.py' }, position: { line: 5, character: 10 } });
    expect((h.result as { contents: { value: string } }).contents.value).toContain('Sigmoid');
    expect(c.child.exitCode).toBeNull();
    expect(await finish(c)).toBe(0);
  });

  it('a 50,000-line document gets diagnostics (the time budget may cut them short) and answers, then exits 0', async () => {
    const c = await start();
    const block = ['import torch.nn.functional as F', ...Array.from({ length: 49_998 }, (_, i) => (i % 1000 === 0 ? `y${i} = F.tanh(x)` : `x${i} = ${i}`)), ''];
    const big = block.join('\n');
    expect(big.split('\n').length).toBe(50_000);
    open(c, 'file:///w/big.py', big);
    const ds = await c.diagnostics('file:///w/big.py');
    expect(Array.isArray(ds)).toBe(true);
    for (const d of ds) expect(d.code).toBe('ACT013');
    const h = await c.request('textDocument/hover', { textDocument: { uri: 'file:///w/big.py' }, position: { line: 49_000, character: 1 } });
    expect(h.error).toBeUndefined();
    const ca = await c.request('textDocument/codeAction', { textDocument: { uri: 'file:///w/big.py' }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });
    expect(ca.result).toBeInstanceOf(Array);
    expect(await finish(c)).toBe(0);
  }, 120_000);
});
