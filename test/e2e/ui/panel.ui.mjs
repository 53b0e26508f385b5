// The plot panel as a person sees it, in code-server + Chromium (run by test/e2e/run.mjs):
// the chart is drawn, its pixels move when a parameter changes, the values under the pointer are
// right, a theme change re-colors it, the Export button writes a PNG, the depth view shows the
// starved sigmoid gradient, and the panel comes back after a window reload.
// Screenshots: test/e2e/artifacts/panel-dark.png, panel-light.png, panel-depth.png, panel-restored.png.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openFile, runCommand as runPaletteCommand, sleep, until } from './workbench.mjs';

/** Palette commands here may race a re-rendering webview for the focus: allow 30 s. */
const runCommand = (page, title) => runPaletteCommand(page, title, 30_000);

async function openWorkbench(page, url) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await sleep(1500);
}

/** The webview's inner frame that holds the plot (it has #fchart). */
async function plotFrame(page) {
  return until('the plot webview', async () => {
    for (const f of page.frames()) {
      if ((await f.locator('#fchart').count().catch(() => 0)) > 0) return f;
    }
    return undefined;
  }, 45_000);
}

/** Pixels of a canvas unlike its corner (the painted background), and a hash of all of them. */
function canvasStats(frame, id) {
  return frame.evaluate((canvasId) => {
    const c = document.getElementById(canvasId);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const bg = [d[0], d[1], d[2]];
    let other = 0;
    let hash = 2166136261;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 30) other++;
      hash = Math.imul(hash ^ (d[i] * 65536 + d[i + 1] * 256 + d[i + 2]), 16777619) >>> 0;
    }
    return { width: c.width, height: c.height, other, hash, bg };
  }, id);
}

async function shootPanel(page, file) {
  await page.locator('iframe.webview').first().screenshot({ path: file });
}

async function setTheme(page, name) {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
}

