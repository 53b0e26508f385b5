// The Models view, inlay hints and "gradient through this model" as a person sees them, in
// code-server + Chromium (run by test/e2e/run.mjs): the tree in the Explorer for a torch file
// (steps, the warning icon on the Softmax step, the loss and what it receives), a click that
// reveals the source, the inlay hints drawn in the editor (activationLens.inlayHints = all), the
// switch to a notebook, the CodeLens that opens the depth view for the model with its own layers,
// and that view coming back after a window reload.
// Screenshots: test/e2e/artifacts/models-torch.png, models-notebook.png, inlay-hints.png,
// depth-model.png, depth-model-restored.png, and readme-models.png (the README picture).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openFile, runCommand as runPaletteCommand, sleep, until } from './workbench.mjs';

const runCommand = (page, title) => runPaletteCommand(page, title, 30_000);

/** The Models pane in the Explorer, expanded, the other Explorer panes collapsed (room for the tree). */
async function modelsPane(page) {
  const header = page.locator('.pane-header', { hasText: 'Activation Lens: Models' }).first();
  await until('the Models view header', async () => (await header.count()) > 0, 45_000);
  const others = page.locator('.explorer-viewlet .pane-header[aria-expanded="true"]:visible', { hasNotText: 'Activation Lens: Models' });
  for (let i = (await others.count()) - 1; i >= 0; i--) await others.nth(i).click();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await sleep(300);
  return page.locator('.pane', { has: header }).first();
}

/** Tree rows of the pane as text (label + description), once `ok` holds. */
async function rows(pane, what, ok) {
  return until(what, async () => {
    const texts = await pane.locator('.monaco-list-row').evaluateAll((rs) =>
      rs.map((r) => [r.querySelector('.label-name')?.textContent ?? '', r.querySelector('.label-description')?.textContent ?? ''].join(' ').replace(/\s+/g, ' ').trim()),
    );
    return ok(texts) ? texts : undefined;
  }, 45_000);
}

async function depthFrame(page) {
  return until('the depth webview', async () => {
    for (const f of page.frames()) if ((await f.locator('#model-table').count().catch(() => 0)) > 0) return f;
    return undefined;
  }, 45_000);
}

function drawnPixels(frame, id) {
  return frame.evaluate((canvasId) => {
    const c = document.getElementById(canvasId);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let other = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 30) other++;
    return other;
  }, id);
}

