/**
 * The version agrees across package.json, CHANGELOG.md and both READMEs; every command, setting
 * and rule is documented in both READMEs and localized (package.nls*.json for the manifest, the
 * rule modules' zh-cn messages for the rules).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../../src/core/rules';
import { ROOT, nlsEn, nlsZh, pkg, readText } from './vsce';

const readmeEn = readText('README.md');
const readmeZh = readText('README.zh-cn.md');
const changelog = readText('CHANGELOG.md');
const CJK = /[\u4e00-\u9fff]/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `%key%` → key; fails the test when the string is not a placeholder. */
function nlsKey(value: unknown, what: string): string {
  const m = typeof value === 'string' ? /^%([\w.]+)%$/.exec(value) : null;
  expect(m, `${what} should be a %placeholder%`).not.toBeNull();
  return m![1]!;
}

function expectLocalized(key: string): void {
  expect(nlsEn[key], key).toMatch(/\S/);
  expect(nlsZh[key], key).toMatch(CJK);
}

const commands: { command: string; title: string; category?: string }[] = pkg.contributes.commands;
const settings: Record<string, { markdownDescription?: string; enumDescriptions?: string[] }> =
  pkg.contributes.configuration.properties;

describe('version', () => {
  const v = pkg.version as string;
  const word = new RegExp(`(^|[^\\d.])${escape(v)}(?![\\d])`);

  it('is the newest CHANGELOG entry', () => {
    const first = /^## +(\S+)/m.exec(changelog);
    expect(first?.[1]).toBe(v);
  });

  it('is named in README.md and README.zh-cn.md', () => {
    expect(readmeEn).toMatch(word);
    expect(readmeZh).toMatch(word);
  });
});

describe('commands', () => {
  it('are all contributed with a localized title under the Activation Lens category', () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const c of commands) {
      expect(c.category, c.command).toBe('Activation Lens');
      expectLocalized(nlsKey(c.title, c.command));
    }
  });

  it('are documented by the title a user sees, in English and in Chinese', () => {
    for (const c of commands) {
      const key = nlsKey(c.title, c.command);
      expect(readmeEn, c.command).toContain(`Activation Lens: ${nlsEn[key]}`);
      expect(readmeZh, c.command).toContain(`Activation Lens: ${nlsZh[key]}`);
    }
  });
});

describe('settings', () => {
  it('are all localized, enum descriptions included', () => {
    for (const [id, s] of Object.entries(settings)) {
      expectLocalized(nlsKey(s.markdownDescription, id));
      for (const d of s.enumDescriptions ?? []) expectLocalized(nlsKey(d, id));
    }
  });

  it('are documented by their id in both READMEs', () => {
    const ids = Object.keys(settings);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    for (const id of ids) {
      expect(readmeEn, id).toMatch(new RegExp(`\`${escape(id)}\``));
      expect(readmeZh, id).toMatch(new RegExp(`\`${escape(id)}\``));
    }
  });

  it('leave no stale or one-language strings in package.nls*.json', () => {
    const used = new Set([...JSON.stringify(pkg.contributes).matchAll(/%([\w.]+)%/g)].map((m) => m[1]!));
    expect(Object.keys(nlsEn).filter((k) => !used.has(k))).toEqual([]);
    expect(Object.keys(nlsZh).sort()).toEqual(Object.keys(nlsEn).sort());
  });
});

describe('rules', () => {
  const perRule = pkg.contributes.configuration.properties['activationLens.rules'].properties as Record<string, { markdownDescription: string }>;

  it('are the fourteen fixed ids, each with a page in docs/rules', () => {
    expect(rules.map((r) => r.id)).toEqual(Array.from({ length: 14 }, (_, i) => `ACT${String(i + 1).padStart(3, '0')}`));
    for (const r of rules) expect(existsSync(path.join(ROOT, 'docs', 'rules', `${r.id}.md`)), r.id).toBe(true);
  });

  it('are linked to their page and named in both READMEs', () => {
    for (const r of rules) {
      const link = `[${r.id}](docs/rules/${r.id}.md)`;
      for (const readme of [readmeEn, readmeZh]) {
        const row = readme.split('\n').find((l) => l.includes(link));
        expect(row, `${r.id} row`).toBeDefined();
        expect(row, r.id).toContain(r.name);
      }
    }
  });

  it('have every message and summary in English and Simplified Chinese', () => {
    for (const r of rules) {
      const texts = [...Object.values(r.messages), r.docs.summary];
      expect(texts.length, r.id).toBeGreaterThan(1);
      for (const t of texts) {
        expect(t.en, r.id).toMatch(/\S/);
        expect(t['zh-cn'], `${r.id}: ${t.en}`).toMatch(CJK);
      }
    }
  });

  it('each have a localized per-rule setting', () => {
    expect(Object.keys(perRule)).toEqual(rules.map((r) => r.id));
    for (const r of rules) expectLocalized(nlsKey(perRule[r.id]!.markdownDescription, r.id));
  });
});