export const tests = [
  {
    name: 'draws f and f′, follows params, cursor, theme, export and the depth view',
    async run({ page, url, folder, artifacts, log }) {
      // The panel's strict CSP must not block anything it needs (any CSP report in the window counts).
      const refused = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
      });
      await openWorkbench(page, url);
      await openFile(page, 'torch_model.py', 'Python');
      await runCommand(page, 'Activation Lens: Plot Activations in This File');
      const frame = await plotFrame(page);
      await frame.locator('.card[data-id="leaky_relu"]').waitFor();
      await sleep(500);

      // 1. Drawn: plenty of non-background pixels.
      const first = await canvasStats(frame, 'fchart');
      log(`canvas ${first.width}×${first.height}, ${first.other} drawn pixels, background ${first.bg}`);
      assert.ok(first.other > 2000, `chart drawn (${first.other} pixels)`);
      const startedLight = await frame.evaluate(() => document.body.classList.contains('vscode-light'));
      const isLight = (bg) => bg.every((v) => v > 200);
      const isDark = (bg) => bg.every((v) => v < 80);
      assert.ok(startedLight ? isLight(first.bg) : isDark(first.bg), `background ${first.bg} follows the theme`);
      await shootPanel(page, path.join(artifacts, startedLight ? 'panel-light.png' : 'panel-dark.png'));

      // 2. A parameter change moves the curve's pixels.
      const index = await frame.locator('.card[data-id="leaky_relu"]').getAttribute('data-index');
      const slope = frame.locator(`#param-${index}-slope`);
      await slope.fill('0.5');
      await slope.dispatchEvent('change');
      await sleep(500);
      const moved = await canvasStats(frame, 'fchart');
      assert.notEqual(moved.hash, first.hash, 'pixels changed after slope 0.01 → 0.5');

      // 3. Values under the pointer: leaky ReLU with slope 0.5 at a negative x is 0.5·x, f′ = 0.5.
      const box = await frame.locator('#fchart').boundingBox();
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
      const head = await until('the readout', async () => {
        const t = await frame.locator('#readout thead th').first().textContent();
        return t && t.startsWith('x =') ? t : undefined;
      });
      const x = Number(head.slice(4).replace('−', '-'));
      assert.ok(x < 0, `pointer at negative x (${x})`);
      const row = frame.locator('#readout tbody tr', { hasText: 'Leaky ReLU' });
      const f = Number(await row.locator('td[data-kind="f"]').textContent());
      const df = Number(await row.locator('td[data-kind="df"]').textContent());
      assert.ok(Math.abs(f - 0.5 * x) < 1e-4 * Math.max(1, Math.abs(x)), `f(${x}) = ${f}, expected ${0.5 * x}`);
      assert.equal(df, 0.5);
      log(`readout at x=${x}: f=${f}, f′=${df}`);

      // 4. Export button → save dialog (code-server's simple dialog; accept its default path).
      const target = path.join(folder, 'activation-plot.png');
      await frame.locator('#export').click();
      const dialog = page.locator('.quick-input-widget input.input');
      await dialog.waitFor({ state: 'visible' });
      await until('the save dialog to suggest activation-plot.png', async () => (await dialog.inputValue()).endsWith('activation-plot.png'));
      await page.keyboard.press('Enter');
      await until('the exported PNG', async () => existsSync(target) && readFileSync(target).length > 2000);
      const png = readFileSync(target);
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);

      // 5. Theme change re-colors the chart (background from --vscode-editor-background), then back.
      const other = startedLight ? 'Dark Modern' : 'Light Modern';
      try {
        await setTheme(page, other);
        await until(`${other} in the webview`, () => frame.evaluate((light) => document.body.classList.contains(light ? 'vscode-dark' : 'vscode-light'), startedLight));
        await sleep(500);
        const swapped = await canvasStats(frame, 'fchart');
        assert.ok(startedLight ? isDark(swapped.bg) : isLight(swapped.bg), `background ${swapped.bg} after the switch`);
        assert.notEqual(swapped.hash, moved.hash);
        assert.ok(swapped.other > 2000);
        await page.mouse.move(5, 5);
        await shootPanel(page, path.join(artifacts, startedLight ? 'panel-dark.png' : 'panel-light.png'));
      } finally {
        await setTheme(page, startedLight ? 'Light Modern' : 'Dark Modern');
      }

      // 6. The depth view: sigmoid's first layer gets orders of magnitude less gradient than leaky ReLU's.
      await runCommand(page, 'Activation Lens: Show Gradient Through Depth');
      await until('the depth view', () => frame.locator('#depth-view').isVisible());
      await frame.locator('#depth-table tr[data-id="sigmoid"]').waitFor();
      const firstLayer = async (id) => Number((await frame.locator(`#depth-table tr[data-id="${id}"] td[data-kind="first"]`).textContent()).replace('−', '-'));
      const sig = await firstLayer('sigmoid');
      const leaky = await firstLayer('leaky_relu');
      log(`layer-1 gradient: sigmoid ${sig}, leaky relu ${leaky}`);
      assert.ok(sig / leaky < 1e-3, `sigmoid ${sig} vs leaky ReLU ${leaky}`);
      const grad = await canvasStats(frame, 'grad-chart');
      assert.ok(grad.other > 1000);
      await shootPanel(page, path.join(artifacts, 'panel-depth.png'));
      assert.deepEqual(refused, [], 'no CSP violations in the panel');
      // And the policy is really there: an inline script is refused.
      const ran = await frame.evaluate(async () => {
        const el = document.createElement('script');
        el.textContent = 'window.__inlineRan = true;';
        document.body.append(el);
        await new Promise((r) => setTimeout(r, 100));
        return window.__inlineRan === true;
      });
      assert.equal(ran, false, 'inline script blocked by the CSP');
      await until('the CSP report in the console', async () => refused.length > 0, 5000);
    },
  },
  {
    name: 'comes back after a window reload with its functions',
    async run({ page, url, artifacts }) {
      await openWorkbench(page, url);
      await runCommand(page, 'Activation Lens: Show Gradient Through Depth');
      let frame = await plotFrame(page);
      await until('the depth view', () => frame.locator('#depth-view').isVisible());
      await frame.locator('.card').first().waitFor();
      const before = await frame.locator('.card').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-id')));
      await sleep(1000); // let the state reach setState
      // Reload the way a user does (a graceful shutdown that flushes the workbench's storage).
      await Promise.all([page.waitForEvent('framenavigated', { timeout: 60_000 }), runCommand(page, 'Developer: Reload Window')]);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      frame = await plotFrame(page);
      await until('restored cards', async () => (await frame.locator('.card').count()) === before.length);
      const after = await frame.locator('.card').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-id')));
      assert.deepEqual(after, before);
      assert.ok(await frame.locator('#depth-view').isVisible(), 'the depth view is restored too');
      await shootPanel(page, path.join(artifacts, 'panel-restored.png'));
    },
  },
];
