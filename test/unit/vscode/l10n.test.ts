import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const bundle = JSON.parse(readFileSync(new URL('media/l10n/bundle.l10n.zh-cn.json', root), 'utf8')) as Record<string, string>;

/** Every literal passed to vscode.l10n.t(…) or a t(…) in src/vscode, src/shared and src/server (the panel has its own test). */
function messages(): string[] {
  const out = new Set<string>();
  const files = ['src/vscode/', 'src/shared/', 'src/server/'].flatMap((dir) =>
    readdirSync(new URL(dir, root)).filter((n) => n.endsWith('.ts')).map((n) => `${dir}${n}`),
  );
  for (const f of files) {
    const src = readFileSync(new URL(f, root), 'utf8');
    for (const m of src.matchAll(/(?:l10n\.t|\bt)\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1]!.replace(/\\'/g, "'"));
    for (const m of src.matchAll(/(?:l10n\.t|\bt)\(\s*"((?:[^"\\]|\\.)*)"/g)) out.add(m[1]!);
  }
  return [...out];
}

describe('Simplified Chinese bundle', () => {
  it('translates every editor message, keeping its placeholders', () => {
    const all = messages();
    expect(all.length).toBeGreaterThan(30);
    for (const m of all) {
      expect(bundle[m], m).toBeTypeOf('string');
      const holders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort();
      expect(holders(bundle[m]!), m).toEqual(holders(m));
    }
  });
});
