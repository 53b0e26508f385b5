/**
 * Code actions per finding: its fix (preferred only when safe), fix-all for the rule in the file
 * (safe fixes only), a `noqa` suppression, and the rule's documentation; plus
 * `source.fixAll.activationLens`, which applies every safe fix in the document.
 */
import * as vscode from 'vscode';
import type { Finding, TextEdit } from '../core/types';
import { findingFor, ruleIdOf } from './convert';
import type { CurrentResult, DiagnosticsController } from './diagnostics';
import { combineFixes, noqaEdit } from '../shared/fixes';
import { locate, type Subject } from './subjects';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('activationLens');
export const SHOW_DOCS_COMMAND = 'activationLens.showRuleDocs';

function workspaceEdit(s: Subject, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) {
    const at = locate(s, e.range);
    if (at) we.replace(at.uri, at.range, e.newText);
  }
  return we;
}

/** Findings that land on this document (for a cell: that cell only). */
function onDocument(current: CurrentResult): Finding[] {
  return current.result.findings.filter((f) => current.cell === undefined || f.range.cell === current.cell);
}

export class ActivationCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly diagnostics: DiagnosticsController) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const wantsFixAll = context.only?.contains(FIX_ALL_KIND) || (context.only && FIX_ALL_KIND.contains(context.only));
    const ours = context.diagnostics.filter((d) => ruleIdOf(d) !== undefined);
    if (!wantsFixAll && ours.length === 0) return [];
    const current = await this.diagnostics.resultFor(doc);
    if (!current || token.isCancellationRequested) return [];
    const findings = onDocument(current);
    if (wantsFixAll) {
      const edits = combineFixes(findings, true);
      if (!edits.length) return [];
      const all = new vscode.CodeAction(vscode.l10n.t('Fix all safe Activation Lens problems'), FIX_ALL_KIND);
      all.edit = workspaceEdit(current.subject, edits);
      return [all];
    }
    const actions: vscode.CodeAction[] = [];
    const rulesDone = new Set<string>();
    for (const d of ours) {
      const f = findingFor(current.subject, current.result, d, doc.uri);
      if (!f) continue;
      if (f.fix) {
        const title = f.fix.safe ? f.fix.title : vscode.l10n.t('{0} (changes what the model computes)', f.fix.title);
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.edit = workspaceEdit(current.subject, f.fix.edits);
        a.diagnostics = [d];
        a.isPreferred = f.fix.safe;
        actions.push(a);
      }
      if (!rulesDone.has(f.rule)) {
        rulesDone.add(f.rule);
        const same = findings.filter((g) => g.rule === f.rule && g.fix?.safe);
        if (same.length > 1) {
          const a = new vscode.CodeAction(vscode.l10n.t('Fix all {0} problems in this file', f.rule), vscode.CodeActionKind.QuickFix);
          a.edit = workspaceEdit(current.subject, combineFixes(same, true));
          actions.push(a);
        }
      }
      const noqa = this.noqa(doc, d, f.rule);
      if (noqa) actions.push(noqa);
      const docs = new vscode.CodeAction(vscode.l10n.t('Show documentation for {0}', f.rule), vscode.CodeActionKind.QuickFix);
      docs.command = { title: docs.title, command: SHOW_DOCS_COMMAND, arguments: [f.rule] };
      actions.push(docs);
    }
    return actions;
  }

  private noqa(doc: vscode.TextDocument, d: vscode.Diagnostic, rule: string): vscode.CodeAction | undefined {
    const line = doc.lineAt(d.range.start.line);
    const style = doc.languageId === 'python' ? 'python' : 'js';
    const e = noqaEdit(line.text, rule, style);
    if (!e) return undefined;
    const a = new vscode.CodeAction(vscode.l10n.t('Suppress {0} on this line (noqa)', rule), vscode.CodeActionKind.QuickFix);
    a.edit = new vscode.WorkspaceEdit();
    a.edit.replace(doc.uri, new vscode.Range(line.lineNumber, e.start, line.lineNumber, e.end), e.newText);
    a.diagnostics = [d];
    return a;
  }
}
