import { test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { findings } from './harness';
test('dump', async () => {
  const dir = process.env.SNIP ?? '/tmp/snip/';
  for (const f of readdirSync(dir).sort()) {
    const lang = f.endsWith('.js') ? 'javascript' : 'python';
    const fs = await findings(readFileSync(dir + f, 'utf8'), lang);
    console.log('== ' + f + '\n' + fs.map((x) => `${x.rule} ${x.range.start.line}:${x.range.start.column}-${x.range.end.line}:${x.range.end.column} ${x.message}${x.fix ? ` [fix safe=${x.fix.safe}: ${JSON.stringify(x.fix.edits.map((e) => e.newText))}]` : ''}${x.related ? ' rel=' + x.related.map((r) => r.range.start.line + ':' + r.range.start.column).join(',') : ''}`).join('\n'));
  }
});
