// node bench/coverage.mjs [--misses N] [--json FILE] [--quiet] FOLDER_OR_FILE…
//
// How many of the lines that name an activation carry a site in `activation-lens list` (issue 11's
// "Done when"). Python files (.py) and notebooks (.ipynb: each code cell read by itself). Plain Node, no network; bundles the core from src/ first.
//
// A line NAMES AN ACTIVATION when a tree-sitter token on it is one of (tokens inside imports,
// comments and docstrings never count):
//   attr    the attribute of `obj.NAME` with NAME a catalog name of a torch / Keras / tf.nn spelling
//           and obj a namespace of that spelling: …nn for torch.nn classes (nn.GELU), F / functional /
//           torch / special for functions (F.gelu, torch.sigmoid), …layers (layers.ReLU),
//           …activations (keras.activations.relu), …nn / …math / tf (tf.nn.relu); any object but
//           `self` / `cls` for a Tensor method (x.sigmoid()). So F.linear (affine) is not counted,
//           and self.gelu (a name the author chose for an attribute) is not. nn.Identity counts only
//           when bound to a name matching /act|gate/i (act_layer=nn.Identity): elsewhere
//           it is a placeholder for a norm, a head or a drop path, not an activation choice;
//   bare    an identifier NAME with the same names (GELU, gelu, Swish is not one: catalog names only),
//           not a def / class name, parameter, keyword-argument name, nor a name the file assigns to
//           (`threshold = 0.5` makes every `threshold` in the file a variable);
//   string  a string literal whose whole content is an activation string (a catalog keras / tfjs /
//           transformers hidden_act name, or a key of one of the registries in
//           src/core/resolve/registries.ts) in an activation context: the value of a keyword
//           argument, parameter default, assignment, dict entry or dict(k=…) whose name matches
//           /act|gate/i; `type='…'` (dict(type=…), {'type': …}) with an mmcv activation
//           type; or the key of a registry call / subscript (get_act_layer('swish'), ACT2FN['gelu'],
//           create_act_layer('sigmoid'), get_activation(…), build_activation_layer(…),
//           activations.get(…), getattr(nn, 'ReLU')).
//   registry  a registry look-up whatever its key: ACT2FN[…] / ACT2CLS[…], get_act_layer(…),
//           create_act_layer(…), get_act_fn(…), get_activation(…), build_activation_layer(…),
//           ….activations.get(…), getattr(nn | F | …functional, …) — the line where the registry is named.
// Not counted (reported as "excluded"): strings and attributes compared with == / != / in / is
// (`if act == 'relu':`, `if act_layer == nn.ELU:`, a factory's dispatch: the branch body is what is
// chosen). Nor `nonlinearity='relu'` of nn.init.kaiming_normal_ (an init gain, not an activation).
// A line CARRIES A SITE when a site of `list` (analyze()'s activations, and their alternatives) has a
// range that starts or ends on it, or spans it. The paths given are one project, as `list` reads
// them (registry keys read from a config class in another file resolved there); the figure for each
// file alone is printed too, and for both how many of those sites name a catalog function (an id,
// not `?`: `ACT2FN[config.hidden_act]` with the config class out of reach is a site with no id).
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleEntry } from './lib/build.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BUNDLE = path.join(ROOT, 'dist', 'bench', 'coverage-core.cjs');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const maxMisses = Number(opt('--misses', '40'));
const jsonOut = opt('--json', undefined);
const quiet = argv.includes('--quiet');
const inputs = argv.filter((a, i) => !a.startsWith('--') && !['--misses', '--json'].includes(argv[i - 1]));
if (inputs.length === 0) {
  console.error('usage: node bench/coverage.mjs [--misses N] [--json FILE] [--quiet] FOLDER_OR_FILE…');
  process.exit(2);
}

await bundleEntry(`
export { analyze } from './src/core/analyze';
export { loadLanguage } from './src/core/parse';
export { Parser } from 'web-tree-sitter';
export { entries } from './src/core/math';
export { registryKeys } from './src/core/resolve/registries';
export { Project, summarize } from './src/core/project';
export { blankMagics } from './src/core/parse/notebook';
`, BUNDLE, { name: 'coverage-entry.ts' });
const core = require(BUNDLE);

