// Does a change leave the analysis output the same? Bundles two cores (the working tree and
// `--before SPEC`, a folder with src/core or any commit: see bench/lib/build.mjs coreSource),
// analyzes every file of the given folders (and the generated bench inputs with --generated) with
// both, and compares what analyze() returns to its callers: findings, activation sites, frameworks,
// notes. Prints the files that differ (first difference of each) and exits 1 when any does.
//
//   node bench/identity.mjs --before main /work/corpus/timm examples test/fixtures --generated 1000,5000
//   node bench/identity.mjs --before HEAD~1 --edits 20 examples      # also: incremental == fresh
//
// --edits N: for each file, N single-character edits (type a digit or a line break / delete a character at seeded spots) analyzed
// incrementally with the working tree's core ({ previous, edits }) and compared with a fresh analysis
// of the same text, the editor's views (outline, inlay hints) included (the property the unit test checks on our fixtures, here over any corpus).
// --at digits|letters: the edits land at (or just after) a digit / a lowercase letter of the text instead of anywhere.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, bundleCore, coreSource, ensureBuilt } from './lib/build.mjs';
import { generatedInputs } from './generate.mjs';
import { folderInput } from './lib/inputs.mjs';
import { position } from './lib/measure.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const valueOf = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
const WITH_VALUE = ['--before', '--generated', '--edits', '--at', '--chars'];
const folders = argv.filter((a, i) => !a.startsWith('--') && !WITH_VALUE.includes(argv[i - 1]));
const log = (...a) => console.error(...a);

await ensureBuilt({ log, core: false });
const after = require(await bundleCore(coreSource(undefined, { log }).dir, path.join(ROOT, 'dist', 'bench', 'identity-after.cjs')));
const beforeSpec = valueOf('--before');
const before = beforeSpec ? require(await bundleCore(coreSource(beforeSpec, { log }).dir, path.join(ROOT, 'dist', 'bench', 'identity-before.cjs'))) : undefined;
const edits = Number(valueOf('--edits') ?? 0);
// --chars STR: these characters are typed (in turn) instead of digits, e.g. '(),.:=' for the states an unfinished line passes through.
const chars = valueOf('--chars');
const spotsAt = { digits: /[0-9]/, letters: /[a-z]/ }[valueOf('--at')];

const files = [];
for (const f of folders) files.push(...folderInput(path.resolve(f)).files.map((x) => ({ ...x, name: path.relative(process.cwd(), x.path) })));
if (valueOf('--generated')) for (const g of generatedInputs(valueOf('--generated').split(',').map(Number))) files.push({ name: g.name, language: g.language, text: g.text });

/** What analyze() gives its callers, as comparable JSON (the state is internal); with `views`, also the editor's outline and inlay hints built from its IR. */
function output(r, core, views = false) {
  const ir = views && core.irOf ? core.irOf(r) : undefined;
  const v = ir ? { outline: core.buildOutline(ir, r.findings), inlay: core.inlayData(ir, 'all') } : undefined;
  return JSON.stringify({ findings: r.findings, activations: r.activations, frameworks: r.frameworks, notes: r.notes, views: v });
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}…\n   vs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}


let differ = 0;
let compared = 0;
for (const f of files) {
  const opts = { language: f.language, timeBudgetMs: 120_000 };
  const a = await after.analyze(f.text, opts);
  if (before) {
    const b = await before.analyze(f.text, opts);
    compared++;
    const oa = output(a, after);
    const ob = output(b, before);
    if (oa !== ob) {
      differ++;
      console.log(`DIFF ${f.name} (before vs after) ${firstDifference(ob, oa)}`);
    }
  }
  if (edits > 0 && f.language !== 'ipynb') {
    const rnd = lcg(f.text.length);
    let text = f.text;
    let previous = a;
    for (let k = 0; k < edits; k++) {
      let at = Math.floor(rnd() * text.length);
      if (spotsAt) {
        // At a digit (in a number, a name, a string or a comment) or a letter (names, strings,
        // comments, keywords), or just after it: the keystrokes extract/leafpatch.ts patches into the
        // old copy of a statement, and their look-alikes.
        const spots = [];
        for (let i = 0; i < text.length; i++) if (spotsAt.test(text[i])) spots.push(i);
        if (spots.length > 0) at = spots[Math.floor(rnd() * spots.length)] + (k % 4 === 3 ? 1 : 0);
      }
      const del = k % 2 === 1 && at < text.length && text[at] !== '\n';
      const p = position(text, at);
      // Every third edit types a line break (later statements move down a line), the others a digit.
      const typed = k % 3 === 2 ? '\n' : chars ? chars[k % chars.length] : String(k % 10);
      const next = del ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + typed + text.slice(at);
      const end = typed === '\n' ? { line: p.line + 1, column: 0 } : { line: p.line, column: p.column + 1 };
      const edit = del
        ? { startIndex: at, oldEndIndex: at + 1, newEndIndex: at, startPosition: p, oldEndPosition: { line: p.line, column: p.column + 1 }, newEndPosition: p }
        : { startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: p, oldEndPosition: p, newEndPosition: end };
      const inc = await after.analyze(next, { ...opts, previous, edits: [edit] });
      const fresh = await after.analyze(next, opts);
      compared++;
      const oi = output(inc, after, true);
      const of = output(fresh, after, true);
      if (oi !== of) {
        differ++;
        console.log(`DIFF ${f.name} edit ${k} (${del ? 'delete' : 'insert'} at ${p.line + 1}:${p.column + 1}; incremental vs fresh) ${firstDifference(of, oi)}`);
        break;
      }
      text = next;
      previous = inc;
    }
  }
}
console.log(`${files.length} files, ${compared} comparisons, ${differ} differ`);
process.exitCode = differ > 0 ? 1 : 0;
