/**
 * The plot panel in the real host: each command opens (or reuses) the one panel with the expected
 * functions and parameters, as confirmed by the webview itself (its `state` messages); export
 * writes a PNG drawn by the webview's canvas; the benchmark reports timings.
 * Restore after a window reload is covered by test/e2e/ui/panel.ui.mjs (a reload ends this host).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, waitFor, workspaceUri } from './util';

interface PanelInfo {
  state: { view: string; functions: Array<{ id: string; framework?: string; params: Record<string, unknown> }> };
  reported: number;
  visible: boolean;
}

const info = () => vscode.commands.executeCommand<PanelInfo | undefined>('activationLens.plot.state');

function plotTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('activationLens.plot'));
}

/** Waits until the webview has reported a state satisfying `ok` (after `since` reports). */
async function webviewShows(what: string, ok: (s: PanelInfo['state']) => boolean, since = 0): Promise<PanelInfo> {
  return waitFor(what, async () => {
    const i = await info();
    return i && i.reported > since && ok(i.state) ? i : undefined;
  }, 30_000);
}

describe('plot panel', function () {
  this.timeout(90_000);
  after(async () => {
    await closeAll();
  });

  it('activationLens.plot opens the panel with the functions and params given', async () => {
    await vscode.commands.executeCommand('activationLens.plot', {
      functions: [
        { id: 'leaky_relu', framework: 'torch', params: { slope: 0.2 } },
        { id: 'hard_sigmoid', framework: 'keras', params: { variant: 'keras2' } },
        { id: 'bogus id!', params: {} },
      ],
    });
    const i = await webviewShows('the webview to show leaky_relu and hard_sigmoid', (s) => s.functions.length === 2);
    assert.equal(i.state.view, 'functions');
    assert.deepEqual(i.state.functions.map((f) => f.id), ['leaky_relu', 'hard_sigmoid']);
    assert.equal(i.state.functions[0]!.params.slope, 0.2);
    assert.equal(i.state.functions[0]!.framework, 'torch');
    assert.equal(i.state.functions[1]!.params.variant, 'keras2');
    assert.equal(plotTabs().length, 1);
  });

  it('reuses the one panel for the next command', async () => {
    const before = (await info())!.reported;
    await vscode.commands.executeCommand('activationLens.plot', { functions: [{ id: 'tanh' }, { id: 'gelu', framework: 'torch', params: { approximate: 'tanh' } }] });
    const i = await webviewShows('tanh and gelu', (s) => s.functions.map((f) => f.id).join() === 'tanh,gelu', before);
    assert.equal(i.state.functions[1]!.params.approximate, 'tanh');
    assert.equal(plotTabs().length, 1, 'still one plot panel');
  });

  it('activationLens.plotFile plots the activations of the active file with their params as written', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('torch_model.py'));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const before = (await info())!.reported;
    await vscode.commands.executeCommand('activationLens.plotFile');
    const i = await webviewShows('the file\'s activations', (s) => s.functions.some((f) => f.id === 'leaky_relu'), before);
    const leaky = i.state.functions.find((f) => f.id === 'leaky_relu')!;
    assert.equal(leaky.framework, 'torch');
    assert.equal(leaky.params.slope, 0.01, 'nn.LeakyReLU() uses the torch default 0.01');
    assert.ok(i.state.functions.some((f) => f.id === 'softmax'), JSON.stringify(i.state.functions));
    assert.equal(plotTabs().length, 1);
  });

  it('activationLens.plotDepth switches the panel to the depth view', async () => {
    const before = (await info())!.reported;
    await vscode.commands.executeCommand('activationLens.plotDepth', { functions: [{ id: 'sigmoid' }, { id: 'relu' }] });
    const i = await webviewShows('the depth view', (s) => s.view === 'depth' && s.functions.length === 2, before);
    assert.deepEqual(i.state.functions.map((f) => f.id), ['sigmoid', 'relu']);
  });

  it('activationLens.exportPlot writes the chart as a PNG file', async () => {
    await vscode.commands.executeCommand('activationLens.plot', { functions: [{ id: 'sigmoid' }, { id: 'relu' }] });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'al-png-')), 'plot.png');
    const written = await vscode.commands.executeCommand<string | undefined>('activationLens.exportPlot', { path: file });
    assert.ok(written, 'export returned the file');
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(statSync(file).size > 2000, `a real chart, not an empty image (${statSync(file).size} bytes)`);
    // PNG IHDR: width and height of the drawn canvas.
    assert.ok(bytes.readUInt32BE(16) > 100 && bytes.readUInt32BE(20) > 100);
  });

  it('reports first paint and the 8 × 1000 re-render time', async () => {
    const marks = await vscode.commands.executeCommand<Record<string, number>>('activationLens.plot.benchmark', { functions: 8, points: 1000 });
    assert.ok(marks, 'benchmark answered');
    assert.equal(marks.functions, 8);
    assert.equal(marks.points, 1000);
    assert.ok(marks.rerenderMs! > 0 && marks.rerenderMs! < 5000, `rerender ${marks.rerenderMs} ms`);
    assert.ok(marks.firstPaintMs! > 0, `first paint ${marks.firstPaintMs} ms`);
    // Kept next to the results file for the benchmark and the report.
    const results = process.env.AL_E2E_RESULTS;
    if (results) writeFileSync(path.join(path.dirname(results), 'panel-perf.json'), JSON.stringify(marks, null, 2));
  });
});
