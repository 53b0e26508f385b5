// Installs what the e2e tests need, idempotently (E2E.md): Debian's chromium, ripgrep and
// libkrb5-dev through apt (as root, only when /usr/bin/chromium is missing), then code-server
// into the git-ignored .vscode-test/ folder, giving @vscode/ripgrep Debian's rg via its cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const RG_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RG_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** @param {string} root repository root; returns the paths the harness uses. */
export function setup(root, log = console.log) {
  const base = path.join(root, '.vscode-test');
  const prefix = path.join(base, 'code-server');
  const tmp = path.join(base, 'tmp');
  const bin = path.join(prefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  mkdirSync(tmp, { recursive: true });

  const APT = ['chromium', 'ripgrep', 'libkrb5-dev', 'python3', 'make', 'g++'];
  const installed = (pkg) => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');
  const missing = APT.filter((p) => !installed(p));
  if (!existsSync('/usr/bin/chromium') || !existsSync('/usr/bin/rg') || (missing.length && !existsSync(bin))) {
    if (process.getuid?.() !== 0) {
      throw new Error('e2e needs /usr/bin/chromium and /usr/bin/rg: run as root once, or apt-get install chromium ripgrep libkrb5-dev');
    }
    log(`e2e setup: apt-get install ${APT.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...APT], { stdio: 'inherit', env });
  }

  if (!existsSync(bin)) {
    log(`e2e setup: npm install code-server@${CODE_SERVER_VERSION} into ${path.relative(root, prefix)} (a few minutes)`);
    const cache = path.join(tmp, RG_CACHE);
    mkdirSync(cache, { recursive: true });
    const tarball = path.join(cache, RG_TARBALL);
    if (!existsSync(tarball)) execFileSync('tar', ['czf', tarball, '-C', '/usr/bin', 'rg']);
    mkdirSync(prefix, { recursive: true });
    if (!existsSync(path.join(prefix, 'package.json'))) {
      writeFileSync(path.join(prefix, 'package.json'), '{"name":"e2e-code-server","private":true}\n');
    }
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: prefix,
      stdio: 'inherit',
      env: { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
    });
    if (!existsSync(bin)) throw new Error(`code-server did not install: ${bin} is missing`);
  }
  return { base, tmp, codeServer: bin };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setup(path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..'));
}
