/** Marketplace metadata in package.json: what vsce and the marketplace read, checked against the repository. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../../../src/shared/links';
import { ROOT, pkg, readText } from './vsce';

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!b.subarray(0, 8).equals(signature) || b.toString('latin1', 12, 16) !== 'IHDR') throw new Error(`${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Targets of Markdown images `![alt](target)` and HTML `<img src="…">`. */
function imageTargets(markdown: string): string[] {
  const md = [...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const html = [...markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
  return [...md, ...html];
}

describe('marketplace metadata', () => {
  it('names the publisher, extension and what it does', () => {
    expect(pkg.name).toBe('activation-lens');
    expect(pkg.publisher).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(pkg.displayName).toBe('Activation Lens');
    expect(pkg.description.length).toBeGreaterThan(40);
    expect(pkg.description.length).toBeLessThanOrEqual(200);
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has the three categories and a short list of distinct keywords', () => {
    expect(pkg.categories).toEqual(['Linters', 'Machine Learning', 'Visualization']);
    const keywords: string[] = pkg.keywords;
    expect(keywords.length).toBeGreaterThanOrEqual(5);
    expect(keywords.length).toBeLessThanOrEqual(30); // vsce refuses more than 30
    expect(new Set(keywords.map((k) => k.toLowerCase())).size).toBe(keywords.length);
  });

  it('uses a 128×128 PNG icon from media/ and a gallery banner', () => {
    expect(pkg.icon).toBe('media/icon.png');
    expect(pngSize(path.join(ROOT, pkg.icon))).toEqual({ width: 128, height: 128 });
    expect(pkg.galleryBanner.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(['dark', 'light']).toContain(pkg.galleryBanner.theme);
  });

  it('points repository, homepage, bugs and the rule links at the same repository', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'https://github.com/activation-lens/activation-lens' });
    expect(REPOSITORY_URL).toBe(pkg.repository.url);
    expect(pkg.homepage.startsWith(pkg.repository.url)).toBe(true);
    expect(pkg.bugs.url).toBe(`${pkg.repository.url}/issues`);
  });

  it('declares the license the LICENSE file grants', () => {
    expect(pkg.license).toBe('MIT');
    expect(readText('LICENSE').split('\n')[0]).toBe('MIT License');
  });

  it('requires the VS Code version whose API types it compiles against', () => {
    const types = pkg.devDependencies['@types/vscode'];
    expect(types).toMatch(/^\d+\.\d+\.\d+$/); // pinned, so the minimum below is exact
    const installed = JSON.parse(readText('node_modules/@types/vscode/package.json')).version;
    expect(installed).toBe(types);
    expect(pkg.engines.vscode).toBe(`^${types}`);
  });

  it('says how it behaves in untrusted and virtual workspaces', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = pkg.capabilities;
    // The extension only reads text: it never runs workspace code, so untrusted workspaces are fine.
    expect(untrustedWorkspaces.supported).toBe(true);
    expect(virtualWorkspaces === true || virtualWorkspaces?.supported === true || typeof virtualWorkspaces?.description === 'string').toBe(true);
  });

  it('activates on the languages it serves, never on every start-up', () => {
    expect(pkg.activationEvents).not.toContain('*');
    expect(pkg.activationEvents).not.toContain('onStartupFinished');
    expect(pkg.activationEvents).toEqual(expect.arrayContaining(['onLanguage:python', 'onNotebook:jupyter-notebook']));
  });

  it('packages a release build without dependencies', () => {
    expect(pkg.scripts.package).toBe('node esbuild.mjs --production && vsce package --no-dependencies');
    expect(pkg.dependencies ?? {}).toEqual({}); // everything the extension needs is bundled
  });

  for (const readme of ['README.md', 'README.zh-cn.md']) {
    it(`${readme} shows only PNG pictures kept in the repository (vsce rejects SVG)`, () => {
      const targets = imageTargets(readText(readme));
      expect(targets.length).toBeGreaterThanOrEqual(3);
      for (const t of targets) {
        expect(t, t).toMatch(/^media\/screenshots\/[\w-]+\.png$/);
        expect(existsSync(path.join(ROOT, t)), t).toBe(true);
        expect(pngSize(path.join(ROOT, t)).width, t).toBeGreaterThan(200);
      }
    });
  }
});
