/** The commands this module owns: Check Workspace and Show Rule Documentation. */
import * as vscode from 'vscode';
import { checkWorkspace, CHECK_WORKSPACE_COMMAND } from './checkWorkspace';
import { SHOW_DOCS_COMMAND } from './codeActions';
import type { DiagnosticsController } from './diagnostics';
import { ruleDocsPath, ruleDocsUrl } from '../shared/links';

/** Opens the rule's page shipped with the extension as a Markdown preview, else on the web. */
export async function showRuleDocs(extensionUri: vscode.Uri, ruleId: unknown): Promise<void> {
  if (typeof ruleId !== 'string' || !/^ACT\d{3}$/.test(ruleId)) return;
  const local = vscode.Uri.joinPath(extensionUri, ruleDocsPath(ruleId));
  try {
    await vscode.workspace.fs.stat(local);
    await vscode.commands.executeCommand('markdown.showPreview', local);
  } catch {
    await vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(ruleId)));
  }
}

export function registerCommands(
  context: vscode.ExtensionContext,
  diagnostics: DiagnosticsController,
  workspaceCollection: vscode.DiagnosticCollection,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, async () => {
      const r = await checkWorkspace(workspaceCollection, () => diagnostics.refreshAll());
      const text = r.cancelled
        ? vscode.l10n.t('Activation Lens: check cancelled after {0} files ({1} problems).', r.files, r.problems)
        : vscode.l10n.t('Activation Lens: checked {0} files, {1} problems.', r.files, r.problems);
      void vscode.window.showInformationMessage(text);
      return r;
    }),
    vscode.commands.registerCommand(SHOW_DOCS_COMMAND, (ruleId: unknown) => showRuleDocs(context.extensionUri, ruleId)),
  ];
}