// --- the vocabularies ------------------------------------------------------------------------
const IDENT_KINDS = new Set(['torch-module', 'torch-functional', 'tensor-method', 'keras-layer', 'keras-function', 'tf-nn']);
const STRING_KINDS = new Set(['keras-string', 'tfjs-string', 'hf-hidden-act']);
const IDENT_NAMES = new Set();
const KINDS_OF = new Map(); // name → kinds it is spelled as
const STRING_NAMES = new Set();
for (const e of core.entries()) {
  for (const b of e.names) {
    if (IDENT_KINDS.has(b.kind)) {
      IDENT_NAMES.add(b.name);
      KINDS_OF.set(b.name, new Set([...(KINDS_OF.get(b.name) ?? []), b.kind]));
    }
    if (STRING_KINDS.has(b.kind)) STRING_NAMES.add(b.name);
  }
}
const REGISTRIES = ['hf-act2fn', 'timm-get-act-layer', 'timm-get-act-fn', 'mm-build-activation', 'keras-activations-get', 'torch-getattr-nn', 'torch-getattr-F'];
for (const r of REGISTRIES) for (const k of core.registryKeys(r)) STRING_NAMES.add(k);
const MM_TYPES = new Set(core.registryKeys('mm-build-activation'));
const REGISTRY_CALLS = new Set(['get_act_layer', 'create_act_layer', 'get_act_fn', 'get_activation', 'build_activation_layer', 'getattr']);
const REGISTRY_SUBSCRIPTS = new Set(['ACT2FN', 'ACT2CLS']);
const CONTEXT = /act|gate/i;

/** `obj.NAME` spells an activation when obj is a namespace of one of NAME's kinds (any object for a Tensor method). */
const NAMESPACE = {
  'torch-module': /(^|\.)nn$/,
  'torch-functional': /(^|\.)(F|functional|torch|special)$/,
  'tensor-method': /./,
  'keras-layer': /(^|\.)layers$/,
  'keras-function': /(^|\.)activations$/,
  'tf-nn': /(^|\.)(nn|math)$|^tf$/,
};
/** nn.Identity is the catalog's torch spelling of 'linear', but mostly a placeholder (norm, head, drop path): counted only in an activation context. */
const ONLY_IN_CONTEXT = new Set(['Identity']);

/** The name the value of an expression is bound to: keyword, parameter default, assignment target, dict key. */
function bindingName(node) {
  let n = node;
  let p = n.parent;
  while (p && ['call', 'parenthesized_expression', 'boolean_operator', 'conditional_expression', 'argument_list'].includes(p.type) && !(p.type === 'argument_list')) {
    n = p;
    p = p.parent;
  }
  if (!p) return undefined;
  if (p.type === 'keyword_argument' || p.type === 'default_parameter' || p.type === 'typed_default_parameter') return p.childForFieldName('name')?.text;
  if (p.type === 'assignment') return lastSegment(p.childForFieldName('left'));
  if (p.type === 'pair') return lastSegment(p.childForFieldName('key'));
  return undefined;
}

const attrSpells = (obj, name) => [...(KINDS_OF.get(name) ?? [])].some((k) => NAMESPACE[k].test(obj));

// --- files ----------------------------------------------------------------------------------
/** A notebook's code cells: index in `cells` and source (magics and shell lines blanked by the analyzer's own blankMagics). */
function notebookCells(json) {
  let nb;
  try {
    nb = JSON.parse(json);
  } catch {
    return [];
  }
  const out = [];
  (nb.cells ?? []).forEach((c, i) => {
    if (c.cell_type !== 'code') return;
    const source = core.blankMagics(Array.isArray(c.source) ? c.source.join('') : String(c.source ?? ''));
    out.push({ cell: i, source });
  });
  return out;
}

function* pyFiles(p) {
  const st = statSync(p);
  if (st.isFile()) {
    if (p.endsWith('.py') || p.endsWith('.ipynb')) yield p;
    return;
  }
  for (const name of readdirSync(p).sort()) {
    if (name.startsWith('.') || name === 'node_modules' || name === '__pycache__') continue;
    yield* pyFiles(path.join(p, name));
  }
}

// --- tokens that name an activation --------------------------------------------------------
const lastSegment = (node) => {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  if (node.type === 'string') return stringContent(node);
  return undefined;
};

function stringContent(node) {
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  const parts = node.namedChildren.filter((c) => c.type === 'string_content');
  if (parts.length > 1) return undefined;
  return parts.length === 1 ? parts[0].text : '';
}

