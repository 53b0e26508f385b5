// The language server on real code: opens every supported file under the given folders in one
// `dist/cli.js server --stdio` session (as an editor would, one after the other; notebooks through
// notebook document sync, one cell document per cell), collects the published diagnostics, and compares them with `dist/cli.js check --format json` on the same
// files: same rule, same position, same severity. Prints the counts, the differences and the time
// from didOpen to the diagnostics. Needs `npm run build`. Usage:
//   node bench/lsp-corpus.mjs DIR…
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const LANG = { '.py': 'python', '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.ts': 'typescript', '.ipynb': 'ipynb' };
const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 };

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walk(full, out);
    else if (LANG[path.extname(name)] && st.size <= 2_000_000) out.push(full);
  }
  return out;
}

const dirs = process.argv.slice(2);
if (!dirs.length) {
  console.error('usage: node bench/lsp-corpus.mjs DIR…');
  process.exit(2);
}
const files = dirs.flatMap((d) => walk(path.resolve(d)));

// what the command line reports, per file
const cliFindings = new Map();
for (const dir of dirs) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  for (const f of JSON.parse(r.stdout).files) {
    cliFindings.set(path.resolve(f.path), f.findings.map((x) => `${x.cell !== undefined ? `[${x.cell}] ` : ''}${x.rule} ${x.line - 1}:${x.column - 1}-${x.endLine - 1}:${x.endColumn - 1} ${SEVERITY[x.severity]}`).sort());
  }
}

const child = spawn(process.execPath, [CLI, 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
let buffer = Buffer.alloc(0);
const waiting = new Map();
const published = new Map();
child.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const len = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + len) return;
    const msg = JSON.parse(buffer.subarray(end + 4, end + 4 + len).toString('utf8'));
    buffer = buffer.subarray(end + 4 + len);
    if (msg.method === 'textDocument/publishDiagnostics') {
      published.set(msg.params.uri, msg.params.diagnostics);
      waiting.get(msg.params.uri)?.();
    } else if (msg.id !== undefined && waiting.has(`#${msg.id}`)) waiting.get(`#${msg.id}`)(msg);
  }
});
const send = (m) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }));
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
};
const request = (id, method, params) => new Promise((resolve) => {
  waiting.set(`#${id}`, resolve);
  send({ id, method, params });
});

await request(1, 'initialize', { processId: process.pid, rootUri: null, capabilities: { notebookDocument: { synchronization: {} } }, workspaceFolders: null });

/** Opens a notebook as an editor with notebook sync does; resolves with its diagnostics, cell index first. */
async function openNotebook(file, uri) {
  let nb;
  try {
    nb = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // not JSON: check skips it with a warning too
  }
  const cells = (nb.cells ?? []).map((c, i) => ({
    uri: `vscode-notebook-cell:${uri.slice('file:'.length)}#C${i}`,
    kind: c.cell_type === 'code' ? 2 : 1,
    languageId: c.cell_type === 'code' ? 'python' : c.cell_type === 'raw' ? 'raw' : 'markdown',
    text: Array.isArray(c.source) ? c.source.join('') : String(c.source ?? ''),
  }));
  if (!cells.length) return [];
  const last = cells[cells.length - 1].uri;
  const got = new Promise((resolve) => waiting.set(last, resolve));
  send({
    method: 'notebookDocument/didOpen',
    params: {
      notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: c.kind, document: c.uri })) },
      cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: c.languageId, version: 1, text: c.text })),
    },
  });
  await got;
  waiting.delete(last);
  send({ method: 'notebookDocument/didClose', params: { notebookDocument: { uri }, cellTextDocuments: cells.map((c) => ({ uri: c.uri })) } });
  return cells.flatMap((c, i) => (published.get(c.uri) ?? []).map((d) => ({ ...d, cell: i })));
}
send({ method: 'initialized', params: {} });
const times = [];
let same = 0;
const differences = [];
let total = 0;
let notebooks = 0;
for (const file of files) {
  const uri = pathToFileURL(file).href;
  const t0 = performance.now();
  let diagnostics;
  if (LANG[path.extname(file)] === 'ipynb') {
    diagnostics = await openNotebook(file, uri);
    if (diagnostics === undefined) continue;
    notebooks++;
  } else {
    const got = new Promise((resolve) => waiting.set(uri, resolve));
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: LANG[path.extname(file)], version: 1, text: readFileSync(file, 'utf8') } } });
    await got;
    waiting.delete(uri);
    send({ method: 'textDocument/didClose', params: { textDocument: { uri } } });
    diagnostics = published.get(uri) ?? [];
  }
  times.push(performance.now() - t0);
  const server = diagnostics.map((d) => `${d.cell !== undefined ? `[${d.cell}] ` : ''}${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity}`).sort();
  const cli = cliFindings.get(file) ?? [];
  total += server.length;
  if (JSON.stringify(server) === JSON.stringify(cli)) same++;
  else differences.push({ file: path.relative(process.cwd(), file), server, cli });
}
const shutdown = await request(2, 'shutdown');
send({ method: 'exit' });
const code = await new Promise((resolve) => child.on('exit', resolve));
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(0);
console.log(`files: ${files.length} (${notebooks} notebooks through notebook sync); diagnostics from the server: ${total}; files where the server and check agree exactly: ${same}/${same + differences.length}`);
console.log(`didOpen → diagnostics, ms: median ${q(0.5)}, p90 ${q(0.9)}, max ${q(1)} (one session, files opened one after the other)`);
console.log(`shutdown answered ${JSON.stringify(shutdown.result)}, exit code ${code}`);
for (const d of differences) console.log(`DIFFERENT ${d.file}\n  server: ${d.server.join('; ')}\n  check:  ${d.cli.join('; ')}`);
process.exit(differences.length || code !== 0 ? 1 : 0);
