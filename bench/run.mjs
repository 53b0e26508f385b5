// npm run bench [-- [--quick] [--sizes 1000,5000,20000] [--only REGEX] [--clock cpu|wall] [--project FOLDER] [FOLDER…]]
// Plain Node, no network. Builds dist/ when missing, then measures in one process, side by side:
// parse vs analyze(), keystroke latency, Ruff (wasm), cold start (fresh processes), sizes, webview.
// Prints one table and writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { CORE_BUNDLE, ROOT, ensureBuilt } from './lib/build.mjs';
import { generate } from './generate.mjs';
import { allInputs } from './lib/inputs.mjs';
import { makeParsers, measureInput, measureKeystrokes } from './lib/measure.mjs';
import { generateLibrary, measureProject, readLibrary } from './lib/project.mjs';
import { sizes, webviewMarks } from './lib/static.mjs';
import { clockName, fmt, fmtRatio, setClock, summary } from './lib/stats.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? new RegExp(argv[onlyAt + 1]) : undefined;
const clockAt = argv.indexOf('--clock');
setClock(clockAt >= 0 ? argv[clockAt + 1] : 'cpu');
const sizesAt = argv.indexOf('--sizes');
const sizeList = sizesAt >= 0 ? argv[sizesAt + 1].split(',').map(Number) : quick ? [1000, 5000] : [1000, 5000, 20000];
const projectAt = argv.indexOf('--project');
const projectFolder = projectAt >= 0 ? path.resolve(argv[projectAt + 1]) : undefined;
const folders = argv.filter((a, i) => !a.startsWith('--') && !['--only', '--clock', '--sizes', '--project'].includes(argv[i - 1]));
const log = (...a) => console.error(...a);

await ensureBuilt({ log });
const core = require(CORE_BUNDLE);
const parserFor = await makeParsers(core);
let ruff;
let ruffVersion;
try {
  const r = require('@astral-sh/ruff-wasm-nodejs');
  ruff = new r.Workspace(r.Workspace.defaultSettings(), r.PositionEncoding.Utf16);
  ruffVersion = r.Workspace.version();
} catch (e) {
  log(`bench: Ruff wasm unavailable (${e.message}); npm ci installs it`);
}

const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg() },
  ruffVersion,
  clock: clockName,
};

// 1 + 3: parse vs analyze vs Ruff, per input.
const inputs = allInputs(ROOT, folders, sizeList).filter((i) => !only || only.test(i.name));
results.inputs = [];
for (const input of inputs) {
  log(`bench: ${input.name}`);
  results.inputs.push(await measureInput(core, parserFor, ruff, input, quick ? { minRounds: 3, maxRounds: 5, budgetMs: 500 } : undefined));
}

// 2: keystroke latency on the generated 5,000 and 20,000-line files.
results.keystrokes = [];
for (const kind of ['torch', 'keras', 'tfjs', 'tfjs-ts']) {
  for (const n of sizeList.filter((x) => x >= 5000)) {
    const name = `${kind}_${n}`;
    if (only && !only.test(name)) continue;
    log(`bench: keystrokes ${name}`);
    const language = kind === 'tfjs' ? 'javascript' : kind === 'tfjs-ts' ? 'typescript' : 'python';
    results.keystrokes.push(await measureKeystrokes(core, { name, language, text: generate(kind, n) }, { keystrokes: quick ? 10 : n > 5000 ? 20 : 40 }));
  }
}
results.memory = { rssMB: process.memoryUsage().rss / 2 ** 20, heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 };

// 4: cold start, each in a fresh process.
const coldFile = path.join(ROOT, 'dist', 'bench', 'cold_torch_1000.py');
mkdirSync(path.dirname(coldFile), { recursive: true });
writeFileSync(coldFile, generate('torch', 1000));
results.coldStart = {};
for (const mode of ['extension', 'core']) {
  log(`bench: cold start (${mode})`);
  const runs = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const bundle = mode === 'extension' ? 'dist/extension.js' : CORE_BUNDLE;
    try {
      const out = execFileSync(process.execPath, [path.join(ROOT, 'bench', 'lib', 'cold.cjs'), mode, bundle, coldFile], { cwd: ROOT, encoding: 'utf8' });
      runs.push(JSON.parse(out.trim().split('\n').pop()));
    } catch (e) {
      runs.push({ error: String(e.stdout || e.message).slice(0, 500) });
    }
  }
  const ok = runs.filter((r) => !r.error);
  const keys = [...new Set(ok.flatMap((r) => Object.keys(r)))].filter((k) => k.endsWith('Ms'));
  results.coldStart[mode] = Object.fromEntries(keys.map((k) => [k, summary(ok.map((r) => r[k]))]));
  if (ok.length < runs.length) results.coldStart[mode].errors = runs.filter((r) => r.error).map((r) => r.error);
}

// 7: a library as one project (generated 300 files, or --project FOLDER).
if (!only || only.test('project')) {
  const files = projectFolder ? readLibrary(projectFolder) : generateLibrary(300);
  log(`bench: project (${projectFolder ?? 'generated library'}, ${files.length} files)`);
  results.project = { source: projectFolder ? path.relative(ROOT, projectFolder) || projectFolder : 'generated (bench/lib/project.mjs)', ...(await measureProject(core, files, { rounds: quick ? 2 : 5, root: '' })) };
}

