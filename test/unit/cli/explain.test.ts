/**
 * `activation-lens explain` run as a child process, checked against the catalog called directly
 * (an independent path: the CLI's parsing, parameter mapping, evaluation and JSON encoding).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivative, evaluate, lookup } from '../../../src/core/math';
import type { Framework } from '../../../src/core/math/types';
import { buildCli, runCli } from './cliHarness';

let cli: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ cli, cleanup } = await buildCli());
});
afterAll(() => cleanup?.());

interface ExplainJson {
  name: string;
  framework: Framework;
  id: string;
  params: Record<string, number | string | boolean>;
  points: Array<{ x: number | string; y: number | string; dy: number | string }>;
}

const decode = (v: number | string): number => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : (v as number));

function explainJson(args: string[]): ExplainJson {
  const r = runCli(cli, ['explain', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as ExplainJson;
  expect(Object.keys(doc).sort()).toEqual(['framework', 'id', 'name', 'params', 'points']);
  return doc;
}

const GRID = [-6, -3, -1, -0.5, -1e-3, 0, 1e-3, 0.5, 1, 3, 6];

describe('explain --json against the catalog', () => {
  // The spellings the contract names, plus module-qualified and function forms.
  const cases: Array<[string, Framework | undefined]> = [
    ['LeakyReLU', 'torch'],
    ['leaky_relu', 'torch'],
    ['LeakyReLU', 'keras'],
    ['leaky_relu', 'keras'],
    ['leakyReLU', 'tfjs'],
    ['hard_sigmoid', 'keras'],
    ['hardSigmoid', 'tfjs'],
    ['Hardsigmoid', 'torch'],
    ['gelu_new', 'tfjs'],
    ['GELU', 'torch'],
    ['selu', 'keras'],
    ['nn.ELU', 'torch'],
    ['Softplus', 'torch'],
  ];
  for (const [name, framework] of cases) {
    it(`${name} (${framework}): params are the framework defaults, f and f' the catalog's`, () => {
      const doc = explainJson([name, '--framework', framework as string, '--at', GRID.join(',')]);
      const resolved = lookup(name, framework as Framework);
      expect(resolved).toBeDefined();
      if (!resolved) return;
      expect(doc.framework).toBe(framework);
      expect(doc.name).toBe(resolved.binding.name);
      expect(doc.id).toBe(resolved.entry.id);
      // Params keyed by the framework's own argument names, with its defaults.
      // Exposed: what the spelling sets a default for, names as an argument or takes positionally.
      const b = resolved.binding;
      const argNames = b.argNames ?? {};
      const exposed = new Set([...Object.keys(b.defaults), ...Object.values(argNames), ...(b.positional ?? [])]);
      const expectedParams: Record<string, unknown> = {};
      for (const [canonical, value] of Object.entries(resolved.params)) {
        if (!exposed.has(canonical)) continue;
        const fwName = Object.keys(argNames).find((k) => argNames[k] === canonical) ?? canonical;
        expectedParams[fwName] = typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
      }
      expect(doc.params).toEqual(expectedParams);
      expect(doc.points.map((p) => p.x)).toEqual(GRID);
      doc.points.forEach((p, i) => {
        expect(decode(p.y)).toBe(evaluate(resolved, resolved.params, GRID[i]));
        expect(decode(p.dy)).toBe(derivative(resolved, resolved.params, GRID[i]));
      });
    });
  }

  it('--param sets a parameter by the framework name or the canonical one', () => {
    const resolved = lookup('LeakyReLU', 'torch');
    expect(resolved).toBeDefined();
    if (!resolved) return;
    const [canonical] = Object.keys(resolved.params);
    const fwName = Object.keys(resolved.binding.argNames ?? {})[0] ?? canonical;
    for (const key of new Set([fwName, canonical])) {
      const doc = explainJson(['LeakyReLU', '--framework', 'torch', '--param', `${key}=0.2`, '--at=-2,2']);
      expect(doc.params[fwName]).toBe(0.2);
      expect(doc.points.map((p) => decode(p.y))).toEqual([-2, 2].map((x) => evaluate(resolved, { ...resolved.params, [canonical]: 0.2 }, x)));
    }
    const bad = runCli(cli, ['explain', 'LeakyReLU', '--framework', 'torch', '--param', 'beta=2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no parameter 'beta'/);
    expect(runCli(cli, ['explain', 'LeakyReLU', '--param', `${fwName}=steep`]).code).toBe(2);
  });

  it('writes non-finite numbers as the strings "NaN", "Infinity", "-Infinity"', () => {
    const r = runCli(cli, ['explain', 'relu', '--framework', 'torch', '--at', 'inf,-inf,nan,1', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"Infinity"');
    expect(r.stdout).toContain('"-Infinity"');
    expect(r.stdout).toContain('"NaN"');
    const doc = JSON.parse(r.stdout) as ExplainJson;
    expect(doc.points[0]).toMatchObject({ x: 'Infinity', y: 'Infinity' });
    expect(doc.points[1]).toMatchObject({ x: '-Infinity', y: 0 });
    expect(doc.points[2]).toEqual({ x: 'NaN', y: 'NaN', dy: 'NaN' });
    expect(doc.points[3]).toEqual({ x: 1, y: 1, dy: 1 });
  });

  it('softmax over the --at vector: y sums to 1, dy is the Jacobian diagonal y(1-y)', () => {
    const doc = explainJson(['softmax', '--framework', 'keras', '--at', '-3,0,3']);
    const ys = doc.points.map((p) => decode(p.y));
    expect(ys.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    doc.points.forEach((p, i) => expect(decode(p.dy)).toBeCloseTo(ys[i] * (1 - ys[i]), 12));
  });
});

describe('explain: names, frameworks, text', () => {
  it('picks the first framework that knows the name when --framework is omitted, and says so', () => {
    const r = runCli(cli, ['explain', 'leakyReLU']);
    expect(r.code).toBe(0);
    const expected = (['torch', 'keras', 'tfjs'] as const).find((fw) => lookup('leakyReLU', fw));
    expect(r.stdout).toContain(`framework: ${expected} (the first of torch, keras, tfjs that knows 'leakyReLU'`);
    expect(runCli(cli, ['explain', 'leakyReLU', '--framework', 'tfjs']).stdout).not.toContain('the first of');
  });

  it('prints formula, range, properties, parameters with defaults and advice', () => {
    const resolved = lookup('LeakyReLU', 'torch');
    expect(resolved).toBeDefined();
    if (!resolved) return;
    const r = runCli(cli, ['explain', 'LeakyReLU', '--framework', 'torch', '--at', '-1,0,1']);
    expect(r.code).toBe(0);
    const docs = resolved.entry.docs.en;
    expect(r.stdout).toContain(`formula: ${docs.formula}`);
    expect(r.stdout).toContain(`signature: ${resolved.binding.signature}`);
    expect(r.stdout).toMatch(/^range: [([]/m);
    expect(r.stdout).toMatch(/^properties: .*monotonic/m);
    expect(r.stdout).toMatch(/^parameters:\n {2}\w+ \(slope\) = 0\.01/m);
    expect(r.stdout).toContain(docs.whenToUse);
    expect(r.stdout).toMatch(/^\s+x\s+f\(x\)\s+f'\(x\)$/m);
    const zh = runCli(cli, ['explain', 'LeakyReLU', '--framework', 'torch', '--lang', 'zh-cn']);
    expect(zh.stdout).toContain(`公式: ${resolved.entry.docs['zh-cn'].formula}`);
    expect(runCli(cli, ['explain', 'LeakyReLU', '--framework', 'torch'], undefined, { LANG: 'zh_CN.UTF-8' }).stdout).toContain('公式');
  });

  it('an unknown name exits 2 with suggestions', () => {
    const r = runCli(cli, ['explain', 'leaky_rleu', '--framework', 'keras']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown activation 'leaky_rleu'.*did you mean .*leaky_relu/);
    const any = runCli(cli, ['explain', 'Relu']);
    expect(any.code).toBe(2);
    expect(any.stderr).toMatch(/did you mean .*relu/i);
    expect(runCli(cli, ['explain', 'zzzzqqqq']).code).toBe(2);
  });

  it('usage errors exit 2', () => {
    expect(runCli(cli, ['explain']).code).toBe(2);
    expect(runCli(cli, ['explain', 'relu', '--framework', 'jax']).code).toBe(2);
    expect(runCli(cli, ['explain', 'relu', '--at', '1,x']).code).toBe(2);
    expect(runCli(cli, ['explain', 'relu', 'gelu']).code).toBe(2);
  });
});
