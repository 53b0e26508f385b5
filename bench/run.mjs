// npm run bench [-- [--quick] [--sizes 1000,5000,20000] [--only REGEX] [--clock cpu|wall] [--project FOLDER]
//                   [--core-src DIR|COMMIT] [--before DIR|COMMIT] [--rounds N] [FOLDER…]]
// Plain Node, no network. Builds dist/ when missing, then measures in one process, side by side:
// parse vs analyze(), keystroke latency, Ruff (wasm), cold start (fresh processes), sizes, webview,
// a library as one project. --core-src: the src/ the core is bundled from (default: the working
// tree); --before: a second core measured in the same rounds, with after/before ratios.
// Prints one table and writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { CORE_BUNDLE, ROOT, bundleCore, coreSource, ensureBuilt } from './lib/build.mjs';
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
const valueOf = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
const WITH_VALUE = ['--only', '--clock', '--sizes', '--project', '--core-src', '--before', '--rounds'];
const folders = argv.filter((a, i) => !a.startsWith('--') && !WITH_VALUE.includes(argv[i - 1]));
const log = (...a) => console.error(...a);
// --rounds N: at least N rounds per input (sections 1, 3), N keystrokes (2), N project rounds (7).
const rounds = valueOf('--rounds') ? Number(valueOf('--rounds')) : undefined;
const inputRounds = quick ? { minRounds: 3, maxRounds: 5, budgetMs: 500 } : { minRounds: 5, maxRounds: 25, budgetMs: 2500 };
if (rounds) Object.assign(inputRounds, { minRounds: rounds, maxRounds: Math.max(rounds, inputRounds.maxRounds) });

await ensureBuilt({ log, core: false });
// The cores: [before?, after]; the last one is the core of the table.
const specs = [];
if (valueOf('--before')) specs.push({ role: 'before', spec: valueOf('--before'), bundle: path.join(ROOT, 'dist', 'bench', 'core-before.cjs') });
specs.push({ role: 'after', spec: valueOf('--core-src'), bundle: CORE_BUNDLE });
const cores = [];
for (const s of specs) {
  const src = coreSource(s.spec, { log });
  await bundleCore(src.dir, s.bundle);
  cores.push({ label: specs.length > 1 ? `${s.role} (${src.label})` : src.label, bundle: s.bundle, core: require(s.bundle) });
}
const core = cores[cores.length - 1].core;
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
  cores: cores.map((c) => c.label),
};

// 1 + 3: parse vs analyze vs Ruff, per input.
const inputs = allInputs(ROOT, folders, sizeList).filter((i) => !only || only.test(i.name));
results.inputs = [];
for (const input of inputs) {
  log(`bench: ${input.name}`);
  results.inputs.push(await measureInput(cores, parserFor, ruff, input, inputRounds));
}

// 2: keystroke latency on the generated 5,000 and 20,000-line files.
results.keystrokes = [];
for (const kind of ['torch', 'keras', 'tfjs', 'tfjs-ts', 'torch-lib', 'keras-lib']) {
  for (const n of sizeList.filter((x) => x >= 5000)) {
    const name = `${kind}_${n}`;
    if (only && !only.test(name)) continue;
    log(`bench: keystrokes ${name}`);
    const language = kind === 'tfjs' ? 'javascript' : kind === 'tfjs-ts' ? 'typescript' : 'python';
    const text = generate(kind, n);
    // The issue's row (a layer width), and a letter typed into a name (section 2b).
    for (const site of ['layer', 'name']) results.keystrokes.push(await measureKeystrokes(cores, { name, language, text }, { keystrokes: Math.max(rounds ?? 0, n > 5000 ? 20 : 40), site }));
  }
}
results.memory = { rssMB: process.memoryUsage().rss / 2 ** 20, heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 };

