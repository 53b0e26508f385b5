/** Where the panel's functions come from: a multi-select pick of the catalog, or the active editor. */
import * as vscode from 'vscode';
import { analyze } from '../../core/analyze';
import { entries, getEntry } from '../../core/math';
import type { FunctionSpec } from '../../../webview/protocol';
import { notebookSubject, subjectInput, textSubject, type Subject } from '../subjects';
import { panelLocale } from './strings';

export async function pickFunctions(current: readonly FunctionSpec[] | undefined): Promise<FunctionSpec[] | undefined> {
  const chosen = new Set((current ?? []).map((f) => f.id));
  const locale = panelLocale();
  const items = entries().map((e) => ({
    label: e.displayName,
    description: e.id,
    detail: e.docs[locale].formula,
    picked: chosen.has(e.id),
    id: e.id,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Plot Activation Functions'),
    placeHolder: vscode.l10n.t('Choose the functions to plot'),
    matchOnDescription: true,
  });
  if (!picked || picked.length === 0) return undefined;
  return picked.map((p) => current?.find((f) => f.id === p.id) ?? { id: p.id, params: {} });
}

function activeSubject(): Subject | undefined {
  const nb = vscode.window.activeNotebookEditor?.notebook;
  if (nb) return notebookSubject(nb);
  const doc = vscode.window.activeTextEditor?.document;
  return doc ? textSubject(doc) : undefined;
}

/** The distinct activations (id, framework, params as written) in the active editor, in source order. */
export async function activationsInEditor(): Promise<FunctionSpec[] | undefined> {
  const subject = activeSubject();
  const input = subject && subjectInput(subject);
  if (!input) return undefined;
  const result = await analyze(input.text, { language: input.language, locale: panelLocale() });
  const seen = new Set<string>();
  const specs: FunctionSpec[] = [];
  for (const site of result.activations) {
    if (!site.id) continue;
    const spec: FunctionSpec = { id: site.id, framework: site.framework, name: site.name, params: { ...site.params } };
    // The axis of a vector op does not change its plot: softmax(dim=1) and softmax(dim=-1) are one curve.
    const vector = getEntry(site.id)?.properties.vector === true;
    const drawn = Object.entries(spec.params).filter(([k]) => !(vector && (k === 'axis' || k === 'dim')));
    const key = JSON.stringify([spec.id, spec.framework, drawn.sort()]);
    if (seen.has(key)) continue;
    seen.add(key);
    specs.push(spec);
  }
  return specs;
}