function isDocstring(node) {
  const p = node.parent;
  return p?.type === 'expression_statement' && p.namedChildCount === 1;
}

/** Names the file binds as variables: assignment / for / with targets, parameters. */
function assignedNames(root) {
  const out = new Set();
  const addTarget = (n) => {
    if (!n) return;
    if (n.type === 'identifier') out.add(n.text);
    else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(n.type)) n.namedChildren.forEach(addTarget);
  };
  const visit = (n) => {
    if (n.type === 'assignment' || n.type === 'augmented_assignment') addTarget(n.childForFieldName('left'));
    else if (n.type === 'for_statement' || n.type === 'for_in_clause') addTarget(n.childForFieldName('left'));
    else if (n.type === 'as_pattern_target') addTarget(n.namedChild(0));
    // `def softmax(z): …` of the file's own (a NumPy demo): its calls name the author's function, not a framework's.
    else if (n.type === 'function_definition') addTarget(n.childForFieldName('name'));
    else if (n.type === 'parameters' || n.type === 'lambda_parameters') {
      for (const p of n.namedChildren) {
        if (p.type === 'identifier') out.add(p.text);
        else addTarget(p.childForFieldName('name') ?? p.namedChild(0));
      }
    }
    for (const c of n.namedChildren) visit(c);
  };
  visit(root);
  return out;
}

/** The activation context of a string: 'ctx' (counted), 'compare' (excluded) or undefined. */
function stringContext(node, content) {
  let n = node;
  let p = n.parent;
  // Through parentheses and `a or 'x'` / conditional expressions.
  while (p && (p.type === 'parenthesized_expression' || p.type === 'boolean_operator' || p.type === 'conditional_expression')) {
    n = p;
    p = p.parent;
  }
  if (!p) return undefined;
  if (p.type === 'comparison_operator') return 'compare';
  if (p.type === 'keyword_argument' && p.childForFieldName('value')?.id === n.id) {
    const name = p.childForFieldName('name')?.text ?? '';
    if (CONTEXT.test(name) || (name === 'type' && MM_TYPES.has(content))) return 'ctx';
    return undefined;
  }
  if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && p.childForFieldName('value')?.id === n.id) {
    return CONTEXT.test(p.childForFieldName('name')?.text ?? '') ? 'ctx' : undefined;
  }
  if (p.type === 'assignment' && p.childForFieldName('right')?.id === n.id) {
    return CONTEXT.test(lastSegment(p.childForFieldName('left')) ?? '') ? 'ctx' : undefined;
  }
  if (p.type === 'pair' && p.childForFieldName('value')?.id === n.id) {
    const key = lastSegment(p.childForFieldName('key')) ?? '';
    if (CONTEXT.test(key) || (key === 'type' && MM_TYPES.has(content))) return 'ctx';
    return undefined;
  }
  if (p.type === 'argument_list') {
    const call = p.parent;
    const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    const name = lastSegment(callee);
    if (name && REGISTRY_CALLS.has(name)) return 'ctx';
    if (name === 'get' && callee?.type === 'attribute' && lastSegment(callee.childForFieldName('object')) === 'activations') return 'ctx';
    return undefined;
  }
  if (p.type === 'subscript' && p.childForFieldName('value')?.id !== n.id) {
    return REGISTRY_SUBSCRIPTS.has(lastSegment(p.childForFieldName('value')) ?? '') ? 'ctx' : undefined;
  }
  return undefined;
}

