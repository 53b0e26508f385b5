#!/usr/bin/env node
// The same in-host suite under @vscode/test-electron, for a machine that can download VS Code
// (these build machines cannot: use `npm run test:e2e`, which runs it in code-server).
//   node esbuild.mjs --tests && node test/e2e/electron.mjs
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const base = path.join(root, '.vscode-test', 'electron');
const workspace = path.join(base, 'workspace');
const results = path.join(base, 'host.json');
rmSync(workspace, { recursive: true, force: true });
mkdirSync(base, { recursive: true });
cpSync(path.join(root, 'test', 'e2e', 'fixtures'), workspace, { recursive: true });
rmSync(results, { force: true });
if (!existsSync(path.join(root, 'out', 'test', 'runner.js'))) throw new Error('build first: node esbuild.mjs --tests');

try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'runner.js'),
    extensionTestsEnv: { AL_E2E_RESULTS: results },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(base, 'user-data')],
  });
} catch (err) {
  console.error(err);
}
const r = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : undefined;
const failed = r?.tests.filter((t) => t.state === 'failed') ?? [];
for (const t of r?.tests ?? []) console.log(`${t.state === 'passed' ? 'ok  ' : t.state === 'failed' ? 'FAIL' : 'skip'} ${t.title}`);
for (const t of failed) console.log(`\n--- ${t.title}\n${t.error}`);
process.exit(r?.done && r.tests.length > 0 && failed.length === 0 ? 0 : 1);