// 4: cold start, each in a fresh process.
const coldFile = path.join(ROOT, 'dist', 'bench', 'cold_torch_1000.py');
mkdirSync(path.dirname(coldFile), { recursive: true });
writeFileSync(coldFile, generate('torch', 1000));
results.coldStart = {};
const coldModes = [{ key: 'extension', mode: 'extension', bundle: 'dist/extension.js' }];
for (const c of cores) coldModes.push({ key: cores.length > 1 ? `core ${c.label}` : 'core', mode: 'core', bundle: c.bundle });
for (const { key, mode, bundle } of coldModes) {
  log(`bench: cold start (${key})`);
  const runs = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    try {
      const out = execFileSync(process.execPath, [path.join(ROOT, 'bench', 'lib', 'cold.cjs'), mode, bundle, coldFile], { cwd: ROOT, encoding: 'utf8' });
      runs.push(JSON.parse(out.trim().split('\n').pop()));
    } catch (e) {
      runs.push({ error: String(e.stdout || e.message).slice(0, 500) });
    }
  }
  const ok = runs.filter((r) => !r.error);
  const keys = [...new Set(ok.flatMap((r) => Object.keys(r)))].filter((k) => k.endsWith('Ms'));
  results.coldStart[key] = Object.fromEntries(keys.map((k) => [k, summary(ok.map((r) => r[k]))]));
  if (ok.length < runs.length) results.coldStart[key].errors = runs.filter((r) => r.error).map((r) => r.error);
}

