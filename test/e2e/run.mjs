#!/usr/bin/env node
// `npm run test:e2e`: the extension in a real VS Code (code-server 4.100.3 = Code 1.100.3) driven
// by Debian's Chromium (E2E.md). Installs what it needs (setup.mjs), builds, starts code-server in
// its own process group, runs (1) the in-host mocha suite through the `payload` URL and (2) the UI
// suites (test/e2e/ui/**/*.ui.mjs), writes screenshots to test/e2e/artifacts/, fails on any
// failure, and ends only the process group it started.
// It also runs (3) the language server under a real client, headless Neovim (test/e2e/nvim/), first,
// since it needs neither code-server nor Chromium.
//   node test/e2e/run.mjs [--host-only | --ui-only | --nvim-only] [--grep TEXT] [--no-build] [--vsix | --source]
// The UI suites run the extension as users get it: `npm run package` builds the .vsix and
// code-server installs it (the default when building; --vsix with --no-build installs the .vsix
// already there). --source, and --no-build without --vsix, load this folder instead. The in-host
// suite always loads this folder (extensionDevelopmentPath), which takes precedence over the
// installed copy.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runNeovimSuite } from './nvim/run.mjs';
import { setup } from './setup.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const OVERALL_TIMEOUT_MS = Number(process.env.AL_E2E_TIMEOUT_MS ?? 25 * 60_000);
const HOST_TIMEOUT_MS = 5 * 60_000;
const UI_TEST_TIMEOUT_MS = 120_000;
const started = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);

/** Everything this run started, ended in `cleanup` (process groups by their own pid only). */
const owned = { groups: [], browser: undefined, runDir: undefined };

async function cleanup() {
  try {
    await owned.browser?.close();
  } catch {
    /* already gone */
  }
  for (const pid of owned.groups) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      continue;
    }
    for (let i = 0; i < 30; i++) {
      await sleep(100);
      try {
        process.kill(-pid, 0);
      } catch {
        break;
      }
    }
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* ended */
    }
  }
  owned.groups = [];
  if (owned.runDir) {
    const artifacts = path.join(ROOT, 'test', 'e2e', 'artifacts');
    mkdirSync(artifacts, { recursive: true });
    try {
      cpSync(path.join(owned.runDir, 'code-server.log'), path.join(artifacts, 'code-server.log'));
    } catch {
      /* never started */
    }
    if (!process.env.AL_E2E_KEEP_RUN_DIR) rmSync(owned.runDir, { recursive: true, force: true });
    owned.runDir = undefined;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** `npm run package` (unless --no-build), then install that .vsix into this run's extensions folder. */
function installVsix(paths) {
  const { name, publisher, version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.join(ROOT, `${name}-${version}.vsix`);
  if (!flag('--no-build')) {
    log('package: npm run package');
    rmSync(vsix, { force: true });
    const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}`);
    log(r.stdout.split('\n').find((l) => l.includes('Packaged:'))?.trim() ?? 'packaged');
  }
  if (!existsSync(vsix)) throw new Error(`${path.relative(ROOT, vsix)} is missing: run npm run package, or pass --source`);
  const extensions = path.join(paths.base, 'extensions');
  mkdirSync(extensions, { recursive: true });
  const r = spawnSync(
    process.execPath,
    [paths.codeServer, '--extensions-dir', extensions, '--user-data-dir', path.join(paths.base, 'user-data'), '--install-extension', vsix, '--force'],
    {
      cwd: paths.base,
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: paths.tmp, XDG_CONFIG_HOME: path.join(paths.base, 'xdg-config'), XDG_DATA_HOME: path.join(paths.base, 'xdg-data') },
    },
  );
  const folder = path.join(extensions, `${publisher}.${name}-${version}`);
  if (r.status !== 0 || !existsSync(path.join(folder, 'package.json'))) {
    throw new Error(`installing ${path.relative(ROOT, vsix)} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  }
  log(`installed ${path.relative(ROOT, vsix)} into ${path.relative(ROOT, folder)}`);
}

function build() {
  log('build: node esbuild.mjs --tests');
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
  if (!existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js was not built');
}

/** A fresh copy of the fixtures per suite, so edits made by one suite never leak into another. */
function freshWorkspace(base, name) {
  const dir = path.join(base, 'workspaces', name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'test', 'e2e', 'fixtures'), dir, { recursive: true });
  return dir;
}

function userSettings(userData) {
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'files.hotExit': 'off',
      // VS Code for the web saves after a delay by default; tests decide when a file is saved
      'files.autoSave': 'off',
      'window.restoreWindows': 'none',
      'editor.hover.delay': 200,
      'workbench.colorTheme': 'Default Dark Modern',
      'chat.commandCenter.enabled': false,
      'git.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }, null, 2),
  );
}