/** [{line (0-based), category, token}] of one parse tree. */
function namingTokens(root, alsoAssigned = new Set()) {
  const assigned = new Set([...assignedNames(root), ...alsoAssigned]);
  const out = [];
  const excluded = [];
  const visit = (n) => {
    if (n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement' || n.type === 'comment') return;
    if (n.type === 'identifier') {
      const p = n.parent;
      const name = n.text;
      if (IDENT_NAMES.has(name) && p) {
        if (p.type === 'attribute') {
          if (p.childForFieldName('attribute')?.id === n.id) {
            if (p.parent?.type === 'comparison_operator') {
              excluded.push({ line: n.startPosition.row, category: 'compare', token: name });
              return;
            }
            const obj = p.childForFieldName('object')?.text;
            const inContext = !ONLY_IN_CONTEXT.has(name) || CONTEXT.test(bindingName(p) ?? '');
            if (obj !== undefined && obj !== 'self' && obj !== 'cls' && attrSpells(obj, name) && inContext) out.push({ line: n.startPosition.row, category: 'attr', token: name });
          } else if (!assigned.has(name)) {
            out.push({ line: n.startPosition.row, category: 'bare', token: name });
          }
        } else {
          const isDefName = (p.type === 'function_definition' || p.type === 'class_definition') && p.childForFieldName('name')?.id === n.id;
          const isKeyword = p.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id;
          const isParam = ['parameters', 'lambda_parameters', 'default_parameter', 'typed_parameter', 'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern'].includes(p.type);
          if (!isDefName && !isKeyword && !isParam && !assigned.has(name)) out.push({ line: n.startPosition.row, category: 'bare', token: name });
        }
      }
      return;
    }
    if (n.type === 'call' || n.type === 'subscript') {
      const head = n.childForFieldName(n.type === 'call' ? 'function' : 'value');
      const name = lastSegment(head);
      let registry = false;
      if (n.type === 'subscript') registry = REGISTRY_SUBSCRIPTS.has(name ?? '');
      else if (name === 'getattr') registry = /(^|\.)(nn|F|functional)$/.test(n.childForFieldName('arguments')?.namedChild(0)?.text ?? '');
      else registry = REGISTRY_CALLS.has(name ?? '') || (name === 'get' && head?.type === 'attribute' && lastSegment(head.childForFieldName('object')) === 'activations');
      if (registry) out.push({ line: head.startPosition.row, category: 'registry', token: name });
    }
    if (n.type === 'string') {
      if (isDocstring(n)) return;
      const content = stringContent(n);
      if (content !== undefined && STRING_NAMES.has(content)) {
        const ctx = stringContext(n, content);
        if (ctx === 'ctx') out.push({ line: n.startPosition.row, category: 'string', token: `'${content}'` });
        else if (ctx === 'compare') excluded.push({ line: n.startPosition.row, category: 'compare', token: `'${content}'` });
      }
      return;
    }
    for (const c of n.children) visit(c);
  };
  visit(root);
  return { tokens: out, excluded };
}

// --- list sites -----------------------------------------------------------------------------
// Lines are keyed `cell:line` (cell '' for a .py file; a notebook's code cell index otherwise).
const lineKey = (cell, line) => `${cell ?? ''}:${line}`;

function siteLines(sites, into = new Set(), depth = 0) {
  for (const s of sites) {
    for (let l = s.range.start.line; l <= s.range.end.line; l++) into.add(lineKey(s.range.cell, l));
    if (s.alternatives && depth < 4) siteLines(s.alternatives, into, depth + 1);
  }
  return into;
}

/** Lines where a site (or an alternative) names a catalog function (a known id). */
function knownLines(sites, into = new Set(), depth = 0) {
  for (const s of sites) {
    if (s.id) for (let l = s.range.start.line; l <= s.range.end.line; l++) into.add(lineKey(s.range.cell, l));
    if (s.alternatives && depth < 4) knownLines(s.alternatives, into, depth + 1);
  }
  return into;
}

// --- run ------------------------------------------------------------------------------------
const language = await core.loadLanguage('python');
const parser = new core.Parser();
parser.setLanguage(language);

// Two readings of the same analyses: each file alone, and the paths as one project, as `list`
// runs (a registry key read from a config class in another file is resolved there).
const totals = { files: 0, naming: 0, covered: 0, known: 0, alone: 0, aloneKnown: 0, excluded: 0, partial: 0 };
const byCategory = { attr: [0, 0], bare: [0, 0], string: [0, 0], registry: [0, 0] };
const misses = [];
const counted = []; // every line that names an activation (for --json: read the method by hand)
const perFile = [];
const analyzed = [];
const project = new core.Project(inputs.map((i) => path.resolve(i)));
for (const input of inputs) for (const file of pyFiles(path.resolve(input))) project.addPath(file);
for (const input of inputs) {
  for (const file of pyFiles(path.resolve(input))) {
    const text = readFileSync(file, 'utf8');
    const notebook = file.endsWith('.ipynb');
    // A notebook: each code cell is read by itself (its lines are keyed by the cell's index, as the analyzer's ranges are).
    const cells = notebook ? notebookCells(text) : [{ cell: undefined, source: text }];
    const tokens = [];
    const excluded = [];
    // A notebook's names are shared by its cells: a name one cell assigns or defines is a variable in all.
    const shared = new Set();
    if (notebook) {
      for (const { source } of cells) {
        const tree = parser.parse(source);
        for (const name of assignedNames(tree.rootNode)) shared.add(name);
        tree.delete();
      }
    }
    for (const { cell, source } of cells) {
      const tree = parser.parse(source);
      const found = namingTokens(tree.rootNode, shared);
      tree.delete();
      for (const t of found.tokens) tokens.push({ ...t, key: lineKey(cell, t.line), cell });
      for (const e of found.excluded) excluded.push({ ...e, key: lineKey(cell, e.line) });
    }
    const language = notebook ? 'ipynb' : 'python';
    const result = await core.analyze(text, { language, path: file, ignore: ['ACT'], timeBudgetMs: 60_000, maxChars: 50_000_000 });
    if (result.partial) totals.partial++;
    project.set(core.summarize(file, language, result));
    analyzed.push({ file, text: notebook ? '' : text, cells, tokens, excluded, activations: result.activations });
  }
}
for (const { file, cells, tokens, excluded, activations } of analyzed) {
  const resolved = project.resolveSites(file, activations);
  const covered = siteLines(resolved);
  const known = knownLines(resolved);
  const aloneCovered = siteLines(activations);
  const aloneKnown = knownLines(activations);
  const lines = new Map();
  for (const t of tokens) {
    const l = lines.get(t.key) ?? [];
    l.push(t);
    lines.set(t.key, l);
  }
  const srcOf = new Map(cells.map(({ cell, source }) => [cell ?? '', source.split('\n')]));
  let fileCovered = 0;
  for (const [line, toks] of [...lines.entries()]) {
    const { cell, line: inCell } = toks[0];
    const hit = covered.has(line);
    if (hit) fileCovered++;
    if (known.has(line)) totals.known++;
    if (aloneCovered.has(line)) totals.alone++;
    if (aloneKnown.has(line)) totals.aloneKnown++;
    const cats = new Set(toks.map((t) => t.category));
    for (const c of cats) {
      byCategory[c][0]++;
      if (hit) byCategory[c][1]++;
    }
    const row = { file: path.relative(process.cwd(), file), ...(cell !== undefined ? { cell } : {}), line: inCell + 1, categories: [...cats], tokens: [...new Set(toks.map((t) => t.token))], text: (srcOf.get(cell ?? '')?.[inCell] ?? '').trim() };
    counted.push({ ...row, covered: hit, known: known.has(line), alone: aloneCovered.has(line) });
    if (!hit) misses.push(row);
  }
  totals.files++;
  totals.naming += lines.size;
  totals.covered += fileCovered;
  totals.excluded += new Set(excluded.map((e) => e.key)).size;
  perFile.push({ file: path.relative(process.cwd(), file), naming: lines.size, covered: fileCovered });
}

const pct = (a, b) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
console.log(`files: ${totals.files}${totals.partial ? ` (${totals.partial} hit the time budget)` : ''}`);
console.log(`lines naming an activation: ${totals.naming}`);
console.log(`  of which carry a list site (the paths as one project, as list runs): ${totals.covered} (${pct(totals.covered, totals.naming)}); the site names a catalog function: ${totals.known} (${pct(totals.known, totals.naming)})`);
console.log(`  each file alone:                                            ${totals.alone} (${pct(totals.alone, totals.naming)}); the site names a catalog function: ${totals.aloneKnown} (${pct(totals.aloneKnown, totals.naming)})`);
for (const [c, [n, k]] of Object.entries(byCategory)) console.log(`  lines with a ${c.padEnd(6)} token: ${String(n).padStart(5)}, covered ${String(k).padStart(5)} (${pct(k, n)})`);
console.log(`excluded (string comparisons, not counted): ${totals.excluded} lines`);
if (!quiet && misses.length > 0) {
  console.log(`\nmissed lines (${misses.length}; first ${Math.min(maxMisses, misses.length)}):`);
  for (const m of misses.slice(0, maxMisses)) console.log(`  ${m.file}:${m.cell !== undefined ? `cells[${m.cell}]:` : ''}${m.line} [${m.categories.join(',')}: ${m.tokens.join(' ')}] ${m.text.slice(0, 120)}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ totals, byCategory, perFile, misses, counted }, null, 2) + '\n');
