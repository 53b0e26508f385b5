import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject, type ProjectCheck, type ProjectFile } from '../../../src/core/project';
import type { SourceLanguage } from '../../../src/core/types';

const ROOT = path.join(__dirname, '../../fixtures/project');

function filesOf(dir: string): ProjectFile[] {
  const out: ProjectFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(py|ipynb)$/.test(name)) {
        const language: SourceLanguage = name.endsWith('.ipynb') ? 'ipynb' : 'python';
        out.push({ path: path.relative(ROOT, p).split(path.sep).join('/'), text: readFileSync(p, 'utf8'), language });
      }
    }
  };
  walk(path.join(ROOT, dir));
  return out;
}

async function check(dir: string, options = {}): Promise<ProjectCheck> {
  return checkProject(filesOf(dir), options, [dir]);
}

/** The project findings as `RULE path:line → related path:line`, 1-based lines. */
function linked(c: ProjectCheck): string[] {
  const out: string[] = [];
  for (const [file, list] of c.linked) {
    for (const f of list) {
      const rel = (f.related ?? []).map((r) => `${r.path}:${r.range.start.line + 1}`).join(',');
      out.push(`${f.rule} ${file}:${f.range.start.line + 1}${f.range.cell !== undefined ? `@${f.range.cell}` : ''} → ${rel}`);
    }
  }
  return out.sort();
}

describe('project: a model in one file meets a loss in another', () => {
  it('from model import Net: softmax in forward() into CrossEntropyLoss (ACT001 at the softmax, related at the loss call)', async () => {
    const c = await check('from-import');
    expect(linked(c)).toEqual(['ACT001 from-import/model.py:14 → from-import/train.py:7']);
    const f = c.linked.get('from-import/model.py')![0]!;
    expect(f.related![0]!.message).toContain('CrossEntropyLoss');
    // Neither file alone reports it.
    expect(c.results.get('from-import/model.py')!.findings.map((x) => x.rule)).not.toContain('ACT001');
    expect(c.results.get('from-import/train.py')!.findings.map((x) => x.rule)).not.toContain('ACT001');
  });

  it('clean twin: logits into CrossEntropyLoss across two files stays silent', async () => {
    expect(linked(await check('from-import-clean'))).toEqual([]);
  });

  it('from .models.builder import build_classifier (namespace package, factory function): ACT002 at the compile loss', async () => {
    const c = await check('relative');
    expect(linked(c)).toEqual(['ACT002 relative/pkg/train.py:6 → relative/pkg/models/builder.py:7']);
    expect(linked(await check('relative-clean'))).toEqual([]);
  });

  it('from ..common.heads import Detector (parent package): ACT002 at BCELoss; BCEWithLogitsLoss stays silent', async () => {
    expect(linked(await check('parent-relative'))).toEqual(['ACT002 parent-relative/pkg/training/loop.py:6 → parent-relative/pkg/common/heads.py:8']);
    expect(linked(await check('parent-relative-clean'))).toEqual([]);
  });

  it('import models.net as arch; arch.regressor(x): ACT010 softmax output into MSELoss; without the softmax silent', async () => {
    expect(linked(await check('import-as'))).toEqual(['ACT010 import-as/models/net.py:7 → import-as/fit.py:5']);
    expect(linked(await check('import-as-clean'))).toEqual([]);
  });

  it('re-export through models/__init__.py: logits into F.nll_loss (ACT002); log_softmax twin silent', async () => {
    expect(linked(await check('reexport'))).toEqual(['ACT002 reexport/main.py:9 → reexport/models/net.py:9']);
    expect(linked(await check('reexport-clean'))).toEqual([]);
  });

  it('a notebook importing a local module: softmax output into from_logits=True (ACT001 in model.py, related in the cell)', async () => {
    const c = await check('notebook');
    expect(linked(c)).toEqual(['ACT001 notebook/model.py:8 → notebook/train.ipynb:3']);
    const rel = c.linked.get('notebook/model.py')![0]!.related![0]!;
    expect(rel.range.cell).toBe(1);
    expect(linked(await check('notebook-clean'))).toEqual([]);
  });

  it('a third-party name that matches a file outside the search path stays third-party; a file next to the script shadows it', async () => {
    expect(linked(await check('shadow'))).toEqual([]);
    expect(linked(await check('shadow-local'))).toEqual(['ACT001 shadow-local/timm.py:5 → shadow-local/train.py:5']);
  });

  it('honours select / ignore and noqa in the file the finding lands in', async () => {
    expect(linked(await check('from-import', { ignore: ['ACT001'] }))).toEqual([]);
    expect(linked(await check('from-import', { select: ['ACT002'] }))).toEqual([]);
    const files = filesOf('from-import').map((f) => (f.path.endsWith('model.py') ? { ...f, text: f.text.replace('return F.softmax(x, dim=1)', 'return F.softmax(x, dim=1)  # noqa: ACT001') } : f));
    expect(linked(await checkProject(files, {}, ['from-import']))).toEqual([]);
  });

  it('dependents: the files that import a module, directly or through a package', async () => {
    const c = await check('reexport');
    expect(c.project.dependentsOf('reexport/models/net.py').sort()).toEqual(['reexport/main.py', 'reexport/models/__init__.py']);
    expect(c.project.dependentsOf('reexport/main.py')).toEqual([]);
  });
});
