/**
 * Inlay hints (activationLens.inlayHints: defaults | all | off): the data comes from inlayData
 * (src/core/inlay.ts) over the analysis the diagnostics hold, the words from outlineText.ts.
 * Refreshed whenever a new result is published or the setting changes.
 */
import * as vscode from 'vscode';
import { irOf } from '../core/analyze';
import { inlayData } from '../core/inlay';
import type { DiagnosticsController } from './diagnostics';
import { hintText } from '../shared/outlineText';
import { settingsFor } from './settings';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

export class ActivationInlayHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly diagnostics: DiagnosticsController) {
    this.disposables = [
      this.changed,
      diagnostics.onDidPublish(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('activationLens.inlayHints')) this.changed.fire();
      }),
    ];
  }

  async provideInlayHints(doc: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.InlayHint[]> {
    const mode = settingsFor(doc.uri).inlayHints;
    if (mode === 'off') return [];
    const current = await this.diagnostics.resultFor(doc, { passive: true });
    const ir = irOf(current?.result);
    if (!current || !ir || token.isCancellationRequested) return [];
    const hints: vscode.InlayHint[] = [];
    for (const d of inlayData(ir, mode)) {
      if (current.cell !== undefined && d.at.cell !== current.cell) continue;
      const pos = new vscode.Position(d.at.line, d.at.column);
      if (!range.contains(pos) || pos.line >= doc.lineCount) continue;
      const { label, tooltip } = hintText(d, t);
      const hint = new vscode.InlayHint(pos, label, d.kind === 'defaults' ? vscode.InlayHintKind.Parameter : vscode.InlayHintKind.Type);
      hint.tooltip = tooltip;
      hint.paddingLeft = d.kind !== 'defaults';
      hints.push(hint);
    }
    return hints;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
