/**
 * Odd inputs get a clear message and the rest of the work goes on: broken or odd notebooks, CRLF,
 * BOM, tabs, non-UTF-8 bytes, empty files, NUL bytes (through analyze()), and symlink loops,
 * self-links, broken links and unreadable files in the CLI's folder walk (through the CLI's own
 * walker and check driver, in process).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import type { AnalysisResult, SourceLanguage } from '../../../src/core/types';
import { runCheck } from '../../../src/cli/check';
import { collectFiles, readSource } from '../../../src/cli/files';

const CELL = 'import torch.nn.functional as F\n\ndef probs(x):\n    return F.softmax(x)\n';
const nb = (cells: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5, ...extra });
const code = (source: unknown) => ({ cell_type: 'code', metadata: {}, outputs: [], source });
const where = (r: AnalysisResult) => r.findings.map((f) => `${f.rule} cell ${f.range.cell ?? '-'} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`);
const run = (text: string, language: SourceLanguage) => analyze(text, { language });

describe('notebooks', () => {
  it('broken JSON: one clear note, nothing else, no exception', async () => {
    for (const text of ['{"cells": [', '{cells: []}', 'not json at all', '{"cells": [{"cell_type": "code", "source": "x"}]', '\uFEFF{']) {
      const r = await run(text, 'ipynb');
      expect(r.findings, text).toEqual([]);
      expect(r.notes, text).toHaveLength(1);
      expect(r.notes[0]).toMatch(/^The notebook is not valid JSON \(.+\); nothing was analyzed\.$/);
    }
  });

  it('missing or malformed cells: a clear note each', async () => {
    expect((await run('{}', 'ipynb')).notes).toEqual(['The notebook has no "cells" array; nothing was analyzed.']);
    expect((await run('{"cells": {}}', 'ipynb')).notes).toEqual(['The notebook has no "cells" array; nothing was analyzed.']);
    expect((await run('null', 'ipynb')).notes).toEqual(['The notebook has no "cells" array; nothing was analyzed.']);
    expect((await run(nb([]), 'ipynb')).notes).toEqual(['The notebook has no code cells.']);
    expect((await run(nb([{ cell_type: 'markdown', source: 'F.softmax(x)' }]), 'ipynb')).notes).toEqual(['The notebook has no code cells.']);
    expect((await run(nb([code(CELL)], { metadata: { language_info: { name: 'R' } } }), 'ipynb')).notes).toEqual([
      "The notebook's language is R, not Python; nothing was analyzed.",
    ]);
  });

  it('odd cells are skipped and the other cells still analyzed, with the right cell index', async () => {
    const r = await run(nb([null, 42, code(null), code(7), { source: CELL }, code([1, null]), code(CELL)]), 'ipynb');
    expect(where(r)).toEqual(['ACT006 cell 6 3:11-3:23']);
  });

  it('source as a string or as a list of lines: the same findings', async () => {
    const asString = await run(nb([code('x = 1\n'), code(CELL)]), 'ipynb');
    const asList = await run(nb([code(['x = 1\n']), code(CELL.split(/(?<=\n)/))]), 'ipynb');
    expect(where(asString)).toEqual(['ACT006 cell 1 3:11-3:23']);
    expect(where(asList)).toEqual(where(asString));
  });

  it('CRLF in the JSON and in the cell sources, BOM before the JSON: the same cell-relative ranges', async () => {
    const lf = await run(nb([code('x = 1\n'), code(CELL)]), 'ipynb');
    const crlfJson = await run(JSON.stringify({ cells: [code('x = 1\n'), code(CELL)] }, null, 1).replace(/\n/g, '\r\n'), 'ipynb');
    const crlfCells = await run(nb([code('x = 1\r\n'), code(CELL.replace(/\n/g, '\r\n'))]), 'ipynb');
    const bom = await run('\uFEFF' + nb([code('x = 1\n'), code(CELL)]), 'ipynb');
    for (const r of [crlfJson, crlfCells, bom]) expect(where(r)).toEqual(where(lf));
  });
});

describe('plain files', () => {
  const lf = 'import torch.nn.functional as F\n\ndef probs(x):\n    return F.softmax(x)\n';

  it('CRLF, lone CR and tabs: the same findings on the same lines', async () => {
    const base = where(await run(lf, 'python'));
    expect(base).toEqual(['ACT006 cell - 3:11-3:23']);
    expect(where(await run(lf.replace(/\n/g, '\r\n'), 'python'))).toEqual(base);
    expect(where(await run(lf.replace(/\n/g, '\r'), 'python'))).toEqual(base);
    expect(where(await run(lf.replace('    return', '\treturn'), 'python'))).toEqual(['ACT006 cell - 3:8-3:20']);
  });

  it('a BOM shifts nothing below the first line', async () => {
    expect(where(await run('\uFEFF' + lf, 'python'))).toEqual(['ACT006 cell - 3:11-3:23']);
  });

  it('0-byte and whitespace-only files: no findings, no notes, no exception', async () => {
    for (const language of ['python', 'javascript', 'typescript', 'tsx'] as const) {
      for (const text of ['', '\n', '\r\n', '   ', '\t\t\n']) {
        const r = await run(text, language);
        expect(r.findings).toEqual([]);
        expect(r.notes, `${language} ${JSON.stringify(text)}`).toEqual([]);
      }
    }
    expect((await run('', 'ipynb')).notes[0]).toMatch(/not valid JSON/);
  });

  it('NUL bytes: skipped as binary with one note; replacement characters and lone surrogates are analyzed', async () => {
    const bin = await run(`\u0000\u0001ELF${lf}`, 'python');
    expect(bin.notes).toEqual(['The file looks binary (it contains NUL characters); it was not analyzed.']);
    expect(bin.findings).toEqual([]);
    // What a non-UTF-8 file looks like once decoded leniently (an editor may do this).
    const latin = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff]), Buffer.from(`\n${lf}`)]).toString('utf8');
    expect(where(await run(latin, 'python'))).toEqual(['ACT006 cell - 4:11-4:23']);
    expect(where(await run(`# \uD800 \uDFFF\n${lf}`, 'python'))).toEqual(['ACT006 cell - 4:11-4:23']);
  });
});

describe('the CLI walk and check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'al-odd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string, data: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), data);
  };
  put('a/good.py', `import torch.nn.functional as F\ny = F.softmax(x)\n`);
  put('a/empty.py', '');
  put('a/bom.py', `\uFEFFimport torch.nn.functional as F\ny = F.softmax(x)\n`);
  put('a/crlf.py', `import torch.nn.functional as F\r\ny = F.softmax(x)\r\n`);
  put('a/latin1.py', Buffer.from('# caf\xe9\n', 'latin1'));
  put('a/nul.py', Buffer.from([0x41, 0x00, 0x42]));
  put('a/broken.ipynb', '{"cells": [');
  put('a/nocells.ipynb', '{}');
  put('a/z_last.py', `import torch.nn.functional as F\nz = F.softmax(x)\n`);
  symlinkSync('..', path.join(dir, 'a', 'loop')); // a/loop → the root: a cycle
  symlinkSync('.', path.join(dir, 'a', 'self')); // a/self → a
  symlinkSync('missing.py', path.join(dir, 'a', 'dangling.py'));
  symlinkSync('selfref.py', path.join(dir, 'a', 'selfref.py')); // a link to itself: ELOOP
  symlinkSync('good.py', path.join(dir, 'a', 'zz_alias.py')); // the same file twice

  it('the walk ends on symlink loops, reports broken links, and lists each real file once', () => {
    const { files, problems } = collectFiles(['.'], dir);
    expect(files.map((f) => f.display)).toEqual([
      'a/bom.py', 'a/broken.ipynb', 'a/crlf.py', 'a/empty.py', 'a/good.py', 'a/latin1.py', 'a/nocells.ipynb', 'a/nul.py', 'a/z_last.py',
    ]);
    expect(problems.map((p) => `${p.display}: ${p.reason}`).sort()).toEqual([
      expect.stringMatching(/^a\/dangling\.py: broken symbolic link \(no such file or folder\)$/),
      expect.stringMatching(/^a\/selfref\.py: broken symbolic link \(too many levels of symbolic links\)$/),
    ]);
  });

  it('reading: empty is fine, BOM stripped, non-UTF-8 and NUL skipped with a reason', () => {
    const { files } = collectFiles(['.'], dir);
    const read = (name: string) => readSource(files.find((f) => f.display === name)!, 2_000_000);
    expect(read('a/empty.py')).toEqual({ ok: true, text: '' });
    expect(read('a/bom.py')).toMatchObject({ ok: true, text: expect.stringMatching(/^import/) });
    expect(read('a/latin1.py')).toMatchObject({ ok: false, problem: { reason: expect.stringMatching(/not valid UTF-8/), kind: 'skipped' } });
    expect(read('a/nul.py')).toMatchObject({ ok: false, problem: { reason: expect.stringMatching(/binary/), kind: 'skipped' } });
    expect(readSource(files.find((f) => f.display === 'a/good.py')!, 10)).toMatchObject({ ok: false, problem: { reason: expect.stringMatching(/larger than the maximum size/) } });
  });

  it('check: every odd file gets a message, every good one is reported, exit 1 for findings', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCheck(
      { command: 'check', format: 'json', ignore: [], maxSize: 2_000_000, lang: 'en', paths: ['.'] },
      analyze,
      { cwd: dir, stdout: (s) => out.push(s), stderr: (s) => err.push(s), stderrIsTTY: false },
      { version: '0.0.0' },
    );
    const report = JSON.parse(out.join('')) as { files: Array<{ path: string; findings: Array<{ rule: string; line: number }> }> };
    const stderr = err.join('');
    expect(code).toBe(1);
    for (const p of ['a/good.py', 'a/bom.py', 'a/crlf.py', 'a/z_last.py']) {
      expect(report.files.find((f) => f.path === p)?.findings.map((f) => `${f.rule}:${f.line}`), p).toEqual(['ACT006:2']);
    }
    expect(stderr).toMatch(/^warning: a\/latin1\.py: not valid UTF-8/m);
    expect(stderr).toMatch(/^warning: a\/nul\.py: binary file/m);
    expect(stderr).toMatch(/^warning: a\/dangling\.py: broken symbolic link/m);
    expect(stderr).toMatch(/^note: a\/broken\.ipynb: The notebook is not valid JSON/m);
    expect(stderr).toMatch(/^note: a\/nocells\.ipynb: The notebook has no "cells" array/m);
    expect(stderr).not.toMatch(/internal error|failed/i);
  });
});
