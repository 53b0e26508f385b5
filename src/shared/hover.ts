/**
 * The hover at a position: the activation under it (hoverText.ts) and the short docs of every rule
 * that fires there, as one Markdown string and the range it covers. Used by the VS Code hover
 * provider and the language server alike. No `vscode` import: the translator is passed in.
 */
import { rules } from '../core/rules';
import type { AnalysisResult, Position, Range } from '../core/types';
import { activationHover, type HoverOptions, type Translate } from './hoverText';
import { ruleDocsUrl } from './links';

export interface HoverAnswer {
  markdown: string;
  /** Analyzer range (with `cell` for notebooks) of the activation or finding hovered. */
  range: Range;
}

/** Inclusive at both ends (VS Code's Range.contains); for a notebook cell, only that cell's ranges. */
export function rangeContains(r: Range, cell: number | undefined, pos: Position): boolean {
  if (cell !== undefined && r.cell !== cell) return false;
  const afterStart = pos.line > r.start.line || (pos.line === r.start.line && pos.column >= r.start.column);
  const beforeEnd = pos.line < r.end.line || (pos.line === r.end.line && pos.column <= r.end.column);
  return afterStart && beforeEnd;
}

export function ruleHover(ruleId: string, lang: 'en' | 'zh-cn', t: Translate): string {
  const rule = rules.find((r) => r.id === ruleId);
  const head = `**${ruleId}**${rule ? ` ${rule.name}` : ''}`;
  const summary = rule ? ` — ${rule.docs.summary[lang] ?? rule.docs.summary.en}` : '';
  return `${head}${summary}\n\n[${t('Rule documentation')}](${ruleDocsUrl(ruleId)})`;
}

/** The hover for `pos` (in `cell` for a notebook cell), or undefined when nothing of ours is there. */
export function hoverAt(result: AnalysisResult, cell: number | undefined, pos: Position, o: HoverOptions): HoverAnswer | undefined {
  const parts: string[] = [];
  let range: Range | undefined;
  const site = result.activations.find((a) => rangeContains(a.range, cell, pos));
  if (site) {
    const text = activationHover(site, o);
    if (text) {
      parts.push(text);
      range = site.range;
    }
  }
  const seen = new Set<string>();
  for (const f of result.findings) {
    if (!rangeContains(f.range, cell, pos) || seen.has(f.rule)) continue;
    seen.add(f.rule);
    parts.push(ruleHover(f.rule, o.locale, o.t));
    range ??= f.range;
  }
  if (!parts.length || !range) return undefined;
  return { markdown: parts.join('\n\n---\n\n'), range };
}