// 5 + 6.
results.sizes = sizes(ROOT);
results.webview = webviewMarks(ROOT);

writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(report(results));

function report(r) {
  const L = [];
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  L.push(`Activation Lens benchmark — ${r.date} — Node ${r.machine.node}, ${r.machine.cpus} CPUs (${r.machine.cpu}), load ${r.machine.loadavg.map((x) => x.toFixed(1)).join(' ')}`);
  L.push(`Sections 1–3: ${r.clock === 'cpu' ? 'CPU time of this process' : 'wall time'} (--clock ${r.clock === 'cpu' ? 'wall' : 'cpu'} for the other); section 4: wall time.`);
  L.push('All times in ms: median (min–max) over the rounds; ratios: ratio of medians (min–max of per-round ratios).');
  L.push('');
  L.push('1. Parse vs analyze()  [goal: analyze/parse ≤ 1.3 at 5,000 lines]');
  L.push(`${pad('input', 22)}${lpad('lines', 7)}${lpad('find.', 6)}  ${pad('tree-sitter parse', 24)}${pad('analyze()', 26)}${pad('analyze/parse', 20)}`);
  for (const x of r.inputs) {
    L.push(`${pad(x.input, 22)}${lpad(x.lines, 7)}${lpad(x.findings, 6)}  ${pad(fmt(x.parse), 24)}${pad(fmt(x.analyze), 26)}${pad(fmtRatio(x.analyzeOverParse), 20)}`);
  }
  L.push('');
  L.push('2. Keystroke latency: one digit typed/deleted inside a layer call, analyze({ previous, edits })  [goal: median ≤ 10 ms at 5,000 lines]');
  L.push(`${pad('input', 22)}${lpad('lines', 7)}  ${pad('median (min–max)', 26)}${pad('p95', 10)}incremental parses`);
  for (const k of r.keystrokes) L.push(`${pad(k.input, 22)}${lpad(k.lines, 7)}  ${pad(fmt(k.keystroke), 26)}${pad(k.keystroke.p95.toFixed(1), 10)}${k.incremental}/${k.keystrokes}`);
  L.push(`memory after all runs: rss ${r.memory.rssMB.toFixed(0)} MB, JS heap ${r.memory.heapUsedMB.toFixed(0)} MB`);
  L.push('');
  L.push(`3. Against Ruff ${r.ruffVersion ?? '(not installed)'} (wasm, default rules), Python files, same process, same rounds  [goal: ours/Ruff ≤ 1.0]`);
  L.push(`${pad('input', 22)}${pad('ours analyze()', 26)}${pad('Ruff check()', 26)}${pad('ours/Ruff', 20)}Ruff findings`);
  for (const x of r.inputs.filter((x) => x.ruff)) {
    L.push(`${pad(x.input, 22)}${pad(fmt(x.ruff.ours), 26)}${pad(fmt(x.ruff.ruff), 26)}${pad(fmtRatio(x.ruff.oursOverRuff), 20)}${x.ruff.ruffFindings}`);
  }
  L.push('');
  L.push('4. Cold start, fresh process each (file: generated torch, 1,000 lines)');
  const ce = r.coldStart.extension ?? {};
  const cc = r.coldStart.core ?? {};
  L.push(`  dist/extension.js (fake vscode): require ${fmt(ce.requireMs)} · activate() ${fmt(ce.activateMs, 2)} · to first diagnostics ${fmt(ce.firstResultMs)}`);
  L.push(`  core bundle:                     require ${fmt(cc.requireMs)} · to first analyze() result ${fmt(cc.firstResultMs)} (analyze incl. grammar load ${fmt(cc.analyzeMs)})`);
  for (const e of [...(ce.errors ?? []), ...(cc.errors ?? [])]) L.push(`  error: ${e.split('\n')[0]}`);
  L.push('');
  L.push('5. Sizes');
  for (const s of r.sizes) L.push(`  ${pad(s.file, 36)}${s.bytes === null ? s.note : `${lpad((s.bytes / 1024).toFixed(1), 9)} KiB`}`);
  L.push('');
  L.push('6. Webview (plot panel, real VS Code run)');
  const w = r.webview;
  if (!w.measured) L.push(`  ${w.note}`);
  else {
    const s = (xs) => (xs.length ? fmt(summary(xs)) : 'n/a');
    L.push(`  first paint ${s(w.firstPaintMs)} · re-render ${w.functions ?? 8} functions × ${w.points ?? 1000} points ${s(w.rerenderMs)}`);
  }
  if (r.project) {
    const p = r.project;
    L.push('');
    L.push(`7. A library as one project: ${p.source}, ${p.files} files, ${p.lines} lines  [goal: project/per-file ≤ 1.5]`);
    L.push(`  sum of per-file analyze() ${fmt(p.perFile)} · project (analyze + summarize each, link once) ${fmt(p.project)} · link alone ${fmt(p.link, 2)}`);
    L.push(`  project/per-file ${fmtRatio(p.projectOverPerFile)} · findings: ${p.ownFindings} per file + ${p.linkedFindings} across files · index memory (JS heap of the summaries) ${p.indexMB === undefined ? 'n/a' : `${p.indexMB.toFixed(1)} MB for ${p.summarized} files`}`);
  }
  return L.join('\n');
}
