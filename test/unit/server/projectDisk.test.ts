/**
 * Reading a project from disk (src/node/projectDisk.ts, shared by the CLI and the language server):
 * which files a workspace listing keeps, and the imports a file pulls in. Trees written by the test.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { Project } from '../../../src/core/project';
import { keyOfPath, listProjectFiles, pullImports, readSummary } from '../../../src/node/projectDisk';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'al-disk-')));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('listing a workspace', () => {
  it('keeps .py and .ipynb files, skips node_modules, .git, venv, site-packages, __pycache__, dist, build and hidden folders', async () => {
    const dir = tree({
      'a.py': '',
      'nb.ipynb': '{}',
      'notes.md': '',
      'pkg/__init__.py': '',
      'pkg/b.py': '',
      'node_modules/x/c.py': '',
      '.git/d.py': '',
      'venv/lib/e.py': '',
      'lib/site-packages/f.py': '',
      'pkg/__pycache__/g.py': '',
      'dist/h.py': '',
      'build/i.py': '',
      '.hidden/j.py': '',
    });
    const listed = (await listProjectFiles([keyOfPath(dir)])).map((k) => k.slice(keyOfPath(dir).length + 1));
    expect(listed).toEqual(['a.py', 'nb.ipynb', 'pkg/__init__.py', 'pkg/b.py']);
    expect(await listProjectFiles([keyOfPath(dir)], 2)).toHaveLength(2);
  });
});

describe('pulling imports from disk', () => {
  it('follows a file’s imports to the project files on disk, transitively, and not to what is not there', async () => {
    const dir = tree({
      'train.py': 'import torch\nfrom models.net import Net\n',
      'models/__init__.py': '',
      'models/net.py': 'import torch.nn as nn\nfrom .blocks import Block\n\nclass Net(nn.Module):\n    pass\n',
      'models/blocks.py': 'import torch.nn as nn\n\nclass Block(nn.Module):\n    pass\n',
      'unrelated.py': 'import torch\n',
    });
    const root = keyOfPath(dir);
    const project = new Project([root]);
    const train = await readSummary(`${root}/train.py`, analyze, {}, 1_000_000);
    project.set(train!);
    const read: string[] = [];
    const handed = await pullImports(project, [`${root}/train.py`], async (f) => {
      read.push(f);
      const s = await readSummary(f, analyze, {}, 1_000_000);
      if (s) project.set(s);
      return s !== undefined;
    });
    expect(handed).toEqual(read);
    expect(read.map((k) => k.slice(root.length + 1))).toEqual(['models/net.py', 'models/blocks.py']);
    expect(project.get(`${root}/unrelated.py`)).toBeUndefined();
  });
});