async function startCodeServer(paths) {
  const port = await freePort();
  const dirs = {
    userData: path.join(paths.base, 'user-data'),
    extensions: path.join(paths.base, 'extensions'),
    config: path.join(paths.base, 'config.yaml'),
    xdgConfig: path.join(paths.base, 'xdg-config'),
    xdgData: path.join(paths.base, 'xdg-data'),
  };
  rmSync(dirs.userData, { recursive: true, force: true });
  for (const d of [dirs.extensions, dirs.xdgConfig, dirs.xdgData]) mkdirSync(d, { recursive: true });
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  userSettings(dirs.userData);
  const logFile = path.join(paths.base, 'code-server.log');
  const out = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      paths.codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
      '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    ],
    {
      cwd: paths.base,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        TMPDIR: paths.tmp,
        XDG_CONFIG_HOME: dirs.xdgConfig,
        XDG_DATA_HOME: dirs.xdgData,
        AL_E2E_RESULTS: path.join(paths.base, 'results', 'host.json'),
        ...(option('--grep') ? { AL_E2E_GREP: option('--grep') } : {}),
      },
    },
  );
  owned.groups.push(child.pid);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}); see ${logFile}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) {
        log(`code-server ${url} (pid group ${child.pid}, log ${path.relative(ROOT, logFile)})`);
        return { url, port, logFile };
      }
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error('code-server did not answer /healthz within 60 s');
}

