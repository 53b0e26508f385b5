/** Entry point: wires the editor features and the plot panel; all logic lives in src/vscode/. */
import type * as vscode from 'vscode';
import { registerLanguageFeatures } from './vscode';
import { registerPlotPanel } from './vscode/panel/register';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(...registerLanguageFeatures(context));
  registerPlotPanel(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
