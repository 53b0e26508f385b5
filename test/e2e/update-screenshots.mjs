#!/usr/bin/env node
// Copies the README pictures taken by the last real UI run (test/e2e/ui/readme.ui.mjs writes
// test/e2e/artifacts/readme-{hover,problems,plot}.png, test/e2e/ui/models.ui.mjs readme-models.png)
// to media/screenshots/, which README.md and README.zh-cn.md show.
//   npm run test:e2e -- --ui-only && node test/e2e/update-screenshots.mjs
// Refuses when a picture is missing, is not a PNG, or is older than --max-age-min minutes (60 by
// default), so a stale or failed run never replaces the committed pictures.
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = path.join(ROOT, 'test', 'e2e', 'artifacts');
const TARGET = path.join(ROOT, 'media', 'screenshots');
const PICTURES = { 'readme-hover.png': 'hover.png', 'readme-problems.png': 'problems.png', 'readme-plot.png': 'plot.png', 'readme-models.png': 'models.png' };
const argv = process.argv.slice(2);
const maxAgeMin = argv.includes('--max-age-min') ? Number(argv[argv.indexOf('--max-age-min') + 1]) : 60;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const problems = [];
for (const from of Object.keys(PICTURES)) {
  const file = path.join(ARTIFACTS, from);
  let st;
  try {
    st = statSync(file);
  } catch {
    problems.push(`${from}: missing (run the UI tests first)`);
    continue;
  }
  if (!readFileSync(file).subarray(0, 8).equals(PNG)) problems.push(`${from}: not a PNG`);
  const ageMin = (Date.now() - st.mtimeMs) / 60_000;
  if (ageMin > maxAgeMin) problems.push(`${from}: ${ageMin.toFixed(0)} min old (more than ${maxAgeMin})`);
}
if (problems.length > 0) {
  console.error(`not updated:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
mkdirSync(TARGET, { recursive: true });
for (const [from, to] of Object.entries(PICTURES)) {
  const src = path.join(ARTIFACTS, from);
  const dst = path.join(TARGET, to);
  copyFileSync(src, dst);
  const b = readFileSync(dst);
  console.log(`${path.relative(ROOT, dst)}  ${b.readUInt32BE(16)}×${b.readUInt32BE(20)}  ${(b.length / 1024).toFixed(0)} KB`);
}
