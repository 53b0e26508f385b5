/**
 * Analyzer findings → VS Code diagnostics, grouped by the document they land on. The shape (code,
 * rule link, severity, related information) comes from src/shared/lsp.ts, as the language server's.
 */
import * as vscode from 'vscode';
import type { AnalysisResult, Finding } from '../core/types';
import { findingForDiagnostic, ruleIdOf as sharedRuleIdOf, toLspDiagnostic, toLspRange, type LspRange, type LspSeverity, type Locate } from '../shared/lsp';
import { locate, type Subject } from './subjects';

export { SOURCE } from '../shared/lsp';

const SEVERITY: Readonly<Record<LspSeverity, vscode.DiagnosticSeverity>> = {
  1: vscode.DiagnosticSeverity.Error,
  2: vscode.DiagnosticSeverity.Warning,
  3: vscode.DiagnosticSeverity.Information,
  4: vscode.DiagnosticSeverity.Hint,
};

function toRange(r: LspRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The subject's locations as the shared code wants them, keeping each document's Uri object. */
function locator(s: Subject): { locate: Locate; uris: Map<string, vscode.Uri> } {
  const uris = new Map<string, vscode.Uri>();
  return {
    uris,
    locate: (r) => {
      const at = locate(s, r);
      if (!at) return undefined;
      uris.set(at.uri.toString(), at.uri);
      return { uri: at.uri.toString(), range: toLspRange(r) };
    },
  };
}

export function toDiagnostic(s: Subject, f: Finding): { uri: vscode.Uri; diagnostic: vscode.Diagnostic } | undefined {
  const { locate: loc, uris } = locator(s);
  const shape = toLspDiagnostic(f, loc);
  if (!shape) return undefined;
  const lsp = shape.diagnostic;
  const d = new vscode.Diagnostic(toRange(lsp.range), lsp.message, SEVERITY[lsp.severity] ?? vscode.DiagnosticSeverity.Warning);
  d.source = lsp.source;
  d.code = { value: lsp.code, target: vscode.Uri.parse(lsp.codeDescription.href) };
  const related = (lsp.relatedInformation ?? []).map(
    (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uris.get(r.location.uri)!, toRange(r.location.range)), r.message),
  );
  if (related.length) d.relatedInformation = related;
  return { uri: uris.get(shape.uri)!, diagnostic: d };
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
  return sharedRuleIdOf(d);
}

/** The finding behind a diagnostic: same rule, same range (and same cell for notebooks). */
export function findingFor(s: Subject, result: AnalysisResult, d: vscode.Diagnostic, uri: vscode.Uri): Finding | undefined {
  const lspRange = { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } };
  return findingForDiagnostic(result, { source: d.source, code: d.code, range: lspRange }, uri.toString(), locator(s).locate);
}
