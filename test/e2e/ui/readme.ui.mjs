// The three pictures in README.md, taken from a real run so they stay true: a hover on an
// activation, the Problems panel, and the plot panel next to the code. Each is asserted first
// (the hover has its text and a loaded picture, Problems lists the file's three rule ids, the chart
// has drawn pixels), then saved as test/e2e/artifacts/readme-{hover,problems,plot}.png.
// test/e2e/update-screenshots.mjs copies them to media/screenshots/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openFile, runCommand as runPaletteCommand, sleep, until } from './workbench.mjs';

const runCommand = (page, title) => runPaletteCommand(page, title, 30_000);

/** The union of boxes, padded and kept inside the viewport: a readable crop of a full-page shot. */
function around(boxes, page, pad = 24) {
  const vp = page.viewportSize();
  const x0 = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y0 = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const x1 = Math.min(vp.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const y1 = Math.min(vp.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The screen point at the middle of `word` on the editor line containing `lineText`. */
function wordPoint(page, lineText, word) {
  return page.evaluate(({ lineText, word }) => {
    for (const el of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      if (!el.textContent.replace(/\u00a0/g, ' ').includes(lineText)) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent.indexOf(word);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + word.length);
        const b = r.getBoundingClientRect();
        return { x: b.left, y: b.top, width: b.width, height: b.height };
      }
    }
    return undefined;
  }, { lineText, word });
}

/** Hovers the word until VS Code shows a hover whose text matches and whose picture has loaded. */
async function hoverWord(page, lineText, word, expectText, log) {
  let last = '';
  try {
    return await until(`a hover on ${word}`, async () => {
      const box = await wordPoint(page, lineText, word);
      if (!box) return undefined;
      await page.mouse.move(5, 5);
      await sleep(150);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      const hover = page.locator('.monaco-hover-content', { hasText: word }).first();
      await hover.waitFor({ state: 'visible', timeout: 2500 });
      last = await hover.innerText();
      if (!expectText.test(last)) return undefined;
      const loaded = await until('the hover picture', async () => {
        const widths = await hover.locator('img').evaluateAll((imgs) => imgs.map((i) => i.naturalWidth));
        return widths.some((w) => w > 0);
      }, 5000);
      return loaded && { hover, token: box, text: last };
    }, 60_000);
  } catch (err) {
    log(`last hover text: ${last.slice(0, 300)}`);
    throw err;
  }
}

export const tests = [
  {
    name: 'hover, Problems panel and plot panel as shown in the README',
    async run({ page, url, artifacts, log }) {
      await page.goto(url);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await sleep(1500);
      await openFile(page, 'torch_model.py', 'Python');
      await until('three squiggles', async () => (await page.locator('.view-overlays [class*="squiggly-"]').count()) >= 3, 45_000);

      // 1. The Problems panel lists the file's warnings and errors with their rule ids (ACT013 is a
      //    hint: VS Code shows hints faintly in the editor and leaves them out of Problems).
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      const listed = await until('ACT001 and ACT006 in Problems', async () => {
        const text = (await rows.allInnerTexts()).join('\n');
        return ['ACT001', 'ACT006'].every((id) => text.includes(id)) ? text : undefined;
      });
      log(`problems: ${listed.replace(/\s+/g, ' ').slice(0, 200)}`);
      await sleep(500);
      await page.screenshot({ path: path.join(artifacts, 'readme-problems.png') });
      await page.keyboard.press('Control+Shift+M'); // hide the panel again

      // 2. Hover on nn.LeakyReLU(): the PyTorch definition, its default slope and a plot. A tall
      //    window while hovering: VS Code caps a hover's height by the editor's, and the whole
      //    hover should be in the picture. Back to 1400×900 afterwards.
      await page.setViewportSize({ width: 1400, height: 2400 });
      await sleep(500);
      const h = await hoverWord(page, 'self.act = nn.LeakyReLU(', 'LeakyReLU', /0\.01/, log);
      log(`hover text: ${h.text.split('\n').slice(0, 3).join(' | ')}`);
      await sleep(300);
      const hoverBox = await page.locator('.monaco-hover:visible').first().boundingBox();
      const lineStart = await wordPoint(page, 'self.act = nn.LeakyReLU(', 'self');
      const leftEdge = await wordPoint(page, 'model = Classifier()', 'model'); // column 0: whole lines of code
      const picture = await h.hover.locator('img').first().boundingBox();
      log(`hover ${JSON.stringify(hoverBox)}, picture ${JSON.stringify(picture)}`);
      await page.screenshot({ path: path.join(artifacts, 'readme-hover.png'), clip: around([hoverBox, h.token, lineStart, { ...leftEdge, y: lineStart.y }], page) });
      assert.ok(picture && picture.y + picture.height <= hoverBox.y + hoverBox.height, 'the hover picture is in the shot');
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await page.setViewportSize({ width: 1400, height: 900 });
      await sleep(500);

      // 3. The plot panel beside the code, drawn.
      await runCommand(page, 'Activation Lens: Plot Activations in This File');
      const frame = await until('the plot webview', async () => {
        for (const f of page.frames()) if ((await f.locator('#fchart').count().catch(() => 0)) > 0) return f;
        return undefined;
      }, 45_000);
      await frame.locator('.card[data-id="leaky_relu"]').waitFor();
      const drawn = await until('a drawn chart', async () => {
        const n = await frame.evaluate(() => {
          const c = document.getElementById('fchart');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let other = 0;
          for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 30) other++;
          return other;
        });
        return n > 2000 ? n : undefined;
      });
      assert.ok(drawn > 2000);
      await sleep(800);
      await page.screenshot({ path: path.join(artifacts, 'readme-plot.png') });
    },
  },
];
