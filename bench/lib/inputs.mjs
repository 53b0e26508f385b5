// The benchmark's inputs: generated files, the repo's examples, and folders from the command line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { generatedInputs } from '../generate.mjs';

const LANG = { py: 'python', ipynb: 'ipynb', js: 'javascript', mjs: 'javascript', cjs: 'javascript', ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx' };

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else {
      const language = LANG[path.extname(e.name).slice(1).toLowerCase()];
      if (language) out.push({ path: p, language, text: readFileSync(p, 'utf8') });
    }
  }
  return out;
}

/** A folder (or one file) as one input: every file analyzed in turn, times summed. */
export function folderInput(p, name = p) {
  const files = statSync(p).isDirectory() ? walk(p) : walk(path.dirname(p)).filter((f) => path.resolve(f.path) === path.resolve(p));
  return { name, files, generated: false };
}

export function allInputs(root, extra = [], sizes) {
  const gen = generatedInputs(sizes).map((g) => ({ name: g.name, files: [{ language: g.language, text: g.text }], generated: true, lines: g.lines, kind: g.name.split('_')[0] }));
  const inputs = [folderInput(path.join(root, 'examples'), 'examples/'), ...gen];
  for (const p of extra) inputs.push(folderInput(p));
  return inputs.filter((i) => i.files.length > 0);
}
