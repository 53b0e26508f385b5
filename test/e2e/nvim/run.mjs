// The language server with a real client: Neovim from Debian's packages, headless, configured by
// init.lua (the setup the README gives), opening a model file, waiting for the diagnostics,
// asking for a hover (and opening Neovim's own hover window), applying the preferred quick fix,
// the cross-file finding the server publishes for a file of the folder that is not open,
// and quitting (shutdown + exit). Part of `npm run test:e2e` (run.mjs); alone:
//   node test/e2e/nvim/run.mjs            (needs `npm run build` first)
// Installs neovim with apt-get when it is missing (as root, like setup.mjs installs chromium).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TIMEOUT_MS = 150_000;

/** A model with three findings on purpose (written for this test). */
export const MODEL = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  'def forward(x):',
  '    y = F.tanh(x)',
  '    return F.softmax(y)',
  '',
  'model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1))',
  'loss_fn = nn.CrossEntropyLoss()',
  'loss = loss_fn(model(torch.randn(2, 4)), torch.tensor([0, 1]))',
  '',
].join('\n');

/** Two more files of the project, never opened: the model's softmax in one, its loss in the other. */
export const CROSS_NET = [
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  '',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(16, 4)',
  '',
  '    def forward(self, x):',
  '        return F.softmax(self.fc(x), dim=1)',
  '',
].join('\n');
export const CROSS_TRAIN = ['import torch.nn as nn', 'from cross_net import Net', '', 'net = Net()', 'criterion = nn.CrossEntropyLoss()', 'loss = criterion(net(x), y)', ''].join('\n');

/** `nvim` on PATH, installed from Debian's packages when missing (root only). */
export function ensureNeovim(log = console.log) {
  const found = () => spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  let v = found();
  if (v.status !== 0) {
    if (process.getuid?.() !== 0) throw new Error('the Neovim test needs nvim: run as root once, or apt-get install neovim');
    log('nvim setup: apt-get install neovim');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'neovim'], { stdio: 'inherit', env });
    v = found();
    if (v.status !== 0) throw new Error('neovim did not install');
  }
  return v.stdout.split('\n')[0];
}

function check(results) {
  const failures = [];
  const expect = (ok, what) => {
    if (!ok) failures.push(what);
  };
  const ds = results.diagnostics ?? [];
  expect(results.error === undefined, `Neovim reported an error: ${results.error}`);
  expect(results.filetype === 'python', `filetype is ${results.filetype}`);
  expect(results.diagnostics_arrived === true, 'no diagnostics arrived');
  expect(results.settings_applied === true, 'the settings from the Lua config never took effect');
  expect(JSON.stringify(ds.map((d) => d.code)) === JSON.stringify(['ACT013', 'ACT006', 'ACT001']), `diagnostic codes ${JSON.stringify(ds.map((d) => d.code))}`);
  expect(ds.every((d) => d.source === 'Activation Lens'), 'a diagnostic without the source "Activation Lens"');
  // vim.diagnostic.severity: ERROR 1, WARN 2, INFO 3, HINT 4; ACT006 raised to error by the Lua config's init_options
  expect(JSON.stringify(ds.map((d) => d.severity)) === JSON.stringify([4, 1, 2]), `severities ${JSON.stringify(ds.map((d) => d.severity))}`);
  expect(ds[0]?.lnum === 5 && ds[0]?.col === 8 && ds[0]?.end_col === 14, `ACT013 at ${JSON.stringify(ds[0])}`);
  const hover = typeof results.hover === 'string' ? results.hover : '';
  expect(hover.includes('**Tanh** — PyTorch'), 'hover lacks the activation');
  expect(/!\[Tanh and its derivative\]\(data:image\/svg\+xml;base64,/.test(hover), 'hover lacks the picture');
  expect(hover.includes('**ACT013**'), 'hover lacks the rule');
  const float = Array.isArray(results.hover_float) ? results.hover_float.join('\n') : '';
  expect(float.includes('**Tanh** — PyTorch') || float.includes('Tanh — PyTorch'), `Neovim's hover window shows ${JSON.stringify(float.slice(0, 200))}`);
  expect(results.code_actions?.[0] === 'Use torch.tanh', `code actions ${JSON.stringify(results.code_actions)}`);
  expect(results.line_after_fix === '    y = torch.tanh(x)', `line after the fix: ${JSON.stringify(results.line_after_fix)}`);
  expect(results.diagnostic_gone_after_fix === true, 'the ACT013 diagnostic stayed after the fix');
  expect(results.diagnostics_after_fix === 2, `diagnostics after the fix: ${results.diagnostics_after_fix}`);
  const cross = results.cross_file ?? [];
  expect(
    cross.length === 1 && cross[0].code === 'ACT001' && cross[0].lnum === 10 && String(cross[0].related).endsWith('/cross_train.py'),
    `cross-file diagnostics for cross_net.py: ${JSON.stringify(cross)}`,
  );
  expect(results.server_exit?.code === 0, `server exit ${JSON.stringify(results.server_exit)}`);
  return failures;
}

/** Runs the Neovim test; returns {passed, failed} like the other suites of run.mjs. */
export async function runNeovimSuite({ root, log = console.log }) {
  const cli = path.join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: npm run build');
  const version = ensureNeovim(log);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'al-nvim-'));
  try {
    const work = path.join(dir, 'project');
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(work, 'model.py'), MODEL);
    writeFileSync(path.join(work, 'cross_net.py'), CROSS_NET);
    writeFileSync(path.join(work, 'cross_train.py'), CROSS_TRAIN);
    const out = path.join(dir, 'results.json');
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_STATE_HOME: path.join(dir, 'state'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      LANG: 'C.UTF-8',
      AL_CLI: cli,
      AL_OUT: out,
    };
    const t0 = Date.now();
    const code = await new Promise((resolve) => {
      const child = spawn('nvim', ['--headless', '--clean', '-n', '-u', path.join(HERE, 'init.lua'), 'model.py'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (c) => (output += c));
      child.stderr.on('data', (c) => (output += c));
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
      child.on('exit', (c) => {
        clearTimeout(timer);
        if (output.trim()) log(`nvim output:\n${output.trim()}`);
        resolve(c);
      });
    });
    if (!existsSync(out)) {
      log(`nvim FAIL: no results written (nvim exit ${code})`);
      return { passed: 0, failed: 1 };
    }
    const results = JSON.parse(readFileSync(out, 'utf8'));
    const failures = check(results);
    if (failures.length) {
      log(`nvim FAIL (${version}):\n  ${failures.join('\n  ')}\nresults: ${JSON.stringify(results, null, 1).slice(0, 4000)}`);
      return { passed: 0, failed: 1 };
    }
    log(`nvim ok   ${version}: diagnostics, hover (text and window), quick fix applied, a cross-file finding in a file not open, exit 0 (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return { passed: 1, failed: 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runNeovimSuite({ root: path.resolve(HERE, '..', '..', '..') });
  process.exit(r.failed === 0 && r.passed > 0 ? 0 : 1);
}