// 7: a library as one project (generated 300 files, or --project FOLDER).
if (!only || only.test('project')) {
  const files = projectFolder ? readLibrary(projectFolder) : generateLibrary(300);
  log(`bench: project (${projectFolder ?? 'generated library'}, ${files.length} files)`);
  results.project = { source: projectFolder ? path.relative(ROOT, projectFolder) || projectFolder : 'generated (bench/lib/project.mjs)', ...(await measureProject(cores, files, { rounds: rounds ?? (quick ? 3 : 5), root: '' })) };
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
  const ab = r.cores.length > 1; // side by side: before and after
  L.push(`Activation Lens benchmark — ${r.date} — Node ${r.machine.node}, ${r.machine.cpus} CPUs (${r.machine.cpu}), load ${r.machine.loadavg.map((x) => x.toFixed(1)).join(' ')}`);
  L.push(`Core${ab ? 's' : ''}: ${r.cores.join(' vs ')}${ab ? ', measured alternately in the same rounds; after/before = ratio of medians (min–max of per-round ratios)' : ''}.`);
  L.push(`Sections 1–3 and 7: ${r.clock === 'cpu' ? 'CPU time of this process' : 'wall time'} (--clock ${r.clock === 'cpu' ? 'wall' : 'cpu'} for the other); section 4: wall time.`);
  L.push('All times in ms: median (min–max) over the rounds; ratios: ratio of medians (min–max of per-round ratios).');
  L.push('');
  L.push('1. Parse vs analyze()  [goal: analyze/parse ≤ 1.3 at 5,000 lines]');
  if (!ab) {
    L.push(`${pad('input', 22)}${lpad('lines', 7)}${lpad('find.', 6)}  ${pad('tree-sitter parse', 24)}${pad('analyze()', 26)}${pad('analyze/parse', 20)}`);
    for (const x of r.inputs) {
      L.push(`${pad(x.input, 22)}${lpad(x.lines, 7)}${lpad(x.findings, 6)}  ${pad(fmt(x.parse), 24)}${pad(fmt(x.analyze), 26)}${pad(fmtRatio(x.analyzeOverParse), 20)}`);
    }
  } else {
    L.push(`${pad('input', 22)}${lpad('lines', 7)}${lpad('find. b/a', 10)}  ${pad('tree-sitter parse', 22)}${pad('analyze() before', 24)}${pad('analyze() after', 24)}${pad('/parse b → a', 14)}after/before`);
    for (const x of r.inputs) {
      const [b, a] = [x.byCore[0], x.byCore[x.byCore.length - 1]];
      L.push(`${pad(x.input, 22)}${lpad(x.lines, 7)}${lpad(`${b.findings}/${a.findings}`, 10)}  ${pad(fmt(x.parse), 22)}${pad(fmt(b.analyze), 24)}${pad(fmt(a.analyze), 24)}${pad(`${b.analyzeOverParse.ratio.toFixed(2)} → ${a.analyzeOverParse.ratio.toFixed(2)}`, 14)}${fmtRatio(x.afterOverBefore)}`);
    }
  }
  const withFloors = r.inputs.filter((x) => x.floors);
  if (withFloors.length > 0) {
    L.push('');
    L.push('1b. Floors of an extraction in JavaScript, on the same trees, ÷ the parse (bench/lib/measure.mjs timeFloors): a cursor walk reading every node\'s type; a query capturing calls, assignments, classes, functions and imports');
    L.push(`${pad('input', 22)}${pad('cursor walk', 24)}${pad('walk/parse', 20)}${pad('statement query', 24)}query/parse`);
    for (const x of withFloors) L.push(`${pad(x.input, 22)}${pad(fmt(x.floors.walk), 24)}${pad(fmtRatio(x.floors.walkOverParse), 20)}${pad(fmt(x.floors.query), 24)}${fmtRatio(x.floors.queryOverParse)}`);
  }
  L.push('');
  // The parse median of the same text in section 1 (when it was measured in this run).
  const parseOf = (k) => r.inputs.find((x) => x.input.replace(/\.\w+$/, '') === k.input)?.parse.median;
  const overParse = (ms, k) => (parseOf(k) ? `${(ms / parseOf(k)).toFixed(2)}×` : 'n/a');
  const keystrokeRows = (rows) => {
    if (!ab) {
      L.push(`${pad('input', 22)}${lpad('lines', 7)}  ${pad('median (min–max)', 26)}${pad('p95', 10)}${pad('÷ parse: median, p95', 22)}${pad('incremental parses', 20)}statements redone`);
      for (const k of rows) L.push(`${pad(k.input, 22)}${lpad(k.lines, 7)}  ${pad(fmt(k.keystroke), 26)}${pad(k.keystroke.p95.toFixed(1), 10)}${pad(`${overParse(k.keystroke.median, k)}, ${overParse(k.keystroke.p95, k)}`, 22)}${pad(`${k.incremental}/${k.keystrokes}`, 20)}${k.redone ?? 'all'}`);
    } else {
      L.push(`${pad('input', 22)}${lpad('lines', 7)}  ${pad('before median (min–max)', 26)}${pad('p95', 8)}${pad('after median (min–max)', 26)}${pad('p95', 8)}${pad('after ÷ parse', 15)}${pad('incr. b/a', 11)}${pad('after/before', 20)}redone (after)`);
      for (const k of rows) {
        const [b, a] = [k.byCore[0], k.byCore[k.byCore.length - 1]];
        L.push(`${pad(k.input, 22)}${lpad(k.lines, 7)}  ${pad(fmt(b.keystroke), 26)}${pad(b.keystroke.p95.toFixed(1), 8)}${pad(fmt(a.keystroke), 26)}${pad(a.keystroke.p95.toFixed(1), 8)}${pad(overParse(a.keystroke.median, k), 15)}${pad(`${b.incremental}/${a.incremental}`, 11)}${pad(fmtRatio(k.afterOverBefore), 20)}${a.redone ?? 'all'}`);
      }
    }
  };
  L.push('2. Keystroke latency: one digit typed/deleted inside a layer call, analyze({ previous, edits })  [goal: median ≤ 0.2× the parse, p95 ≤ 0.4×, at 5,000 lines]');
  keystrokeRows(r.keystrokes.filter((k) => k.site === 'layer'));
  const names = r.keystrokes.filter((k) => k.site === 'name');
  if (names.length > 0) {
    L.push('2b. The same, a letter typed/deleted right after `self.` / `this.` / `model.` (into a name: the name graph\'s groups are analyzed again, regions.ts)  [no goal of its own]');
    keystrokeRows(names);
  }
  L.push(`memory after all runs: rss ${r.memory.rssMB.toFixed(0)} MB, JS heap ${r.memory.heapUsedMB.toFixed(0)} MB`);
  L.push('');
  L.push(`3. Against Ruff ${r.ruffVersion ?? '(not installed)'} (wasm, default rules), Python files, same process, same rounds  [goal: ours/Ruff ≤ 1.0; analyze() parses first, so ours/Ruff ≥ parse/Ruff]`);
  if (!ab) {
    L.push(`${pad('input', 22)}${pad('ours analyze()', 26)}${pad('Ruff check()', 26)}${pad('ours/Ruff', 20)}${pad('tree-sitter parse/Ruff', 24)}Ruff findings`);
    for (const x of r.inputs.filter((x) => x.ruff)) {
      L.push(`${pad(x.input, 22)}${pad(fmt(x.ruff.ours), 26)}${pad(fmt(x.ruff.ruff), 26)}${pad(fmtRatio(x.ruff.oursOverRuff), 20)}${pad(x.ruff.parseOverRuff ? fmtRatio(x.ruff.parseOverRuff) : 'n/a', 24)}${x.ruff.ruffFindings}`);
    }
  } else {
    L.push(`${pad('input', 22)}${pad('Ruff check()', 22)}${pad('before analyze()', 24)}${pad('after analyze()', 24)}${pad('ours/Ruff b → a', 18)}${pad('after/before', 20)}tree-sitter parse/Ruff`);
    for (const x of r.inputs.filter((x) => x.ruff)) {
      const [b, a] = [x.byCore[0], x.byCore[x.byCore.length - 1]];
      L.push(`${pad(x.input, 22)}${pad(fmt(x.ruff.ruff), 22)}${pad(fmt(b.ruff.ours), 24)}${pad(fmt(a.ruff.ours), 24)}${pad(`${b.ruff.oursOverRuff.ratio.toFixed(2)} → ${a.ruff.oursOverRuff.ratio.toFixed(2)}`, 18)}${pad(fmtRatio(x.ruff.afterOverBefore), 20)}${x.ruff.parseOverRuff ? fmtRatio(x.ruff.parseOverRuff) : 'n/a'}`);
    }
  }
  L.push('');
  L.push('4. Cold start, fresh process each (file: generated torch, 1,000 lines)');
  const ce = r.coldStart.extension ?? {};
  L.push(`  dist/extension.js (fake vscode):  require ${fmt(ce.requireMs)} · activate() ${fmt(ce.activateMs, 2)} · to first diagnostics ${fmt(ce.firstResultMs)}`);
  for (const [key, cc] of Object.entries(r.coldStart).filter(([k]) => k.startsWith('core'))) {
    L.push(`  ${pad(`${key.replace(/^core/, 'core bundle')}:`, 32)} require ${fmt(cc.requireMs)} · to first analyze() result ${fmt(cc.firstResultMs)} (analyze incl. grammar load ${fmt(cc.analyzeMs)})`);
  }
  for (const e of Object.values(r.coldStart).flatMap((c) => c.errors ?? [])) L.push(`  error: ${e.split('\n')[0]}`);
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
    for (const x of p.byCore ?? [p]) {
      if (ab) L.push(`  ${x.label}:`);
      L.push(`  sum of per-file analyze() ${fmt(x.perFile)} · project (analyze + summarize each, link once) ${fmt(x.project)} · link alone ${fmt(x.link, 2)}`);
      if (!x.project) {
        L.push(`  findings: ${x.ownFindings} per file · no project index in this core`);
        continue;
      }
      L.push(`  project/per-file ${fmtRatio(x.projectOverPerFile)} · findings: ${x.ownFindings} per file + ${x.linkedFindings} across files · index memory (JS heap of the summaries) ${x.indexMB === undefined ? 'n/a' : `${x.indexMB.toFixed(1)} MB for ${x.summarized} files`}`);
    }
    if (p.afterOverBefore) L.push(`  after/before: per-file sum ${fmtRatio(p.afterOverBefore.perFile)} · project ${fmtRatio(p.afterOverBefore.project)}`);
  }
  return L.join('\n');
}
