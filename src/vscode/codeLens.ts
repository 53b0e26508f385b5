/**
 * "Gradient through this model" above each model definition (activationLens.codeLens): runs the
 * depth view with that model's own widths and activations (activationLens.plotModel).
 */
import * as vscode from 'vscode';
import { irOf } from '../core/analyze';
import { depthPlan } from '../core/outline';
import type { DiagnosticsController } from './diagnostics';
import { PLOT_MODEL_COMMAND } from './modelsView';
import { settingsFor } from './settings';

export class ModelCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly diagnostics: DiagnosticsController) {
    this.disposables = [
      this.changed,
      diagnostics.onDidPublish(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('activationLens.codeLens')) this.changed.fire();
      }),
    ];
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!settingsFor(doc.uri).codeLens) return [];
    const current = await this.diagnostics.resultFor(doc, { passive: true });
    const ir = irOf(current?.result);
    if (!current || !ir || token.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const model of ir.models) {
      if (model.opaque || (current.cell !== undefined && model.range.cell !== current.cell)) continue;
      const plan = depthPlan(model);
      if (plan.layers.length === 0) continue;
      const line = model.range.start.line;
      if (line >= doc.lineCount) continue;
      lenses.push(
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: vscode.l10n.t('$(graph-line) Gradient through this model ({0} layers)', plan.layers.length),
          tooltip: vscode.l10n.t('Simulate how the gradient flows back through {0}, layer by layer, with its own widths and activations.', plan.model),
          command: PLOT_MODEL_COMMAND,
          arguments: [{ plan }],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
