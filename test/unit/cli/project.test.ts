/**
 * `check` treats the folders it is given as one project: a model in one file meeting a loss in
 * another is reported (JSON `related` with the other file's path, SARIF `relatedLocations`, the
 * text report's indented related line); a file checked alone, or a clean twin, stays silent.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliFixture, type JsonReport } from './cliHarness';

const fx = useCliFixture();
const FIXTURES = path.resolve(__dirname, '../../fixtures/project');

interface Related { path: string; line: number; column: number; message: string }

describe('check: the folders given are one project', () => {
  it('JSON: ACT001 in model.py with related at the loss in train.py; exit 1', () => {
    const r = fx.run(['check', '--format', 'json', 'from-import'], FIXTURES);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as JsonReport;
    const model = doc.files.find((f) => f.path === 'from-import/model.py')!;
    const act001 = model.findings.filter((f) => f.rule === 'ACT001');
    expect(act001).toHaveLength(1);
    expect(act001[0]!.line).toBe(14);
    const related = (act001[0] as unknown as { related: Related[] }).related;
    expect(related).toEqual([{ path: 'from-import/train.py', line: 7, column: 13, message: "the loss 'CrossEntropyLoss' expects logits" }]);
  });

  it('clean twin and a file checked alone stay silent about ACT001', () => {
    const clean = JSON.parse(fx.run(['check', '--format', 'json', 'from-import-clean'], FIXTURES).stdout) as JsonReport;
    expect(clean.files.flatMap((f) => f.findings.map((x) => x.rule))).not.toContain('ACT001');
    const alone = JSON.parse(fx.run(['check', '--format', 'json', 'from-import/model.py'], FIXTURES).stdout) as JsonReport;
    expect(alone.files.flatMap((f) => f.findings.map((x) => x.rule))).not.toContain('ACT001');
  });

  it('SARIF: relatedLocations point into the other file', () => {
    const r = fx.run(['check', '--format', 'sarif', 'relative'], FIXTURES);
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout).runs[0];
    const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'ACT002');
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('relative/pkg/train.py');
    expect(res.relatedLocations).toHaveLength(1);
    expect(res.relatedLocations[0].physicalLocation.artifactLocation).toEqual({ uri: 'relative/pkg/models/builder.py', uriBaseId: '%SRCROOT%' });
    expect(res.relatedLocations[0].physicalLocation.region.startLine).toBe(7);
  });

  it('text: the related place in the other file on its own indented line; --ignore drops the finding', () => {
    const r = fx.run(['check', 'reexport'], FIXTURES);
    expect(r.stdout).toMatch(/^reexport\/main\.py:9:\d+: ACT002 .*nll_loss/m);
    expect(r.stdout).toMatch(/^ {2}reexport\/models\/net\.py:9:\d+: the model output is produced here$/m);
    const ign = fx.run(['check', '--ignore', 'ACT002', 'reexport'], FIXTURES);
    expect(ign.stdout).not.toContain('ACT002');
  });

  it('a file given alone pulls in the project files it imports: check train.py reports the softmax in model.py', () => {
    const r = fx.run(['check', 'from-import/train.py'], FIXTURES);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^from-import\/model\.py:14:\d+: ACT001 /m);
    expect(r.stdout).toMatch(/^ {2}from-import\/train\.py:7:13: /m);
    expect(r.stdout).toMatch(/1 file checked, 1 imported file reported\.$/m);
    expect(fx.run(['check', 'from-import-clean/train.py'], FIXTURES).code).toBe(0);
  });

  it("an imported file's own findings that do not involve the given file are not reported", () => {
    const dir = fx.tree({
      'model.py': 'import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n\n    def forward(self, x):\n        return self.fc(x)\n\nother = nn.Sequential(nn.Linear(4, 4), nn.Linear(4, 2))\n',
      'train.py': 'import torch.nn as nn\nfrom model import Net\n\nnet = Net()\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(net(x), y)\n',
    });
    const r = fx.run(['check', 'train.py'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('ACT005');
    expect(fx.run(['check', '.'], dir).stdout).toContain('model.py:11:');
  });
});
