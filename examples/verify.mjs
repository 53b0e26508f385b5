// `npm run examples`: runs `activation-lens check examples/` (you see its normal text report), then
// compares the findings with expected-findings.json — which files must fire which rules, and which
// must stay clean. The CLI itself exits 1 here (the examples contain misuse on purpose); this
// wrapper exits 0 when the findings are exactly the expected ones, 1 otherwise (with a diff), and
// passes an exit code 2 of the CLI through.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const run = (format, stdio) => spawnSync(process.execPath, [cli, 'check', '--format', format, 'examples'], { cwd: root, stdio, encoding: 'utf8' });

const text = run('text', 'inherit');
if (text.status !== 1) {
  console.error(`\nexpected exit code 1 (findings) from the CLI, got ${text.status}`);
  process.exit(text.status === 2 ? 2 : 1);
}
const report = JSON.parse(run('json', ['ignore', 'pipe', 'inherit']).stdout);
const expected = JSON.parse(readFileSync(path.join(root, 'examples', 'expected-findings.json'), 'utf8'));
const actual = {};
for (const file of report.files) actual[file.path] = file.findings.map((f) => f.rule).sort();

const problems = [];
for (const p of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
  const want = JSON.stringify([...(expected[p] ?? [])].sort());
  const got = JSON.stringify(actual[p] ?? null);
  if (want !== got) problems.push(`  ${p}: expected ${want}, got ${got}`);
}
const fired = new Set(Object.values(actual).flat());
console.log(`\n${fired.size} of 14 rules fire on the examples: ${[...fired].sort().join(' ')}`);
if (problems.length > 0) {
  console.error(`the findings differ from examples/expected-findings.json:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('examples: findings are exactly the expected ones (clean files are clean).');
