/**
 * The text report, like ruff's: one line per finding, `path:line:col: RULE message` with 1-based
 * line and column, then a summary. In a notebook the position is inside the cell, written
 * `path:cells[N]:line:col` with N the 0-based index in the notebook's `cells` array (as in JSON).
 */
import type { FileReport } from '../check';

/** `imported`: reports of files read only because a checked file imports them (counted apart). */
export function formatText(reports: readonly FileReport[], filesSeen: number, imported = 0): string {
  const lines: string[] = [];
  const perRule = new Map<string, number>();
  let total = 0;
  for (const { file, findings } of reports) {
    for (const f of findings) {
      const where = f.range.cell !== undefined ? `cells[${f.range.cell}]:` : '';
      lines.push(`${file.display}:${where}${f.range.start.line + 1}:${f.range.start.column + 1}: ${f.rule} ${f.message}`);
      // A place in another file of the project (the loss a model output meets) on its own line.
      for (const r of f.related ?? []) {
        if (r.path === undefined || r.path === file.display) continue;
        const rw = r.range.cell !== undefined ? `cells[${r.range.cell}]:` : '';
        lines.push(`  ${r.path}:${rw}${r.range.start.line + 1}:${r.range.start.column + 1}: ${r.message}`);
      }
      perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
      total++;
    }
  }
  const own = reports.length - imported;
  const checked =
    `${own} file${own === 1 ? '' : 's'} checked` +
    (filesSeen > own ? `, ${filesSeen - own} skipped` : '') +
    (imported > 0 ? `, ${imported} imported file${imported === 1 ? '' : 's'} reported` : '');
  if (total === 0) {
    lines.push(`All checks passed (${checked}).`);
  } else {
    const withFindings = reports.filter((r) => r.findings.length > 0).length;
    const counts = [...perRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([rule, n]) => `${rule} ×${n}`).join(', ');
    if (lines.length > 0) lines.push('');
    lines.push(`Found ${total} finding${total === 1 ? '' : 's'} in ${withFindings} file${withFindings === 1 ? '' : 's'} (${counts}); ${checked}.`);
  }
  return lines.join('\n') + '\n';
}
