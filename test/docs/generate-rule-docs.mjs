// Writes docs/rules/*.md from the rule modules: `npm run docs`.
// The TypeScript renderer is bundled with esbuild in memory, then imported.
import { build } from 'esbuild';
import { mkdir, writeFile, readdir, unlink } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
const result = await build({
  entryPoints: [join(root, 'test/docs/render-rule-docs.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'error',
});
const code = result.outputFiles[0].text;
const mod = await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
const pages = mod.renderAll();
const dir = join(root, 'docs/rules');
await mkdir(dir, { recursive: true });
for (const name of await readdir(dir)) {
  if (name.endsWith('.md') && !pages.has(name)) await unlink(join(dir, name));
}
for (const [name, text] of pages) await writeFile(join(dir, name), text);
console.log(`wrote ${pages.size} pages to docs/rules`);
