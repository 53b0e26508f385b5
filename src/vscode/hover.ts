/** Hover on an activation (catalog text + picture + plot link) and on a finding (the rule's short docs). */
import * as vscode from 'vscode';
import type { Range } from '../core/types';
import { hoverAt } from '../shared/hover';
import { PLOT_COMMAND } from '../shared/hoverText';
import type { DiagnosticsController } from './diagnostics';
import type { ProjectIndex } from './projectIndex';
import { locale } from './settings';

function toVscodeRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
}

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

export class ActivationHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly index?: ProjectIndex,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const current = await this.diagnostics.resultFor(doc);
    if (!current || token.isCancellationRequested) return undefined;
    // Registry keys another workspace file gives (`ACT2FN[config.hidden_act]`) resolved through the project index.
    const activations = this.index ? this.index.resolveSites(doc.uri, current.result.activations) : current.result.activations;
    const answer = hoverAt({ ...current.result, activations: [...activations] }, current.cell, { line: pos.line, column: pos.character }, { locale: locale(), t });
    if (!answer) return undefined;
    const md = new vscode.MarkdownString(answer.markdown);
    md.isTrusted = { enabledCommands: [PLOT_COMMAND] };
    return new vscode.Hover(md, toVscodeRange(answer.range));
  }
}
