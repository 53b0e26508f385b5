/**
 * The JSON report, exactly the contract: {"version": 1, "files": [{"path", "findings": [{"rule",
 * "severity", "message", "line", "column", "endLine", "endColumn", "cell"?}]}]}. Lines and
 * columns are 1-based (columns in UTF-16 code units); `cell` only for notebooks. Every analyzed file
 * is listed, clean ones with an empty `findings` array; skipped files are not.
 */
import type { Finding } from '../../core/types';
import type { FileReport } from '../check';

export interface JsonFinding {
  rule: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  cell?: number;
  /** Other places the finding involves (the loss a model output meets), possibly in another file. */
  related?: JsonRelated[];
}

export interface JsonRelated {
  path: string;
  line: number;
  column: number;
  message: string;
  cell?: number;
}

export function toJsonFinding(f: Finding, filePath = ''): JsonFinding {
  const out: JsonFinding = {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    line: f.range.start.line + 1,
    column: f.range.start.column + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.column + 1,
  };
  if (f.range.cell !== undefined) out.cell = f.range.cell;
  if (f.related && f.related.length > 0) {
    out.related = f.related.map((r) => ({
      path: r.path ?? filePath,
      line: r.range.start.line + 1,
      column: r.range.start.column + 1,
      message: r.message,
      ...(r.range.cell !== undefined ? { cell: r.range.cell } : {}),
    }));
  }
  return out;
}

export function formatJson(reports: readonly FileReport[]): string {
  const doc = {
    version: 1,
    files: reports.map((r) => ({ path: r.file.display, findings: r.findings.map((f) => toJsonFinding(f, r.file.display)) })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
