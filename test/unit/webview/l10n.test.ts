import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EN_STRINGS } from '../../../webview/strings';

const root = join(__dirname, '..', '..', '..');
const zh = JSON.parse(readFileSync(join(root, 'media', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort();

describe('plot panel strings', () => {
  it('has a Simplified Chinese text for every webview string, with the same placeholders', () => {
    for (const en of Object.values(EN_STRINGS)) {
      expect(zh[en], en).toBeTypeOf('string');
      expect(placeholders(zh[en]!), en).toEqual(placeholders(en));
    }
  });

  it('has a Simplified Chinese text for every vscode.l10n.t call of the panel host', () => {
    const dir = join(root, 'src', 'vscode', 'panel');
    const literals = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/l10n\.t\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!));
    expect(literals.length).toBeGreaterThan(5);
    for (const en of literals) expect(zh[en], en).toBeTypeOf('string');
  });
});
