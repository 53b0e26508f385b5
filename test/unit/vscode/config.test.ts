import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, INLAY_MODES, normalize, RULE_IDS, RULE_LEVELS, RUN_MODES, ruleConfigs } from '../../../src/shared/config';
import { REPOSITORY_URL, ruleDocsUrl } from '../../../src/shared/links';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
const props = pkg.contributes.configuration.properties as Record<string, any>;
const nls = (lang: string) => JSON.parse(readFileSync(new URL(`../../../package.nls${lang}.json`, import.meta.url), 'utf8'));

describe('package.json settings agree with the code', () => {
  it('declares every setting with the code default, resource scope and a markdown description', () => {
    const declared = Object.keys(props).map((k) => k.replace(/^activationLens\./, '')).sort();
    expect(declared).toEqual(Object.keys(DEFAULTS).sort());
    for (const [key, value] of Object.entries(DEFAULTS)) {
      const p = props[`activationLens.${key}`];
      expect(p.default, key).toEqual(value);
      expect(p.scope, key).toBe('resource');
      expect(p.markdownDescription, key).toMatch(/^%.+%$/);
    }
  });

  it('offers the same enums as the code', () => {
    expect(props['activationLens.run'].enum).toEqual([...RUN_MODES]);
    expect(props['activationLens.inlayHints'].enum).toEqual([...INLAY_MODES]);
    expect(Object.keys(props['activationLens.rules'].properties)).toEqual([...RULE_IDS]);
    for (const id of RULE_IDS) expect(props['activationLens.rules'].properties[id].enum).toEqual([...RULE_LEVELS]);
  });

  it('has every %key% translated in English and Simplified Chinese', () => {
    const keys = [...JSON.stringify(pkg.contributes).matchAll(/%([\w.]+)%/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(20);
    const en = nls('');
    const zh = nls('.zh-cn');
    for (const k of keys) {
      expect(en[k], k).toBeTypeOf('string');
      expect(zh[k], k).toBeTypeOf('string');
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('links rule docs to the repository package.json names', () => {
    expect(pkg.repository.url).toBe(REPOSITORY_URL);
    expect(ruleDocsUrl('ACT001')).toBe('https://github.com/activation-lens/activation-lens/blob/main/docs/rules/ACT001.md');
  });

  it('never activates on * and declares untrusted/virtual workspace support', () => {
    expect(pkg.activationEvents).not.toContain('*');
    expect(pkg.activationEvents).toContain('onNotebook:jupyter-notebook');
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(pkg.capabilities.virtualWorkspaces).toBe(true);
  });
});

describe('normalize and ruleConfigs', () => {
  it('falls back to defaults on bad values and keeps good ones', () => {
    expect(normalize({})).toEqual(DEFAULTS);
    const s = normalize({ enable: false, run: 'onSave', saturatingDepth: 1, maxFileSize: -3, debounceMs: 50, rules: { ACT001: 'error', ACT002: 'bogus', ACT003: 'off' } });
    expect(s).toEqual({ enable: false, run: 'onSave', debounceMs: 50, saturatingDepth: 3, maxFileSize: 2_000_000, rules: { ACT001: 'error', ACT003: 'off' }, inlayHints: 'defaults', codeLens: true });
    expect(normalize({ run: 'always' }).run).toBe('onType');
    expect(normalize({ inlayHints: 'all', codeLens: false })).toMatchObject({ inlayHints: 'all', codeLens: false });
    expect(normalize({ inlayHints: 'some', codeLens: 'yes' })).toMatchObject({ inlayHints: 'defaults', codeLens: true });
  });

  it('maps levels to analyzer rule configs', () => {
    expect(ruleConfigs(normalize({ rules: { ACT001: 'error', ACT003: 'off', ACT004: 'default' } }))).toEqual({
      ACT001: { severity: 'error' },
      ACT003: { enabled: false },
    });
  });
});
