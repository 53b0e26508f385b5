import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { SERVER_HELP } from '../../../src/cli/help';
import { kindWanted, localeOf } from '../../../src/server/server';
import { mergeSettings, sectionOf } from '../../../src/server/settings';

describe('activation-lens server: the command line', () => {
  it('needs --stdio, takes --lang, and no paths', () => {
    expect(parseArgs(['server', '--stdio'], { LANG: 'C' })).toEqual({ command: 'server', lang: 'en' });
    expect(parseArgs(['server', '--stdio'], { LANG: 'zh_CN.UTF-8' })).toEqual({ command: 'server', lang: 'zh-cn' });
    expect(parseArgs(['server', '--stdio', '--lang', 'zh-cn'], {})).toEqual({ command: 'server', lang: 'zh-cn' });
    expect(() => parseArgs(['server'], {})).toThrow(UsageError);
    expect(() => parseArgs(['server'], {})).toThrow(/--stdio/);
    expect(() => parseArgs(['server', '--stdio', 'model.py'], {})).toThrow(/no PATH/);
    expect(() => parseArgs(['server', '--socket=9000'], {})).toThrow(/unknown option/);
    expect(parseArgs(['server', '--help'], {})).toEqual({ command: 'help', topic: 'server' });
    expect(parseArgs(['help', 'server'], {})).toEqual({ command: 'help', topic: 'server' });
    expect(SERVER_HELP).toMatch(/^activation-lens server --stdio/);
    expect(SERVER_HELP).toContain('activationLens');
  });
});

describe('server helpers', () => {
  it('reads the locale a client names', () => {
    expect(localeOf('zh-CN', 'en')).toBe('zh-cn');
    expect(localeOf('zh-tw', 'en')).toBe('zh-cn');
    expect(localeOf('de', 'zh-cn')).toBe('en');
    expect(localeOf(undefined, 'zh-cn')).toBe('zh-cn');
    expect(localeOf(42, 'en')).toBe('en');
  });

  it('matches requested code action kinds by prefix', () => {
    expect(kindWanted(undefined, 'source.fixAll.activationLens')).toBe(true);
    expect(kindWanted(['source.fixAll'], 'source.fixAll.activationLens')).toBe(true);
    expect(kindWanted(['source'], 'source.fixAll.activationLens')).toBe(true);
    expect(kindWanted(['source.fix'], 'source.fixAll.activationLens')).toBe(false);
    expect(kindWanted(['quickfix'], 'source.fixAll.activationLens')).toBe(false);
    expect(kindWanted([], 'quickfix')).toBe(false);
  });

  it('finds the settings section in what clients send, and normalizes it like VS Code', () => {
    expect(sectionOf({ activationLens: { enable: false } })).toEqual({ enable: false });
    expect(sectionOf({ enable: false })).toEqual({ enable: false });
    expect(sectionOf({ 'activationLens.enable': false, 'activationLens.rules': { ACT001: 'off' } })).toEqual({ enable: false, rules: { ACT001: 'off' } });
    expect(sectionOf(null)).toBeUndefined();
    expect(sectionOf('x')).toBeUndefined();
    const s = mergeSettings({ saturatingDepth: 5, rules: { ACT001: 'off' } }, { rules: { ACT002: 'error', ACT003: 'loud' } }, { debounceMs: -3 });
    expect(s.saturatingDepth).toBe(5);
    expect(s.rules).toEqual({ ACT002: 'error' }); // later layers replace the whole rules object; bad levels are dropped
    expect(s.debounceMs).toBe(300);
  });
});
