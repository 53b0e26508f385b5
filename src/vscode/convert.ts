/** Analyzer findings → VS Code diagnostics, grouped by the document they land on. */
import * as vscode from 'vscode';
import type { AnalysisResult, Finding, Severity } from '../core/types';
import { ruleDocsUrl } from '../shared/links';
import { locate, type Subject } from './subjects';

export const SOURCE = 'Activation Lens';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnostic(s: Subject, f: Finding): { uri: vscode.Uri; diagnostic: vscode.Diagnostic } | undefined {
  const at = locate(s, f.range);
  if (!at) return undefined;
  const d = new vscode.Diagnostic(at.range, f.message, SEVERITY[f.severity] ?? vscode.DiagnosticSeverity.Warning);
  d.source = SOURCE;
  d.code = { value: f.rule, target: vscode.Uri.parse(ruleDocsUrl(f.rule)) };
  const related = (f.related ?? [])
    .map((r) => {
      const loc = locate(s, r.range);
      return loc && new vscode.DiagnosticRelatedInformation(loc, r.message);
    })
    .filter((r): r is vscode.DiagnosticRelatedInformation => r !== undefined);
  if (related.length) d.relatedInformation = related;
  return { uri: at.uri, diagnostic: d };
}

/** Diagnostics per document URI (as strings), every URI of the subject present, possibly empty. */
export function toDiagnostics(s: Subject, result: AnalysisResult, uris: readonly vscode.Uri[]): Map<string, vscode.Diagnostic[]> {
  const out = new Map<string, vscode.Diagnostic[]>(uris.map((u) => [u.toString(), []]));
  for (const f of result.findings) {
    const d = toDiagnostic(s, f);
    if (!d) continue;
    const key = d.uri.toString();
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(d.diagnostic);
  }
  return out;
}

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

/** The finding behind a diagnostic: same rule, same range (and same cell for notebooks). */
export function findingFor(s: Subject, result: AnalysisResult, d: vscode.Diagnostic, uri: vscode.Uri): Finding | undefined {
  const rule = ruleIdOf(d);
  if (!rule) return undefined;
  return result.findings.find((f) => {
    if (f.rule !== rule) return false;
    const at = locate(s, f.range);
    return !!at && at.uri.toString() === uri.toString() && at.range.isEqual(d.range);
  });
}
