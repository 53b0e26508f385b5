// Helpers for UI tests: drive the code-server workbench in Chromium the way a person does.
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function until(what, probe, timeoutMs = 30_000) {
  const t0 = Date.now();
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

export async function openWorkbench(page, url) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
  await sleep(1000);
}

/** Quick Open (Ctrl+P), then wait until the status bar shows the language (files open as Plain Text first). */
export async function openFile(page, name, language) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  if (language) await until(`${name} as ${language}`, async () => (await page.locator('.statusbar-item', { hasText: language }).count()) > 0);
}

/**
 * Runs a palette command. Retried until `timeoutMs`: the extension's contributions may still be
 * loading, and the palette can close again when a re-rendering webview takes the focus.
 */
export async function runCommand(page, title, timeoutMs = 15_000) {
  const t0 = Date.now();
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`>${title}`, { timeout: 3000 });
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await row.click();
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() - t0 > timeoutMs) throw err;
    }
  }
}

/**
 * Where `word` is drawn in the visible editor text (the nth occurrence, searching inside `scope`,
 * a CSS selector): the center of the word itself, found with a DOM Range, so it does not matter
 * how the tokenizer split the line into spans. `after` names text that must come before it on
 * the same line (to pick a line).
 */
export function token(page, word, scope = '.monaco-editor', { line, nth = 0 } = {}) {
  return {
    async point() {
      return page.evaluate(({ word, scope, line, nth }) => {
        let seen = 0;
        for (const root of document.querySelectorAll(scope)) {
          for (const el of root.querySelectorAll('.view-lines .view-line')) {
            const text = el.textContent.replace(/\u00a0/g, ' ');
            if (line && !text.includes(line)) continue;
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const i = n.textContent.indexOf(word);
              if (i < 0) continue;
              if (seen++ < nth) continue;
              const r = document.createRange();
              r.setStart(n, i);
              r.setEnd(n, i + word.length);
              const b = r.getBoundingClientRect();
              return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
            }
          }
        }
        return undefined;
      }, { word, scope, line, nth });
    },
    async hover() {
      const p = await until(`"${word}" on screen`, () => this.point(), 15_000);
      await page.mouse.move(p.x, p.y, { steps: 3 });
    },
    async click() {
      const p = await until(`"${word}" on screen`, () => this.point(), 15_000);
      await page.mouse.click(p.x, p.y);
    },
  };
}

/**
 * Hovers a token until a hover containing `expect` shows (a hover tried before the language
 * features are ready never comes back, so move away and retry). Returns the hover element.
 */
export async function hover(page, target, expect, tries = 12) {
  const content = page.locator('.monaco-hover-content', { hasText: expect }).first();
  for (let i = 0; i < tries; i++) {
    await page.mouse.move(5, 5);
    await sleep(150);
    await target.hover();
    try {
      await content.waitFor({ state: 'visible', timeout: 2500 });
      return content;
    } catch {
      /* retry */
    }
  }
  throw new Error(`no hover with "${expect}"`);
}

export async function squiggles(page, root = page.locator('.monaco-editor')) {
  const count = async (cls) => root.locator(`.view-overlays .${cls}`).count();
  return {
    error: await count('squiggly-error'),
    warning: await count('squiggly-warning'),
    info: await count('squiggly-info'),
    hint: await count('squiggly-hint'),
  };
}
