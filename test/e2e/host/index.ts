/**
 * In-host test runner: runs inside the VS Code extension host (code-server via the `payload` URL,
 * or @vscode/test-electron). Finds the bundled tests next to it (out/test/host/**\/*.test.js), runs
 * them with mocha and writes a JSON results file, because the host exits 0 even when run() throws.
 * The results path comes from AL_E2E_RESULTS (default: out/test/results.json).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export async function run(): Promise<void> {
  const results = process.env.AL_E2E_RESULTS ?? path.join(__dirname, 'results.json');
  const grep = process.env.AL_E2E_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, ...(grep ? { grep } : {}) });
  const dir = path.join(__dirname, 'host');
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  const tests: TestRecord[] = [];
  const started = Date.now();
  const write = (extra: Record<string, unknown>) =>
    writeFileSync(results, JSON.stringify({ files, tests, durationMs: Date.now() - started, ...extra }, null, 2));
  try {
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((n) => resolve(n));
      // written after every test, so a run that never finishes still shows how far it got
      const record = (r: TestRecord) => {
        tests.push(r);
        write({ done: false });
      };
      runner.on('pass', (t) => record({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
      runner.on('pending', (t) => record({ title: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t, err: Error) => record({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
    });
    write({ failures, done: true });
    if (failures > 0) throw new Error(`${failures} in-host test(s) failed`);
  } catch (err) {
    if (!tests.some((t) => t.state === 'failed')) write({ failures: 1, done: true, error: String((err as Error)?.stack ?? err) });
    throw err;
  }
}
