/**
 * The code the VS Code extension and the language server share (src/shared): findings → LSP
 * diagnostics, the hover at a position, the code-action plans, the bundle translator. Driven by
 * real analyses of small models written for these tests.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import type { AnalysisResult, Finding, Range } from '../../../src/core/types';
import { findingsOnDocument, FIX_ALL_KIND, fixAllPlan, quickFixPlans } from '../../../src/shared/actions';
import { hoverAt, rangeContains } from '../../../src/shared/hover';
import { translator } from '../../../src/shared/l10n';
import { ruleDocsUrl } from '../../../src/shared/links';
import { findingForDiagnostic, ruleIdOf, SOURCE, toLspDiagnostics, toLspRange, type Locate } from '../../../src/shared/lsp';

const TORCH = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  'def forward(x):',
  '    y = F.sigmoid(x)',
  '    z = F.tanh(y)',
  '    return F.softmax(z)',
  '',
  'model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1))',
  'loss_fn = nn.CrossEntropyLoss()',
  'loss = loss_fn(model(torch.randn(2, 4)), torch.tensor([0, 1]))',
  '',
].join('\n');

const t = translator(undefined);
const URI = 'file:///w/model.py';
const locateText: Locate = (r) => ({ uri: URI, range: toLspRange(r) });
let result: AnalysisResult;
const lines = TORCH.split('\n');

beforeAll(async () => {
  result = await analyze(TORCH, { language: 'python' });
});

const byRule = (rule: string) => result.findings.filter((f) => f.rule === rule);

describe('findings → LSP diagnostics', () => {
  it('carries the rule code, its documentation link, the source and the severity as the protocol numbers it', () => {
    const map = toLspDiagnostics(result, locateText, [URI, 'file:///w/other.py']);
    expect(map.get('file:///w/other.py')).toEqual([]); // listed URIs are cleared
    const ds = map.get(URI)!;
    expect(ds.map((d) => d.code).sort()).toEqual(['ACT001', 'ACT006', 'ACT013', 'ACT013']);
    for (const d of ds) {
      expect(d.source).toBe(SOURCE);
      expect(d.codeDescription.href).toBe(ruleDocsUrl(d.code));
    }
    expect(ds.find((d) => d.code === 'ACT013')!.severity).toBe(4); // hint
    expect(ds.find((d) => d.code === 'ACT006')!.severity).toBe(2); // warning
    const softmax = ds.find((d) => d.code === 'ACT001')!;
    expect(lines[softmax.range.start.line]!.slice(softmax.range.start.character, softmax.range.end.character)).toBe('nn.Softmax(dim=1)');
  });

  it('maps related information through the same locator (the loss the output meets)', () => {
    const d = toLspDiagnostics(result, locateText, [URI]).get(URI)!.find((x) => x.code === 'ACT001')!;
    expect(d.relatedInformation).toHaveLength(1);
    const rel = d.relatedInformation![0]!;
    expect(rel.location.uri).toBe(URI);
    expect(lines[rel.location.range.start.line]).toContain('CrossEntropyLoss');
    expect(rel.message).toContain('CrossEntropyLoss');
    // a related place the locator cannot map (another cell, say) is dropped, not invented
    const onlyMain: Locate = (r) => (r.start.line === byRule('ACT001')[0]!.range.start.line ? locateText(r) : undefined);
    expect(toLspDiagnostics(result, onlyMain, [URI]).get(URI)![0]!.relatedInformation).toBeUndefined();
  });

  it('finds the finding behind a diagnostic, and only for our source, rule and range', () => {
    const d = toLspDiagnostics(result, locateText, [URI]).get(URI)!.find((x) => x.code === 'ACT006')!;
    expect(findingForDiagnostic(result, d, URI, locateText)).toBe(byRule('ACT006')[0]);
    expect(findingForDiagnostic(result, d, 'file:///w/other.py', locateText)).toBeUndefined();
    expect(findingForDiagnostic(result, { ...d, source: 'ruff' }, URI, locateText)).toBeUndefined();
    expect(findingForDiagnostic(result, { ...d, code: 'ACT001' }, URI, locateText)).toBeUndefined();
    const shifted = { ...d, range: { ...d.range, end: { ...d.range.end, character: d.range.end.character + 1 } } };
    expect(findingForDiagnostic(result, shifted, URI, locateText)).toBeUndefined();
    expect(ruleIdOf({ source: SOURCE, code: { value: 'ACT002', target: 'x' } })).toBe('ACT002');
    expect(ruleIdOf({ source: SOURCE })).toBeUndefined();
  });
});

describe('hover at a position', () => {
  const at = (line: number, column: number, o = {}) => hoverAt(result, undefined, { line, column }, { locale: 'en', t, ...o });

  it('explains the activation and the rule that fires on it, with the picture and the plot link', () => {
    const h = at(7, 15)!; // F.softmax(z): an activation and ACT006
    expect(h.markdown).toContain('**Softmax**');
    expect(h.markdown).toContain('**ACT006**');
    expect(h.markdown).toContain(`[Rule documentation](${ruleDocsUrl('ACT006')})`);
    const sig = at(5, 10)!; // F.sigmoid
    expect(sig.markdown).toMatch(/!\[Sigmoid and its derivative\]\(data:image\/svg\+xml;base64,/);
    expect(sig.markdown).toContain('(command:activationLens.plot?');
    expect(sig.markdown).toContain('**ACT013**');
  });

  it('leaves the command link out when asked (editors that cannot run it), keeping the rest', () => {
    const withLink = at(5, 10)!;
    const without = at(5, 10, { plotLink: false })!;
    expect(without.markdown).not.toContain('command:');
    expect(without.markdown).toContain('data:image/svg+xml;base64,');
    expect(without.markdown.length).toBeLessThan(withLink.markdown.length);
  });

  it('answers nothing where nothing of ours is, and only in the cell asked about', () => {
    expect(at(0, 3)).toBeUndefined(); // import torch
    expect(at(8, 0)).toBeUndefined(); // empty line
    const r: Range = { start: { line: 1, column: 2 }, end: { line: 1, column: 5 }, cell: 3 };
    expect(rangeContains(r, 3, { line: 1, column: 5 })).toBe(true); // inclusive end
    expect(rangeContains(r, 2, { line: 1, column: 3 })).toBe(false);
    expect(rangeContains(r, 3, { line: 1, column: 6 })).toBe(false);
  });
});

describe('code-action plans', () => {
  const lineText = (f: Finding) => lines[f.range.start.line];

  it('offers the fix (preferred when safe), fix-all once per rule, noqa and docs', () => {
    const plans = quickFixPlans(byRule('ACT013'), result.findings, { t, style: 'python', lineText, docs: true });
    expect(plans.map((p) => p.title)).toEqual([
      'Use torch.sigmoid',
      'Fix all ACT013 problems in this file',
      'Suppress ACT013 on this line (noqa)',
      'Show documentation for ACT013',
      'Use torch.tanh',
      'Suppress ACT013 on this line (noqa)',
      'Show documentation for ACT013',
    ]);
    expect(plans[0]!.isPreferred).toBe(true);
    expect(plans[0]!.resolves).toBe(byRule('ACT013')[0]);
    expect(plans[1]!.edits!.map((e) => e.newText)).toEqual(['torch.sigmoid', 'torch.tanh']);
    const noqa = plans[2]!.edits![0]!;
    expect(noqa.newText).toBe('  # noqa: ACT013');
    expect(noqa.range.start).toEqual({ line: 5, column: lines[5]!.length });
  });

  it('marks a fix that changes the computation and never prefers it; no docs action when the editor has none', () => {
    const plans = quickFixPlans(byRule('ACT006'), result.findings, { t, style: 'python', lineText, docs: false });
    expect(plans[0]!.title).toBe('Add dim=1 (changes what the model computes)');
    expect(plans[0]!.isPreferred).toBe(false);
    expect(plans.some((p) => p.docsFor)).toBe(false);
    expect(plans.some((p) => p.title.startsWith('Fix all'))).toBe(false); // one ACT006 only
  });

  it('keeps a noqa edit in the finding\'s notebook cell, and offers none on a line already silenced', () => {
    const f: Finding = { ...byRule('ACT013')[0]!, range: { ...byRule('ACT013')[0]!.range, cell: 4 } };
    const noqa = quickFixPlans([f], [f], { t, style: 'python', lineText, docs: false }).find((p) => p.title.includes('noqa'));
    expect(noqa!.edits![0]!.range.cell).toBe(4);
    const silenced = quickFixPlans([f], [f], { t, style: 'python', lineText: () => 'y = F.sigmoid(x)  # noqa', docs: false });
    expect(silenced.some((p) => p.title.includes('noqa'))).toBe(false);
  });

  it('fix all applies the safe fixes only, and is absent without any', () => {
    const all = fixAllPlan(result.findings, t)!;
    expect(all.kind).toBe(FIX_ALL_KIND);
    expect(all.edits!.map((e) => e.newText)).toEqual(['torch.sigmoid', 'torch.tanh']);
    expect(fixAllPlan(byRule('ACT006'), t)).toBeUndefined();
    const inCell = [{ ...byRule('ACT013')[0]!, range: { ...byRule('ACT013')[0]!.range, cell: 1 } }, byRule('ACT006')[0]!];
    expect(findingsOnDocument(inCell, 1)).toEqual([inCell[0]]);
    expect(findingsOnDocument(inCell, undefined)).toHaveLength(2);
  });
});

describe('translator over the l10n bundle', () => {
  it('formats placeholders and reads the Chinese bundle, English where a message is missing', () => {
    const zh = translator(JSON.parse(readFileSync(new URL('../../../media/l10n/bundle.l10n.zh-cn.json', import.meta.url), 'utf8')));
    expect(t('Fix all {0} problems in this file', 'ACT013')).toBe('Fix all ACT013 problems in this file');
    expect(zh('Fix all {0} problems in this file', 'ACT013')).toMatch(/ACT013/);
    expect(zh('Fix all {0} problems in this file', 'ACT013')).toMatch(/[\u4e00-\u9fff]/);
    expect(zh('not in the bundle {0}', 7)).toBe('not in the bundle 7');
    expect(t('{0} and {1}', 'a')).toBe('a and {1}');
  });
});
