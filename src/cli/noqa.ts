/**
 * Suppression comments (DESIGN.md): `# noqa: ACT001` (Python, notebooks) and `// noqa: ACT001`
 * (JS/TS) on the reported line — the finding's start line — silence those rules there. Several ids
 * may be listed, separated by commas. The analyzer applies the same rule; this is the CLI's own
 * guarantee, so the contract holds whatever the analyzer version.
 */
import type { Finding, SourceLanguage } from '../core/types';

const PY = /#\s*noqa\s*:\s*(ACT\d{3}(?:\s*,\s*ACT\d{3})*)/i;
const JS = /\/\/\s*noqa\s*:\s*(ACT\d{3}(?:\s*,\s*ACT\d{3})*)/i;

/** The rule ids a line's noqa comment names (upper-case), or an empty list. */
export function noqaCodes(line: string, language: SourceLanguage): string[] {
  const m = (language === 'python' || language === 'ipynb' ? PY : JS).exec(line);
  return m ? m[1].split(',').map((s) => s.trim().toUpperCase()) : [];
}

/** Lines of each cell of a notebook (index = position in `cells`); undefined if not readable JSON. */
export function notebookCellLines(text: string): string[][] | undefined {
  try {
    const nb = JSON.parse(text) as { cells?: Array<{ source?: string | string[] }> };
    if (!nb || !Array.isArray(nb.cells)) return undefined;
    return nb.cells.map((c) => {
      const src = Array.isArray(c?.source) ? c.source.join('') : typeof c?.source === 'string' ? c.source : '';
      return src.split(/\r\n|\r|\n/);
    });
  } catch {
    return undefined;
  }
}

export function applyNoqa(findings: Finding[], text: string, language: SourceLanguage): Finding[] {
  if (findings.length === 0 || !/noqa/i.test(text)) return findings;
  const fileLines = language === 'ipynb' ? undefined : text.split(/\r\n|\r|\n/);
  const cells = language === 'ipynb' ? notebookCellLines(text) : undefined;
  return findings.filter((f) => {
    const lines = f.range.cell !== undefined ? cells?.[f.range.cell] : fileLines;
    const line = lines?.[f.range.start.line];
    return line === undefined || !noqaCodes(line, language).includes(f.rule);
  });
}
