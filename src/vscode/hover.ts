/** Hover on an activation (catalog text + picture + plot link) and on a finding (the rule's short docs). */
import * as vscode from 'vscode';
import { rules } from '../core/rules';
import type { Range } from '../core/types';
import type { DiagnosticsController } from './diagnostics';
import { activationHover, PLOT_COMMAND } from '../shared/hoverText';
import { ruleDocsUrl } from '../shared/links';
import { locale } from './settings';

function contains(r: Range, cell: number | undefined, pos: vscode.Position): boolean {
  if (cell !== undefined && r.cell !== cell) return false;
  const range = new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
  return range.contains(pos);
}

function toVscodeRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
}

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

export function ruleHover(ruleId: string, lang: 'en' | 'zh-cn'): string {
  const rule = rules.find((r) => r.id === ruleId);
  const head = `**${ruleId}**${rule ? ` ${rule.name}` : ''}`;
  const summary = rule ? ` — ${rule.docs.summary[lang] ?? rule.docs.summary.en}` : '';
  return `${head}${summary}\n\n[${t('Rule documentation')}](${ruleDocsUrl(ruleId)})`;
}

export class ActivationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly diagnostics: DiagnosticsController) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const current = await this.diagnostics.resultFor(doc);
    if (!current || token.isCancellationRequested) return undefined;
    const lang = locale();
    const parts: string[] = [];
    let range: vscode.Range | undefined;
    const site = current.result.activations.find((a) => contains(a.range, current.cell, pos));
    if (site) {
      const text = activationHover(site, { locale: lang, t });
      if (text) {
        parts.push(text);
        range = toVscodeRange(site.range);
      }
    }
    const seen = new Set<string>();
    for (const f of current.result.findings) {
      if (!contains(f.range, current.cell, pos) || seen.has(f.rule)) continue;
      seen.add(f.rule);
      parts.push(ruleHover(f.rule, lang));
      range ??= toVscodeRange(f.range);
    }
    if (!parts.length) return undefined;
    const md = new vscode.MarkdownString(parts.join('\n\n---\n\n'));
    md.isTrusted = { enabledCommands: [PLOT_COMMAND] };
    return new vscode.Hover(md, range);
  }
}
