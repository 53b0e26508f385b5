// node bench/views.mjs [--samples N] [--seed S] [--json FILE] FOLDER_OR_FILE…
//
// What the Models view and the inlay hints (issue 15) show on real code: per file analyze(), then
// buildOutline (src/core/outline.ts) and inlayData(…, 'all') (src/core/inlay.ts), worded as the
// editor words them (src/shared/outlineText.ts). Prints totals (models, steps, steps with units,
// outputs by what they carry, losses met and whether they agree, depth plans, hints by kind and the
// most frequent hint labels) and N sampled models and hints with file:line and the source line, to
// be read by hand (docs/real-code/i15-views.md). .py, .ipynb, .js, .ts; plain Node, no network.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleEntry } from './lib/build.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BUNDLE = path.join(ROOT, 'dist', 'bench', 'views-core.cjs');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const samples = Number(opt('--samples', '12'));
let seed = Number(opt('--seed', '1')) >>> 0 || 1;
const jsonOut = opt('--json', undefined);
const inputs = argv.filter((a, i) => !a.startsWith('--') && !['--samples', '--seed', '--json'].includes(argv[i - 1]));
if (inputs.length === 0) {
  console.error('usage: node bench/views.mjs [--samples N] [--seed S] [--json FILE] FOLDER_OR_FILE…');
  process.exit(2);
}

await bundleEntry(`
export { analyze, irOf } from './src/core/analyze';
export { buildOutline } from './src/core/outline';
export { inlayData } from './src/core/inlay';
export { hintText, layerText, lossText, modelText, outputText } from './src/shared/outlineText';
`, BUNDLE, { name: 'views-entry.ts' });
const core = require(BUNDLE);
const t = (m, ...a) => m.replace(/\{(\d+)\}/g, (x, i) => (Number(i) < a.length ? String(a[Number(i)]) : x));

const EXT = { '.py': 'python', '.ipynb': 'ipynb', '.js': 'javascript', '.mjs': 'javascript', '.ts': 'typescript' };
function* walk(p) {
  const st = statSync(p);
  if (st.isFile()) {
    if (EXT[path.extname(p)]) yield p;
    return;
  }
  for (const name of readdirSync(p).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    yield* walk(path.join(p, name));
  }
}
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
function pick(list, n) {
  const a = list.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}
/** The source line of a range (notebooks: inside its cell). */
function lineOf(text, language, r) {
  if (language !== 'ipynb') return text.split('\n')[r.start.line] ?? '';
  try {
    const cell = JSON.parse(text).cells[r.cell];
    const src = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    return src.split('\n')[r.start.line] ?? '';
  } catch {
    return '';
  }
}

const totals = { files: 0, withModels: 0, models: 0, steps: 0, affine: 0, affineWithUnits: 0, activationSteps: 0, outputs: 0, carries: {}, losses: 0, disagree: 0, planLayers: 0, planUnknownUnits: 0, skipped: 0, hints: {}, findingsOnNodes: 0, findings: 0 };
const hintLabels = new Map();
const modelSamples = [];
const hintSamples = [];
for (const input of inputs) {
  for (const file of walk(input)) {
    const language = EXT[path.extname(file)];
    const text = readFileSync(file, 'utf8');
    if (text.length > 2_000_000) continue;
    const result = await core.analyze(text, { language });
    const ir = core.irOf(result);
    totals.files++;
    if (!ir) continue;
    const models = core.buildOutline(ir, result.findings);
    const rel = path.relative(process.cwd(), file);
    if (models.length) totals.withModels++;
    totals.findings += result.findings.length;
    for (const m of models) {
      totals.models++;
      totals.findingsOnNodes += m.problems;
      totals.steps += m.layers.length;
      for (const l of m.layers) {
        if (l.kind === 'affine') {
          totals.affine++;
          if (l.units !== undefined) totals.affineWithUnits++;
        }
        if (l.kind === 'activation') totals.activationSteps++;
      }
      for (const o of m.outputs) {
        totals.outputs++;
        totals.carries[o.carries.kind] = (totals.carries[o.carries.kind] ?? 0) + 1;
        for (const k of o.losses) {
          totals.losses++;
          if (k.agrees === false) totals.disagree++;
        }
      }
      totals.planLayers += m.plan.layers.length;
      totals.planUnknownUnits += m.plan.layers.filter((l) => l.units === undefined).length;
      totals.skipped += m.plan.skipped.length;
      const lines = [`${rel}:${(m.nameRange.cell !== undefined ? `cell ${m.nameRange.cell} ` : '')}${m.nameRange.start.line + 1}  ${core.modelText(m, t).label} — ${core.modelText(m, t).description}`];
      for (const l of m.layers) lines.push(`    ${core.layerText(l, t).label}  ${core.layerText(l, t).description ?? ''}${l.findings.length ? `  [${l.findings.map((f) => f.rule).join(',')}]` : ''}`);
      for (const o of m.outputs) {
        lines.push(`    → ${core.outputText(o, t).label}: ${core.outputText(o, t).description}`);
        for (const k of o.losses) lines.push(`        ${k.name}: ${core.lossText(k, t).description}`);
      }
      lines.push(`    plan: ${m.plan.layers.map((l) => `${l.label}(${l.units ?? '?'})`).join(' → ')}${m.plan.skipped.length ? `; skipped ${m.plan.skipped.join(', ')}` : ''}`);
      modelSamples.push(lines.join('\n'));
    }
    for (const d of core.inlayData(ir, 'all')) {
      totals.hints[d.kind] = (totals.hints[d.kind] ?? 0) + 1;
      const { label } = core.hintText(d, t);
      const key = `${d.kind}: ${label}`;
      hintLabels.set(key, (hintLabels.get(key) ?? 0) + 1);
      const src = lineOf(text, language, { start: d.at, cell: d.at.cell });
      hintSamples.push(`${rel}:${d.at.cell !== undefined ? `cell ${d.at.cell} ` : ''}${d.at.line + 1}  ${src.slice(0, d.at.column).trimStart()}⟨${label}⟩${src.slice(d.at.column)}`);
    }
  }
}
console.log(JSON.stringify(totals, null, 1));
console.log('\nmost frequent hints:');
for (const [k, n] of [...hintLabels].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${String(n).padStart(5)}  ${k}`);
console.log(`\n${Math.min(samples, modelSamples.length)} sampled models of ${modelSamples.length}:`);
for (const s of pick(modelSamples, samples)) console.log(s);
console.log(`\n${Math.min(samples * 2, hintSamples.length)} sampled hints of ${hintSamples.length}:`);
for (const s of pick(hintSamples, samples * 2)) console.log(`  ${s}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ totals, hints: Object.fromEntries(hintLabels) }, null, 2));
