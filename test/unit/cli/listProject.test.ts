/**
 * `list` reads its paths as one project, as `check` does: a registry lookup whose key a config class
 * in another file gives (`ACT2FN[config.hidden_act]`, the config in configuration_tiny.py) is listed
 * with that key's activation; the same file listed alone keeps the site with no id. `check` reports
 * a config value the registry does not know (ACT008) in the config file, with the lookup as related.
 * Fixture: test/fixtures/project/hf_config (ours).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliFixture, type JsonReport } from './cliHarness';
import type { JsonActivation } from '../../../src/cli/list';

const fx = useCliFixture();
const FIXTURES = path.resolve(__dirname, '../../fixtures/project');

interface ListDoc {
  version: 1;
  files: { path: string; activations: JsonActivation[] }[];
}

function at(doc: ListDoc, file: string, line: number): JsonActivation | undefined {
  return doc.files.find((f) => f.path === file)?.activations.find((a) => a.line === line);
}

describe('list: registry keys read from another file', () => {
  const M = 'hf_config/tiny/modeling_tiny.py';

  it('a folder: ACT2FN[config.hidden_act] → the config default (tanh GELU), via config', () => {
    const r = fx.run(['list', '--format', 'json', 'hf_config'], FIXTURES);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as ListDoc;
    expect(at(doc, M, 12)).toMatchObject({ name: 'gelu_new', id: 'gelu', params: { approximate: 'tanh' }, via: 'config', framework: 'torch' });
    // self.config.pooler_act, with `config: TinyConfig` stored on self
    expect(at(doc, M, 26)).toMatchObject({ name: 'tanh', id: 'tanh', via: 'config' });
    // a config subclass in another file, imported through the package's __init__.py: the base's field
    expect(at(doc, 'hf_config/tiny/modeling_tiny_vision.py', 10)).toMatchObject({ id: 'gelu', params: { approximate: 'tanh' }, via: 'config' });
  });

  it("getattr(config, name, fallback) with no config class defining name: the fallback, as Python would take it", () => {
    const doc = JSON.parse(fx.run(['list', '--format', 'json', 'hf_config'], FIXTURES).stdout) as ListDoc;
    expect(at(doc, M, 49)).toMatchObject({ id: 'silu', via: 'default' });
    const alone = fx.run(['list', 'modeling_tiny.py'], fx.tree({ 'modeling_tiny.py': readFileSync(path.join(FIXTURES, M), 'utf8') })).stdout;
    expect(alone).toMatch(/^modeling_tiny\.py:49:\d+: getattr\(config, "gate_act", "silu"\) → \?\(\) \[registry\] or silu\(\) \[default\]$/m);
  });

  it('a field the config file also computes stays unknown, with the literal as an alternative', () => {
    const doc = JSON.parse(fx.run(['list', '--format', 'json', 'hf_config'], FIXTURES).stdout) as ListDoc;
    const ffn = at(doc, M, 34)!;
    expect(ffn.id).toBeNull();
    expect(ffn.name).toBe('config.ffn_act');
    expect(ffn.alternatives?.map((a) => `${a.id}:${a.params.approximate}:${a.via}`)).toEqual(['gelu:tanh:config']);
  });

  it('the modeling file given alone: the config module it imports is read from disk and resolves the key', () => {
    const r = fx.run(['list', M], FIXTURES);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${M}:12:20: gelu_new → gelu(approximate='tanh') [config]`);
    expect(r.stdout).not.toContain('configuration_tiny.py:'); // read for the key, not listed
    expect(r.stdout).toMatch(/in 1 file \(1 file listed\)/);
  });

  it('the config module out of reach: the lookups are sites with no id (text: ?)', () => {
    const dir = fx.tree({ 'modeling_tiny.py': readFileSync(path.join(FIXTURES, M), 'utf8') });
    const r = fx.run(['list', 'modeling_tiny.py'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('modeling_tiny.py:12:20: config.hidden_act → ?() [registry]');
    expect(r.stdout).toContain('modeling_tiny.py:26:16: self.config.pooler_act → ?() [registry]');
    // a parameter nobody passes: unknown in the project too
    expect(fx.run(['list', 'hf_config'], FIXTURES).stdout).toContain(`${M}:42:12: activation → ?() [registry]`);
  });

  it("the config file's own fields are sites (it imports no torch, only transformers' base class)", () => {
    const doc = JSON.parse(fx.run(['list', '--format', 'json', 'hf_config/tiny/configuration_tiny.py'], FIXTURES).stdout) as ListDoc;
    const sites = doc.files[0]!.activations.map((a) => `${a.line}:${a.name}:${a.id}`);
    expect(sites).toEqual(['9:gelu_new:gelu', '10:tanh:tanh', '18:gelu_new:gelu']);
    // not a site: an int field, a string the registry does not know, a non-activation field
  });
});

describe('check: a config value the registry does not know', () => {
  it('ACT008 at the config string, related: the lookup in the modeling file', () => {
    const r = fx.run(['check', '--format', 'json', 'hf_config'], FIXTURES);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as JsonReport;
    const cfg = doc.files.find((f) => f.path === 'hf_config/tiny/configuration_tiny.py')!;
    expect(cfg.findings.map((f) => `${f.rule}:${f.line}:${f.column}`)).toEqual(['ACT008:11:27']);
    expect(cfg.findings[0]!.message).toContain("has no key 'gleu'; did you mean 'gelu'?");
    const related = (cfg.findings[0] as unknown as { related: { path: string; line: number; message: string }[] }).related;
    expect(related).toEqual([expect.objectContaining({ path: 'hf_config/tiny/modeling_tiny.py', line: 33, message: 'read here through get_activation(name)' })]);
  });

  it('the config file alone, or --ignore ACT008: no finding', () => {
    const alone = JSON.parse(fx.run(['check', '--format', 'json', 'hf_config/tiny/configuration_tiny.py'], FIXTURES).stdout) as JsonReport;
    expect(alone.files.flatMap((f) => f.findings)).toEqual([]);
    const ign = fx.run(['check', '--ignore', 'ACT008', 'hf_config'], FIXTURES);
    expect(ign.code).toBe(0);
  });
});
