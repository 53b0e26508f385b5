/** The CLI's pure pieces, without a child process: argument parsing, noqa, the notebook raw map. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { langFromEnv, parseArgs, parseNumber, UsageError } from '../../../src/cli/args';
import { repositoryUrl } from '../../../src/cli/meta';
import { applyNoqa, noqaCodes } from '../../../src/cli/noqa';
import { notebookSourceMap } from '../../../src/cli/report/notebookMap';
import type { Finding } from '../../../src/core/types';
import { notebook } from './cliHarness';

describe('parseArgs', () => {
  it('parses check options in both spellings and repeats', () => {
    expect(parseArgs(['check', '--format=json', '--select', 'act001,ACT002', '--select=ACT003', '--ignore', 'ACT004', 'a', 'b'], {})).toEqual({
      command: 'check',
      format: 'json',
      select: ['ACT001', 'ACT002', 'ACT003'],
      ignore: ['ACT004'],
      maxSize: 2_000_000,
      lang: 'en',
      paths: ['a', 'b'],
    });
    expect(parseArgs(['check', '--', '--weird-name.py'], {})).toMatchObject({ paths: ['--weird-name.py'] });
  });

  it('parses explain with negative --at values and params', () => {
    expect(parseArgs(['explain', 'elu', '--at', '-1,0,inf', '--param', 'alpha=2', '--framework', 'keras', '--json'], { LANG: 'zh_CN.UTF-8' })).toEqual({
      command: 'explain',
      name: 'elu',
      framework: 'keras',
      params: [['alpha', '2']],
      at: [-1, 0, Infinity],
      json: true,
      lang: 'zh-cn',
    });
  });

  it('rejects bad usage with UsageError', () => {
    for (const argv of [[], ['check'], ['check', '--select', 'ACT015', '.'], ['check', '--format', 'html', '.'], ['explain'], ['explain', 'a', '--param', 'x'], ['explain', 'a', '--at', '1,,2'], ['nope']]) {
      if (argv.length === 0) {
        expect(parseArgs(argv, {})).toEqual({ command: 'help', topic: undefined });
        continue;
      }
      expect(() => parseArgs(argv, {}), argv.join(' ')).toThrow(UsageError);
    }
  });

  it('reads numbers and the language', () => {
    expect([parseNumber('1e-3'), parseNumber('-.5'), parseNumber('-Infinity'), parseNumber('abc'), parseNumber('')]).toEqual([1e-3, -0.5, -Infinity, undefined, undefined]);
    expect(Number.isNaN(parseNumber('nan'))).toBe(true);
    expect([langFromEnv({ LANG: 'zh_CN.UTF-8' }), langFromEnv({ LANG: 'en_US.UTF-8' }), langFromEnv({}), langFromEnv({ LC_ALL: 'zh-Hans' })]).toEqual(['zh-cn', 'en', 'en', 'zh-cn']);
  });

  it('turns package.json repository fields into a web address', () => {
    expect(repositoryUrl({ repository: { url: 'git+https://github.com/o/r.git' } })).toBe('https://github.com/o/r');
    expect(repositoryUrl({ repository: 'github:o/r' })).toBe('https://github.com/o/r');
    expect(repositoryUrl({ repository: 'o/r' })).toBe('https://github.com/o/r');
    expect(repositoryUrl({})).toBeUndefined();
  });
});

const finding = (rule: string, line: number, cell?: number): Finding => ({
  rule,
  severity: 'warning',
  message: 'm',
  range: { start: { line, column: 0 }, end: { line, column: 1 }, ...(cell !== undefined ? { cell } : {}) },
});

describe('noqa', () => {
  it('reads the codes for the file language only', () => {
    expect(noqaCodes('x = F.softmax(y)  # noqa: ACT006, act013', 'python')).toEqual(['ACT006', 'ACT013']);
    expect(noqaCodes('x = f(y)  // noqa: ACT008', 'python')).toEqual([]);
    expect(noqaCodes('x = f(y);  // noqa:ACT008', 'typescript')).toEqual(['ACT008']);
    expect(noqaCodes('x = f(y)  # noqa', 'python')).toEqual([]);
  });

  it('drops findings whose start line names their rule, also inside notebook cells', () => {
    const text = 'a\nb  # noqa: ACT001\nc  # noqa: ACT002\n';
    expect(applyNoqa([finding('ACT001', 1), finding('ACT001', 2), finding('ACT001', 0)], text, 'python').map((f) => f.range.start.line)).toEqual([2, 0]);
    const nb = notebook([['code', 'x\n'], ['code', 'y\nz  # noqa: ACT004\n']]);
    expect(applyNoqa([finding('ACT004', 1, 1), finding('ACT004', 1, 0), finding('ACT005', 1, 1)], nb, 'ipynb').map((f) => [f.rule, f.range.cell])).toEqual([
      ['ACT004', 0],
      ['ACT005', 1],
    ]);
  });
});

describe('notebookSourceMap', () => {
  it('maps a cell position to the raw JSON position of the same characters, through escapes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'al-nbmap-'));
    try {
      const src = 'import torch\nprint("a\\tb")  # é\ny = torch.softmax(x, dim=1)\n';
      const file = path.join(dir, 'n.ipynb');
      writeFileSync(file, notebook([['markdown', 'hi\n'], ['code', src]]));
      const map = notebookSourceMap(file);
      expect(map).toBeDefined();
      const region = map?.(1, { line: 2, column: 4 }, { line: 2, column: 17 });
      expect(region).toBeDefined();
      const rawLines = readFileSync(file, 'utf8').split('\n');
      expect(rawLines[(region?.startLine ?? 0) - 1].slice((region?.startColumn ?? 0) - 1, (region?.endColumn ?? 0) - 1)).toBe('torch.softmax');
      const escaped = map?.(1, { line: 1, column: 0 }, { line: 1, column: 13 });
      expect(rawLines[(escaped?.startLine ?? 0) - 1].slice((escaped?.startColumn ?? 0) - 1, (escaped?.endColumn ?? 0) - 1)).toBe('print(\\"a\\\\tb\\")');
      expect(map?.(0, { line: 9, column: 0 }, { line: 9, column: 1 })).toBeUndefined();
      writeFileSync(file, '{"cells": [');
      expect(notebookSourceMap(file)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
