/** Wires the editor features (diagnostics, hover, code actions, commands, models view, inlay hints, CodeLens) into one list of disposables. */
import * as vscode from 'vscode';
import { ActivationCodeActions } from './codeActions';
import { ModelCodeLenses } from './codeLens';
import { registerCommands } from './commands';
import { DiagnosticsController } from './diagnostics';
import { ActivationHoverProvider } from './hover';
import { ActivationInlayHints } from './inlayHints';
import { ModelsView } from './modelsView';
import { ProjectIndex } from './projectIndex';
import { SERVED_LANGUAGES } from './subjects';

export function registerLanguageFeatures(context: vscode.ExtensionContext): vscode.Disposable[] {
  const log = vscode.window.createOutputChannel('Activation Lens', { log: true });
  const live = vscode.languages.createDiagnosticCollection('activationLens');
  const workspace = vscode.languages.createDiagnosticCollection('activationLens.workspace');
  const project = vscode.languages.createDiagnosticCollection('activationLens.project');
  const index = new ProjectIndex(project, log);
  const diagnostics = new DiagnosticsController(live, log, (uri) => workspace.delete(uri), (uri, language, result) => index.fromEditor(uri, language, result));
  const selector: vscode.DocumentSelector = SERVED_LANGUAGES.map((language) => ({ language }));
  const inlay = new ActivationInlayHints(diagnostics);
  const lenses = new ModelCodeLenses(diagnostics);
  return [
    log,
    live,
    workspace,
    project,
    index,
    diagnostics,
    vscode.languages.registerHoverProvider(selector, new ActivationHoverProvider(diagnostics, index)),
    vscode.languages.registerCodeActionsProvider(selector, new ActivationCodeActions(diagnostics), ActivationCodeActions.metadata),
    inlay,
    vscode.languages.registerInlayHintsProvider(selector, inlay),
    lenses,
    vscode.languages.registerCodeLensProvider(selector, lenses),
    new ModelsView(diagnostics),
    ...registerCommands(context, diagnostics, workspace),
  ];
}