async function launchBrowser(paths) {
  const { chromium } = await import('playwright-core');
  const profile = path.join(paths.base, 'chromium-profile');
  rmSync(profile, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  owned.browser = context;
  return context;
}

/** The workbench URL for a folder, with this repository as the extension under development. */
export function workbenchUrl(server, folder, testsPath, { installed = false } = {}) {
  if (installed) return `${server.url}/?folder=${encodeURIComponent(folder)}`; // the installed .vsix, no development path
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(ROOT)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function runHostSuite(browser, server, paths) {
  const results = path.join(paths.base, 'results', 'host.json');
  mkdirSync(path.dirname(results), { recursive: true });
  rmSync(results, { force: true });
  // The panel test writes its marks next to host.json; the benchmark (bench/lib/static.mjs) reads them here.
  const panelPerf = path.join(path.dirname(results), 'panel-perf.json');
  const benchPerf = path.join(ROOT, 'test', 'e2e', 'artifacts', 'perf.json');
  rmSync(benchPerf, { force: true });
  const folder = freshWorkspace(paths.base, 'host');
  const page = await browser.newPage();
  page.on('pageerror', (e) => log('host page error:', e.message));
  const t0 = Date.now();
  await page.goto(workbenchUrl(server, folder, path.join(ROOT, 'out', 'test', 'runner.js')));
  const read = () => {
    try {
      return JSON.parse(readFileSync(results, 'utf8'));
    } catch {
      return undefined; // not there yet, or being written
    }
  };
  let reported = 0;
  for (;;) {
    const now = read();
    for (const t of now?.tests.slice(reported) ?? []) log(`host ${t.state === 'passed' ? 'ok  ' : t.state === 'failed' ? 'FAIL' : 'skip'} ${t.title}`);
    reported = now?.tests.length ?? reported;
    if (now?.done) break;
    if (Date.now() - t0 > HOST_TIMEOUT_MS) {
      await page.screenshot({ path: path.join(ROOT, 'test/e2e/artifacts/host-timeout.png') }).catch(() => {});
      throw new Error(`in-host suite wrote no results within ${HOST_TIMEOUT_MS / 1000} s (see ${server.logFile})`);
    }
    await sleep(250);
  }
  await sleep(200);
  const r = read();
  await page.close().catch(() => {});
  if (existsSync(panelPerf)) {
    mkdirSync(path.dirname(benchPerf), { recursive: true });
    cpSync(panelPerf, benchPerf);
  }
  const failed = r.tests.filter((t) => t.state === 'failed');
  for (const t of failed) console.log(`\n--- ${t.title}\n${t.error}\n`);
  if (r.error && !failed.length) console.log(r.error);
  log(`host suite: ${r.tests.length - failed.length}/${r.tests.length} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s (${r.files.length} files)`);
  if (r.tests.length === 0) return { passed: 0, failed: 1 };
  return { passed: r.tests.length - failed.length, failed: Math.max(failed.length, r.failures ?? 0) };
}

function uiFiles() {
  const dir = path.join(ROOT, 'test', 'e2e', 'ui');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ui.mjs')).sort().map((f) => path.join(dir, f));
}

async function runUiSuites(browser, server, paths) {
  const artifacts = path.join(ROOT, 'test', 'e2e', 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  let passed = 0;
  let failed = 0;
  const grep = option('--grep');
  for (const file of uiFiles()) {
    const mod = await import(pathToFileURL(file).href);
    const tests = mod.tests ?? [];
    const name = path.basename(file, '.ui.mjs');
    for (const [i, t] of tests.entries()) {
      if (grep && !`${name} ${t.name}`.includes(grep)) continue;
      // a folder per test: no editors restored from an earlier test's window
      const folder = freshWorkspace(paths.base, `ui-${name}-${i + 1}`);
      const page = await browser.newPage();
      const ctx = { page, browser, server, folder, artifacts, root: ROOT, log, url: workbenchUrl(server, folder, undefined, { installed: paths.installed }) };
      const t0 = Date.now();
      try {
        await Promise.race([
          t.run(ctx),
          sleep(UI_TEST_TIMEOUT_MS).then(() => { throw new Error(`timed out after ${UI_TEST_TIMEOUT_MS / 1000} s`); }),
        ]);
        passed++;
        log(`ui   ok   ${name}: ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        const shot = path.join(artifacts, `FAILED-${name}-${t.name.replace(/\W+/g, '_')}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        log(`ui   FAIL ${name}: ${t.name}\n${err?.stack ?? err}\n(screenshot ${path.relative(ROOT, shot)})`);
      } finally {
        await page.close().catch(() => {});
      }
    }
  }
  return { passed, failed };
}

/** The language server in headless Neovim; a failure to set it up counts as a failed test. */
async function runNvim() {
  try {
    return await runNeovimSuite({ root: ROOT, log });
  } catch (err) {
    log(`nvim FAIL ${err?.stack ?? err}`);
    return { passed: 0, failed: 1 };
  }
}

async function main() {
  if (flag('--nvim-only')) {
    if (!flag('--no-build')) build();
    return runNvim();
  }
  const installed = setup(ROOT, log);
  // Everything a run writes lives in its own folder, so two runs (two engineers) never collide.
  const base = path.join(installed.base, 'runs', String(process.pid));
  const paths = { ...installed, base, tmp: path.join(base, 'tmp') };
  rmSync(paths.base, { recursive: true, force: true });
  mkdirSync(paths.tmp, { recursive: true });
  owned.runDir = paths.base;
  if (!flag('--no-build')) build();
  const totals = { passed: 0, failed: 0 };
  const add = (r) => {
    totals.passed += r.passed;
    totals.failed += r.failed;
  };
  if (!flag('--host-only') && !flag('--ui-only') && !option('--grep')) add(await runNvim());
  paths.installed = !flag('--host-only') && (flag('--vsix') || (!flag('--source') && !flag('--no-build')));
  if (paths.installed) installVsix(paths);
  const server = await startCodeServer(paths);
  const browser = await launchBrowser(paths);
  if (!flag('--ui-only')) add(await runHostSuite(browser, server, paths));
  if (!flag('--host-only')) add(await runUiSuites(browser, server, paths));
  return totals;
}

const overall = setTimeout(async () => {
  log(`overall timeout (${OVERALL_TIMEOUT_MS / 1000} s) reached`);
  await cleanup();
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await cleanup(); process.exit(130); });

let code = 1;
try {
  const totals = await main();
  log(`done: ${totals.passed} passed, ${totals.failed} failed`);
  code = totals.failed === 0 && totals.passed > 0 ? 0 : 1;
} catch (err) {
  log('error:', err?.stack ?? err);
} finally {
  await cleanup();
  clearTimeout(overall);
}
process.exit(code);
