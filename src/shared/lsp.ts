/**
 * Analyzer results as Language Server Protocol shapes (plain JSON, LSP 3.17): ranges, diagnostics
 * with the rule's code, its documentation link, severity and related information. The language
 * server sends these as they are; the VS Code extension turns them into vscode.Diagnostic (convert.ts),
 * so both show the same thing. No `vscode` import, no protocol library: structural types only.
 */
import type { AnalysisResult, Finding, Range, Severity } from '../core/types';
import { ruleDocsUrl } from './links';

/** The diagnostic source both adapters show (and recognize their own diagnostics by). */
export const SOURCE = 'Activation Lens';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface LspLocation {
  uri: string;
  range: LspRange;
}

/** DiagnosticSeverity of the protocol: Error 1, Warning 2, Information 3, Hint 4. */
export type LspSeverity = 1 | 2 | 3 | 4;

export const LSP_SEVERITY: Readonly<Record<Severity, LspSeverity>> = { error: 1, warning: 2, information: 3, hint: 4 };

export interface LspDiagnostic {
  range: LspRange;
  severity: LspSeverity;
  code: string;
  codeDescription: { href: string };
  source: string;
  message: string;
  relatedInformation?: Array<{ location: LspLocation; message: string }>;
}

/** Where an analyzer range lands: a document URI (the file, or a notebook cell) and its range there. */
export type Locate = (r: Range) => LspLocation | undefined;

/** Where a related place in another file lands (its `path` as the finding gives it). */
export type LocatePath = (path: string, r: Range) => LspLocation | undefined;

/** Analyzer positions are 0-based with UTF-16 columns, as the protocol's default position encoding. */
export function toLspRange(r: Range): LspRange {
  return { start: { line: r.start.line, character: r.start.column }, end: { line: r.end.line, character: r.end.column } };
}

export function toLspDiagnostic(f: Finding, locate: Locate, locatePath?: LocatePath): { uri: string; diagnostic: LspDiagnostic } | undefined {
  const at = locate(f.range);
  if (!at) return undefined;
  const diagnostic: LspDiagnostic = {
    range: at.range,
    severity: LSP_SEVERITY[f.severity] ?? LSP_SEVERITY.warning,
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(f.rule) },
    source: SOURCE,
    message: f.message,
  };
  const related = (f.related ?? []).flatMap((r) => {
    const location = r.path !== undefined && locatePath ? locatePath(r.path, r.range) : locate(r.range);
    return location ? [{ location, message: r.message }] : [];
  });
  if (related.length) diagnostic.relatedInformation = related;
  return { uri: at.uri, diagnostic };
}

/** Diagnostics per document URI, every URI in `uris` present (possibly empty, which clears it). */
export function toLspDiagnostics(result: AnalysisResult, locate: Locate, uris: readonly string[], locatePath?: LocatePath): Map<string, LspDiagnostic[]> {
  const out = new Map<string, LspDiagnostic[]>(uris.map((u) => [u, []]));
  for (const f of result.findings) {
    const d = toLspDiagnostic(f, locate, locatePath);
    if (!d) continue;
    if (!out.has(d.uri)) out.set(d.uri, []);
    out.get(d.uri)!.push(d.diagnostic);
  }
  return out;
}

/** The rule id of one of our diagnostics (`code` a string, or VS Code's `{value, target}`), else undefined. */
export function ruleIdOf(d: { source?: string | undefined; code?: unknown }): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const c = d.code;
  if (typeof c === 'object' && c !== null && 'value' in c) return String((c as { value: unknown }).value);
  return c === undefined || c === null ? undefined : String(c);
}

export function sameRange(a: LspRange, b: LspRange): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}

/** The finding behind a diagnostic on `uri`: same rule, same range (a cell's range for notebooks). */
export function findingForDiagnostic(
  result: AnalysisResult,
  d: { source?: string | undefined; code?: unknown; range: LspRange },
  uri: string,
  locate: Locate,
): Finding | undefined {
  const rule = ruleIdOf(d);
  if (!rule) return undefined;
  return result.findings.find((f) => {
    if (f.rule !== rule) return false;
    const at = locate(f.range);
    return !!at && at.uri === uri && sameRange(at.range, d.range);
  });
}
