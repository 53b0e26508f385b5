// Load as a person feels it, in code-server + Chromium (run by test/e2e/run.mjs): a 5,000-line
// model file, typed into for a few seconds; the new problem gets its squiggle and its hover,
// within a generous bound, and the squiggles settle (one more than before, none lost).
// Screenshot: test/e2e/artifacts/load-typing.png.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { hover, openFile, openWorkbench, sleep, squiggles, token, until } from './workbench.mjs';

const HOVER_BOUND_MS = 15_000;

function bigModel(lines) {
  const head = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';
  const blocks = [];
  for (let i = 0; 4 + blocks.length * 10 < lines; i++) {
    const out = i % 50 === 0 ? 'F.softmax(self.fc(x))' : 'self.act(self.fc(x))';
    blocks.push(`class Block${i}(nn.Module):\n    """Block ${i}."""\n\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(64, 64)\n        self.act = nn.ReLU()\n\n    def forward(self, x):\n        return ${out}\n`);
  }
  return head + blocks.join('');
}

const total = (s) => s.error + s.warning + s.info + s.hint;

export const tests = [
  {
    name: 'typing into a 5,000-line file: the new squiggle and its hover come, the rest stay',
    async run({ page, url, folder, artifacts, log }) {
      writeFileSync(path.join(folder, 'big_model.py'), bigModel(5000));
      await openWorkbench(page, url);
      await openFile(page, 'big_model.py', 'Python');
      // Block0 returns F.softmax(...) without dim: ACT006 is drawn near the top.
      const before = await until('the first squiggle', async () => {
        const s = await squiggles(page);
        return total(s) > 0 ? s : undefined;
      }, 60_000);
      // Type a new function after Block0's forward, keystroke by keystroke.
      await token(page, 'softmax', '.monaco-editor', { line: 'return F.softmax(self.fc(x))' }).click();
      await page.keyboard.press('End');
      const t0 = Date.now();
      await page.keyboard.press('Enter');
      await page.keyboard.type('# typed under load', { delay: 40 });
      await page.keyboard.press('Enter');
      await page.keyboard.type('y = F.softmax(x)', { delay: 40 });
      await page.keyboard.press('Enter');
      await page.keyboard.type('z = torch.relu(y) + 0', { delay: 40 });
      const typingMs = Date.now() - t0;
      const h0 = Date.now();
      const content = await hover(page, token(page, 'softmax', '.monaco-editor', { line: 'y = F.softmax(x)' }), 'ACT006');
      const hoverMs = Date.now() - h0;
      assert.match(await content.textContent(), /ACT006/);
      const after = await until('one more squiggle', async () => {
        const s = await squiggles(page);
        return total(s) === total(before) + 1 ? s : undefined;
      }, 30_000);
      await page.mouse.move(5, 5);
      await page.screenshot({ path: path.join(artifacts, 'load-typing.png') });
      log(`load ui: typed for ${typingMs} ms; hover on the typed softmax after ${hoverMs} ms; squiggles ${total(before)} → ${total(after)}`);
      assert.ok(hoverMs < HOVER_BOUND_MS, `hover took ${hoverMs} ms`);
      await sleep(200);
    },
  },
];
