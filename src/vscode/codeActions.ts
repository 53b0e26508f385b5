/**
 * Code actions per finding: its fix (preferred only when safe), fix-all for the rule in the file
 * (safe fixes only), a `noqa` suppression, and the rule's documentation; plus
 * `source.fixAll.activationLens`, which applies every safe fix in the document. Which actions a
 * finding gets is decided in src/shared/actions.ts (the language server offers the same).
 */
import * as vscode from 'vscode';
import type { Finding, TextEdit } from '../core/types';
import { findingsOnDocument, fixAllPlan, quickFixPlans, type ActionPlan } from '../shared/actions';
import { findingFor, ruleIdOf } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { locate, type Subject } from './subjects';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('activationLens');
export const SHOW_DOCS_COMMAND = 'activationLens.showRuleDocs';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

function workspaceEdit(s: Subject, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) {
    const at = locate(s, e.range);
    if (at) we.replace(at.uri, at.range, e.newText);
  }
  return we;
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
    const findings = findingsOnDocument(current.result.findings, current.cell);
    const toAction = (p: ActionPlan, kind: vscode.CodeActionKind, d?: vscode.Diagnostic): vscode.CodeAction => {
      const a = new vscode.CodeAction(p.title, kind);
      if (p.edits) a.edit = workspaceEdit(current.subject, p.edits);
      if (p.docsFor) a.command = { title: p.title, command: SHOW_DOCS_COMMAND, arguments: [p.docsFor] };
      if (d) a.diagnostics = [d];
      if (p.isPreferred !== undefined) a.isPreferred = p.isPreferred;
      return a;
    };
    if (wantsFixAll) {
      const all = fixAllPlan(findings, t);
      return all ? [toAction(all, FIX_ALL_KIND)] : [];
    }
    const diagnosticOf = new Map<Finding, vscode.Diagnostic>();
    for (const d of ours) {
      const f = findingFor(current.subject, current.result, d, doc.uri);
      if (f && !diagnosticOf.has(f)) diagnosticOf.set(f, d);
    }
    const plans = quickFixPlans([...diagnosticOf.keys()], findings, {
      t,
      style: doc.languageId === 'python' ? 'python' : 'js',
      lineText: (f) => (f.range.start.line < doc.lineCount ? doc.lineAt(f.range.start.line).text : undefined),
      docs: true,
    });
    return plans.map((p) => toAction(p, vscode.CodeActionKind.QuickFix, p.resolves && diagnosticOf.get(p.resolves)));
  }
}
