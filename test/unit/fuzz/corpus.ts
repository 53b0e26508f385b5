/**
 * The fuzz corpus: every fixture and example the analyzer understands (test/fixtures/**,
 * test/e2e/fixtures/**, examples/**), read as text with the analyzer language of its extension.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLanguage } from '../../../src/core/types';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const LANGUAGE: Readonly<Record<string, SourceLanguage>> = {
  '.py': 'python',
  '.ipynb': 'ipynb',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'typescript',
};

export interface Seed {
  /** Repository-relative path, used to name inputs in reports. */
  name: string;
  text: string;
  language: SourceLanguage;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

/** Scripts that live next to the examples but are not model code. */
const NOT_MODEL_CODE = new Set(['examples/verify.mjs']);

export function loadCorpus(): Seed[] {
  const files: string[] = [];
  for (const dir of ['test/fixtures', 'test/e2e/fixtures', 'examples']) {
    try {
      walk(path.join(ROOT, dir), files);
    } catch {
      // a folder that does not exist (yet) contributes nothing
    }
  }
  const seeds: Seed[] = [];
  for (const full of files) {
    const name = path.relative(ROOT, full).split(path.sep).join('/');
    const language = LANGUAGE[path.extname(full).toLowerCase()];
    if (!language || NOT_MODEL_CODE.has(name)) continue;
    seeds.push({ name, text: readFileSync(full, 'utf8'), language });
  }
  return seeds;
}
