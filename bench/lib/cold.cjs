// One cold start in a fresh process (run by bench/run.mjs several times):
//   mode "extension": require(dist/extension.js) with a fake `vscode`, activate() with one Python
//     document open, until the first diagnostics are published (grammar loading included);
//   mode "core": require(dist/bench/core.cjs) and the first analyze() of the same text.
// Prints one JSON line of milliseconds.
'use strict';
const t0 = performance.now();
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');

const [mode, bundle, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');

async function main() {
  if (mode === 'core') {
    const core = require(path.resolve(bundle));
    const t1 = performance.now();
    const r = await core.analyze(text, { language: 'python' });
    const t2 = performance.now();
    return { requireMs: t1 - t0, firstResultMs: t2 - t0, analyzeMs: t2 - t1, findings: r.findings.length };
  }
  const fake = require('./fake-vscode.cjs');
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fake.vscode };
  const tStart = performance.now();
  const ext = require(path.resolve(bundle));
  const t1 = performance.now();
  fake.textDocuments.push(fake.textDocument(path.resolve(file), 'python', text));
  const first = new Promise((res) => fake.onPublish(res));
  const root = path.resolve(path.dirname(bundle), '..');
  const context = {
    subscriptions: [],
    extensionUri: fake.vscode.Uri.file(root),
    extensionPath: root,
    asAbsolutePath: (p) => path.join(root, p),
    globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    extension: { packageJSON: {} },
  };
  ext.activate(context);
  const t2 = performance.now();
  const pub = await Promise.race([first, new Promise((_, rej) => setTimeout(() => rej(new Error('no diagnostics within 20 s')), 20_000))]);
  const t3 = performance.now();
  return { requireMs: t1 - tStart, activateMs: t2 - t1, firstResultMs: t3 - t0, afterActivateMs: t3 - t2, findings: pub.count };
}

main().then(
  (r) => {
    process.stdout.write(JSON.stringify(r) + '\n');
    process.exit(0);
  },
  (e) => {
    process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) }) + '\n');
    process.exit(1);
  },
);
