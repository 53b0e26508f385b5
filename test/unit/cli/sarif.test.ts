/**
 * `check --format sarif`: the SARIF 2.1.0 structure GitHub code scanning reads, and the notebook
 * convention (region in the raw .ipynb, cell position in properties).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, makeTree, notebook, runCli, type JsonReport } from './cliHarness';

let cli: string;
let cleanup: () => void;
let dir: string;

const PY = 'import torch.nn.functional as F\n\ndef probs(x):\n    return F.softmax(x)\n\ndef gate(x):\n    return F.sigmoid(x)\n';
const NB = notebook([
  ['markdown', '# A notebook\n'],
  ['code', 'import torch\nimport torch.nn.functional as F\n'],
  ['code', 'def probs(x):\n    y = x * 2\n    return F.softmax(y)\n'],
]);

interface SarifDoc {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; name: string; helpUri: string; shortDescription: { text: string } }> } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }>;
      properties?: Record<string, number>;
    }>;
  }>;
}

beforeAll(async () => {
  ({ cli, cleanup } = await buildCli());
  dir = makeTree({ 'src/deps.py': PY, 'nb/demo.ipynb': NB, 'src/clean.py': 'x = 1\n' });
});
afterAll(() => {
  cleanup?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('SARIF report', () => {
  it('is SARIF 2.1.0 with all 14 rules described and linked to docs/rules', () => {
    const r = runCli(cli, ['check', '--format', 'sarif', '.'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as SarifDoc;
    expect(doc.version).toBe('2.1.0');
    expect(doc.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(doc.runs).toHaveLength(1);
    const run = doc.runs[0];
    expect(run.tool.driver.name).toBe('activation-lens');
    expect(run.tool.driver.rules.map((x) => x.id)).toEqual(Array.from({ length: 14 }, (_, i) => `ACT${String(i + 1).padStart(3, '0')}`));
    for (const rule of run.tool.driver.rules) {
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(() => new URL(rule.helpUri)).not.toThrow();
      expect(rule.helpUri.endsWith(`docs/rules/${rule.id}.md`)).toBe(true);
    }
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/$/);
  });

  it('has one result per JSON finding, with level, relative uri and 1-based region', () => {
    const sarif = JSON.parse(runCli(cli, ['check', '--format', 'sarif', 'src/deps.py'], dir).stdout) as SarifDoc;
    const json = JSON.parse(runCli(cli, ['check', '--format', 'json', 'src/deps.py'], dir).stdout) as JsonReport;
    const results = sarif.runs[0].results;
    const findings = json.files[0].findings;
    expect(results.length).toBe(findings.length);
    expect(results.length).toBeGreaterThan(0);
    results.forEach((res, i) => {
      const f = findings[i];
      expect(res.ruleId).toBe(f.rule);
      expect(sarif.runs[0].tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.level).toBe({ error: 'error', warning: 'warning', information: 'note', hint: 'note' }[f.severity as string]);
      expect(res.message.text).toBe(f.message);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: 'src/deps.py', uriBaseId: '%SRCROOT%' });
      expect(loc.region).toEqual({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    });
  });

  it('maps notebook findings to the raw .ipynb line and keeps the cell position in properties', () => {
    const sarif = JSON.parse(runCli(cli, ['check', '--format', 'sarif', 'nb'], dir).stdout) as SarifDoc;
    const json = JSON.parse(runCli(cli, ['check', '--format', 'json', 'nb'], dir).stdout) as JsonReport;
    const f = json.files[0].findings[0];
    expect(f.rule).toBe('ACT006');
    expect(f.cell).toBe(2);
    const res = sarif.runs[0].results[0];
    expect(res.properties).toEqual({ cell: 2, cellLine: f.line, cellColumn: f.column, cellEndLine: f.endLine, cellEndColumn: f.endColumn });
    expect(res.message.text.startsWith(`cells[2]:${f.line}:${f.column}: `)).toBe(true);
    const region = res.locations[0].physicalLocation.region;
    // The raw line holds the same source text: the reported span in the cell equals the span in the JSON line.
    const rawLine = readFileSync(path.join(dir, 'nb/demo.ipynb'), 'utf8').split('\n')[region.startLine - 1];
    const cellLine = NB && (JSON.parse(NB).cells[2].source as string[]).join('').split('\n')[(f.line as number) - 1];
    const inCell = cellLine.slice((f.column as number) - 1, (f.endColumn as number) - 1);
    expect(inCell.length).toBeGreaterThan(0);
    expect(rawLine.slice(region.startColumn - 1, region.endColumn - 1)).toBe(inCell);
    expect(region.startLine).toBeGreaterThan(f.line as number);
  });
});
