// The editor features as a person sees them in code-server + Chromium (run by test/e2e/run.mjs):
// squiggles, the hover's text and picture (naturalWidth read from the DOM), the quick-fix menu,
// a notebook cell, and the Problems panel with rule links.
// Screenshots in test/e2e/artifacts/: editor-squiggles.png, hover-torch-leakyrelu.png,
// hover-keras-leakyrelu.png, quickfix-menu.png, notebook-hover.png, problems-panel.png,
// restored-after-reload.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import { hover, openFile, openWorkbench, runCommand, sleep, squiggles, token, until } from './workbench.mjs';

/** The picture in the hover, checked as loaded: naturalWidth > 0 (a broken image has 0). */
async function hoverPicture(content) {
  const img = content.locator('img').first();
  await img.waitFor({ state: 'attached', timeout: 5000 });
  await img.scrollIntoViewIfNeeded().catch(() => {});
  return until('the hover picture to load', async () => {
    const r = await img.evaluate((el) => ({ w: el.naturalWidth, h: el.naturalHeight, src: el.getAttribute('src') ?? '' }));
    return r.w > 0 ? r : undefined;
  }, 10_000);
}

export const tests = [
  {
    name: 'PyTorch file: squiggles and the LeakyReLU hover with its picture and plot link',
    async run({ page, url, artifacts }) {
      await openWorkbench(page, url);
      await openFile(page, 'torch_model.py', 'Python');
      const counts = await until('warning squiggles', async () => {
        const c = await squiggles(page);
        return c.warning >= 2 ? c : undefined;
      });
      assert.ok(counts.hint >= 1, `the ACT013 hint is drawn: ${JSON.stringify(counts)}`);
      await page.screenshot({ path: path.join(artifacts, 'editor-squiggles.png') });
      const content = await hover(page, token(page, 'LeakyReLU'), 'Leaky');
      const text = await content.innerText();
      assert.match(text, /PyTorch/);
      assert.match(text, /0\.01/);
      const pic = await hoverPicture(content);
      assert.equal(pic.w, 240);
      assert.match(pic.src, /^data:image\/svg\+xml;base64,/);
      assert.equal(await page.locator('.monaco-hover a[data-href^="command:activationLens.plot"]').count(), 1);
      await page.screenshot({ path: path.join(artifacts, 'hover-torch-leakyrelu.png') });
    },
  },
  {
    name: 'Keras file: the LeakyReLU hover shows the Keras default 0.3',
    async run({ page, url, artifacts }) {
      await openWorkbench(page, url);
      await openFile(page, 'keras_model.py', 'Python');
      await until('squiggles', async () => (await squiggles(page)).error >= 1);
      const content = await hover(page, token(page, 'LeakyReLU'), 'Leaky');
      const text = await content.innerText();
      assert.match(text, /Keras/);
      assert.match(text, /0\.3\b/);
      await hoverPicture(content);
      await page.screenshot({ path: path.join(artifacts, 'hover-keras-leakyrelu.png') });
    },
  },
  {
    name: 'quick-fix menu on softmax without dim',
    async run({ page, url, artifacts }) {
      await openWorkbench(page, url);
      await openFile(page, 'torch_model.py', 'Python');
      await until('warning squiggles', async () => (await squiggles(page)).warning >= 2);
      await token(page, 'softmax', '.monaco-editor', { line: 'probs = F.softmax(inputs)' }).click();
      await sleep(300);
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      await menu.waitFor({ state: 'visible', timeout: 10_000 });
      const items = await until('quick fixes listed', async () => {
        const t = await menu.locator('.monaco-list-row').allInnerTexts();
        return t.some((x) => /noqa/.test(x)) ? t : undefined;
      });
      assert.ok(items.some((x) => /dim=1/.test(x)), items.join(' | '));
      assert.ok(items.some((x) => /ACT006/.test(x) && /documentation/i.test(x)), items.join(' | '));
      await page.screenshot({ path: path.join(artifacts, 'quickfix-menu.png') });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'notebook: squiggles in cells and a hover in a cell',
    async run({ page, url, artifacts }) {
      await openWorkbench(page, url);
      await openFile(page, 'notebook.ipynb');
      const cells = page.locator('.notebookOverlay .cell-editor-container .monaco-editor');
      await until('cell editors', async () => (await cells.count()) >= 3);
      await until('squiggles in the notebook', async () =>
        (await page.locator('.notebookOverlay .view-overlays .squiggly-warning').count()) >= 2);
      const gelu = token(page, 'GELU', '.notebookOverlay');
      const content = await hover(page, gelu, 'GELU');
      assert.match(await content.innerText(), /approximate/);
      await hoverPicture(content);
      await page.screenshot({ path: path.join(artifacts, 'notebook-hover.png') });
    },
  },
  {
    name: 'Problems panel lists findings with rule links',
    async run({ page, url, artifacts }) {
      await openWorkbench(page, url);
      await openFile(page, 'keras_model.py', 'Python');
      await until('squiggles', async () => (await squiggles(page)).error >= 1);
      await page.keyboard.press('Control+Shift+M');
      const links = page.locator('.markers-panel a.monaco-link');
      const texts = await until('rule links in Problems', async () => {
        const t = await links.allInnerTexts();
        return t.includes('ACT001') && t.includes('ACT004') ? t : undefined;
      });
      assert.ok(texts.length >= 2);
      assert.ok((await page.locator('.markers-panel', { hasText: 'Activation Lens' }).count()) > 0);
      await page.screenshot({ path: path.join(artifacts, 'problems-panel.png') });
    },
  },
  {
    name: 'an editor restored by a window reload gets its squiggles again',
    async run({ page, url, artifacts }) {
      await openWorkbench(page, url);
      await openFile(page, 'torch_model.py', 'Python');
      await until('warning squiggles', async () => (await squiggles(page)).warning >= 2);
      await Promise.all([page.waitForEvent('framenavigated', { timeout: 60_000 }), runCommand(page, 'Developer: Reload Window')]);
      await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
      await until('the restored torch_model.py', async () => (await page.locator('.statusbar-item', { hasText: 'Python' }).count()) > 0);
      const c = await until('squiggles after the reload', async () => {
        const n = await squiggles(page);
        return n.warning >= 2 ? n : undefined;
      });
      assert.ok(c.hint >= 1);
      await page.screenshot({ path: path.join(artifacts, 'restored-after-reload.png') });
    },
  },
];