export const tests = [
  {
    name: 'models view on a torch file and a notebook, inlay hints',
    async run({ page, url, folder, artifacts, log }) {
      mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'activationLens.inlayHints': 'all' }));
      await page.goto(url);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await sleep(1500);
      await openFile(page, 'torch_model.py', 'Python');
      const pane = await modelsPane(page);
      // A wider side bar, so the tree's descriptions are readable in the pictures.
      const side = await page.locator('.part.sidebar').boundingBox();
      await page.mouse.move(side.x + side.width + 1, side.y + side.height / 2);
      await page.mouse.down();
      await page.mouse.move(side.x + side.width + 200, side.y + side.height / 2, { steps: 5 });
      await page.mouse.up();

      // 1. The tree: model, steps in order, output, loss with what it receives.
      const torch = await rows(pane, 'the torch model in the tree', (t) => t.some((r) => r.startsWith('CrossEntropyLoss')));
      log(`tree: ${torch.join(' | ')}`);
      assert.ok(torch[0].startsWith('Classifier'), torch[0]);
      const labels = torch.map((r) => r.split(' ')[0]);
      assert.deepEqual(labels.filter((l) => ['hidden', 'act', 'head', 'out'].includes(l)), ['hidden', 'act', 'head', 'out']);
      assert.ok(torch.some((r) => r.includes('LeakyReLU(negative_slope=0.01)')));
      assert.ok(torch.some((r) => r.startsWith('CrossEntropyLoss') && r.includes('expects logits') && r.includes('receives Softmax probabilities')));
      const outRow = pane.locator('.monaco-list-row', { hasText: /^\s*out/ }).first();
      assert.equal(await outRow.locator('.codicon-warning').count(), 1, 'the Softmax step shows the warning icon');

      // 2. Inlay hints drawn in the editor: the omitted default and what the loss receives.
      const editorText = () => page.locator('.monaco-editor .view-lines').first().innerText();
      await until('the inlay hints in the editor', async () => {
        const text = (await editorText()).replace(/\u00a0/g, ' ');
        return text.includes('negative_slope=0.01') && text.includes('▸ Softmax probabilities');
      }, 45_000);
      await sleep(500);
      await page.screenshot({ path: path.join(artifacts, 'models-torch.png') });
      await page.screenshot({ path: path.join(artifacts, 'readme-models.png') });
      const hint = page.locator('.monaco-editor .view-line', { hasText: 'negative_slope=0.01' }).first();
      const box = await hint.boundingBox();
      await page.screenshot({ path: path.join(artifacts, 'inlay-hints.png'), clip: { x: Math.max(0, box.x - 20), y: Math.max(0, box.y - 200), width: 900, height: 480 } });

      // 3. A click on a node reveals its source: the cursor lands on the `head` line (Ln 11).
      await pane.locator('.monaco-list-row', { hasText: /^\s*head/ }).first().click();
      await until('the cursor on line 11', async () => (await page.locator('.statusbar-item', { hasText: /Ln 11,/ }).count()) > 0, 15_000);

      // 4. Switch to the notebook: the tree follows.
      await runCommand(page, 'View: Close All Editors');
      await openFile(page, 'notebook.ipynb');
      await until('the notebook cells drawn', async () => (await page.locator('.notebookOverlay .view-line', { hasText: 'nn.GELU' }).count()) > 0, 45_000);
      const nbPane = await modelsPane(page);
      const nb = await rows(nbPane, 'the notebook model in the tree', (t) => t.some((r) => r.startsWith('GELU')) && t.some((r) => r.startsWith('CrossEntropyLoss')));
      log(`notebook tree: ${nb.join(' | ')}`);
      assert.ok(nb.some((r) => r.includes("GELU(approximate='none')")));
      await sleep(800);
      await page.screenshot({ path: path.join(artifacts, 'models-notebook.png') });
    },
  },
  {
    name: 'models view: gradient through this model, kept after a reload',
    async run({ page, url, artifacts, log }) {
      await page.goto(url);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await sleep(1500);
      await openFile(page, 'torch_model.py', 'Python');
      // 1. The CodeLens above the class opens the depth view for this model, layers named by source.
      const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Gradient through this model' }).first();
      await until('the CodeLens', async () => (await lens.count()) > 0, 30_000);
      await lens.click();
      let frame = await depthFrame(page);
      const layerLabels = await until('the model table', async () => {
        const l = await frame.locator('#model-table td[data-kind="label"]').allInnerTexts();
        return l.length === 2 ? l : undefined;
      });
      assert.deepEqual(layerLabels, ['hidden · LeakyReLU', 'head · Softmax']);
      const units = await frame.locator('#model-table td[data-kind="units"]').allInnerTexts();
      assert.deepEqual(units, ['32', '5']);
      assert.ok((await frame.locator('#depth-model').innerText()).includes('Classifier'));
      const px = await until('the gradient chart drawn', async () => {
        const n = await drawnPixels(frame, 'grad-chart');
        return n > 500 ? n : undefined;
      });
      log(`depth chart pixels ${px}`);
      await sleep(500);
      await page.locator('iframe.webview').first().screenshot({ path: path.join(artifacts, 'depth-model.png') });

      // 2. After a window reload the panel comes back with the same model.
      await sleep(1000);
      await Promise.all([page.waitForEvent('framenavigated', { timeout: 60_000 }), runCommand(page, 'Developer: Reload Window')]);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      frame = await depthFrame(page);
      const restored = await until('the restored model table', async () => {
        const l = await frame.locator('#model-table td[data-kind="label"]').allInnerTexts();
        return l.length === 2 ? l : undefined;
      });
      assert.deepEqual(restored, layerLabels);
      await page.locator('iframe.webview').first().screenshot({ path: path.join(artifacts, 'depth-model-restored.png') });

    },
  },
];
